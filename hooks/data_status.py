"""data-status.html and .json at the site root: office data coverage and age for maintainers."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.coverage import render_data_status
from guide.i18n import current_language, source_language
from guide.render import guide_env


def on_post_build(*, config: MkDocsConfig) -> None:
    if current_language(config) != source_language(config):
        return  # written once, by the default language's build
    html, status = render_data_status(guide_env(config.theme))
    site = Path(config.site_dir)
    (site / "data-status.html").write_text(html, encoding="utf-8")
    (site / "data-status.json").write_text(
        json.dumps(status, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
