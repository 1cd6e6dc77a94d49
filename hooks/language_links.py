"""Language selector and hreflang links that always point at the same page in each language.

static-i18n builds these links from `site_url` (absolute paths that leave a mike edition
folder) and, on home pages, points at language roots. Here every link is computed from the
page's path inside its language tree and rendered relative to the current page, so it works
at any depth: at the site root, under `/2026/`, or opened from disk.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guide.i18n import built_languages, language_prefix
from guide.site import page_url


@event_priority(-50)  # after static-i18n (priority 50) has written its own links
def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    src = getattr(page.file, "norm_src_uri", None)
    if src is None:
        raise ValueError(f"{page.file.src_uri}: page is not inside a language folder")
    alternates = []
    for code, name in built_languages(config):
        link = language_prefix(config, code) + page_url(src)
        alternates.append({"name": name, "lang": code, "link": link or "./"})
    # static-i18n sets `config.extra.alternate` as an attribute, which Jinja reads before
    # the mapping key: replace both.
    config.extra["alternate"] = alternates
    setattr(config.extra, "alternate", alternates)  # noqa: B010
    return context
