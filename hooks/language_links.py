"""The language selector: links that always point at the same page in each language.

static-i18n builds these links from `site_url` (absolute paths that leave a mike edition
folder) and, on home pages, points at language roots. Here every link is computed from the
page's path inside its language tree and rendered relative to the current page, so it works
at any depth: at the site root, under `/2026/`, or opened from disk.

The links go to `config.extra.languages`, read by overrides/partials/alternate.html. Material
turns an iterable `config.extra.alternate` into `<link rel=alternate>` tags, and its script
then fetches `sitemap.xml` beside every one of them: four 404s per page view. `alternate` is
therefore only a flag that shows the selector; hreflang pairs are in sitemap.xml.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guide.data.languages import page_url
from guide.site import hook_order
from guide.site.i18n import built_language_prefix, built_languages
from guide.site.static_i18n import normalized_src, show_language_selector


@event_priority(hook_order.AFTER_I18N_LINKS)  # after static-i18n has written its own links
def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    src = normalized_src(page.file)
    if src is None:
        raise ValueError(f"{page.file.src_uri}: page is not inside a language folder")
    alternates = []
    for code, name in built_languages(config):
        link = built_language_prefix(config, code) + page_url(src)
        alternates.append({"name": name, "lang": code, "link": link or "./"})
    config.extra["languages"] = alternates
    show_language_selector(config, shown=True)
    return context


def on_template_context(
    context: dict[str, Any], /, *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """404.html is served at any missing address, where no relative link can be right."""
    config.extra["languages"] = []
    show_language_selector(config, shown=False)
    return context
