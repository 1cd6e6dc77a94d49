"""The `<!-- glossary -->` directive: the glossary of data/glossary.yml in the page's language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.directives import GLOSSARY
from guide.glossary import load_glossary
from guide.i18n import current_language
from guide.render import guide_env, render, words


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not GLOSSARY.search(markdown):
        return markdown
    lang = current_language(config)
    html = render(
        guide_env(config.theme),
        "partials/guide/glossary.html",
        terms=load_glossary(),
        **words(lang),
    )
    return GLOSSARY.sub(lambda _: html, markdown)
