"""Front matter of Markdown pages: read it as MkDocs does, and set one key.

MkDocs reads YAML between `---` lines (a `---` with trailing spaces, closed by `---` or
`...`) and, without those, MultiMarkdown `key: value` lines at the top of the page; both
reach the theme as `page.meta`. `split` reads a page with MkDocs' own reader
(mkdocs.utils.meta.get_data, through guide/site/parsers.py), so the schema validates what
MkDocs will use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from guide.data.offices import not_future
from guide.data.plain_text import PLAIN
from guide.data.yamlfile import DataError, LoadedYaml, model_errors
from guide.site.parsers import META_RE, YAML_RE, get_data

# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = YAML_RE


def split(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) as MkDocs reads them; a page without front matter has an empty
    mapping. YAML front matter MkDocs would silently ignore (broken, or not a mapping) is a
    DataError with its line."""
    body, meta = get_data(text)
    match = FRONT_MATTER.match(text)
    # get_data leaves the text whole only where it ignored the block (broken, or not a
    # mapping): read again only then, for the reason and the line.
    if not match or body != text:
        return meta, body
    try:
        parsed = yaml.safe_load(match[1])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise DataError(
            path, line, f"broken front matter: {getattr(error, 'problem', error)}"
        ) from None
    if not isinstance(parsed, dict):
        raise DataError(path, 2, "front matter must be a mapping of `key: value` lines")
    return meta, body


def read(path: Path) -> tuple[dict[str, Any], str]:
    return split(path, path.read_text(encoding="utf-8"))


def set_key(path: Path, key: str, value: str) -> None:
    """Set `key: value` in the page's front matter (added at its end if absent)."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    line = f"{key}: {value}\n"
    if not match:
        path.write_text(f"---\n{line}---\n{text}", encoding="utf-8")
        return
    block = match[1]
    pattern = re.compile(rf"^{re.escape(key)}:.*\n", re.MULTILINE)
    block = pattern.sub(line, block) if pattern.search(block) else block + line
    path.write_text(f"---\n{block}---\n{text[match.end() :]}", encoding="utf-8")


# Issue 16: front matter comes from pull requests and reaches <title>, <meta> and the navigation.
UNSAFE = re.compile(r"[<>\x00-\x1f\x7f-\x9f]")


def _plain(value: str) -> str:
    found = UNSAFE.search(value)
    if found:
        raise ValueError(f"{found[0]!r} is not allowed: plain text on one line, no markup")
    return value


class FrontMatter(BaseModel):
    """The keys a page may set; anything else is a typo or an attempt to reach the theme."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: (
        Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_plain), PLAIN] | None
    ) = None
    description: (
        Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_plain), PLAIN] | None
    ) = None
    last_reviewed: Annotated[dt.date, not_future("write the day the page was reviewed")] | None = (
        None
    )
    source_blob: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] | None = None


def _key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line of each front-matter key, in either form MkDocs reads."""
    lines: dict[tuple[str | int, ...], int] = {}
    match = FRONT_MATTER.match(text)
    if match:
        node = yaml.compose(match[1])
        if isinstance(node, yaml.MappingNode):
            for key, _value in node.value:
                lines[(key.value,)] = key.start_mark.line + 2  # after the opening ---
        return lines
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        key = META_RE.match(line)
        if key:
            lines.setdefault((key["key"].lower().strip(),), number)
    return lines


def front_matter_problems(
    path: Path, text: str, *, meta: Mapping[str, Any] | None = None
) -> list[DataError]:
    """Every front-matter key of the page at `path` that breaks FrontMatter, with its line;
    `meta` is the front matter MkDocs read (page.meta), else read from `text` the same way."""
    if meta is None:
        meta, _ = split(path, text)
    try:
        FrontMatter.model_validate(meta)
    except ValidationError as error:
        lines = _key_lines(text)
        known = ", ".join(FrontMatter.model_fields)
        return [
            DataError(
                problem.path,
                problem.line,
                problem.message.replace(
                    "Extra inputs are not permitted", f"unknown key (the keys are {known})"
                ),
            )
            for problem in model_errors(LoadedYaml(path, meta, lines), error)
        ]
    return []
