"""Small fixture doc trees in tmp_path that inherit the real mkdocs.yml."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from guide import ROOT
from guide.data.languages import language_codes
from guide.site.build import mkdocs_build
from tests import data


def make_project(
    tmp_path: Path,
    pages: dict[str, str],
    *,
    nav: list[str] | None = None,
    powiat_pages: bool = True,
    checks_off: tuple[str, ...] = (),
    partial_languages: tuple[str, ...] | None = None,
) -> Path:
    """Write `pages` ({"uk/index.md": "..."}) under docs/, every language getting an index.

    Returns the fixture's mkdocs.yml, which inherits the project's and shares its
    overrides and data. Without `powiat_pages` the build leaves out the generated powiat
    pages, a quarter of the build's time; `checks_off` names checks of the guide plugin to
    leave out (guide.site.features.CHECKS); `partial_languages` replaces the guide plugin's.
    """
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    for name in ("overrides", "data"):
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
    settings = {} if powiat_pages else {"powiat_pages": "false"}
    if checks_off:
        settings["checks_off"] = "[" + ", ".join(checks_off) + "]"
    if partial_languages is not None:
        settings["partial_languages"] = "[" + ", ".join(partial_languages) + "]"
    plugins = plugins_block(settings) if settings else ""
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n{nav_lines}{plugins}", encoding="utf-8"
    )
    return config


def failed_build(config: Path, site: Path, *, data: Path) -> str:
    """The log of a build of `config` into `site` with the data files of `data` (the guide
    plugin's `data_dir`, through GUIDE_DATA_DIR), which must fail."""
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(
            site, config_file=config, capture=True, extra_env={"GUIDE_DATA_DIR": str(data)}
        )
    output: str = failure.value.output
    return output


GUIDE_ENTRY = "  - guide:\n"


def plugins_block(settings: dict[str, str]) -> str:
    """mkdocs.yml's `plugins:` list as written, with `settings` of the guide plugin in place of
    its own or added (a child configuration's list replaces the inherited one as a whole)."""
    source = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^plugins:\n(?:(?: .*)?\n)+", source, re.MULTILINE)
    assert block is not None and block[0].count(GUIDE_ENTRY) == 1
    head, guide = block[0].split(GUIDE_ENTRY)
    lines = guide.splitlines(keepends=True)
    for key, value in settings.items():
        line = f"      {key}: {value}\n"
        at = next((n for n, old in enumerate(lines) if old.startswith(f"      {key}: ")), None)
        if at is None:
            lines.insert(0, line)
        else:
            lines[at] = line
    return head + GUIDE_ENTRY + "".join(lines)


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
                "names": dict(data.directory().powiat("bytowski").names),
                "kind": "land",
                "seat": "Bytów",
                "offices": offices,
            }
        ],
        "regional": {},
        "routes": routes or {},
    }
