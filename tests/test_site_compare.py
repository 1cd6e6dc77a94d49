"""`python -m guide.site.build --compare` (`make engines-compare`): two builds by different
engines are the same site when they differ only where the engine is named."""

from __future__ import annotations

import json
from pathlib import Path

from guide.site.build import site_differences
from guide.site.offline import PACK_JSON


def _site(root: Path, engine: str, *, files: list[str], size: int) -> Path:
    (root / "uk").mkdir(parents=True)
    page = f'<head><meta name="generator" content="{engine}"></head><body>Робота</body>'
    (root / "uk" / "index.html").write_text(page, encoding="utf-8")
    pack = root / "uk" / PACK_JSON
    pack.parent.mkdir(parents=True)
    pack.write_text(json.dumps({"files": files, "bytes": size}), encoding="utf-8")
    return root


def test_the_engine_named_is_no_difference(tmp_path: Path) -> None:
    left = _site(tmp_path / "a", "mkdocs-1.6.1", files=["../"], size=100)
    right = _site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7", files=["../"], size=111)
    assert site_differences(left, right) == []


def test_a_file_of_the_pack_is_a_difference(tmp_path: Path) -> None:
    left = _site(tmp_path / "a", "mkdocs-1.6.1", files=["../"], size=100)
    right = _site(tmp_path / "b", "mkdocs-1.6.1", files=["../", "offline.html"], size=100)
    assert site_differences(left, right) == [f"uk/{PACK_JSON}"]
