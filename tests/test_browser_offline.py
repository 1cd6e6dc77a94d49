"""The service worker trusts only itself (overrides/sw.js): it answers from its own cache
only, never from another cache of the same origin, deletes this guide's older caches and no
one else's, and shows the offline page in the reader's language for a page not kept."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, Route, expect

from guide.data.languages import site_language_prefix
from guide.site.offline import PACK_JSON
from guide.site.search_index import SEARCH_JSON
from tests import data
from tests.browser import open_page, reload_page, wait_until
from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

CACHE_PREFIX = "pierwsze-kroki-w-pomorskim:2:"
# The worker controls the page and has kept these addresses (a promise: see wait_until).
READY = """([cache, urls]) => navigator.serviceWorker.controller &&
    caches.open(cache).then(c => Promise.all(urls.map(url => c.match(url))))
    .then(found => found.every(Boolean))"""
# keep.js's size: kilobytes, from 1 MB megabytes with one decimal, in the page's language.
SIZE = """([bytes, lang, units]) => {
    const mega = bytes >= 1000000;
    return new Intl.NumberFormat(lang, {maximumFractionDigits: mega ? 1 : 0})
        .format(bytes / (mega ? 1000000 : 1000)) + "\\u00a0" + units.split(" ")[mega ? 1 : 0];
}"""
POISON = """async ([urls]) => {
    for (const name of ["poison", "pierwsze-kroki-w-pomorskim:2:" + location.origin + "/other/"]) {
        const cache = await caches.open(name);
        for (const url of urls) {
            await cache.put(url, new Response("<h1>POISONED</h1>",
                {headers: {"Content-Type": "text/html"}}));
        }
    }
}"""


def offline_url(site_url: str, lang: str) -> str:
    return site_url + url_of(lang, "index.md") + "offline.html"


def ready(phone: Page, site_url: str, lang: str, page: str) -> str:
    """Open the page twice: the worker takes over on the first view; from the second, the
    language's offline page is kept too (never on a first view: MAINTAINING.md "Budgets")."""
    url = site_url + url_of(lang, page)
    open_page(phone, url)
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10_000)
    reload_page(phone)
    wait_until(phone, READY, [CACHE_PREFIX + site_url, [url, offline_url(site_url, lang)]])
    return url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worker_never_answers_from_a_foreign_cache(phone: Page, site_url: str, lang: str) -> None:
    read = ready(phone, site_url, lang, "work.md")
    heading = phone.locator("article h1").inner_text()
    unread = site_url + url_of(lang, "health.md")
    phone.evaluate(POISON, [[read, unread]])
    phone.context.set_offline(True)
    try:
        open_page(phone, unread)
        expect(phone.locator("h1")).to_have_text(data.ui().label("offline_title", lang))
        expect(phone.locator("html")).to_have_attribute("lang", lang)
        open_page(phone, read)
        expect(phone.locator("article h1")).to_have_text(heading)
    finally:
        phone.context.set_offline(False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_page_is_ready_only_once_the_worker_kept_it(
    phone: Page, site_url: str, lang: str
) -> None:
    """The second page hands the worker its language's offline page (boot.js); the worker's
    fetch of it is held here, and meanwhile the wait for it must not end. A wait that ended
    at once (an asynchronous check in wait_for_function) let the offline tests go offline
    before the worker had the page: their first offline navigation got Response.error()."""
    held: list[Route] = []
    offline = offline_url(site_url, lang)
    phone.context.route(offline, lambda route: held.append(route))
    url = site_url + url_of(lang, "index.md")
    open_page(phone, url)
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10_000)
    with phone.context.expect_event("request", lambda request: request.url == offline):
        reload_page(phone)
    kept = [CACHE_PREFIX + site_url, [url, offline]]
    with pytest.raises(TimeoutError):
        wait_until(phone, READY, kept, timeout=1.0)
    assert [route.request.service_worker is not None for route in held] == [True]
    held[0].continue_()
    wait_until(phone, READY, kept)
    phone.context.set_offline(True)
    try:
        open_page(phone, site_url + url_of(lang, "glossary.md"))
        expect(phone.locator("h1")).to_have_text(data.ui().label("offline_title", lang))
    finally:
        phone.context.set_offline(False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_page_links_to_the_language_home(phone: Page, site_url: str, lang: str) -> None:
    ready(phone, site_url, lang, "index.md")
    phone.context.set_offline(True)
    unread = site_url + url_of(lang, "glossary.md")
    try:
        open_page(phone, unread)
        expect(phone.locator("p").first).to_have_text(data.ui().label("offline_text", lang))
        phone.get_by_role("link", name=data.ui().label("not_found_home", lang)).click()
        phone.wait_for_url(site_url + url_of(lang, "index.md"))
        expect(phone.locator("header a.guide-112")).to_be_visible()
    finally:
        phone.context.set_offline(False)


def test_activate_deletes_only_this_guides_old_caches(phone: Page, site_url: str) -> None:
    open_page(phone, site_url + "assets/guide/favicon.svg")  # same origin, no worker yet
    old = ["guide-offline-v1:" + site_url, "pierwsze-kroki-w-pomorskim:1:" + site_url]
    foreign = ["other-site", "pierwsze-kroki-w-pomorskim:1:" + site_url + "other/"]
    phone.evaluate("names => Promise.all(names.map(n => caches.open(n)))", old + foreign)
    ready(phone, site_url, LANGUAGES[0], "index.md")
    names = phone.evaluate("caches.keys()")
    assert sorted(names) == sorted([CACHE_PREFIX + site_url, *foreign])


BOXES = "aside.guide-box:not([data-regional])"
VALUES = "selects => selects.map(s => s.value)"
KEPT = "([cache, url]) => caches.open(cache).then(c => c.match(url)).then(Boolean)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_powiat_change_offline_keeps_the_last_powiat(phone: Page, site_url: str, lang: str) -> None:
    first, second = (powiat.slug for powiat in data.directory().powiaty[:2])
    ready(phone, site_url, lang, "work.md")
    boxes = phone.locator(BOXES)
    boxes.first.locator("select").select_option(first)
    offices = site_url + url_of(lang, "index.md") + f"assets/guide/offices/{first}.json"
    wait_until(phone, READY, [CACHE_PREFIX + site_url, [offices]])
    shown = boxes.locator("[data-office-body] > div")
    expect(shown).to_have_count(boxes.count())
    before = shown.evaluate_all("divs => divs.map(d => d.innerHTML)")
    notice = data.ui().label("powiat_needs_connection", lang)
    phone.context.set_offline(True)
    try:
        boxes.last.locator("select").select_option(second)
        expect(boxes.locator(".guide-box__notice")).to_have_text([notice] * boxes.count())
        assert shown.evaluate_all("divs => divs.map(d => d.innerHTML)") == before
        assert boxes.locator("select").evaluate_all(VALUES) == [first] * boxes.count()
        reload_page(phone)
        expect(shown).to_have_count(boxes.count())
        assert shown.evaluate_all("divs => divs.map(d => d.innerHTML)") == before
        assert boxes.locator("select").evaluate_all(VALUES) == [first] * boxes.count()
    finally:
        phone.context.set_offline(False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keep_the_guide_on_the_phone(phone: Page, site_url: str, site: Path, lang: str) -> None:
    """Stored from the start page with its size shown first, one button offered at a time;
    then pages never opened, the reader's powiat and the search index open offline; removed,
    they do not."""
    ui = data.ui()
    first = data.directory().powiaty[0].slug
    ready(phone, site_url, lang, "index.md")
    phone.evaluate("slug => localStorage.setItem('guide.powiat', slug)", first)
    pack = json.loads((site / site_language_prefix(lang) / PACK_JSON).read_text("utf-8"))
    status = phone.locator(".guide-keep__status")
    offered = phone.locator(".guide-keep").get_by_role("button")
    expect(offered).to_have_text([ui.label("keep_button", lang)])
    phone.get_by_role("button", name=ui.label("keep_button", lang)).click()
    shown = phone.evaluate(SIZE, [pack["bytes"], lang, ui.label("keep_units", lang)])
    expect(status).to_have_text(ui.label("keep_size", lang).replace("{size}", shown))
    expect(offered).to_have_text([ui.label("keep_confirm", lang)])
    phone.get_by_role("button", name=ui.label("keep_confirm", lang)).click()
    expect(status).to_have_text(ui.label("keep_done", lang).replace("{size}", shown))
    expect(offered).to_have_text([ui.label("keep_remove", lang)])
    never_opened = [url_of(lang, page) for page in ("health.md", f"powiaty/{first}.md")]
    fetched = [f"assets/guide/offices/{first}.json", SEARCH_JSON]
    kept = [site_url + address for address in never_opened] + [
        site_url + site_language_prefix(lang) + path for path in fetched
    ]
    for url in kept:  # in the worker's own cache, not only in the browser's HTTP cache
        assert phone.evaluate(KEPT, [CACHE_PREFIX + site_url, url]), url
    phone.context.set_offline(True)
    try:
        for address in never_opened:
            open_page(phone, site_url + address)
            expect(phone.locator("article h1")).to_be_visible()
        open_page(phone, site_url + url_of(lang, "work.md"))
        expect(phone.locator(BOXES).first.locator("[data-office-body] > div")).to_be_visible()
        index = site_url + site_language_prefix(lang) + SEARCH_JSON
        assert phone.evaluate("url => fetch(url).then(r => r.ok)", index)
    finally:
        phone.context.set_offline(False)
    open_page(phone, site_url + url_of(lang, "index.md"))
    phone.get_by_role("button", name=ui.label("keep_button", lang)).click()
    expect(status).to_have_text(ui.label("keep_done", lang).replace("{size}", shown))
    phone.get_by_role("button", name=ui.label("keep_remove", lang)).click()
    expect(status).to_have_text(ui.label("keep_removed", lang))
    expect(offered).to_have_text([ui.label("keep_confirm", lang)])
    # Gone from the worker's cache (the browser's own HTTP cache may still hold a copy
    # for its ten minutes, as the host allows).
    for address in never_opened:
        assert not phone.evaluate(KEPT, [CACHE_PREFIX + site_url, site_url + address])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keeping_shows_its_progress(phone: Page, site_url: str, site: Path, lang: str) -> None:
    """While the worker stores the last batch (its fetch of the pack's last file is held
    here), the reader sees how far it got in percent, in words and on the bar."""
    ui = data.ui()
    ready(phone, site_url, lang, "index.md")
    pack_url = site_url + site_language_prefix(lang) + PACK_JSON
    pack = json.loads((site / site_language_prefix(lang) / PACK_JSON).read_text("utf-8"))
    last = urljoin(pack_url, pack["files"][-1])
    held: list[Route] = []
    phone.context.route(last, lambda route: held.append(route))
    phone.get_by_role("button", name=ui.label("keep_button", lang)).click()
    with phone.context.expect_event("request", lambda request: request.url == last):
        phone.get_by_role("button", name=ui.label("keep_confirm", lang)).click()
    words = re.escape(ui.label("keep_progress", lang)).replace(r"\{percent\}", r"(\d+)")
    status = phone.locator(".guide-keep__status")
    expect(status).to_have_text(re.compile(f"^{words}$"))
    match = re.fullmatch(words, status.inner_text())
    assert match is not None and 0 < int(match[1]) < 100
    bar = phone.locator(".guide-keep__progress")
    expect(bar).to_be_visible()
    assert bar.evaluate("bar => bar.value") == int(match[1])
    assert [route.request.service_worker is not None for route in held] == [True]
    held[0].continue_()
    shown = phone.evaluate(SIZE, [pack["bytes"], lang, ui.label("keep_units", lang)])
    expect(status).to_have_text(ui.label("keep_done", lang).replace("{size}", shown))
    expect(bar).to_be_hidden()
