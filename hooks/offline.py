"""Reading offline, per language: offline.html, which sw.js shows for a page not kept on the
device while there is no connection (in the reader's language, instead of the browser's own
error page), and "Keep this guide on my phone" on the language's start page, which stores
every page of the language: offline-pack.json lists the files and what they cost to
download, measured on the built files. Logic in guide/site/offline.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.site import hook_order
from guide.site.i18n import built_language_prefix, built_languages, current_language
from guide.site.offline import KEEP_JS, OFFLINE_HTML, PACK_JSON, offline_page, pack_json
from guide.site.render import guide_env
from guide.site.static_i18n import normalized_src


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The language's start page offers to keep the language (partials/guide/keep.html)."""
    if normalized_src(page.file) == "index.md":
        prefix = built_language_prefix(config, current_language(config))
        context["guide_keep"] = {
            "pack": get_relative_url(prefix + PACK_JSON, page.url),
            "script": get_relative_url(KEEP_JS, page.url),
        }
    return context


@event_priority(hook_order.AFTER_SEARCH_INDEX)  # the search index is one of the files kept
def on_post_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    site = Path(config.site_dir)
    page = offline_page(
        guide_env(config.theme), lang=lang, prefix=prefix, site_name=config.site_name
    )
    (site / prefix / OFFLINE_HTML).write_text(page, encoding="utf-8")
    others = [
        built_language_prefix(config, code) for code, _ in built_languages(config) if code != lang
    ]
    (site / prefix / PACK_JSON).write_text(
        pack_json(site, prefix=prefix, others=others), encoding="utf-8"
    )
