"""`[[fact: KEY]]`, `[[fact: KEY | number]]` and `[[period: KEY]]`: values of data/facts.yml
in the page's language, valid on the build's reference date (guide/facts.py). A placeholder
before Markdown, the value's HTML after it; an unknown key fails the build at page:line."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide import placeholders
from guide.facts import (
    FACT_KIND,
    FACT_TEMPLATE,
    load_facts,
    mark_references,
    reference_date,
    render_reference,
)
from guide.i18n import current_language
from guide.render import guide_env
from guide.static_i18n import file_locale
from guide.yamlfile import DataError


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return mark_references(
            markdown, src=Path("docs") / page.file.src_path, source=page.file.content_string
        )
    except DataError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A page missing in this language is the Polish page (static-i18n's fallback): its values
    # are written as the Polish text around them.
    lang = file_locale(page.file) or current_language(config)
    template = guide_env(config.theme).get_template(FACT_TEMPLATE)
    day, register = reference_date(), load_facts()

    noted: set[str] = set()

    def fact(argument: str) -> str:
        return render_reference(
            argument, template=template, lang=lang, day=day, register=register, noted=noted
        )

    return placeholders.expand(html, {FACT_KIND: fact})
