"""Plain language: sentence length in the pages, for readers of a second language.

`python -m guide check-content` reports every page's sentences over REPORT_OVER words (a summary,
not a failure) and fails on any sentence over FAIL_OVER words, naming file:line.

Markdown is cut into units first, each measured on its own: a paragraph, a list item, a heading,
a table cell, an admonition's title. Code, URLs and link targets are not words; directives
(`[[office: pup]]`) and attribute lists are skipped. A unit is then split into sentences
after ".", "!", "?" or "…" followed by a capital letter, except after a known abbreviation
("np.", "e.g.", "напр.") or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from guide.content.directives import ANY
from guide.content.frontmatter import split
from guide.data.languages import page_language
from guide.data.termbase import blank_markdown
from guide.data.ui import load_ui
from guide.data.yamlfile import DataError

REPORT_OVER = 30
FAIL_OVER = 40

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+\"(.*)\")?\s*$")
_DIRECTIVE = ANY
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_ATTRIBUTES = re.compile(r"\{[:.#][^{}]*\}")
_WORD = re.compile(r"\S*[^\W_]\S*")
# A sentence ends at . ! ? … (and closing quotes or brackets), before a capital letter.
_END = re.compile(r"[.!?…][\"'»”)\]*_]*\s+(?=[\"'«„(*_]*[^\W\d_])")


@cache
def abbreviations() -> frozenset[str]:
    """Every language's abbreviations (data/ui.yml `abbreviations`), lower case, without the dot:
    a page may quote another language's ("e.g." in a Polish page)."""
    return frozenset(word for text in load_ui().abbreviations.values() for word in text.split())


@dataclass(frozen=True)
class Sentence:
    line: int
    words: int
    text: str

    def opening(self, words: int = 8) -> str:
        head = self.text.split()[:words]
        return " ".join(head) + (" …" if self.words > words else "")


def units(body: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each unit of the Markdown `body` (line 1 = its first line)."""
    current: list[str] = []
    start = 0

    def flush() -> Iterator[tuple[int, str]]:
        nonlocal current
        if current:
            yield start, " ".join(current)
        current = []

    for number, raw in enumerate(blank_markdown(body).splitlines(), 1):
        line = _ATTRIBUTES.sub(" ", raw)
        if not line.strip() or _DIRECTIVE.match(line):
            yield from flush()
        elif heading := _HEADING.match(line):
            yield from flush()
            yield number, heading[1]
        elif line.lstrip().startswith("|"):
            yield from flush()
            if not _TABLE_RULE.match(line):
                yield from ((number, cell) for cell in line.strip().strip("|").split("|"))
        elif admonition := _ADMONITION.match(line):
            yield from flush()
            if admonition[1]:
                yield number, admonition[1]
        elif item := _ITEM.match(line):
            yield from flush()
            start, current = number, [item[1]]
        else:
            if not current:
                start = number
            current.append(line.strip())
    yield from flush()


def _split(text: str) -> Iterator[str]:
    begin = 0
    for match in _END.finditer(text):
        before = text[begin : match.start()].split()
        last = before[-1].lstrip('(«"*_').lower() if before else ""
        if last in abbreviations() or (len(last) == 1 and last.isalpha()):
            continue
        yield text[begin : match.start() + 1]
        begin = match.end()
    yield text[begin:]


def sentences(body: str, *, first_line: int = 1) -> list[Sentence]:
    """Every sentence of the Markdown `body` with its line and number of words."""
    found = []
    for line, unit in units(body):
        for text in _split(unit):
            words = len(_WORD.findall(text))
            if words:
                found.append(Sentence(first_line + line - 1, words, " ".join(text.split())))
    return found


def page_sentences(path: Path, text: str) -> list[Sentence]:
    """The sentences of a page's body (front matter skipped), numbered by the page's lines."""
    _, body = split(path, text)
    offset = text.count("\n", 0, len(text) - len(body)) if body else text.count("\n")
    return sentences(body, first_line=offset + 1)


def too_long(path: Path, found: list[Sentence]) -> list[DataError]:
    """A failure for every sentence over FAIL_OVER words."""
    return [
        DataError(
            path,
            sentence.line,
            f"sentence of {sentence.words} words (more than {FAIL_OVER}): "
            f"split it: {sentence.opening()!r}",
        )
        for sentence in found
        if sentence.words > FAIL_OVER
    ]


def long_summary(path: Path, found: list[Sentence]) -> str | None:
    """One line naming the page's sentences over REPORT_OVER words, or None."""
    long = [sentence for sentence in found if sentence.words > REPORT_OVER]
    if not long:
        return None
    lines = ", ".join(str(sentence.line) for sentence in long)
    return f"{path}: {len(long)} sentence(s) over {REPORT_OVER} words (line {lines})"


def print_long_sentences(paths: list[Path]) -> None:
    """For check-content: a line per page with sentences over REPORT_OVER words, and a total
    per language (a report for writers, not a failure)."""
    totals: dict[str, int] = {}
    for path in paths:
        try:
            found = page_sentences(path, path.read_text(encoding="utf-8"))
        except DataError:
            continue  # broken front matter: content_problems reports it
        summary = long_summary(path, found)
        if summary:
            print(summary)
            lang = page_language(path) or "?"
            totals[lang] = totals.get(lang, 0) + sum(s.words > REPORT_OVER for s in found)
    for lang, count in totals.items():
        print(f"{lang}: {count} sentence(s) over {REPORT_OVER} words (aim: none over {FAIL_OVER})")
