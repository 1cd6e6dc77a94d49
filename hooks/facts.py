"""`[[fact: KEY]]`, `[[fact: KEY | number]]` and `[[period: KEY]]`: values of data/facts.yml
in the page's language, valid on the build's reference date (guide/data/facts.py). A placeholder
before Markdown, the value's HTML after it; an unknown key fails the build at page:line."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.data.facts import load_facts, reference_date
from guide.data.yamlfile import DataError
from guide.site import placeholders
from guide.site.facts_html import FACT_KIND, FACT_TEMPLATE, mark_references, render_reference
from guide.site.i18n import current_language
from guide.site.render import guide_env
from guide.site.static_i18n import file_locale


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
