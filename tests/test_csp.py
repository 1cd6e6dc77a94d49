"""Every page carries a Content-Security-Policy: the site's own origin only, and inline
scripts allowed one by one by their hashes, never by 'unsafe-inline'."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from guide import MKDOCS_YML
from guide.site.csp import (
    POLICY,
    CspError,
    features_of,
    inline_scripts,
    insert,
    is_script_url,
    known_scripts,
    page_base_url,
    policy_for,
    policy_insertion,
    policy_position,
    script_hash,
    template_base_url,
)
from guide.site.plugin import GuidePlugin
from guide.site.render import guide_env
from tests.pages import LANGUAGE_PAGES, output_path, url_of

OTHER_PAGES = ("404.html", "translation-status.html", "data-status.html")


def policy_of(html: str) -> dict[str, list[str]]:
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(metas) == 1, "exactly one policy per page"
    text = metas[0].replace("&#39;", "'")
    return {name: values for name, *values in (directive.split() for directive in text.split(";"))}


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    return load_config(str(MKDOCS_YML))


@pytest.fixture(scope="module")
def env(config: MkDocsConfig) -> jinja2.Environment:
    return guide_env(config.theme)


def known(env: jinja2.Environment, config: MkDocsConfig, base_url: str) -> frozenset[str]:
    return known_scripts(env, base_url=base_url, features=features_of(config.theme.get("features")))


def check_page(html: str, allowed: frozenset[str]) -> None:
    policy = policy_of(html)
    head = html[html.index("<head>") : html.index("</head>")]
    assert re.match(r'<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security', head)
    hashes = {script_hash(text) for text in inline_scripts(html)}
    assert set(policy["script-src"]) == {"'self'", *hashes}
    assert hashes <= {script_hash(text) for text in allowed}, "only the templates' scripts"
    # the one inline style: the page's first-paint rules (guide/site/first_paint.py), in its head
    found = BeautifulSoup(html, "html.parser").find_all("style")
    assert len(found) <= 1 and all(style.find_parent("head") for style in found)
    styles = {script_hash(style.text) for style in found}
    assert policy["style-src"] == [*POLICY["style-src"], *styles]
    for name, values in POLICY.items():
        if name not in ("script-src", "style-src"):
            assert policy[name] == list(values)
    flat = " ".join(" ".join(values) for values in policy.values())
    assert "unsafe-inline" not in flat and "unsafe-eval" not in flat
    assert "http:" not in flat and "https:" not in flat and "*" not in flat


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_page_has_the_policy(
    site: Path, env: jinja2.Environment, config: MkDocsConfig, lang: str, page: str
) -> None:
    allowed = known(env, config, page_base_url(url_of(lang, page)))
    check_page(output_path(site, lang, page).read_text(encoding="utf-8"), allowed)


@pytest.mark.parametrize("name", OTHER_PAGES)
def test_other_html_has_the_policy(
    site: Path, env: jinja2.Environment, config: MkDocsConfig, name: str
) -> None:
    allowed = known(env, config, template_base_url(name, site_url=config.site_url))
    if name == "translation-status.html":
        allowed = frozenset()  # written by the build (write_translation_status), without the theme
    check_page((site / name).read_text(encoding="utf-8"), allowed)


def test_no_html_file_without_policy(site: Path) -> None:
    missing = [
        str(path.relative_to(site))
        for path in site.rglob("*.html")
        if "Content-Security-Policy" not in path.read_text(encoding="utf-8")
    ]
    assert missing == []


def test_hash_is_of_the_exact_script_text() -> None:
    # The value browsers compute for <script>alert(1)</script>.
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_json_blocks_and_external_scripts_are_not_hashed() -> None:
    html = (
        '<script src="a.js"></script><script id="__config" type="application/json">{}</script>'
        "<script>run()</script>"
    )
    assert inline_scripts(html) == ["run()"]
    assert policy_for(html, known=frozenset({"run()"})).startswith(
        f"default-src 'self'; script-src 'self' {script_hash('run()')}; style-src 'self'"
    )


def test_policy_goes_right_after_charset(env: jinja2.Environment) -> None:
    html = '<html><head><meta charset="utf-8"><title>t</title></head></html>'
    page = insert(html, policy_insertion(html, env=env, where="x"))
    assert page.startswith(
        '<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"'
    )


@pytest.mark.parametrize(
    ("before", "charset", "found"),
    [
        ("", '<META CHARSET="UTF-8">', True),  # HTML's names and this value: any ASCII case
        ("<title>İ</title>", '<meta charset="utf-8">', True),  # two characters in lower case
        ("", '<meta char\u017fet="utf-8">', False),  # long s: not ASCII, no charset for HTML
    ],
    ids=["upper-case", "dotted-I-before", "long-s"],
)
def test_the_policy_position_is_right_after_charset_as_written(
    before: str, charset: str, found: bool
) -> None:
    html = f"<html><head>{before}{charset}<title>t</title></head></html>"
    position = policy_position(html)
    assert position == (html.index(charset) + len(charset) if found else None)


def test_page_without_charset_is_refused(env: jinja2.Environment) -> None:
    with pytest.raises(CspError) as error:
        policy_insertion(
            "<html><head><title>t</title></head></html>", env=env, where="docs/pl/x.md"
        )
    assert str(error.value) == (
        'docs/pl/x.md: no <meta charset="utf-8"> to put the Content-Security-Policy after'
    )


@pytest.fixture(scope="module")
def plugin(config: MkDocsConfig) -> GuidePlugin:
    """The guide plugin of `config`, its build started."""
    found = config.plugins["guide"]
    assert isinstance(found, GuidePlugin)
    found.on_config(config)
    return found


def test_live_preview_has_no_policy() -> None:
    """`make serve` (the plugin's live_preview): live reload injects a different inline script
    into every response."""
    page = '<html><head><meta charset="utf-8"></head><body><script>x()</script></body></html>'
    plain = '<html><head><meta charset="utf-8"></head><body></body></html>'
    config = load_config(str(MKDOCS_YML))
    plugin = config.plugins["guide"]
    assert isinstance(plugin, GuidePlugin)
    plugin.on_config(config)
    built = plugin.on_post_template(plain, template_name="404.html", config=config)
    assert "Content-Security-Policy" in built
    with pytest.raises(PluginError):
        plugin.on_post_template(page, template_name="404.html", config=config)
    plugin.config["live_preview"] = True
    assert plugin.on_post_template(page, template_name="404.html", config=config) == page


# --- Only the scripts the templates write: anything else in the output fails the build ---

WORK = "uk/work.md"


def work_page(config: MkDocsConfig) -> Page:
    file = File(WORK, src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)
    return Page(None, file, config)


def unattached(site: Path) -> str:
    """The built uk/work page as the plugin first sees it: without its policy."""
    html = output_path(site, "uk", "work.md").read_text(encoding="utf-8")
    return re.sub(r'\n    <meta http-equiv="Content-Security-Policy"[^>]*>', "", html, count=1)


def without_style_hash(html: str) -> str:
    """A built page's policy without the hash of its first-paint style, which
    guide/site/first_paint.py adds after the build (the style itself stays in the page)."""
    style = BeautifulSoup(html, "html.parser").style
    assert style is not None
    return html.replace(f" {script_hash(style.text)}".replace("'", "&#39;"), "", 1)


def test_plugin_rebuilds_the_real_page(
    site: Path, plugin: GuidePlugin, config: MkDocsConfig
) -> None:
    """The policy is a function of the page and its structural place, nothing else."""
    built = output_path(site, "uk", "work.md").read_text(encoding="utf-8")
    rebuilt = plugin.on_post_page(unattached(site), page=work_page(config), config=config)
    assert rebuilt == without_style_hash(built)


INJECTED = [
    ("<script>alert(1)</script>", "inline script no template writes: alert(1)"),
    ("<script/>alert(2)</script>", "inline script no template writes: alert(2)"),
    ('<script type="module">go()</script>', "inline script no template writes: go()"),
    (
        '<script>__md_scope=new URL("https://evil.example/",location)</script>',
        'inline script no template writes: __md_scope=new URL("https://evil.example/",location)',
    ),
    (
        "<script>" + "a" * 70 + "</script>",
        "inline script no template writes: " + "a" * 60 + "…",
    ),
    ('<img src="x.png" onerror="alert(1)">', "inline event handler onerror= on <img>: alert(1)"),
    ('<p OnMouseOver="x">', "inline event handler onmouseover= on <p>: x"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: URL in <a href>: javascript:alert(1)"),
    ('<a href="&#106;avascript:go()">x</a>', "javascript: URL in <a href>: javascript:go()"),
    ('<form action=" JAVASCRIPT:go()">', "javascript: URL in <form action>: JAVASCRIPT:go()"),
    ('<iframe src="java\tscript:go()">', "javascript: URL in <iframe src>: java script:go()"),
]


@pytest.mark.parametrize(("markup", "message"), INJECTED)
def test_injected_markup_fails_the_build(
    site: Path, plugin: GuidePlugin, config: MkDocsConfig, markup: str, message: str
) -> None:
    html = unattached(site).replace("</article>", f"{markup}</article>", 1)
    with pytest.raises(PluginError) as error:
        plugin.on_post_page(html, page=work_page(config), config=config)
    assert str(error.value) == f"{WORK}: {message}"


def test_another_pages_scope_script_is_refused(
    site: Path, plugin: GuidePlugin, config: MkDocsConfig
) -> None:
    """Material's own script, but with the base_url of a page at another depth."""
    html = unattached(site).replace('new URL("../..",location)', 'new URL("..",location)', 1)
    with pytest.raises(PluginError, match=r"^uk/work\.md: inline script no template writes: "):
        plugin.on_post_page(html, page=work_page(config), config=config)


def test_words_in_text_are_not_script(
    site: Path, plugin: GuidePlugin, config: MkDocsConfig
) -> None:
    text = "<p>onclick=&quot;x&quot; javascript:alert(1) &lt;script&gt;x()&lt;/script&gt;</p>"
    html = unattached(site).replace("</article>", f"{text}</article>", 1)
    assert "Content-Security-Policy" in plugin.on_post_page(
        html, page=work_page(config), config=config
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("javascript:x", True),
        ("  JavaScript:x", True),
        ("\x01javascript:x", True),
        ("java\nscr\tipt:x", True),
        ("https://example.org/javascript:x", False),
        ("../javascript/", False),
        ("#javascript", False),
    ],
)
def test_script_urls_as_browsers_read_them(value: str, expected: bool) -> None:
    assert is_script_url(value) is expected


def test_known_scripts_follow_base_url(env: jinja2.Environment, config: MkDocsConfig) -> None:
    deep, top = known(env, config, "../.."), known(env, config, ".")
    assert any('new URL("../..",location)' in text for text in deep)
    assert not any('new URL("../..",location)' in text for text in top)
    assert template_base_url("404.html", site_url=config.site_url) == "/przewodnik/"
    assert page_base_url("uk/work/") == "../.."
