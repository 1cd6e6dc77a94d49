"""Generated pages: `powiaty/` (map, town search, list) and `powiaty/<slug>/` per powiat.

Nothing per powiat is written by hand: each language build adds its own pages from
data/powiaty.yml, data/gminy.yml and the boundary GeoJSON, plus `towns.json` for the search.
Their Markdown holds a placeholder; the HTML goes in after Markdown (guide/site/placeholders.py).
Small test projects (tests/fixture_site.py) leave them out with `extra: {powiat_pages: false}`.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.site import hook_order
from guide.site.asset_paths import TOWNS_JSON
from guide.site.i18n import built_language_prefix, current_language, source_language
from guide.site.powiat_pages import (
    EXTRA_CSS,
    OVERVIEW,
    GeneratedPage,
    expand_powiat_html,
    powiat_pages,
    towns_json,
)
from guide.site.static_i18n import language_file, list_in_sitemap, normalized_src


def _file(config: MkDocsConfig, lang: str, page: GeneratedPage) -> File:
    """A generated page of `lang`, shaped like the files static-i18n prepares."""
    stem = page.src.removesuffix(".md").removesuffix("index").rstrip("/")
    dest_uri = f"{built_language_prefix(config, lang)}{stem}/index.html"
    return language_file(config, lang=lang, src=page.src, dest_uri=dest_uri, content=page.markdown)


@event_priority(hook_order.AFTER_I18N_FILES)  # after static-i18n has chosen this language's files
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    if config.extra.get("powiat_pages", True) is False:
        return files
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    for page in powiat_pages(config.theme, lang, prefix, site_url=config.site_url or ""):
        files.append(_file(config, lang, page))
    if lang == source_language(config):
        files.append(File.generated(config, TOWNS_JSON, content=towns_json()))
    return files


@event_priority(hook_order.AFTER_I18N_FILES)  # after static-i18n took its sitemap.xml list
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    """List the generated pages in sitemap.xml too: Material's edition selector looks for
    "the same page" in the other edition's sitemap, and search engines read it."""
    if config.extra.get("powiat_pages", True) is False:
        return nav
    list_in_sitemap(config, lang=current_language(config), files=files)
    return nav


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The generated pages' map, lists and offices: trusted HTML, put in after Markdown."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    return expand_powiat_html(html, config.theme, lang, prefix, site_url=config.site_url or "")


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The overview's map and list styles (extra.css), linked in its head by overrides/main.html:
    no other page loads them."""
    if normalized_src(page.file) == OVERVIEW:
        context["guide_extra_css"] = get_relative_url(EXTRA_CSS, page.url)
    return context
