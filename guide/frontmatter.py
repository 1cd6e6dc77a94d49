"""Front matter of Markdown pages: read it, and set one key without touching the rest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from guide.offices import not_future
from guide.yamlfile import DataError, LoadedYaml, model_errors

FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.DOTALL)


def split(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body); a page without front matter has an empty mapping."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise DataError(
            path, line, f"broken front matter: {getattr(error, 'problem', error)}"
        ) from None
    if not isinstance(meta, dict):
        raise DataError(path, 2, "front matter must be a mapping of `key: value` lines")
    return meta, text[match.end() :]


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
    block = match["yaml"]
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

    title: Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_plain)] | None = None
    description: (
        Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_plain)] | None
    ) = None
    last_reviewed: Annotated[dt.date, not_future("write the day the page was reviewed")] | None = (
        None
    )
    source_blob: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] | None = None


def front_matter_problems(path: Path, text: str) -> list[DataError]:
    """Every front-matter key of the page at `path` that breaks FrontMatter, with its line."""
    meta, _ = split(path, text)
    try:
        FrontMatter.model_validate(meta)
    except ValidationError as error:
        match = FRONT_MATTER.match(text)
        lines: dict[tuple[str | int, ...], int] = {}
        node = yaml.compose(match["yaml"]) if match else None
        if isinstance(node, yaml.MappingNode):
            for key, _value in node.value:
                lines[(key.value,)] = key.start_mark.line + 2  # after the opening ---
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
