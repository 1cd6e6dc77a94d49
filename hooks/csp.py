"""A Content-Security-Policy meta tag on every page, with its inline scripts' hashes.

Runs on the finished HTML (lowest priority), so every inline script any template or hook
wrote is hashed exactly as the browser will read it.

Not in `make serve`'s live preview (GUIDE_LIVE_PREVIEW=1): MkDocs' live reload adds an inline
script to every response, different each time, which no hash can allow. The preview runs on
the author's own machine; every build that is published or tested carries the policy.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from guide.csp import CspError, attach
from guide.render import guide_env

LIVE_PREVIEW = "GUIDE_LIVE_PREVIEW"


def _attach(html: str, /, *, config: MkDocsConfig, where: str) -> str:
    if os.environ.get(LIVE_PREVIEW) == "1":
        return html
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
