"""Each page paints from its first response (guide/site/first_paint.py): its first-paint rules
inline in one <style>, allowed by its hash and nothing else; no stylesheet holds the paint
back; every element has the same computed style and box with its stylesheets held back and
let through, on a phone and on a desktop screen."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page

from guide.data.languages import language_codes, site_language_prefix
from guide.site.csp import POLICY, CspError, script_hash, with_style
from guide.site.css_prune import Used, parse_selector, parse_stylesheet
from guide.site.first_paint import LATER, first_paint_css, inline, read_page
from tests.browser import PHONE
from tests.pages import LANGUAGES, output_path, url_of
from tests.test_csp import policy_of
from tests.test_css_prune import PAGE_TYPES

KINDS = ("index.md", "work.md", "legal-stay.md", "powiaty/index.md", "powiaty/gdansk.md")
DESKTOP = {"width": 1280, "height": 900}


def _head(site: Path, lang: str, page: str) -> tuple[str, Tag]:
    html = output_path(site, lang, page).read_text(encoding="utf-8")
    head = BeautifulSoup(html, "html.parser").head
    assert head is not None
    return html, head


@pytest.mark.parametrize("page", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_stylesheet_holds_the_first_paint_back(site: Path, lang: str, page: str) -> None:
    _, head = _head(site, lang, page)
    links = [
        link for link in head.find_all("link", rel="stylesheet") if not link.find_parent("noscript")
    ]
    assert links, "the stylesheets still load"
    for link in links:
        assert link["media"] == "print" and link.has_attr(LATER), link
    (noscript,) = head.find_all("noscript")
    plain = noscript.find_all("link", rel="stylesheet")
    assert [link["href"] for link in plain] == [link["href"] for link in links]
    assert not any(link.has_attr("media") for link in plain)


@pytest.mark.parametrize("page", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_one_inline_style_is_allowed_by_its_hash(site: Path, lang: str, page: str) -> None:
    html, head = _head(site, lang, page)
    (style,) = head.find_all("style")
    assert len(BeautifulSoup(html, "html.parser").find_all("style")) == 1  # none in the body
    assert policy_of(html)["style-src"] == [*POLICY["style-src"], script_hash(style.text)]


def test_a_policy_allowing_more_styles_is_refused() -> None:
    policy = "default-src 'self'; style-src 'self'"
    assert with_style(policy, "a{}") == f"default-src 'self'; style-src 'self' {script_hash('a{}')}"
    with pytest.raises(CspError, match="already allows more styles"):
        with_style(with_style(policy, "a{}"), "b{}")


@pytest.mark.parametrize(
    ("selector", "applies"),
    [
        (".md-header", True),
        (".md-header kbd", False),  # no <kbd> on the page
        ("body>.md-header", True),
        (".md-header:hover", False),  # a state only the reader causes
        (".md-header:focus-visible::before", False),
        (".md-header::before", True),
        (".md-header:not(:hover)", True),
        (".md-search__input", False),  # Material's bundle adds it, not loaded yet
        ("select.added-by-script", True),  # what a script the page runs adds
    ],
)
def test_what_a_first_paint_can_use(selector: str, applies: bool) -> None:
    used = Used(tags={"html", "body", "header", "select"}, first_paint=True)
    used.classes = {"md-header", "added-by-script"}
    (rule,) = tinycss2.parse_stylesheet(selector + "{}", skip_whitespace=True)
    assert parse_selector(list(rule.prelude)).applies(used) is applies


def test_print_rules_wait_for_the_stylesheet(tmp_path: Path) -> None:
    html = '<html><head><link rel="stylesheet" href="a.css"></head><body class="x"></body>'
    page = tmp_path / "index.html"
    _, used = read_page(html, page=page, site=tmp_path, site_path="/")
    sheet = parse_stylesheet("@media print{.x{color:red}}.x{color:blue}.y{color:green}")
    assert first_paint_css([sheet], used) == ".x{color:blue}"


def test_the_page_is_rewritten_in_its_head_only(tmp_path: Path) -> None:
    policy = "default-src &#39;self&#39;; style-src &#39;self&#39;"
    html = (
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<link rel="stylesheet" href="a.css"><title>t</title><link rel="stylesheet" href="b.css">'
        '</head><body><link rel="stylesheet" href="c.css"></body></html>'
    )
    head, _ = read_page(html, page=tmp_path / "index.html", site=tmp_path, site_path="/")
    allowed = with_style("default-src 'self'; style-src 'self'", ".x{}").replace("'", "&#39;")
    assert inline(html, head=head, css=".x{}") == (
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{allowed}">'
        f'<style>.x{{}}</style><link rel="stylesheet" href="a.css" media="print" {LATER}>'
        f'<link rel="stylesheet" href="b.css" media="print" {LATER}>'
        '<noscript><link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css">'
        "</noscript><title>t</title></head><body>"
        '<link rel="stylesheet" href="c.css"></body></html>'
    )


# --- In Chromium ----------------------------------------------------------------------------


# Every element's computed style (and its ::before and ::after) and box. Custom properties
# (--md-…) are left out: the inline rules declare only those they read. Pixels are not
# compared: the same styles came out 1 to 2 levels apart in a few anti-aliased pixels of the
# map on one page (uk/powiaty/, both runs), with not one computed value different.
RENDERED = """() => [...document.querySelectorAll("*")].map((el) => {
  const style = (pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    const names = [...cs].filter((p) => !p.startsWith("--"));
    return names.map((p) => p + ":" + cs.getPropertyValue(p)).join(";");
  };
  const box = el.getBoundingClientRect();
  return [el.tagName, el.className.baseVal ?? el.className, box.x, box.y, box.width, box.height,
          style(null), style("::before"), style("::after")].join("|");
})"""


def _rendered(browser: Browser, url: str, *, viewport: dict[str, int], hold: bool) -> list[str]:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page: Page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        if hold:  # the stylesheets never arrive: the page has only what it carries
            page.route("**/*.css", lambda route: route.abort())
        page.goto(url, wait_until="networkidle")
        if not hold:  # a pointer move turns them on (boot.js); a real one would hover
            page.evaluate("dispatchEvent(new Event('pointermove'))")
            later = f"[...document.querySelectorAll('link[{LATER}]')]"
            page.wait_for_function(f"() => {later}.every(l => l.media === 'all')")
            page.wait_for_load_state("networkidle")
        rendered: list[str] = page.evaluate(RENDERED)
        if not hold:  # (held: the aborted requests' errors)
            assert errors == []  # the inline style is allowed
        return rendered
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("screen", ["phone", "desktop"])
# Not the 404 page: served here at the root, its addresses (the deployed site's path) load
# neither its stylesheets nor boot.js.
@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind != "404"])
@pytest.mark.parametrize("lang", language_codes())
def test_the_first_paint_is_the_whole_page(
    browser: Browser, site_url: str, lang: str, kind: str, screen: str
) -> None:
    url = site_url + site_language_prefix(lang) + PAGE_TYPES[kind]
    viewport = PHONE if screen == "phone" else DESKTOP
    held = _rendered(browser, url, viewport=viewport, hold=True)
    through = _rendered(browser, url, viewport=viewport, hold=False)
    assert len(held) == len(through)
    differ = [(a, b) for a, b in zip(held, through, strict=True) if a != b]
    assert differ == [], f"{lang} {kind} ({screen}): {len(differ)} elements differ"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_stylesheets_turn_on_at_the_first_touch(phone: Page, site_url: str, lang: str) -> None:
    phone.goto(site_url + url_of(lang, "powiaty/index.md"), wait_until="networkidle")
    media = f"[...document.querySelectorAll('link[{LATER}]')].map(l => l.media)"
    assert phone.evaluate(media) == ["print", "print", "print"]  # main, guide, the map's extra
    phone.mouse.move(10, 10)
    assert phone.evaluate(media) == ["all", "all", "all"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_stylesheets_apply(
    browser: Browser, site_url: str, lang: str
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(site_url + url_of(lang, "work.md"), wait_until="networkidle")
        # the sheets of <noscript>, for every medium, beside the print-only ones
        media = page.evaluate(
            "[...document.styleSheets].filter(s => s.href).map(s => s.media.mediaText)"
        )
        assert sorted(media) == sorted(["print", "print", "", ""])
    finally:
        context.close()
