"""The files the theme publishes, which no file of docs/ may replace (guide/content/docs_files.py
checks docs/ against them; the guide plugin reads them from the build's own theme, once per
build)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def theme_published_files(config: MkDocsConfig) -> frozenset[str]:
    """Every file the theme (Material and overrides/) publishes, as MkDocs adds them to a build
    (`Files.add_files_from_theme`), plus the pages it renders from its static templates."""
    theme_files = Files([])
    theme_files.add_files_from_theme(config.theme.get_env(), config)
    return frozenset([file.dest_uri for file in theme_files] + list(config.theme.static_templates))
