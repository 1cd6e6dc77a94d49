"""What authored Markdown may contain: no raw HTML, no scripts, no tracking.

Pages come from translators' and volunteers' pull requests; only Markdown and the guide's
own directives are allowed, so a page cannot inject code or load anything from elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide.directives import ANY
from guide.frontmatter import front_matter_problems, split
from guide.plain_language import page_sentences, too_long
from guide.site import default_language, page_language
from guide.termbase import (
    blank_markdown,
    first_mention_problems,
    repeated_brackets,
    text_problems,
)
from guide.yamlfile import DataError

CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"<!--"),
        "HTML comment: only <!-- office: KEY --> and <!-- glossary --> are allowed; delete it",
    ),
    (
        re.compile(r"<(?!https://|mailto:|!--)[A-Za-z][^>]*>?"),
        "raw HTML {found!r} is not allowed: write Markdown instead (see CONTRIBUTING.md)",
    ),
    (
        re.compile(r"\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html", re.IGNORECASE),
        "script URL {found!r} is not allowed: link to an https:// page",
    ),
    (
        re.compile(r"!\[[^\]]*\]\(\s*(?:https?:)?//[^)]*\)"),
        "image from another site {found!r}: put the image under docs/ and link it relatively",
    ),
    (
        re.compile(r"\{[^{}\n]*\bon\w+\s*=[^{}\n]*\}"),
        "attribute list with an event handler {found!r} is not allowed",
    ),
]


def _blank(match: re.Match[str]) -> str:
    """Code keeps its line breaks (for line numbers) but loses its text."""
    return re.sub(r"[^\n]", " ", match[0])


def content_problems(path: Path, text: str) -> list[DataError]:
    """Every rule broken by the page at `path` (whose text is `text`), with its line."""
    try:
        _, body = split(path, text)
    except DataError as error:
        return [error]
    offset = text.count("\n", 0, len(text) - len(body)) if body else text.count("\n")
    # Code and the guide's own directives are blanked before the rules look for HTML.
    scanned = ANY.sub(_blank, CODE.sub(_blank, body))
    problems = front_matter_problems(path, text)
    for pattern, message in RULES:
        for match in pattern.finditer(scanned):
            line = offset + scanned.count("\n", 0, match.start()) + 1
            found = match[0] if len(match[0]) <= 40 else match[0][:37] + "..."
            problems.append(DataError(path, line, message.format(found=found)))
    problems.extend(reader_text_problems(path, text))
    return sorted(problems, key=lambda problem: problem.line)


def reader_text_problems(path: Path, text: str) -> list[DataError]:
    """The termbase, script and sentence-length rules (guide/termbase.py, plain_language.py)."""
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
