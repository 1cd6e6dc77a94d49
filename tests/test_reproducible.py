"""Two builds of the same tree are byte-identical (SOURCE_DATE_EPOCH, no random ids)."""

from __future__ import annotations

import filecmp
import time
from pathlib import Path

import pytest

from guide.site.build import mkdocs_build


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        found.extend(prefix + name for name in comparison.diff_files + comparison.funny_files)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


def test_two_builds_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    mkdocs_build(tmp_path / "first", capture=True)
    mkdocs_build(tmp_path / "second", capture=True)
    filecmp.clear_cache()
    assert differences(tmp_path / "first", tmp_path / "second") == []
