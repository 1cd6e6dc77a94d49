"""offline.html in each language's folder: what sw.js shows, in the reader's language, for a
page not kept on the device while there is no connection (instead of the browser's own
error page, in the browser's language)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.i18n import built_language_prefix, current_language
from guide.offline import OFFLINE_HTML, offline_page
from guide.render import guide_env


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    page = offline_page(
        guide_env(config.theme), lang=lang, prefix=prefix, site_name=config.site_name
    )
    (Path(config.site_dir) / prefix / OFFLINE_HTML).write_text(page, encoding="utf-8")
