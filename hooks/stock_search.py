"""Material's search plugin stays listed only for its header search button: ship nothing else.

The guide's own search (hooks/search_index.py, partials/search.html) replaces its dialog and
index. Pages are excluded from the stock index (Material's documented `search.exclude`, which
also spares its HTML parsing at build time); its index, lunr files and worker, which no page
requests, are left out of the site.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guide.site import hook_order

STOCK_INDEX_DIR = "search"
STOCK_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


@event_priority(hook_order.BEFORE_SEARCH)  # before the search plugin (0) indexes the page
def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return context


@event_priority(hook_order.AFTER_I18N_FILES)  # after static-i18n has chosen this language's files
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    for file in [f for f in files if f.src_uri.startswith(STOCK_ASSETS)]:
        files.remove(file)
    return files


@event_priority(hook_order.AFTER_I18N_FILES)  # after static-i18n wrote every stock index
def on_post_build(*, config: MkDocsConfig) -> None:
    shutil.rmtree(Path(config.site_dir) / STOCK_INDEX_DIR, ignore_errors=True)
