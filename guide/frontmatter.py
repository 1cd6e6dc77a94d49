"""Front matter of Markdown pages: read it, and set one key without touching the rest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from guide.yamlfile import DataError

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
