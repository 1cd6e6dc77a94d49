"""Notices on pages that are not (or no longer) translated.

A page missing in a language is built from the Polish page (static-i18n's fallback) and
says so in the reader's language; a translation whose recorded `source_blob` differs from
the Polish page says when the Polish original was updated and links to it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.frontmatter import read
from guide.i18n import built_language_prefix, current_language, source_language
from guide.render import guide_env, render, words
from guide.site import page_url
from guide.translations import SOURCE_BLOB, blob_id


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = current_language(config)
    source_lang = source_language(config)
    src: str | None = getattr(page.file, "norm_src_uri", None)
    if lang == source_lang or src is None:
        return markdown
    source = Path(config.docs_dir) / source_lang / src
    if not source.is_file():
        return markdown  # the source language itself, or a generated page
    context = words(lang)
    if page.file.locale != lang:  # type: ignore[attr-defined]
        kind, text = "fallback", context["t"]["fallback_notice"]
    elif page.meta.get(SOURCE_BLOB) != blob_id(source):
        updated = read(source)[0].get("last_reviewed", "")
        kind, text = "stale", context["t"]["stale_notice"].format(date=updated)
    else:
        return markdown
    original = built_language_prefix(config, source_lang) + page_url(src)
    notice = render(
        guide_env(config.theme),
        "partials/guide/notice.html",
        kind=kind,
        text=text,
        original_url=get_relative_url(original, page.url),
        **context,
    )
    return f"{notice}\n\n{markdown}"
