"""Small fixture doc trees in tmp_path that inherit the real mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guide import ROOT
from guide.data.languages import language_codes
from guide.data.offices import load_directory


def make_project(
    tmp_path: Path,
    pages: dict[str, str],
    *,
    nav: list[str] | None = None,
    powiat_pages: bool = True,
) -> Path:
    """Write `pages` ({"uk/index.md": "..."}) under docs/, every language getting an index.

    Returns the fixture's mkdocs.yml, which inherits the project's and shares its
    hooks, overrides and data. Without `powiat_pages` the build leaves out the generated
    powiat pages (hooks/powiat_pages.py), a quarter of the build's time.
    """
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    for name in ("hooks", "overrides", "data"):
        (project / name).symlink_to(ROOT / name)
    for lang in language_codes():
        index = project / "docs" / lang / "index.md"
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(f"---\ntitle: {lang}\n---\n# {lang}\n", encoding="utf-8")
    for path, text in pages.items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    nav_lines = "".join(f"  - {item}\n" for item in (nav or ["index.md"]))
    config = project / "mkdocs.yml"
    extra = "" if powiat_pages else "extra:\n  powiat_pages: false\n"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n{nav_lines}{extra}", encoding="utf-8")
    return config


def bytowski_directory(
    offices: dict[str, Any], routes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """powiaty.yml's content with one powiat (bytowski) holding `offices`, for model tests."""
    return {
        "powiaty": [
            {
                "teryt": "2201",
                "slug": "bytowski",
                "name": "powiat bytowski",
                # the reader's-language names every translated language needs, from the data
                "names": dict(load_directory().powiat("bytowski").names),
                "kind": "land",
                "seat": "Bytów",
                "offices": offices,
            }
        ],
        "regional": {},
        "routes": routes or {},
    }
