""" "Report a mistake" and "Edit this page" under every page (guide/site/feedback.py), and on a page
in a translated language (not a Polish page shown in its place) "Report a translation problem".

The links are rendered by overrides/partials/guide/feedback.html from `guide_feedback`.
The page address is the page's canonical URL, which mike moves into the edition's folder.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guide.data.edition import current_edition
from guide.site.feedback import edit_url, in_translation, page_report_url, translation_report_url
from guide.site.i18n import current_language
from guide.site.static_i18n import normalized_src


def page_links(*, page: Page, lang: str) -> dict[str, str]:
    src = normalized_src(page.file) or page.file.src_uri
    address = page.canonical_url or page.abs_url or page.url
    edition = current_edition() or "dev"
    generated = page.file.generated_by is not None
    links = {
        "report": page_report_url(page=address, lang=lang, edition=edition),
        "edit": edit_url(lang=lang, src=src, generated=generated),
    }
    if in_translation(lang=lang, src=src, generated=generated):
        links["translation"] = translation_report_url(page=address, lang=lang, edition=edition)
    return links


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["guide_feedback"] = page_links(page=page, lang=current_language(config))
    return context
