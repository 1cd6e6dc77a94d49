"""A Content-Security-Policy meta tag on every page, allowing only the theme's own scripts.

Runs on the finished HTML (lowest priority). The inline scripts a page may hold are known
before its content: guide.csp.known_scripts renders the theme's script partials with the
page's base_url. Any other inline script, an inline event handler or a javascript: URL in
the output fails the build, naming the page and the start of the offending text.

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

from guide import hook_order
from guide.csp import (
    CspError,
    attach,
    features_of,
    known_scripts,
    page_base_url,
    template_base_url,
)
from guide.render import guide_env

LIVE_PREVIEW = "GUIDE_LIVE_PREVIEW"


def _attach(html: str, /, *, config: MkDocsConfig, base_url: str, where: str) -> str:
    if os.environ.get(LIVE_PREVIEW) == "1":
        return html
    env = guide_env(config.theme)
    scope = config.extra.get("scope")
    known = known_scripts(
        env,
        base_url=base_url,
        features=features_of(config.theme.get("features")),
        scope=str(scope) if scope else None,
    )
    try:
        return attach(html, env=env, where=where, known=known)
    except CspError as error:
        raise PluginError(str(error)) from error


@event_priority(hook_order.WITH_STATIC_I18N)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return _attach(output, config=config, base_url=page_base_url(page.url), where=page.file.src_uri)


@event_priority(hook_order.WITH_STATIC_I18N)
def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    base_url = template_base_url(template_name, site_url=config.site_url)
    return _attach(output_content, config=config, base_url=base_url, where=template_name)
