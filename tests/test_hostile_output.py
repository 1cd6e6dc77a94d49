"""Issue 19, the output check: what a finished page's body may not carry (guide/site/csp.py).

Markup that reached a page by any way (a bug in an extension, a template) fails the build:
each case is injected into two real pages (other language, other depth) as the plugin sees
them, and the plugin's exact message is asserted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from guide.site import placeholders
from guide.site.csp import excerpt
from guide.site.plugin import GuidePlugin
from tests.pages import output_path
from tests.test_csp import config, plugin, without_style_hash  # noqa: F401 (fixtures)

PAGES = [("uk", "work.md"), ("en", "powiaty/gdansk.md")]
EVIL = "https://evil.example/"
BODY = "element not allowed in a page's body"
CASES = {
    "script-src-relative": (
        '<script src="../evil.js"></script>',
        "script file the theme does not list: ../evil.js",
    ),
    "script-src-theme-folder": (
        '<script src="../assets/guide/evil.js"></script>',
        "script file the theme does not list: ../assets/guide/evil.js",
    ),
    "script-template-later": (
        '<template data-guide-script data-src="../evil.js"></template>',
        "script file the theme does not list: ../evil.js",
    ),
    "script-template-bundle": (
        '<template id="x" data-src="../assets/javascripts/evil.js"></template>',
        "script file the theme does not list: ../assets/javascripts/evil.js",
    ),
    "meta-refresh": (
        f'<meta http-equiv="refresh" content="0;url={EVIL}">',
        f"{BODY}: " + excerpt(f'<meta http-equiv="refresh" content="0;url={EVIL}">'),
    ),
    "link-stylesheet": (
        '<link rel="stylesheet" href="x.css">',
        f'{BODY}: <link rel="stylesheet" href="x.css">',
    ),
    "base": (f'<base href="{EVIL}">', f'{BODY}: <base href="{EVIL}">'),
    "style-element": ("<style>.md-typeset{display:none}</style>", f"{BODY}: <style>"),
    "style-attribute": (
        '<p style="display:none">112</p>',
        'style attribute not allowed in a page\'s body: <p style="display:none">',
    ),
    "iframe": (f'<iframe src="{EVIL}"></iframe>', f'{BODY}: <iframe src="{EVIL}">'),
    "object": ('<object data="x.svg"></object>', f'{BODY}: <object data="x.svg">'),
    "embed": ('<embed src="x.svg">', f'{BODY}: <embed src="x.svg">'),
    "form": (
        f'<form action="{EVIL}"><button>OK</button></form>',
        f'{BODY}: <form action="{EVIL}">',
    ),
    "config-id": (
        '<h2 id="__config">__config</h2>',
        "id '__config' used twice: a heading takes an id the theme or the guide's scripts use; "
        "reword it",
    ),
    "leftover-placeholder": (
        f"<p>{placeholders.inline('fact', 'x')}</p>",
        "a directive where it cannot stand (fact): put it on a line of its own, outside code, "
        "tables and headings",
    ),
}


def finished(site: Path, lang: str, page: str) -> str:
    """The built page as the plugin first sees it: without its policy."""
    html = output_path(site, lang, page).read_text(encoding="utf-8")
    return re.sub(r'\n    <meta http-equiv="Content-Security-Policy"[^>]*>', "", html, count=1)


def page_object(config: MkDocsConfig, lang: str, page: str) -> Page:  # noqa: F811
    src = f"{lang}/{page}"
    file = File(src, src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)
    return Page(None, file, config)


@pytest.mark.parametrize(("lang", "page"), PAGES)
@pytest.mark.parametrize("case", CASES)
def test_body_markup_fails_the_build(
    site: Path,
    plugin: GuidePlugin,  # noqa: F811
    config: MkDocsConfig,  # noqa: F811
    case: str,
    lang: str,
    page: str,
) -> None:
    markup, message = CASES[case]
    html = finished(site, lang, page).replace("</article>", f"{markup}</article>", 1)
    obj = page_object(config, lang, page)
    with pytest.raises(PluginError) as error:
        plugin.on_post_page(html, page=obj, config=config)
    assert str(error.value) == f"{obj.file.src_uri}: {message}"


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_the_real_pages_pass(
    site: Path,
    plugin: GuidePlugin,  # noqa: F811
    config: MkDocsConfig,  # noqa: F811
    lang: str,
    page: str,
) -> None:
    html = finished(site, lang, page)
    built = plugin.on_post_page(html, page=page_object(config, lang, page), config=config)
    # (the page's first-paint style, inline after the build, adds its hash to the policy)
    assert built == without_style_hash(output_path(site, lang, page).read_text(encoding="utf-8"))
