"""The guide's search: one small index per language, fetched only when a reader opens search.

`overrides/partials/search.html` (the dialog, in place of Material's) gets its URLs here;
after each language's build the sections of its pages, parsed once when each page was
finished (guide/site/finished_page.py), make `<language>/assets/guide/search-index.json`
(guide/site/search_index.py) for search.js.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.site import finished_page, hook_order
from guide.site.i18n import built_language_prefix, current_language
from guide.site.search_index import SEARCH_JSON, index_json, indexed_pages, synonyms


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """What partials/search.html needs besides its labels (`guide.t`, hooks/page_words.py):
    the index and the language root, relative to this page."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    context["guide_search"] = {
        "index": get_relative_url(prefix + SEARCH_JSON, page.url),
        "root": get_relative_url(prefix or ".", page.url).rstrip("/") + "/",
    }
    return context


# Before static-i18n (-100), which builds the other languages from the default language's
# on_post_build and leaves theme.language at the last one.
@event_priority(hook_order.LATE)
def on_post_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    site = Path(config.site_dir)
    # The pages hooks/csp.py parsed when they were finished: none is read back from disk.
    pages = indexed_pages(finished_page.recorded(config, lang=lang).items(), prefix=prefix)
    if not pages:
        raise ValueError(f"search index of {lang!r}: no built pages under {site / prefix}")
    index = index_json(pages, synonyms=synonyms(lang))
    (site / prefix / SEARCH_JSON).write_text(index, encoding="utf-8")
