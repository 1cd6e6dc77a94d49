"""Each page paints from its first response (guide/site/first_paint.py): its first-paint rules
inline in one <style>, allowed by its hash and nothing else; no stylesheet holds the paint
back; every element has the same computed style and box with its stylesheets held back and
let through (tests/rendering.py), on a phone and on a desktop screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup, Tag
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page

from guide import MKDOCS_YML
from guide.data.languages import language_codes, site_language_prefix
from guide.site import finished_page
from guide.site.csp import (
    LATER_SCRIPT,
    POLICY,
    CspError,
    insert,
    policy_position,
    script_hash,
    with_style,
)
from guide.site.css_prune import (
    OTHER_STYLESHEETS,
    SCRIPTS,
    STYLESHEETS,
    NameCollector,
    PageNames,
    Used,
    add_tag,
    applying_rules,
    page_names,
    parse_selector,
    parse_stylesheet,
    prune_parsed,
    used_in,
)
from guide.site.first_paint import (
    LATER,
    STYLESHEETS_LATER,
    SWITCH,
    PageKey,
    SitePages,
    first_paint_css,
    inline,
    inline_site,
    read_head,
    read_page,
    remember_names,
)
from tests.browser import PHONE, open_page, settle
from tests.pages import LANGUAGES, output_path, url_of
from tests.rendering import Comparison, compare, keep, site_stylesheets
from tests.test_csp import policy_of
from tests.test_css_prune import MATERIAL_MAIN, PAGE_TYPES, SITE_FOLDER

KINDS = ("index.md", "work.md", "legal-stay.md", "powiaty/index.md", "powiaty/gdansk.md")
DESKTOP = {"width": 1280, "height": 900}
SITE_PATH = f"/{SITE_FOLDER}/" if SITE_FOLDER else "/"  # where the host serves the site


def _head(site: Path, lang: str, page: str) -> tuple[str, Tag]:
    html = output_path(site, lang, page).read_text(encoding="utf-8")
    head = BeautifulSoup(html, "html.parser").head
    assert head is not None
    return html, head


@pytest.mark.parametrize("page", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_stylesheet_holds_the_first_paint_back(site: Path, lang: str, page: str) -> None:
    """No stylesheet link but in <noscript>: the addresses wait in a JSON list until the first
    paint (later.html makes them into media="print" links), the same ones in <noscript>."""
    html, head = _head(site, lang, page)
    links = BeautifulSoup(html, "html.parser").find_all("link", rel="stylesheet")
    assert [link for link in links if not link.find_parent("noscript")] == []
    (noscript,) = head.find_all("noscript")
    plain = noscript.find_all("link", rel="stylesheet")
    assert plain, "the stylesheets still load"
    assert not any(link.has_attr("media") for link in plain)
    (held,) = head.find_all("script", attrs={STYLESHEETS_LATER: True})
    assert held["type"] == "application/json"
    assert json.loads(held.text) == [link["href"] for link in plain]


@pytest.mark.parametrize("page", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_script_file_is_requested_before_the_first_paint(
    site: Path, lang: str, page: str
) -> None:
    """No <script src> at all: the guide's scripts (mkdocs.yml extra_javascript, in order) wait
    in <template data-guide-script>s, which the script ending the page loads after the first
    paint (partials/javascripts/later.html)."""
    html = output_path(site, lang, page).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all("script", src=True) == []
    held = [
        str(t["data-src"]).rsplit("/", 1)[1]
        for t in soup.find_all("template")
        if t.has_attr(LATER_SCRIPT)
    ]
    assert held == [
        Path(str(getattr(s, "path", s))).name for s in load_config(str(MKDOCS_YML)).extra_javascript
    ]
    body = soup.body
    assert body is not None
    loader = body.find_all("script", recursive=False)[-1]
    assert "data-guide-ready" in loader.text and loader.find_next_sibling() is None


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
        f'<style>.x{{}}</style><script type="application/json" {STYLESHEETS_LATER}>'
        '["a.css", "b.css"]</script>'
        '<noscript><link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css">'
        "</noscript><title>t</title></head><body>"
        '<link rel="stylesheet" href="c.css"></body></html>'
    )


@pytest.mark.parametrize(
    "attrs",
    [
        [("class", "a b"), ("id", "x"), ("hidden", None), ("data-z", "1")],
        [("class", "a"), ("class", "b"), ("id", "x"), ("id", "y")],  # a name twice
        [("id", ""), ("class", None)],
    ],
    ids=["plain", "twice", "empty"],
)
def test_the_names_from_the_shared_values_are_every_attributes(
    attrs: list[tuple[str, str | None]],
) -> None:
    """NameCollector given the attribute dict the listeners share collects every attribute,
    also where a name comes twice (HTMLParser reports each; the dict keeps the last)."""
    collector = NameCollector()
    collector.starttag("p", attrs, {name: value or "" for name, value in attrs})
    expected = Used(tags=set())
    add_tag(expected, "p", attrs)
    assert collector.used == expected


@pytest.mark.parametrize("separator", ["\n", "\r", "\r\n", "\u2028", "\x0c"])
def test_the_head_is_read_where_it_is_written(separator: str) -> None:
    """The stylesheets and policy are found at their place in the page, whatever the line
    separators before them (HTMLParser counts lines by "\\n" alone)."""
    link = '<link rel="stylesheet" href="a.css">'
    meta = '<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;">'
    html = f"<html><head>{separator}<title>a{separator}b</title>\n{meta}\n  {link}</head>"
    head = read_head(html + "<body></body></html>")
    assert [html[tag.start : tag.end] for tag in head.stylesheets] == [link]
    assert head.policy is not None and html[head.policy.start : head.policy.end] == meta


def test_the_first_paint_of_the_pruned_rules_is_that_of_the_pruned_stylesheet(site: Path) -> None:
    """inline_site takes the rules prune_site kept (applying_rules) instead of parsing the
    pruned stylesheet it wrote: each page's first paint is the same either way."""
    main = next(site.glob(STYLESHEETS))
    rules = parse_stylesheet(MATERIAL_MAIN.read_text(encoding="utf-8"))
    scripts = sorted(path for pattern in SCRIPTS for path in site.glob(pattern))
    used = used_in(sorted(site.rglob("*.html")), scripts)
    readers = [*scripts, *site.glob(OTHER_STYLESHEETS)]
    also_read_by = "".join(path.read_text(encoding="utf-8") for path in readers)
    kept: dict[int, list[str]] = {}
    pruned = prune_parsed(rules, used, also_read_by=also_read_by, kept=kept)
    assert pruned + "\n" == main.read_text(encoding="utf-8")
    reparsed, applying = parse_stylesheet(pruned), applying_rules(rules, kept)
    for lang in LANGUAGES:
        for page in KINDS:
            path = output_path(site, lang, page)
            html = path.read_text(encoding="utf-8")
            _, page_used = read_page(html, page=path, site=site, site_path=SITE_PATH)
            assert first_paint_css([applying], page_used) == first_paint_css(
                [reparsed], page_used
            ), (lang, page)


# --- Each page parsed once: the names the stylesheet steps read come from the page's parse
# when it was finished (guide/site/features.py finish_page), kept by what was written. -------

PAGE = (
    '<html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css"></head>'
    '<body class="x"><p id="y" data-z="1">t</p><script src="s.js"></script></body></html>'
)
POLICY_META = (
    '\n    <meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;">'
)


def test_the_policy_inserted_adds_its_names_to_the_pages() -> None:
    position = policy_position(PAGE)
    parsed = finished_page.parse(PAGE, position=position)
    assert parsed.between_tokens
    assert position is not None
    written = insert(PAGE, (position, POLICY_META))
    names = finished_page.names_after(parsed, position=position, insertion=(position, POLICY_META))
    assert names == page_names(written)
    assert names is not None and "http-equiv" in names.attributes and names.scripts == ("s.js",)


@pytest.mark.parametrize(
    "before",
    ["<!-- ", "<script>var a = '", "<style>p::after{content:'"],
    ids=["comment", "script", "style"],
)
def test_names_are_not_guessed_when_the_policy_lands_inside_a_token(before: str) -> None:
    """Where the insertion is not between two tokens, the page is parsed again instead."""
    html = PAGE.replace("<head>", f"<head>{before}")
    position = policy_position(html)
    assert position is not None
    parsed = finished_page.parse(html, position=position)
    insertion = (position, POLICY_META)
    assert not parsed.between_tokens
    assert finished_page.names_after(parsed, position=position, insertion=insertion) is None


def test_a_page_changed_since_it_was_finished_is_parsed_again(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    recorded: dict[PageKey, PageNames] = {}
    remember_names(recorded, PAGE, page_names(PAGE))
    page.write_text(PAGE, encoding="utf-8")
    pages = SitePages(tmp_path, recorded=recorded)
    assert pages.names(page) == page_names(PAGE) and pages.parsed == []
    changed = PAGE.replace('class="x"', 'class="changed"')
    page.write_text(changed, encoding="utf-8")
    pages = SitePages(tmp_path, recorded=recorded)
    assert "changed" in pages.names(page).classes and pages.parsed == [page]


def test_recorded_names_give_the_same_first_paint(tmp_path: Path) -> None:
    """inline_site with the names recorded at build time writes what it writes parsing each
    page itself; pages whose names differ only where no selector looks share their rules."""
    sheet = ".x{color:red}.w{color:blue}p{margin:0}#y{padding:0}[data-z]{border:0}"
    sites = []
    for recorded in (False, True):
        site = tmp_path / ("recorded" if recorded else "parsed")
        (site / "assets" / "guide").mkdir(parents=True)
        (site / "a.css").write_text(sheet, encoding="utf-8")
        (site / SWITCH).write_text("document.body.classList.add('w')", encoding="utf-8")
        kept: dict[PageKey, PageNames] = {}
        for name, extra in (("one", "a"), ("two", "b")):
            html = PAGE.replace('src="s.js"', f'src="../{SWITCH}"').replace(
                '<p id="y"', f'<p id="y" class="{extra}"'
            )
            (site / name).mkdir()
            (site / name / "index.html").write_text(html, encoding="utf-8")
            (site / name / "a.css").write_text(sheet, encoding="utf-8")
            remember_names(kept, html, page_names(html))
        pages = SitePages(site, recorded=kept if recorded else {})
        inline_site(site, site_path="/", pages=pages)
        assert pages.parsed == ([] if recorded else sorted(site.rglob("*.html")))
        sites.append([(p.relative_to(site), p.read_text()) for p in sorted(site.rglob("*.html"))])
    assert sites[0] == sites[1]
    assert ".w{color:blue}" in sites[1][0][1]


# --- In Chromium ----------------------------------------------------------------------------


# The page's stylesheets, held back until now, loaded (from a new address: the held ones
# were answered empty).
LET_THROUGH = """() => Promise.all(
  [...document.querySelectorAll("link[rel=stylesheet]")].map(
    (link) => new Promise((loaded, failed) => {
      link.onload = loaded;
      link.onerror = () => failed(new Error("not loaded: " + link.href));
      link.href = link.href + "?through";
    })
  )
)"""


def _first_paint_differences(
    browser: Browser, url: str, *, viewport: dict[str, int], stylesheets: list[str]
) -> Comparison:
    """One page: rendered with its stylesheets held back (answered empty: the page has only
    what it carries), then with them let through and turned on; compared in the page."""
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page: Page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.route("**/*.css", lambda route: route.fulfill(body="", content_type="text/css"))
        open_page(page, url, settled=True)
        keep(page, stylesheets)
        page.unroute("**/*.css")
        page.evaluate(LET_THROUGH)
        # a pointer move turns them on (boot.js); a real one would hover
        page.evaluate("dispatchEvent(new Event('pointermove'))")
        later = f"[...document.querySelectorAll('link[{LATER}]')]"
        page.wait_for_function(f"() => {later}.every(l => l.media === 'all')")
        settle(page)
        comparison = compare(page)
        assert errors == []  # the inline style is allowed
        return comparison
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("screen", ["phone", "desktop"])
# Not the 404 page: served here at the root, its addresses (the deployed site's path) load
# neither its stylesheets nor boot.js.
@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind != "404"])
@pytest.mark.parametrize("lang", language_codes())
def test_the_first_paint_is_the_whole_page(
    browser: Browser, site: Path, site_url: str, lang: str, kind: str, screen: str
) -> None:
    url = site_url + site_language_prefix(lang) + PAGE_TYPES[kind]
    viewport = PHONE if screen == "phone" else DESKTOP
    held = _first_paint_differences(
        browser, url, viewport=viewport, stylesheets=site_stylesheets(site)
    )
    assert held.same, f"{lang} {kind} ({screen}): {held}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_stylesheets_turn_on_at_the_first_touch(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, "powiaty/index.md"), wait_until="networkidle")
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
        # the sheets of <noscript>, for every medium (the JSON list's are never loaded)
        media = page.evaluate(
            "[...document.styleSheets].filter(s => s.href).map(s => s.media.mediaText)"
        )
        assert media == ["", ""]
    finally:
        context.close()
