"""The guide's interface words (data/ui.yml) in the language being built, for page templates.

overrides/main.html and the header partials read them as `guide.t.<label>`. Material's footer
reads `config.copyright`: it is set here to the `copyright` label of the language being built.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guide.data.ui import load_ui
from guide.site.i18n import built_language_prefix, built_languages, current_language
from guide.site.render import words


def _set_footer(config: MkDocsConfig, lang: str) -> None:
    config.copyright = load_ui().label("copyright", lang)


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["guide"] = words(current_language(config))
    _set_footer(config, current_language(config))
    return context


def on_template_context(
    context: dict[str, Any], /, *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Static templates such as 404.html have no page, but the same header. The one
    404.html at the root answers readers of every language (each build writes it; the last
    one stays), so it gets the words of all of them, with each language's home."""
    context["guide"] = words(current_language(config))
    _set_footer(config, current_language(config))
    context["guide_languages"] = [
        {**words(code), "home": built_language_prefix(config, code)}
        for code, _ in built_languages(config)
    ]
    return context
