"""The output check: a Content-Security-Policy meta tag on every page, allowing only the
theme's own scripts, and nothing in a page's body that no page may carry.

Runs on the finished HTML (lowest priority). The inline scripts a page may hold are known
before its content: guide.site.csp.known_scripts renders the theme's script partials with the
page's base_url. Any other inline script, an inline event handler or a javascript: URL in
the output fails the build, naming the page and the start of the offending text; so does
a script file the theme does not list, a <meta>, <link>, <base>, <style>, <iframe>,
<object>, <embed> or <form> in the body, a style attribute there, an id used twice (a
heading `## __config` against Material's config) and a directive's placeholder left over.
Each page is parsed once (guide/site/finished_page.py); its sections go to the search index.

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

from guide.site import finished_page, hook_order, placeholders
from guide.site.csp import (
    CspError,
    Scan,
    attach,
    features_of,
    known_scripts,
    page_base_url,
    script_sources,
    template_base_url,
    theme_script_paths,
)
from guide.site.i18n import current_language
from guide.site.render import guide_env

LIVE_PREVIEW = "GUIDE_LIVE_PREVIEW"


def _attach(
    html: str, /, *, config: MkDocsConfig, base_url: str, where: str, found: Scan | None = None
) -> str:
    if os.environ.get(LIVE_PREVIEW) == "1":
        return html
    leftover = placeholders.leftover(html)
    if leftover is not None:
        raise PluginError(
            f"{where}: a directive where it cannot stand ({leftover}): put it on a line of "
            "its own, outside code, tables and headings"
        )
    env = guide_env(config.theme)
    scripts = theme_script_paths(config.theme.dirs, config.extra_javascript)
    scope = config.extra.get("scope")
    known = known_scripts(
        env,
        base_url=base_url,
        features=features_of(config.theme.get("features")),
        scope=str(scope) if scope else None,
    )
    try:
        return attach(
            html,
            env=env,
            where=where,
            known=known,
            sources=script_sources(scripts, base_url=base_url),
            found=found,
        )
    except CspError as error:
        raise PluginError(str(error)) from error


def on_pre_build(*, config: MkDocsConfig) -> None:
    finished_page.start(config, lang=current_language(config))


@event_priority(hook_order.WITH_STATIC_I18N)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Parse the finished page once: its scan for the checks and the policy, its sections
    for the search index (hooks/search_index.py)."""
    parsed = finished_page.parse(output)
    lang = current_language(config)
    finished_page.record(config, lang=lang, dest_uri=page.file.dest_uri, page=parsed)
    base_url = page_base_url(page.url)
    return _attach(
        output, config=config, base_url=base_url, where=page.file.src_uri, found=parsed.scan
    )


@event_priority(hook_order.WITH_STATIC_I18N)
def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    base_url = template_base_url(template_name, site_url=config.site_url)
    return _attach(output_content, config=config, base_url=base_url, where=template_name)
