"""What a page may contain, checked on what the parsers made of it.

Pages come from translators' and volunteers' pull requests. Raw HTML is off in the Markdown
parser (guide/site/raw_html_off.py): `<tag>` in a page is text. What Markdown renders passes the
allow-list of guide/content/sanitize.py; front matter is read as MkDocs reads it and validated
(guide/content/frontmatter.py); the termbase, script-mixing and sentence rules read the text.
`python -m guide check-content` renders each page with mkdocs.yml's Markdown extensions
(guide/site/parsers.py `PageMarkdown`), the build checks the page's own rendering
(guide/site/features.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from guide.content.frontmatter import front_matter_problems, split
from guide.content.plain_language import abbreviations, sentences, too_long
from guide.content.sanitize import content_findings, source_line
from guide.data.facts import Register, load_facts, reference_problem, references
from guide.data.glossary import Term, load_glossary
from guide.data.languages import default_language, page_language
from guide.data.termbase import (
    Termbase,
    blank_markdown,
    first_mention_problems,
    load_termbase,
    polish_terms,
    repeated_brackets,
    text_problems,
)
from guide.data.typed_values import Patterns, typed_value_problems, value_patterns
from guide.data.ui import Ui, load_ui
from guide.data.yamlfile import DataError


class TextRules:
    """What the page checks read from the data files (the termbase, the fact register and the
    words of data/ui.yml), given once for every page a build or a command checks; what is
    derived from them is worked out on first use, once."""

    def __init__(
        self, *, ui: Ui, termbase: Termbase, glossary: tuple[Term, ...], register: Register
    ) -> None:
        self.ui, self.termbase, self.glossary, self.register = ui, termbase, glossary, register

    @classmethod
    def load(cls) -> TextRules:
        """The rules of the data files as they are now (raises DataError for a broken one)."""
        ui = load_ui()
        return cls(
            ui=ui,
            termbase=load_termbase(),
            glossary=load_glossary(),
            register=load_facts(ui=ui),
        )

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        return abbreviations(self.ui)

    @cached_property
    def patterns(self) -> Patterns:
        return value_patterns(self.ui)

    @cached_property
    def polish_terms(self) -> frozenset[str]:
        return polish_terms(self.termbase, self.glossary)


def rendered_problems(path: Path, source: str, html: str) -> list[DataError]:
    """Everything in a page's rendered content (`html`, from the page's file text `source`)
    outside the allow-list, at its line in the file where the text is found there."""
    problems = []
    for finding in content_findings(html):
        line = source_line(source, finding.needle)
        if line is None:
            problems.append(
                DataError(path, 1, f"{finding.message} (line {finding.line} of the HTML)")
            )
        else:
            problems.append(DataError(path, line, finding.message))
    return problems


def content_problems(
    path: Path,
    text: str,
    *,
    render: Callable[[str], str] | None = None,
    meta: Mapping[str, Any] | None = None,
    rules: TextRules | None = None,
) -> list[DataError]:
    """Every rule broken by the page at `path` (whose text is `text`), with its line; with
    `render` (a PageMarkdown) also what its rendered Markdown holds outside the allow-list;
    `meta`: the front matter as MkDocs read it (page.meta in the build); `rules`: the data
    files' (read when not given)."""
    try:
        _, body = split(path, text)
        rules = rules or TextRules.load()
    except DataError as error:
        return [error]
    problems = front_matter_problems(path, text, meta=meta)
    if render is not None:
        html = render(body)
        problems += rendered_problems(path, text, html)
        problems += typed_value_problems(
            path, text, html, body=len(text) - len(body), patterns=rules.patterns
        )
    # Blanking keeps every character's place: the body's is the end of the text's.
    blanked = blank_markdown(text)
    blanked_body = blanked[len(text) - len(body) :]
    problems += fact_reference_problems(
        path, text, register=rules.register, body=body, blanked_body=blanked_body
    )
    problems.extend(
        reader_text_problems(path, text, rules=rules, body=body, blanked=(blanked, blanked_body))
    )
    return sorted(problems, key=lambda problem: problem.line)


def fact_reference_problems(
    path: Path, text: str, *, register: Register, body: str, blanked_body: str | None = None
) -> list[DataError]:
    """An unknown key or modifier in a `[[fact: …]]` / `[[period: …]]` of the page's `body`
    (its text after the front matter; `blanked_body`: it blanked, when already done)."""
    offset = text.count("\n", 0, len(text) - len(body)) if body else 0
    problems = []
    for reference in references(blank_markdown(body) if blanked_body is None else blanked_body):
        problem = reference_problem(reference, register)
        if problem is not None:
            problems.append(DataError(path, offset + reference.line, problem))
    return problems


def reader_text_problems(
    path: Path,
    text: str,
    *,
    rules: TextRules,
    body: str,
    blanked: tuple[str, str] | None = None,
) -> list[DataError]:
    """The termbase, script and sentence-length rules (guide/data/termbase.py, plain_language.py);
    `body`: the text after the front matter (the title and description stand alone); `blanked`:
    the text and the body blanked (blank_markdown), when already done."""
    lang = page_language(path)
    blanked_text, blanked_body = blanked or (blank_markdown(text), blank_markdown(body))
    termbase = rules.termbase
    found = text_problems(path, blanked_text, lang=lang, termbase=termbase)
    offset = text.count("\n", 0, len(text) - len(body)) if body else 0
    found += first_mention_problems(path, body, lang=lang, first_line=offset + 1, termbase=termbase)
    found_sentences = sentences(
        body, first_line=offset + 1, known=rules.abbreviations, blanked=blanked_body
    )
    return found + too_long(path, found_sentences)


def bracket_report(path: Path, text: str, *, names: frozenset[str] | None = None) -> list[str]:
    """Not a failure: a Polish term in brackets more than once on a translated page (the
    bracket belongs at the first mention; later mentions read better without it)."""
    if page_language(path) in ("", default_language()):
        return []
    try:
        _, body = split(path, text)  # the description in the front matter stands alone
        repeated = repeated_brackets(blank_markdown(body), names=names)
    except DataError:  # reported by content_problems
        return []
    offset = text.count("\n", 0, len(text) - len(body)) if body else 0
    return [
        f"{path}: ({term}) in brackets {len(lines)} times (lines "
        f"{', '.join(str(offset + line) for line in lines)}): keep it at the first mention only"
        for term, lines in sorted(repeated.items())
    ]


def typed_problems(
    paths: Iterable[Path], *, render: Callable[[str], str], ui: Ui | None = None
) -> list[DataError]:
    """Every value typed into the pages at `paths` (rendered by `render`, a PageMarkdown)."""
    patterns = value_patterns(ui)
    problems: list[DataError] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            _, body = split(path, text)
        except DataError:  # reported by content_problems
            continue
        problems += typed_value_problems(
            path, text, render(body), body=len(text) - len(body), patterns=patterns
        )
    return problems
