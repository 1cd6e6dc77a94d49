"""Escaping in the theme: MkDocs renders Material's templates with autoescape off, so a
front-matter or data value printed with `{{ }}` would reach the page as markup (issue 16).

Autoescape is turned on for the theme environment; the values that are HTML on purpose
(the rendered page and its table of contents, both Markdown output the content rules
checked) are marked safe once, here. Everything else (titles, descriptions, site name,
data labels) is text and is escaped wherever a template prints it."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from guide.data.ui import fill


def escaping_env(env: Environment, /) -> Environment:
    """The theme environment with every `{{ value }}` escaped unless it is Markup, and the
    `fill` filter for data/ui.yml texts with placeholders (never str.format)."""
    env.autoescape = True
    env.filters["fill"] = fill
    return env


def _mark_toc(items: Iterable[AnchorLink], /) -> None:
    for item in items:
        # Python-Markdown's toc names are HTML already (`A &amp; B`): escaping them again
        # would show the entity.
        item.title = Markup(item.title)
        _mark_toc(item.children)


def mark_page_html(page: Page, /) -> None:
    """Mark the page's rendered HTML and its table of contents as HTML, not text."""
    if page.content is not None:
        page.content = Markup(page.content)
    _mark_toc(page.toc)
