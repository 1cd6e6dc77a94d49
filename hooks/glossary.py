"""The `[[glossary]]` directive: the glossary of data/glossary.yml in the page's language,
put in after Markdown in place of the directive's placeholder (guide/site/placeholders.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.content.directives import GLOSSARY
from guide.data.glossary import load_glossary
from guide.site import placeholders
from guide.site.i18n import current_language
from guide.site.render import guide_env, render, words

KIND = "glossary"


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return GLOSSARY.sub(lambda _: placeholders.block(KIND), markdown)


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    def glossary(_: str) -> str:
        return render(
            guide_env(config.theme),
            "partials/guide/glossary.html",
            terms=load_glossary(),
            **words(current_language(config)),
        )

    return placeholders.expand(html, {KIND: glossary})
