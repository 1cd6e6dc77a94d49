"""The first view (issue 23): what a phone loads before the reader does anything.

Material's bundle (35 KB) is not part of it: boot.js loads it on the first touch, key,
wheel or scroll, and it then starts as if the page had just loaded (its header title
follows the reading).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import PHONE, open_page
from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

BUNDLE = "/assets/javascripts/bundle."
STYLESHEET = r"^main\.[0-9a-f]+\.min\.css$"  # Material's, by its hash


def _watch(page: Page) -> tuple[list[str], list[str]]:
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return requested, errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_materials_bundle_waits_for_the_first_scroll(phone: Page, site_url: str, lang: str) -> None:
    requested, errors = _watch(phone)
    open_page(phone, site_url + url_of(lang, "work.md"), wait_until="networkidle")
    assert [url for url in requested if BUNDLE in url] == []
    title = phone.locator("[data-md-component=header-title]")
    expect(title).not_to_have_class("md-header__title md-header__title--active")

    phone.mouse.wheel(0, 2000)  # past the page's title: Material's header shows it
    expect(title).to_have_class("md-header__title md-header__title--active")
    assert len([url for url in requested if BUNDLE in url]) == 1
    assert errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_materials_bundle_loads_on_the_first_touch(phone: Page, site_url: str, lang: str) -> None:
    requested, errors = _watch(phone)
    open_page(phone, site_url + url_of(lang, "index.md"), wait_until="networkidle")
    phone.locator("h1").first.click()
    expect(phone.locator("html")).to_have_class("js-focus-visible js")  # the bundle ran
    assert len([url for url in requested if BUNDLE in url]) == 1
    assert errors == []


# partials/javascripts/later.html, driven step by step: the paint timing the page observes,
# its frames and its longer timers (the fallbacks) are the test's to fire.
STEPS = """window.__observers = []; window.__frames = []; window.__timers = [];
window.PerformanceObserver = class {
  static supportedEntryTypes = ["paint", "largest-contentful-paint"];
  constructor(callback) { this.callback = callback; __observers.push(this); }
  observe() {}
  disconnect() { this.callback = null; }
};
window.requestAnimationFrame = (callback) => { __frames.push(callback); return __frames.length; };
const timeout = window.setTimeout;
window.setTimeout = (callback, delay, ...rest) =>
  delay >= 300 ? __timers.push([callback, delay]) : timeout(callback, delay, ...rest);"""
PAINT = """(at) => { for (const o of __observers) {
  if (o.callback) o.callback({ getEntries: () => [{ startTime: at }] }); } }"""
FRAME = "() => __frames.shift()(performance.now())"
TIMER = """(delay) => {
  const i = __timers.findIndex((t) => t[1] === delay); __timers.splice(i, 1)[0][0](); }"""
HIDDEN = """Object.defineProperty(document, "visibilityState", { get: () => "hidden" });"""
READY = "() => document.documentElement.hasAttribute('data-guide-ready')"


def _files(requested: list[str], site_url: str) -> list[str]:
    """The site's files a page asked for besides itself and the tab's icon (the browser's own
    request, made when it chooses)."""
    return [url for url in requested[1:] if url.startswith(site_url) and "favicon" not in url]


def _loaded_after(
    phone: Page, site_url: str, lang: str, steps: str, *fire: tuple[str, object]
) -> None:
    """Load the work page with `steps` in place, fire each of `fire` (a script and its
    argument): nothing is requested before the last, which loads the page's files."""
    requested, errors = _watch(phone)
    phone.add_init_script(steps)
    phone.goto(site_url + url_of(lang, "work.md"))
    for script, arg in fire[:-1]:
        phone.evaluate(script, arg)
    assert _files(requested, site_url) == [], "requested before the first paint"
    script, arg = fire[-1]
    phone.evaluate(script, arg)
    phone.wait_for_function(READY, polling=50)  # (its frames are the test's)
    files = {
        re.sub(STYLESHEET, "main.css", url.rsplit("/", 1)[1]) for url in _files(requested, site_url)
    }
    assert {"main.css", "guide.css", "boot.js", "offices.js"} <= files, files
    assert phone.evaluate("typeof window.guideFold") == "object"  # boot.js ran
    assert errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_files_load_once_a_paint_after_the_page_is_shown(
    phone: Page, site_url: str, lang: str
) -> None:
    """Shown after the page was parsed: a paint of the whole page. A paint shown before the
    script at the page's end ran (startTime 0) was of part of it: the files still wait."""
    _loaded_after(phone, site_url, lang, STEPS, (PAINT, 0), (PAINT, 10**9))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_a_later_paint_the_files_load_two_frames_on(
    phone: Page, site_url: str, lang: str
) -> None:
    """No paint comes after the page's end (its largest paint came earlier, or the browser has
    no paint timing): 0.3 s after the second frame."""
    _loaded_after(phone, site_url, lang, STEPS, (FRAME, None), (FRAME, None), (TIMER, 300))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_files_load_three_seconds_after_the_load_at_the_latest(
    phone: Page, site_url: str, lang: str
) -> None:
    _loaded_after(phone, site_url, lang, STEPS, (TIMER, 3000))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_opened_in_the_background_loads_its_files_at_once(
    phone: Page, site_url: str, lang: str
) -> None:
    requested, errors = _watch(phone)
    phone.add_init_script(STEPS + HIDDEN)
    phone.goto(site_url + url_of(lang, "work.md"))
    phone.wait_for_function(READY, polling=50)  # (its frames are the test's)
    assert len(_files(requested, site_url)) >= 4
    assert errors == []


HEADER_BOXES = """() => [...document.querySelectorAll(".md-header *")].map((el) => {
  const box = el.getBoundingClientRect();
  return [el.tagName, el.className.baseVal ?? el.className, box.x, box.y, box.width, box.height];
})"""


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_does_not_move_when_the_scripts_run(
    phone: Page, site_url: str, lang: str, width: int
) -> None:
    """boot.js shows the search button after the first paint: its place is kept until then."""
    phone.set_viewport_size({"width": width, "height": PHONE["height"]})
    phone.add_init_script(STEPS)
    phone.goto(site_url + url_of(lang, "work.md"))
    before = phone.evaluate(HEADER_BOXES)
    phone.evaluate(PAINT, 10**9)
    phone.wait_for_function(READY, polling=50)  # (its frames are the test's)
    expect(phone.locator(".guide-search__open")).to_be_visible()
    assert phone.evaluate(HEADER_BOXES) == before
