"""What a page may contain, checked on what the parsers made of it.

Pages come from translators' and volunteers' pull requests. Raw HTML is off in the Markdown
parser (guide/site/raw_html_off.py): `<tag>` in a page is text. What Markdown renders passes the
allow-list of guide/content/sanitize.py; front matter is read as MkDocs reads it and validated
(guide/content/frontmatter.py); the termbase, script-mixing and sentence rules read the text.
`python -m guide check-content` renders each page with mkdocs.yml's Markdown extensions
(guide/site/parsers.py `PageMarkdown`), the build checks the page's own rendering
(hooks/content_rules.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from guide.content.frontmatter import front_matter_problems, split
from guide.content.plain_language import page_sentences, too_long
from guide.content.sanitize import content_findings, source_line
from guide.data.facts import load_facts, reference_problem, references
from guide.data.languages import default_language, page_language
from guide.data.termbase import (
    blank_markdown,
    first_mention_problems,
    repeated_brackets,
    text_problems,
)
from guide.data.typed_values import typed_value_problems
from guide.data.yamlfile import DataError


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
) -> list[DataError]:
    """Every rule broken by the page at `path` (whose text is `text`), with its line; with
    `render` (a PageMarkdown) also what its rendered Markdown holds outside the allow-list;
    `meta`: the front matter as MkDocs read it (page.meta in the build)."""
    try:
        _, body = split(path, text)
    except DataError as error:
        return [error]
    problems = front_matter_problems(path, text, meta=meta)
    if render is not None:
        html = render(body)
        problems += rendered_problems(path, text, html)
        problems += typed_value_problems(path, text, html, body=len(text) - len(body))
    problems += fact_reference_problems(path, text)
    problems.extend(reader_text_problems(path, text))
    return sorted(problems, key=lambda problem: problem.line)


def fact_reference_problems(path: Path, text: str) -> list[DataError]:
    """An unknown key or modifier in a `[[fact: …]]` / `[[period: …]]` of the page's body."""
    try:
        _, body = split(path, text)
        register = load_facts()
    except DataError as error:
        return [error]
    offset = text.count("\n", 0, len(text) - len(body)) if body else 0
    problems = []
    for reference in references(blank_markdown(body)):
        problem = reference_problem(reference, register)
        if problem is not None:
            problems.append(DataError(path, offset + reference.line, problem))
    return problems


def reader_text_problems(path: Path, text: str) -> list[DataError]:
    """The termbase, script and sentence-length rules (guide/data/termbase.py,
    guide/content/plain_language.py)."""
    blanked, lang = blank_markdown(text), page_language(path)
    try:
        found = text_problems(path, blanked, lang=lang)
        _, body = split(path, text)  # the title and description stand alone
        offset = text.count("\n", 0, len(text) - len(body)) if body else 0
        found += first_mention_problems(path, body, lang=lang, first_line=offset + 1)
    except DataError as error:  # an invalid termbase or front matter: report it, do not crash
        return [error]
    return found + too_long(path, page_sentences(path, text))


def bracket_report(path: Path, text: str) -> list[str]:
    """Not a failure: a Polish term in brackets more than once on a translated page (the
    bracket belongs at the first mention; later mentions read better without it)."""
    if page_language(path) in ("", default_language()):
        return []
    try:
        _, body = split(path, text)  # the description in the front matter stands alone
        repeated = repeated_brackets(blank_markdown(body))
    except DataError:  # reported by content_problems
        return []
    offset = text.count("\n", 0, len(text) - len(body)) if body else 0
    return [
        f"{path}: ({term}) in brackets {len(lines)} times (lines "
        f"{', '.join(str(offset + line) for line in lines)}): keep it at the first mention only"
        for term, lines in sorted(repeated.items())
    ]


def typed_problems(paths: Iterable[Path], *, render: Callable[[str], str]) -> list[DataError]:
    """Every value typed into the pages at `paths` (rendered by `render`, a PageMarkdown)."""
    problems: list[DataError] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            _, body = split(path, text)
        except DataError:  # reported by content_problems
            continue
        problems += typed_value_problems(path, text, render(body), body=len(text) - len(body))
    return problems
