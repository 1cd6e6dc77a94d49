"""The guide's scripts ship without their comment lines (guide/site/scripts.py): readers download
code, not maintainers' notes, on every first view (MAINTAINING.md "Budgets")."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.site.scripts import strip_site_scripts


def on_post_build(*, config: MkDocsConfig) -> None:
    strip_site_scripts(Path(config.site_dir))
