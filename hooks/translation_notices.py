"""Notices on pages that are not (or no longer) translated.

A page missing in a language is built from the Polish page (static-i18n's fallback) and
says so in the reader's language; a translation whose recorded `source_blob` differs from
the Polish page says when the Polish original was updated and links to it. The notice's
HTML goes in after Markdown, in place of a placeholder (guide/site/placeholders.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.content.translations import translation_notice
from guide.data.languages import page_url
from guide.site import placeholders
from guide.site.i18n import built_language_prefix, current_language, source_language
from guide.site.render import guide_env, render, words
from guide.site.static_i18n import file_locale, normalized_src

KIND = "translation-notice"


def _notice(page: Page, config: MkDocsConfig) -> str | None:
    """The notice's HTML for this page, or None."""
    lang = current_language(config)
    source_lang = source_language(config)
    src = normalized_src(page.file)
    if lang == source_lang or src is None:
        return None
    source = Path(config.docs_dir) / source_lang / src
    if not source.is_file():
        return None  # the source language itself, or a generated page
    notice = translation_notice(
        source, lang=lang, built_from=file_locale(page.file), meta=page.meta
    )
    if notice is None:
        return None
    kind, text = notice
    original = built_language_prefix(config, source_lang) + page_url(src)
    return render(
        guide_env(config.theme),
        "partials/guide/notice.html",
        kind=kind,
        text=text,
        original_url=get_relative_url(original, page.url),
        **words(lang),
    )


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _notice(page, config) is None:
        return markdown
    return f"{placeholders.block(KIND)}{markdown}"


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return placeholders.expand(html, {KIND: lambda _: _notice(page, config) or ""})
