"""A Content-Security-Policy meta tag on every page, with its inline scripts' hashes.

Runs on the finished HTML (lowest priority), so every inline script any template or hook
wrote is hashed exactly as the browser will read it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from guide.csp import CspError, attach
from guide.render import guide_env


def _attach(html: str, /, *, config: MkDocsConfig, where: str) -> str:
    try:
        return attach(html, env=guide_env(config.theme), where=where)
    except CspError as error:
        raise PluginError(str(error)) from error


@event_priority(-100)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return _attach(output, config=config, where=page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _attach(output_content, config=config, where=template_name)
