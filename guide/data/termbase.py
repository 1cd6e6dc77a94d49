"""The termbase (data/termbase.yml): one rendering per official term and language, the variants
to avoid, and the checks that keep pages, data/ui.yml and data/glossary.yml to it.

Also the script check: a word mixing Latin and Cyrillic letters (a Cyrillic word with a Latin
"i" in it) breaks screen readers and search, and is never right.
"""

from __future__ import annotations

import re
from _sre import unicode_tolower  # type: ignore[import-not-found]  # re's own lower case
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from re import _casefix  # type: ignore[attr-defined]  # re's own case table (case_keys)
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from guide import DATA_DIR
from guide.data.data_files import DataFiles
from guide.data.glossary import GLOSSARY_YML, Term, load_glossary
from guide.data.languages import default_language, language_codes
from guide.data.plain_text import Name, Note, plain_text_problem
from guide.data.ui import UI_YML
from guide.data.yamlfile import DataError, LoadedYaml, load_model, load_yaml

TERMBASE_YML = DATA_DIR / "termbase.yml"
MINIMUM_TERMS = 40
REGEX_PREFIX = "re:"
# A word: letters, optionally joined by hyphens or apostrophes ("e-посвідчення", "з'явитися").
JOINERS = "-'\u2019"  # hyphen, apostrophe, typographic apostrophe
WORD = re.compile(rf"[^\W\d_]+(?:[{JOINERS}][^\W\d_]+)*")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ABBREVIATION = re.compile(r"[A-Z]{2,}")  # "ID-картка", "SMS-код": a Latin acronym, then a word
# What the checks skip in Markdown: code, link targets and bare URLs.
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
# A glossary translation may name, in brackets, the word readers know for the term:
# "карта побыту (вид на жительство)", an avoided variant that search then finds the term by.
_BRACKETS = re.compile(r"\([^()]*\)")
# A link's target "](...)" and a bare URL, "<https://...>" or "https://...". Each alternative
# starts with a character, its look-behind after it, so `re` skips to where one can start
# instead of trying the whole pattern at every character (four times faster on a page).
_LINK_OR_URL = r"\((?<=\]\()[^)\s]*\)|<https?://[^\s)>]+>?|https?://[^\s)>]+>?"
_URL = re.compile(_LINK_OR_URL + r"|\b[\w.+-]+@[\w-]+\.[\w.]+")
# _URL without its e-mail address, the same matches in a text without "@" (most pages), where
# the address's pattern, tried at every word, is most of _URL's time.
_URL_NO_EMAIL = re.compile(_LINK_OR_URL)


def _case_key(char: str) -> str:
    """One character standing for every character that `re` matches `char` with under
    IGNORECASE, as re/_compiler.py compiles a literal: its simple lower case (re's own),
    joined with the extra cases re adds (long s with 's', U+1C80 with 'в')."""
    lower: int = unicode_tolower(ord(char))
    return chr(min((lower, *_casefix._EXTRA_CASES.get(lower, ()))))


def case_keys(text: str) -> str:
    """`text`, each character replaced by its _case_key: one character for one, so an offset
    here is the same offset in `text`. Wherever a case-insensitive pattern that starts with a
    literal matches `text`, the literal's case_keys stand here (the converse need not hold)."""
    table = {ord(char): _case_key(char) for char in set(text)}
    # Mostly each key is the character's lower case: str.lower then does it (a C loop, not
    # a table lookup per character). Its one rule beyond single characters, the final sigma,
    # never applies: the capital sigma's key is the final sigma, not its lower case, so a text
    # holding it is translated.
    if all(chr(code).lower() == key for code, key in table.items()):
        return text.lower()
    return text.translate(table)


def literal_matches(
    pattern: re.Pattern[str], text: str, *, keys: str, prefix: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a case-insensitive pattern that can match only where its
    literal start, `prefix` (its case_keys), stands in `keys` (case_keys(text)): the pattern
    is tried at those offsets only, rather than at every character of the text."""
    at = keys.find(prefix)
    while at != -1:
        match = pattern.match(text, at)  # a look-behind still sees the text before `at`
        if match is None:
            at = keys.find(prefix, at + 1)
        else:
            yield match
            at = keys.find(prefix, max(match.end(), at + 1))


def variant_prefix(variant: str) -> str | None:
    """The case_keys of the literal a variant's pattern starts with (its first word's stem);
    None for a `re:` variant."""
    if variant.startswith(REGEX_PREFIX) or not variant.split():
        return None
    return case_keys(variant.split()[0].removesuffix("*")) or None


def variant_hint(variant: str) -> str | None:
    """What a text matching the variant's pattern holds (case folded): the stem of its first
    word; None for a `re:` variant. A text without it is not searched for the variant."""
    if variant.startswith(REGEX_PREFIX) or not variant.split():
        return None
    return variant.split()[0].removesuffix("*").casefold()


def variant_pattern(variant: str) -> re.Pattern[str]:
    """The regex of an avoid variant: a phrase (whole words, `*` = any ending) or `re:REGEX`."""
    if variant.startswith(REGEX_PREFIX):
        return re.compile(variant.removeprefix(REGEX_PREFIX), re.IGNORECASE)
    words = []
    for word in variant.split():
        stem = word.removesuffix("*")
        words.append(re.escape(stem) + (r"\w*" if stem != word else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


class FirstMention(BaseModel):
    """On a page, the first mention of `term` (a phrase) needs `needs` (a phrase) in its line."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(min_length=1)
    needs: str = Field(min_length=1)


class TermEntry(BaseModel):
    """One term: `pl`, a rendering per translated language (extra keys), `avoid`, `allow`,
    `first_mention`, `note`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    pl: Name
    avoid: dict[str, list[Name]] = {}
    allow: dict[str, list[Name]] = {}
    first_mention: dict[str, FirstMention] = {}
    note: Note | None = None

    @model_validator(mode="after")
    def _plain_renderings(self) -> TermEntry:
        for lang, value in (self.model_extra or {}).items():
            problem = plain_text_problem(value) if isinstance(value, str) else "not a text"
            if problem is not None:
                raise ValueError(f"{lang}: {problem}")
        return self

    def rendering(self, lang: str) -> str:
        value: str = (self.model_extra or {})[lang]
        return value


class TermbaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[TermEntry]
    mixed_script_allowed: list[str] = []


@dataclass(frozen=True)
class Avoided:
    term: TermEntry
    lang: str
    variant: str
    pattern: re.Pattern[str]
    allowed: tuple[re.Pattern[str], ...] = ()
    hint: str | None = None  # variant_hint
    prefix: str | None = None  # variant_prefix

    def mistakes(self, text: str, *, keys: str | None = None) -> Iterator[re.Match[str]]:
        """Matches of the variant, except those inside an allowed phrase of the same term.
        `keys`: case_keys(text), where the variant is looked for first."""
        if keys is None or self.prefix is None:
            matches = self.pattern.finditer(text)
        else:
            matches = literal_matches(self.pattern, text, keys=keys, prefix=self.prefix)
        spans: list[tuple[int, int]] | None = None
        for match in matches:
            if spans is None:
                spans = [m.span() for allow in self.allowed for m in allow.finditer(text)]
            if not any(start <= match.start() and match.end() <= end for start, end in spans):
                yield match


@dataclass(frozen=True)
class Explained:
    """A term whose first mention on a page needs a phrase in the same line (`first_mention`)."""

    term: TermEntry
    lang: str
    rule: FirstMention
    mention: re.Pattern[str]
    needs: re.Pattern[str]
    hint: str | None = None  # variant_hint of the term
    prefix: str | None = None  # variant_prefix of the term

    def first_mention(self, text: str, *, keys: str | None = None) -> re.Match[str] | None:
        """The term's first mention in `text` (`keys`: case_keys(text))."""
        if keys is None or self.prefix is None:
            return self.mention.search(text)
        return next(literal_matches(self.mention, text, keys=keys, prefix=self.prefix), None)


@dataclass(frozen=True)
class Termbase:
    terms: tuple[TermEntry, ...]
    avoided: tuple[Avoided, ...]
    mixed_script_allowed: frozenset[str]
    explained: tuple[Explained, ...] = ()

    def avoided_in(self, lang: str) -> tuple[Avoided, ...]:
        return tuple(entry for entry in self.avoided if entry.lang == lang)

    def explained_in(self, lang: str) -> tuple[Explained, ...]:
        return tuple(entry for entry in self.explained if entry.lang == lang)


def _phrase_problems(phrase: str) -> Iterator[str]:
    try:
        variant_pattern(phrase)
    except re.error as error:
        yield f"{phrase!r} is not a valid regular expression: {error}"
        return
    if not phrase.strip() or phrase.strip() != phrase:
        yield f"{phrase!r} is empty or has spaces around it"


def _variant_problems(
    lang: str, variants: list[str], entry: TermEntry, *, kind: str, translated: list[str]
) -> Iterator[str]:
    if lang not in translated:
        yield f"{lang!r} is not a translated language"
        return
    for variant in variants:
        problems = list(_phrase_problems(variant))
        yield from problems
        if problems:
            continue
        pattern = variant_pattern(variant)
        if kind == "avoid" and pattern.search(entry.rendering(lang)):
            yield f"{variant!r} matches the rendering {entry.rendering(lang)!r} itself"
        if (
            kind == "allow"
            and not variant.startswith(REGEX_PREFIX)
            and not any(
                variant_pattern(avoided).search(variant.replace("*", ""))
                for avoided in entry.avoid.get(lang, [])
            )
        ):
            yield f"{variant!r} contains none of the variants to avoid (nothing to allow)"


def _first_mention_problems(
    lang: str, rule: FirstMention, entry: TermEntry, *, translated: list[str]
) -> Iterator[str]:
    if lang not in translated:
        yield f"{lang!r} is not a translated language"
        return
    problems = [
        problem for phrase in (rule.term, rule.needs) for problem in _phrase_problems(phrase)
    ]
    yield from problems
    if not problems and not variant_pattern(rule.term).search(core(entry.rendering(lang))):
        yield f"term {rule.term!r} does not match the rendering {core(entry.rendering(lang))!r}"


def _cross_checks(loaded: LoadedYaml, model: TermbaseFile) -> list[DataError]:
    problems: list[DataError] = []
    translated = [code for code in language_codes() if code != default_language()]
    seen: set[str] = set()
    for index, entry in enumerate(model.terms):
        line = loaded.line_of(("terms", index))
        if entry.pl in seen:
            problems.append(DataError(loaded.path, line, f"term {entry.pl!r} is listed twice"))
        seen.add(entry.pl)
        extra = entry.model_extra or {}
        unknown = sorted(set(extra) - set(translated))
        missing = [code for code in translated if not isinstance(extra.get(code), str)]
        if unknown:
            problems.append(
                DataError(
                    loaded.path,
                    line,
                    f"term {entry.pl!r}: unknown key(s) {', '.join(unknown)} "
                    f"(allowed: pl, {', '.join(translated)}, avoid, note)",
                )
            )
        if missing:
            problems.append(
                DataError(
                    loaded.path, line, f"term {entry.pl!r}: no rendering for {', '.join(missing)}"
                )
            )
            continue
        for kind, lists in (("avoid", entry.avoid), ("allow", entry.allow)):
            for lang, variants in lists.items():
                where = loaded.line_of(("terms", index, kind, lang))
                problems.extend(
                    DataError(loaded.path, where, f"term {entry.pl!r}: {kind}.{lang}: {problem}")
                    for problem in _variant_problems(
                        lang, variants, entry, kind=kind, translated=translated
                    )
                )
        for lang, rule in entry.first_mention.items():
            where = loaded.line_of(("terms", index, "first_mention", lang))
            problems.extend(
                DataError(loaded.path, where, f"term {entry.pl!r}: first_mention.{lang}: {problem}")
                for problem in _first_mention_problems(lang, rule, entry, translated=translated)
            )
    if len(model.terms) < MINIMUM_TERMS:
        problems.append(
            DataError(
                loaded.path,
                1,
                f"{len(model.terms)} terms; the termbase needs at least {MINIMUM_TERMS}",
            )
        )
    return problems


def validate_termbase(path: Path = TERMBASE_YML) -> tuple[Termbase | None, list[DataError]]:
    """Load and check termbase.yml; the termbase (None if invalid) and every problem."""
    loaded, model, problems = load_model(path, TermbaseFile)
    if loaded is None or model is None:
        return None, problems
    problems = _cross_checks(loaded, model)
    if problems:
        return None, problems
    avoided = tuple(
        Avoided(
            entry,
            lang,
            variant,
            variant_pattern(variant),
            tuple(variant_pattern(phrase) for phrase in entry.allow.get(lang, [])),
            variant_hint(variant),
            variant_prefix(variant),
        )
        for entry in model.terms
        for lang, variants in entry.avoid.items()
        for variant in variants
    )
    explained = tuple(
        Explained(
            entry,
            lang,
            rule,
            variant_pattern(rule.term),
            variant_pattern(rule.needs),
            variant_hint(rule.term),
            variant_prefix(rule.term),
        )
        for entry in model.terms
        for lang, rule in entry.first_mention.items()
    )
    termbase = Termbase(
        tuple(model.terms), avoided, frozenset(model.mixed_script_allowed), explained
    )
    return termbase, []


def load_termbase(path: Path = TERMBASE_YML) -> Termbase:
    """The validated termbase; raises the first DataError."""
    termbase, problems = validate_termbase(path)
    if problems or termbase is None:
        raise problems[0]
    return termbase


def core(rendering: str) -> str:
    """The rendering without a trailing bracket: "карта побиту (karta pobytu)" -> "карта побиту"."""
    return re.sub(r"\s*\([^()]*\)$", "", rendering)


def glossary_conflicts(
    termbase: Termbase, *, glossary_path: Path = GLOSSARY_YML
) -> list[DataError]:
    """Glossary translations that do not contain the termbase's rendering of the same term."""
    try:
        terms = load_glossary(glossary_path)
        loaded = load_yaml(glossary_path)
    except DataError as error:
        return [error]
    index_of = {term.term: index for index, term in enumerate(terms)}
    problems = []
    for entry in termbase.terms:
        if entry.pl not in index_of:
            continue
        index = index_of[entry.pl]
        for lang, text in terms[index].translation.items():
            if lang not in (entry.model_extra or {}):
                continue
            wanted = core(entry.rendering(lang))
            if wanted.casefold() not in text.casefold():
                problems.append(
                    DataError(
                        glossary_path,
                        loaded.line_of(("terms", index, "translation", lang)),
                        f"{entry.pl!r} translation.{lang} {text!r} does not use the "
                        f"termbase rendering {wanted!r} (data/termbase.yml)",
                    )
                )
    return problems


def check_termbase() -> list[DataError]:
    """For `check-data` (so also the build): the termbase itself, its agreement with the
    glossary, and avoided variants or mixed-script words in data/ui.yml and data/glossary.yml."""
    termbase, problems = validate_termbase()
    if termbase is None:
        return problems
    return termbase_agreement(termbase, files=DataFiles())


def termbase_agreement(termbase: Termbase, *, files: DataFiles) -> list[DataError]:
    """The glossary and the data files' reader-facing strings (in `files`) against a valid
    termbase."""
    texts = (files.at(UI_YML), files.at(GLOSSARY_YML))
    return glossary_conflicts(termbase, glossary_path=files.at(GLOSSARY_YML)) + (
        data_text_problems(texts, termbase=termbase)
    )


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(match: re.Match[str]) -> str:
    """The match as spaces, its line breaks kept."""
    return _NOT_NEWLINE.sub(" ", match[0])


def blank_markdown(text: str) -> str:
    """Code, link targets and URLs blanked out, line breaks kept (for line numbers)."""
    urls = _URL if "@" in text else _URL_NO_EMAIL
    return urls.sub(_blank, _CODE.sub(_blank, text))


# A Latin and a Cyrillic letter with only letters and joiners between: every word mixing the
# two scripts holds one, so a text without a match has no such word (one search, not one per word).
_LETTERS = rf"(?:[^\W\d_]|[{JOINERS}])*"
MIXED_HINT = re.compile(
    rf"{LATIN.pattern}{_LETTERS}{CYRILLIC.pattern}|{CYRILLIC.pattern}{_LETTERS}{LATIN.pattern}"
)
# MIXED_HINT as two searches that find a match exactly when it does, three times faster: each
# starts with its script's letters (so `re` skips ahead to them), takes the letters between
# without backtracking (those not of the other script), and starts no second time inside a run
# of its own script's letters (a match from there is a match from the run's first letter too).
_NOT_CYRILLIC = rf"(?:[^\W\d_\u0400-\u04ff]|[{JOINERS}])*+"
_NOT_LATIN = rf"(?:[^\W\d_A-Za-z\u00c0-\u024f]|[{JOINERS}])*+"
MIXED_HINTS = (
    re.compile(rf"{LATIN.pattern}(?<!{LATIN.pattern}[^\W\d_]){_NOT_CYRILLIC}{CYRILLIC.pattern}"),
    re.compile(rf"{CYRILLIC.pattern}(?<!{CYRILLIC.pattern}[^\W\d_]){_NOT_LATIN}{LATIN.pattern}"),
)


def mixed_script_words(text: str, *, allowed: frozenset[str]) -> Iterator[re.Match[str]]:
    """Words mixing Latin and Cyrillic letters, except acronym compounds and allowed words."""
    if all(hint.search(text) is None for hint in MIXED_HINTS):
        return
    for match in WORD.finditer(text):
        word = match[0]
        if not (LATIN.search(word) and CYRILLIC.search(word)) or word in allowed:
            continue
        parts = re.split(f"[{JOINERS}]", word)
        if all(
            not (LATIN.search(part) and CYRILLIC.search(part))
            and (not LATIN.search(part) or ABBREVIATION.fullmatch(part))
            for part in parts
        ):
            continue  # "ID-картка": an acronym joined to a word, each in one script
        yield match


def text_problems(
    path: Path, text: str, *, lang: str, first_line: int = 1, termbase: Termbase | None = None
) -> list[DataError]:
    """Avoided variants (of `lang`) and mixed-script words in `text`, which starts at first_line."""
    termbase = termbase or load_termbase()
    problems = []

    def line_at(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    folded = text.casefold()
    keys: str | None = None
    for avoided in termbase.avoided_in(lang):
        if avoided.hint is not None and avoided.hint not in folded:
            continue  # the variant's first word is nowhere in the text
        keys = case_keys(text) if keys is None else keys
        for match in avoided.mistakes(text, keys=keys):
            problems.append(
                DataError(
                    path,
                    line_at(match.start()),
                    f"{lang}: avoid {' '.join(match[0].split())!r} ({avoided.term.pl}): "
                    f"write {avoided.term.rendering(lang)!r} (data/termbase.yml)",
                )
            )
    for match in mixed_script_words(text, allowed=termbase.mixed_script_allowed):
        problems.append(
            DataError(
                path,
                line_at(match.start()),
                f"{match[0]!r} mixes Latin and Cyrillic letters: "
                "write the word in one script (or add it to mixed_script_allowed)",
            )
        )
    return sorted(problems, key=lambda problem: problem.line)


def _strings(data: Any, here: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*here, index))
    elif isinstance(data, str):
        yield here, data


def data_text_problems(
    paths: tuple[Path, ...] = (UI_YML, GLOSSARY_YML), *, termbase: Termbase | None = None
) -> list[DataError]:
    """The same checks over the reader-facing strings of data files: a string under a language
    key (`labels.x.uk`, `translation.ru`) is checked for that language; every string for script.
    """
    try:
        termbase = termbase or load_termbase()
    except DataError as error:
        return [error]
    translated = set(language_codes()) - {default_language()}
    problems: list[DataError] = []
    for path in paths:
        try:
            loaded = load_yaml(path)
        except DataError as error:
            problems.append(error)
            continue
        for location, value in _strings(loaded.data, ()):
            lang = str(location[-1]) if location else ""
            line = loaded.line_of(location)
            if location[:1] == ("terms",) and location[-2:-1] == ("translation",):
                value = _BRACKETS.sub(lambda match: " " * len(match[0]), value)
            found = text_problems(
                path, value, lang=lang if lang in translated else "", termbase=termbase
            )
            # A multi-line scalar may start below its key: report the key's line.
            problems.extend(DataError(path, line, problem.message) for problem in found)
    return problems


# A heading names the topic and a link names a page: neither is the mention to explain.
HEADING_OR_LINK = re.compile(r"^#{1,6}[ \t].*$|!?\[[^\]\n]*\]\([^)\n]*\)", re.MULTILINE)


def first_mention_problems(
    path: Path, text: str, *, lang: str, first_line: int = 1, termbase: Termbase | None = None
) -> list[DataError]:
    """On a page's body (starting at first_line): the first mention of a `first_mention` term
    whose line lacks the phrase it needs (the Polish name in brackets, "grades 1-8").
    Headings, links, code and URLs do not count."""
    termbase = termbase or load_termbase()
    text = blank_markdown(HEADING_OR_LINK.sub(_blank, text))
    problems = []
    folded = text.casefold()
    keys: str | None = None
    for explained in termbase.explained_in(lang):
        if explained.hint is not None and explained.hint not in folded:
            continue  # not mentioned
        keys = case_keys(text) if keys is None else keys
        first = explained.first_mention(text, keys=keys)
        if first is None:
            continue
        start = text.rfind("\n", 0, first.start()) + 1
        end = text.find("\n", first.end())
        line_text = text[start : end if end != -1 else len(text)]
        if not explained.needs.search(line_text):
            problems.append(
                DataError(
                    path,
                    first_line + text.count("\n", 0, first.start()),
                    f"{lang}: the first mention of {' '.join(first[0].split())!r} "
                    f"({explained.term.pl}) on the page needs {explained.rule.needs!r} "
                    "in the same line (data/termbase.yml)",
                )
            )
    return sorted(problems, key=lambda problem: problem.line)


BRACKET = re.compile(r"\(([^()\n]+)\)")


def polish_terms(termbase: Termbase, glossary: tuple[Term, ...]) -> frozenset[str]:
    """Polish names a translation puts in brackets: the termbase's and glossary's terms and the
    bracketed names in the termbase's renderings (acronyms are left out: "(MOS)" is a name)."""
    names = {entry.pl for entry in termbase.terms}
    names |= {term.term for term in glossary}
    for entry in termbase.terms:
        for value in (entry.model_extra or {}).values():
            names |= set(BRACKET.findall(value))
    return frozenset(name.casefold() for name in names if not name.isupper())


def repeated_brackets(text: str, *, names: frozenset[str] | None = None) -> dict[str, list[int]]:
    """A Polish term given in brackets more than once on a page: {term: [line, ...]}.
    The bracket belongs at the first mention only. `text` has code and URLs blanked."""
    names = polish_terms(load_termbase(), load_glossary()) if names is None else names
    lines: dict[str, list[int]] = {}
    for match in BRACKET.finditer(text):
        content = match[1].strip().casefold()
        if content in names:
            lines.setdefault(content, []).append(1 + text.count("\n", 0, match.start()))
    return {term: found for term, found in lines.items() if len(found) > 1}
