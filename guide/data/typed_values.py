"""Values typed into a page instead of taken from data/facts.yml: `check-content` fails on an
amount, a percentage, a date, a number with a duration unit or a phone number in a page's
text, so a translation cannot drift from Polish on a number and a value changes in one place.

It reads what readers read: the text of the page's rendered Markdown (PageMarkdown), without
code, link targets and other attributes, and without `[[fact: …]]` references. Not values:
article and provision numbers (art. 12, § 5, ust. 2, pkt 3), Dz.U. references, list numbering
(Markdown's <ol>), a year alone ("w 2026 roku"), numbers inside names ("800+"), the date in an
act's title ("ustawa z dnia 12 marca 2022 r.", "the Act of 12 March 2022") and the date a source
was checked, written YYYY-MM-DD ("sprawdzono 2026-12-01").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from guide.data.facts import REFERENCE
from guide.data.languages import language_codes
from guide.data.locales import locale
from guide.data.ui import load_ui
from guide.data.yamlfile import DataError

# Elements whose text readers do not read as prose (code) and elements that end a run of text.
_SKIPPED = frozenset({"code", "pre", "script", "style"})
_BLOCKS = frozenset(
    {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "div", "details",
     "blockquote", "dt", "dd", "ul", "ol", "table", "tr", "br", "hr"}
)  # fmt: skip
_NUMBER = r"\d+(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d+)?"
# Currency signs and words of every language, beside those of data/ui.yml's units.
_CURRENCY = r"zł\.?|PLN|EUR|€|euro|евро|євро|złot\w*|злот\w*|gr\b|грош\w*"
_PERCENT = r"%|proc\.|procent\w*|відсот\w*|процент\w*|per\s?cent\b"
# Duration adjectives: "30-dniowy", "14-денний", "30-day", "3-miesięczny".
_DURATION_ADJECTIVE = (
    r"(?:dniow|dzienn|denn|дневн|денн|day|week|tygodni|тижнев|недельн|month|miesięczn|місячн"
    r"|месячн|year|roczn|letn|річн|летн|godzin|годин|часов|hour)\w*"
)
# What introduces the date of an act in its title: "ustawa z dnia", "закон від", "the Act of".
_ACT_DATE = re.compile(
    r"(?:ustaw\w*|rozporządzeni\w*|obwieszczeni\w*|закон\w*|постанов\w*|розпорядженн\w*"
    r"|указ\w*|dyrektyw\w*|директив\w*|act|regulation|ordinance|decree|directive)\s+(?:z\s+dnia|z|від|от|of|dated)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TypedValue:
    what: str  # amount, percentage, date, deadline, phone number
    text: str


def _words(forms: dict[str, dict[str, str]]) -> set[str]:
    """The words of unit forms, and each form's whole phrase ("dni roboczych")."""
    phrases = {f.replace("{n}", "").strip() for by in forms.values() for f in by.values()}
    return phrases | {word for phrase in phrases for word in phrase.split()}


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(what, pattern) in order of precedence; words from CLDR and data/ui.yml for every
    language of the site, so a page in one language typing another's unit is found too."""
    units = load_ui().units
    currencies = {"PLN", "EUR"}
    unit_words = set().union(*(_words(units[u]) for u in units if u not in currencies))
    money_words = set().union(*(_words(units[u]) for u in units if u in currencies))
    months: set[str] = set()
    for lang in language_codes():
        for context in ("format", "stand-alone"):
            months.update(locale(lang).months[context]["wide"].values())

    def alternatives(words: set[str]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    money = f"{_CURRENCY}|{alternatives(money_words)}"
    month = alternatives(months)
    return (
        ("amount", re.compile(rf"(?:PLN|EUR|€)\s?{_NUMBER}|{_NUMBER}\s?(?:{money})(?!\w)")),
        ("percentage", re.compile(rf"{_NUMBER}\s?(?:{_PERCENT})")),
        (
            "date",
            re.compile(
                rf"(?<![\d.])\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}(?![\d.]\d)"
                rf"|(?<![\d.,])\d{{1,2}}\s+(?:{month})(?!\w)(?:\s+\d{{4}}(?:\s?[r\u0440\u0433]\.)?)?"
                rf"|\b(?:{month})\s+\d{{1,2}}\b(?![.,]?\d)(?:,\s\d{{4}})?",
                re.IGNORECASE,
            ),
        ),
        (
            "phone number",
            re.compile(
                r"(?<![\d/.,])(?:\+\s?48[\s-]?)?(?:\(\d{2,3}\)\s?)?"
                r"\d{2,3}(?:[ \u00a0-]\d{2,3}){2,4}(?![\d/]|[.,]\d)"
                r"|(?<!\d)116[ \u00a0-]?\d{3}(?!\d)"
            ),
        ),
        (
            "deadline",
            re.compile(
                rf"(?<![\d.,])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?(?:\s|\u00a0)(?:{alternatives(unit_words)})(?!\w)"
                rf"|(?<![\d.,])\d+[-\u2011]{_DURATION_ADJECTIVE}",
                re.IGNORECASE,
            ),
        ),
    )


class _Text(HTMLParser):
    """The runs of reader text of an HTML fragment: inline elements join, blocks separate,
    code is left out; attributes (link targets) are never text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = [""]
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
            self.runs[-1] += " "
        elif tag in _BLOCKS:
            self.runs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.runs.append("")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.runs[-1] += data


def reader_text(html: str) -> list[str]:
    """The text runs readers read in `html`, spaces collapsed, fact references removed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    runs = (REFERENCE.sub(" ", " ".join(run.split())) for run in parser.runs)
    return [run for run in runs if run.strip()]


def typed_values(text: str) -> list[TypedValue]:
    """The values typed into one run of text, each once (the first kind that matches it)."""
    found: list[tuple[int, int, TypedValue]] = []
    for what, pattern in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in found):
                continue
            if what == "date" and _ACT_DATE.search(text[max(0, start - 60) : start]):
                continue
            found.append((start, end, TypedValue(what, match[0].strip())))
    return [value for _, _, value in sorted(found, key=lambda item: item[0])]


def _line(source: str, needle: str, cursor: int, body: int) -> tuple[int | None, int]:
    """The line of `needle` in the page's file at or after `cursor` (else anywhere), and the
    new cursor (else from `body`, the Markdown's start); (None, cursor) when the text is not in
    the file as written (markup inside).
    Any run of spaces (no-break ones too) matches any other; failing that, the number alone."""
    candidates = [needle]
    number = re.search(r"\d[\d\s]*", needle)
    if number:
        candidates.append(number[0].strip())
    for candidate in candidates:
        pattern = re.compile(r"\s+".join(re.escape(part) for part in candidate.split()))
        for start in (cursor, body):
            found = pattern.search(source, start)
            if found:
                return source.count("\n", 0, found.start()) + 1, found.end()
    return None, cursor


def typed_value_problems(path: Path, source: str, html: str, *, body: int = 0) -> list[DataError]:
    """A problem for each value typed into the page (`source`: its file, `html`: its rendered
    Markdown, `body`: where the Markdown starts in the file, after the front matter), at its
    line in the file."""
    problems: list[DataError] = []
    cursor = body
    for run in reader_text(html):
        for value in typed_values(run):
            line, cursor = _line(source, value.text, cursor, body)
            problems.append(
                DataError(
                    path,
                    line or 1,
                    f"typed-in {value.what} {value.text!r}: take it from data/facts.yml with "
                    "[[fact: KEY]] (CONTRIBUTING.md, Numbers)",
                )
            )
    return problems
