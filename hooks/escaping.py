"""Escape every value the theme prints: autoescape on, the page's own HTML marked safe."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guide.site import hook_order
from guide.site.escaping import escaping_env, mark_page_html


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    return escaping_env(env)


@event_priority(hook_order.LATE)  # after every hook that adds to page.content as a str
def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    mark_page_html(page)
    return context
