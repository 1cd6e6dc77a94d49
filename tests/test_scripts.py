"""The guide's scripts ship without their comment lines (guide/site/scripts.py,
hooks/script_comments.py), and nothing else of them changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide import ROOT
from guide.site.scripts import without_comment_lines

SOURCES = {
    "sw.js": ROOT / "overrides" / "sw.js",
    **{
        f"assets/guide/{path.name}": path
        for path in sorted((ROOT / "overrides" / "assets" / "guide").glob("*.js"))
    },
}


def test_only_comment_lines_go() -> None:
    text = '// top\n"use strict";\n  // indented\nvar a = "//not"; // kept\nvar b = 1;\n'
    assert without_comment_lines(text) == '"use strict";\nvar a = "//not"; // kept\nvar b = 1;\n'


@pytest.mark.parametrize("name", SOURCES)
def test_shipped_script_is_its_source_without_comment_lines(site: Path, name: str) -> None:
    source = SOURCES[name].read_text(encoding="utf-8")
    shipped = (site / name).read_text(encoding="utf-8")
    assert shipped == without_comment_lines(source)
    assert "`" not in shipped.replace('"\'\\u2019\\u02bc`\\u00b4"', ""), "no template literals"
