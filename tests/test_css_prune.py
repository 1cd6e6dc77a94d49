"""Material's stylesheet pruned at build time (guide/site/css_prune.py): every page type is drawn
the same, every element's computed style and box (tests/rendering.py), with the pruned and with
Material's whole stylesheet; the rules the scripts need at run time stay; the site ships no
source maps."""

from __future__ import annotations

import re
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
from tests.rendering import Comparison, compare, keep, site_stylesheets

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


def _finished(page: Page) -> None:
    # every image loaded (the print QR code is lazy: its box waits for it)
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    # transitions (the search dialog, focus rings) finished: no style caught halfway
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def _compared(
    browser: Browser, url: str, states: list[str], *, site: Path, pruned: bytes | None = None
) -> dict[str, Comparison]:
    """One page in each state (in the order given), drawn with the pruned stylesheet, then
    with Material's whole one swapped in (SWAP): {state: the second rendering against the
    first}. `pruned`: other bytes served in place of the pruned stylesheet."""
    # Service workers blocked: what sw.js fetched would not pass the routes below.
    context = browser.new_context(viewport=PHONE, service_workers="block")  # type: ignore[arg-type]
    page: Page = context.new_page()
    whole = MATERIAL_MAIN.read_bytes()
    stylesheets = [*site_stylesheets(site), whole.decode()]
    page.route(f"**/{WHOLE}", lambda route: route.fulfill(body=whole, content_type="text/css"))
    if pruned is not None:
        replaced = pruned
        page.route(
            f"**/{MATERIAL_MAIN.name}",
            lambda route: route.fulfill(body=replaced, content_type="text/css"),
        )
    compared: dict[str, Comparison] = {}
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
            page.evaluate(SWAP, None)
            settle(page)
            if state == "search-open":
                page.locator(".guide-search__open").click()
                expect(page.locator("#guide-search")).to_be_visible()
                expect(page.locator("#guide-search-status")).to_be_empty()  # its index loaded
            _finished(page)
            keep(page, stylesheets)
            page.evaluate(SWAP, WHOLE)
            _finished(page)
            compared[state] = compare(page)
        return compared
    finally:
        context.close()


def _states(kind: str) -> list[str]:
    return [state for state in STATES if (kind, state) != ("404", "search-open")]  # no button


def _differences(compared: dict[str, Comparison]) -> dict[str, Comparison]:
    """The states whose two renderings differ."""
    return {state: comparison for state, comparison in compared.items() if not comparison.same}


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", language_codes())
def test_page_looks_the_same_with_the_pruned_stylesheet(
    browser: Browser, site: Path, site_address: str, lang: str, kind: str
) -> None:
    url = site_address + site_language_prefix(lang) + PAGE_TYPES[kind]
    compared = _compared(browser, url, _states(kind), site=site)
    assert list(compared) == _states(kind)
    differ = _differences(compared)
    assert differ == {}, f"{lang} {kind}: " + "; ".join(f"{s}: {c}" for s, c in differ.items())


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
    differ = _differences(_compared(browser, url, ["print"], site=site, pruned=over_pruned))
    assert list(differ) == ["print"]
    changes = differ["print"].changes()
    assert changes and all(" box-shadow: " in change for change in changes), changes


# One page and its rules; each case loses one rule, and the comparison must report what it
# changed (a regular expression matching one line of Comparison.changes()).
RULES = {
    "element": (".c{margin-left:5px}", r"DIV c style margin-left: 5px → 0px$"),
    "box": (".c{margin-left:5px}", r"DIV c box: 13 .* → 8 "),
    "inherited": ("ul{color:#818181}", r"LI a style color: rgb\(129, 129, 129\) → rgb\(0, 0, 0\)$"),
    "before": (".b::before{content:'x';color:green}", r"P b ::before: .* → content:none$"),
    "marker": (".a::marker{color:red}", r"LI a ::marker color: rgb\(255, 0, 0\) → rgb\(129, "),
    "placeholder": (
        ".f::placeholder{color:blue}",
        r"INPUT f ::placeholder color: rgb\(0, 0, 255\)",
    ),
    "backdrop": (
        "dialog::backdrop{background:red}",
        r"DIALOG  ::backdrop background-color: rgb\(255",
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("rule", RULES)
def test_the_comparison_names_a_lost_rule(browser: Browser, rule: str) -> None:
    lost, expected = RULES[rule]
    css = "".join(text for text, _ in RULES.values())
    page = browser.new_page()
    try:
        page.set_content(
            f'<style>{css}</style><ul><li class="a">x</li></ul><input class="f" placeholder="p">'
            '<p class="b">t</p><div class="c">d</div><dialog>m</dialog>'
        )
        page.evaluate("document.querySelector('dialog').showModal()")
        keep(page, [])
        page.evaluate(
            "(css) => { document.querySelector('style').textContent = css; }", css.replace(lost, "")
        )
        comparison = compare(page)
    finally:
        page.close()
    assert not comparison.same
    assert any(re.match(expected, change) for change in comparison.changes()), str(comparison)


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
