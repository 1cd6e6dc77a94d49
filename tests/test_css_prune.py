"""Material's stylesheet pruned at build time (guide/site/css_prune.py): every page type looks the
same, pixel for pixel, with the pruned and with Material's whole stylesheet; the rules the
scripts need at run time stay; the site ships no source maps."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
import tinycss2
from playwright.sync_api import Browser, Page, expect

from guide.data.languages import language_codes, mkdocs_config, site_language_prefix
from guide.site.css_prune import STYLESHEETS, Used, prune_stylesheet, selector_applies, used_in
from tests.browser import PHONE, open_page, serve, settle

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# Material's whole main stylesheet; the pruned one has its name
(MATERIAL_MAIN,) = MATERIAL_STYLESHEETS.glob(Path(STYLESHEETS).name)

# Every page type: home, topic, powiat page, powiaty index (with the map), glossary, 404.
PAGE_TYPES = {
    "home": "",
    "topic": "work/",
    "powiat": "powiaty/gdansk/",
    "powiaty": "powiaty/",
    "glossary": "glossary/",
    "404": "no-such-page/",  # served as a static host serves it: 404.html
}
# In this order on one page: the search dialog, opened last, stays open.
STATES = ("screen", "print", "search-open")
# Two shots of the same page differed now and then in a few pixels: the right corners of a
# rounded box one colour level apart, edge pixels of the map's shapes (6 Dec 2026: 2 to 6 pixels
# in 5 of 82 comparisons, different ones per run, never alone). Pixels are compared as
# Playwright's toHaveScreenshot compares them (tests/pixel_diff.js, pixelmatch): anti-aliased
# pixels left out, and a colour distance at most PIXEL_THRESHOLD of the largest (0.02: about
# 5 levels of grey). A rule the pruning lost moves or recolours whole areas; Material's
# lightest grey (#f5f5f5) on white is 10 levels.
PIXEL_THRESHOLD = 0.02
SITE_FOLDER = urlsplit(str(mkdocs_config()["site_url"])).path.strip("/")


@pytest.fixture(scope="module")
def site_address(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site as the host publishes it: in the site's folder (`/przewodnik/`), whose
    404.html answers every missing address below it and loads its files from that folder."""
    host = tmp_path_factory.mktemp("host")
    (host / SITE_FOLDER).parent.mkdir(parents=True, exist_ok=True)
    (host / SITE_FOLDER).symlink_to(site)
    (host / "404.html").symlink_to(site / "404.html")
    with serve(host) as url:
        yield f"{url}{SITE_FOLDER}/"


# Material's whole stylesheet, served beside the pruned one (the same folder, so its relative
# addresses mean the same) to the page under test only.
WHOLE = "material-whole.css"
# The page's link to the pruned stylesheet, pointed at the other stylesheet and loaded: the
# same page, its scripts' state and its open dialog kept, drawn with the other rules.
SWAP = """async (name) => {
  const link = document.querySelector("link[data-pruned]") ??
    document.querySelector('link[rel=stylesheet][href*="stylesheets/main."]');
  link.dataset.pruned ??= link.getAttribute("href");
  const href = name ? link.dataset.pruned.replace(/[^/]*$/, name) : link.dataset.pruned;
  if (link.getAttribute("href") === href) return;
  await new Promise((loaded, failed) => {
    link.onload = loaded;
    link.onerror = () => failed(new Error("not loaded: " + href));
    setTimeout(() => failed(new Error("no load event in 30 s: " + href)), 30000);
    link.href = href;
  });
}"""


def _settle(page: Page) -> None:
    # every image loaded (the print QR code is lazy: a full-page shot would race it)
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    # transitions (the search dialog, focus rings) finished: no frame caught halfway
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def _shots(
    browser: Browser, url: str, states: list[str], *, pruned: bytes | None = None
) -> dict[str, tuple[bytes, bytes]]:
    """One page in each state (in the order given), shot with the pruned stylesheet and with
    Material's whole one swapped in (SWAP): {state: (pruned, whole)}. `pruned`: other bytes
    served in place of the pruned stylesheet."""
    # bypass_csp: Playwright's own style (caret hidden, animations stopped) must apply; the
    # policy is the same for both stylesheets and changes nothing else that is drawn.
    # Service workers blocked: what sw.js fetched would not pass the routes below.
    context = browser.new_context(
        viewport=PHONE,  # type: ignore[arg-type]
        bypass_csp=True,
        service_workers="block",
    )
    page: Page = context.new_page()
    whole = MATERIAL_MAIN.read_bytes()
    page.route(f"**/{WHOLE}", lambda route: route.fulfill(body=whole, content_type="text/css"))
    if pruned is not None:
        replaced = pruned
        page.route(
            f"**/{MATERIAL_MAIN.name}",
            lambda route: route.fulfill(body=replaced, content_type="text/css"),
        )
    shots: dict[str, tuple[bytes, bytes]] = {}
    try:
        open_page(page, url, settled=True)
        # The page once the reader has touched it (boot.js): the stylesheets on for the screen
        # (until then the page shows its inline first-paint rules, tests/test_first_paint.py)
        # and Material's bundle running.
        page.evaluate("dispatchEvent(new Event('scroll'))")
        page.wait_for_function("() => document.documentElement.classList.contains('js')")
        settle(page)
        for state in states:
            page.emulate_media(media="print" if state == "print" else "screen")
            settle(page)
            if state == "search-open":
                page.locator(".guide-search__open").click()
                expect(page.locator("#guide-search")).to_be_visible()
                expect(page.locator("#guide-search-status")).to_be_empty()  # its index loaded
            # Search open: the viewport, where the modal dialog is. A full-page shot of the
            # open dialog came out in two versions at random, even of one site with one
            # stylesheet: 14 anti-aliased pixels at the corners of the focused field's
            # outline, 1 to 6 colour levels apart (6 Dec 2026, 8 shots of uk/work/: 2
            # versions, whether or not Material's focus-visible class was on the field); 10
            # viewport shots: one version.
            full = state != "search-open"
            pair = []
            for name in (None, WHOLE):
                page.evaluate(SWAP, name)
                _settle(page)
                pair.append(page.screenshot(full_page=full, animations="disabled", caret="hide"))
            shots[state] = (pair[0], pair[1])
        return shots
    finally:
        context.close()


def _states(kind: str) -> list[str]:
    return [state for state in STATES if (kind, state) != ("404", "search-open")]  # no button


def _differences(browser: Browser, shots: dict[str, tuple[bytes, bytes]]) -> dict[str, str]:
    """{state: how its two shots differ}, for the states whose shots differ."""
    differ = {}
    for state, (pruned, whole) in shots.items():
        if pruned != whole:
            count, rows = _differing_pixels(browser, pruned, whole)
            if count:
                differ[state] = f"{count} pixels differ ({rows})"
    return differ


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", language_codes())
def test_page_looks_the_same_with_the_pruned_stylesheet(
    browser: Browser, site_address: str, tmp_path: Path, lang: str, kind: str
) -> None:
    url = site_address + site_language_prefix(lang) + PAGE_TYPES[kind]
    shots = _shots(browser, url, _states(kind))
    assert list(shots) == _states(kind)
    differ = _differences(browser, shots)
    for state in differ:
        (tmp_path / f"{state}-pruned.png").write_bytes(shots[state][0])
        (tmp_path / f"{state}-whole.png").write_bytes(shots[state][1])
    assert differ == {}, f"{lang} {kind}: {differ}; shots in {tmp_path}"


# A rule of Material's for paper (the first-paint rules inline in each page carry none, and
# guide.css does not repeat it): no shadow around a note box.
PRINT_RULE = "@media print{.md-typeset .admonition,.md-typeset details{box-shadow:none}}"


@pytest.mark.browser
def test_the_comparison_catches_an_over_pruned_stylesheet(
    browser: Browser, site: Path, site_address: str
) -> None:
    (pruned,) = site.glob(STYLESHEETS)
    css = pruned.read_text(encoding="utf-8")
    assert css.count(PRINT_RULE) == 1
    over_pruned = css.replace(PRINT_RULE, "").encode()
    url = site_address + site_language_prefix(language_codes()[0]) + PAGE_TYPES["topic"]
    differ = _differences(browser, _shots(browser, url, ["print"], pruned=over_pruned))
    assert list(differ) == ["print"]


def _shot(browser: Browser, html: str) -> bytes:
    page = browser.new_page(viewport={"width": 40, "height": 20})
    try:
        page.set_content(html)
        return page.screenshot()
    finally:
        page.close()


@pytest.mark.browser
def test_the_comparison_ignores_one_level_and_counts_a_lost_rule(browser: Browser) -> None:
    box = '<body style="margin:0"><div style="width:10px;height:10px;background:{}"></div>'
    grey, lighter, moved, white, lightest = (
        _shot(browser, html)
        for html in (
            box.format("#808080"),
            box.format("#818181"),
            box.format("#808080;margin-left:5px"),
            box.format("#fff"),
            box.format("#f5f5f5"),
        )
    )
    assert _differing_pixels(browser, grey, lighter) == (0, "rows -1 to -1")
    assert _differing_pixels(browser, grey, moved) == (100, "rows 0 to 9")
    assert _differing_pixels(browser, white, lightest) == (100, "rows 0 to 9")


def _differing_pixels(browser: Browser, a: bytes, b: bytes) -> tuple[int, str]:
    """How many pixels differ (tests/pixel_diff.js) and in which rows (decoded by the same
    Chromium)."""
    page = browser.new_page()
    try:
        urls = [f"data:image/png;base64,{base64.b64encode(png).decode()}" for png in (a, b)]
        count, rows = page.evaluate(PIXEL_DIFF, [urls, PIXEL_THRESHOLD])
        return int(count), str(rows)
    finally:
        page.close()


PIXEL_DIFF = (Path(__file__).parent / "pixel_diff.js").read_text(encoding="utf-8")


def test_the_site_ships_no_source_maps(site: Path) -> None:
    assert sorted(site.rglob("*.map")) == []
    for path in (*site.glob("assets/**/*.js"), *site.glob("assets/**/*.css")):
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


def test_the_stylesheet_is_pruned(site: Path) -> None:
    (pruned,) = site.glob(STYLESHEETS)
    whole = MATERIAL_STYLESHEETS / pruned.name
    assert pruned.stat().st_size < 0.7 * whole.stat().st_size


def _selector(text: str) -> list[tinycss2.ast.Node]:
    (rule,) = tinycss2.parse_stylesheet(text + "{}", skip_whitespace=True)
    assert isinstance(rule, tinycss2.ast.QualifiedRule)
    return list(rule.prelude)


@pytest.mark.parametrize(
    ("selector", "applies"),
    [
        (".md-header", True),
        (".md-tabs", False),  # a class no page and no script has
        (".md-header:not(.md-tabs)", True),  # what :not() names is not required
        ("#__search:checked~.md-container", True),
        ("#elsewhere", False),
        ("[data-md-state=lock] .md-header", True),  # state attributes: the keep-list
        ("[hidden]", False),
        ("body a:focus::before", True),
        (".md-search__input", True),  # Material adds it at run time: the keep-list
        (".added-by-script", True),  # a word of a shipped script
    ],
)
def test_selector_applies(selector: str, applies: bool, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<body><header class="md-header"></header><input id="__search"><div class="md-container">'
    )
    script = tmp_path / "script.js"
    script.write_text('e.classList.add("added-by-script")')
    used = used_in([page], [script])
    assert selector_applies(_selector(selector), used) is applies


def test_custom_properties_no_kept_rule_reads_are_dropped() -> None:
    css = ":root{--a:red;--b:var(--c);--c:blue;--unused:green}.x{color:var(--a)}.y{color:var(--b)}"
    used = Used(classes={"x"})
    assert prune_stylesheet(css, used) == ":root{--a:red}.x{color:var(--a)}"
    assert prune_stylesheet(css, Used(classes={"x", "y"})) == (
        ":root{--a:red;--b:var(--c);--c:blue}.x{color:var(--a)}.y{color:var(--b)}"
    )
    # read by another stylesheet or a script of the site: kept
    assert prune_stylesheet(css, used, also_read_by="var(--unused)") == (
        ":root{--a:red;--unused:green}.x{color:var(--a)}"
    )


def test_media_rules_are_pruned_and_dropped_when_empty() -> None:
    css = "@media print{.x{color:red}.z{color:blue}}@media screen{.z{color:red}}@font-face{a:b}"
    assert prune_stylesheet(css, Used(classes={"x"})) == (
        "@media print{.x{color:red}}@font-face{a:b}"
    )
