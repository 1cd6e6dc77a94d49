"""Shared fixtures: one strict build of the real site per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.build import mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole guide, built strictly in all languages into a temporary directory."""
    site_dir = tmp_path_factory.mktemp("site")
    mkdocs_build(site_dir)
    return site_dir
