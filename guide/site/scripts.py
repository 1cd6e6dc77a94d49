"""The guide's own scripts as readers download them: without their comment lines.

Comments in overrides/ explain the code to maintainers; readers on prepaid data would pay for
them on every first view (sw.js, boot.js and offices.js load on every page). Only lines that
hold nothing but a `//` comment go: the guide's scripts have no template literals or
multi-line strings, so such a line is never inside a string (tests/test_scripts.py; the
browser tests run the scripts as shipped).
"""

from __future__ import annotations

import re
from pathlib import Path

_COMMENT_LINE = re.compile(r"^[ \t]*//[^\n]*\n", re.MULTILINE)
# The guide's scripts in the built site: the worker at the root and assets/guide/*.js.
SCRIPT_GLOBS = ("sw.js", "assets/guide/*.js")


def without_comment_lines(text: str) -> str:
    """`text` without the lines that are only a `//` comment."""
    return _COMMENT_LINE.sub("", text)


def strip_site_scripts(site: Path) -> list[Path]:
    """Remove the comment lines of the guide's scripts in the built `site`; the files changed."""
    changed: list[Path] = []
    for pattern in SCRIPT_GLOBS:
        for path in sorted(site.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            stripped = without_comment_lines(text)
            if stripped != text:
                path.write_text(stripped, encoding="utf-8")
                changed.append(path)
    return changed
