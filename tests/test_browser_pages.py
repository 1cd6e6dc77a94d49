"""In a real phone-sized browser: nothing leaves the site, nothing fails, 112 stays in view,
the language switch keeps the page, and a page read once opens again offline.

Screenshots of every page checked go to test-screenshots/ for review (not committed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response, expect

from guide import ROOT
from guide.data.languages import languages, site_language_prefix
from tests import data
from tests.browser import open_page, reload_page, wait_until
from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-screenshots"
# One of each kind of page: home, a topic, a powiat, the glossary.
KINDS = ("index.md", "work.md", "powiaty/gdansk.md", "glossary.md")
VIEWS = [(lang, page) for lang in LANGUAGES for page in KINDS]


@dataclass
class Traffic:
    """Everything a page did on the network and in its console."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob"):
            return
        if f"{url.scheme}://{url.netloc}" != self.origin:
            self.foreign.append(request.url)

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def watch(self, page: Page) -> None:
        page.on("request", self.request)
        page.on("requestfailed", lambda request: self.failed.append(f"failed {request.url}"))
        page.on("response", self.response)
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize(("lang", "page"), VIEWS)
def test_page_stays_on_site_without_errors(
    phone: Page, site_url: str, lang: str, page: str
) -> None:
    traffic = Traffic(origin_of(site_url))
    traffic.watch(phone)
    open_page(phone, site_url + url_of(lang, page), settled=True)
    phone.locator("header a.guide-112").wait_for()
    phone.wait_for_timeout(300)  # late requests of the page's own scripts
    assert traffic.foreign == [], "requests to other origins"
    assert traffic.failed == [], "HTTP errors"
    assert traffic.errors == [], "console errors (CSP violations included)"
    SCREENSHOTS.mkdir(exist_ok=True)
    name = f"{lang}-{page.removesuffix('.md').replace('/', '-')}.png"
    phone.screenshot(path=str(SCREENSHOTS / name), full_page=False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emergency_number_stays_in_view(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, "safety-and-rights.md"))
    phone.mouse.wheel(0, 4000)
    phone.wait_for_function("() => window.scrollY > 1000")  # scrolled, however slow the machine
    link = phone.locator("header a.guide-112")
    expect(link).to_be_in_viewport()
    expect(link).to_have_text(f"{data.ui().label('emergency_short', lang)} 112")
    expect(link).to_have_attribute("href", "tel:112")


SWITCHES = [(lang, target) for lang in LANGUAGES for target in LANGUAGES if target != lang]


@pytest.mark.parametrize(("lang", "target"), SWITCHES)
def test_language_switch_keeps_the_page(phone: Page, site_url: str, lang: str, target: str) -> None:
    open_page(phone, site_url + url_of(lang, "work.md"))
    phone.locator(".md-header .md-select > button").click()
    name = next(language.name for language in languages() if language.code == target)
    phone.get_by_role("link", name=name, exact=True).click()
    phone.wait_for_url(site_url + url_of(target, "work.md"))
    assert phone.locator("html").get_attribute("lang") == target


OFFICES_GDANSK = "assets/guide/offices/gdansk.json"
OFFLINE_READY = (
    "url => navigator.serviceWorker.controller && caches.keys()"
    ".then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.match(url)))))"
    ".then(found => found.some(Boolean))"
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_read_once_opens_offline(phone: Page, site_url: str, lang: str) -> None:
    url = site_url + url_of(lang, "work.md")
    open_page(phone, url)
    # The worker (registered once the page has loaded) takes over the page and keeps it.
    wait_until(phone, OFFLINE_READY, url)
    phone.locator('aside.guide-box[data-office-type="pup"] select').select_option("gdansk")
    office = phone.locator('aside.guide-box[data-office-type="pup"] .guide-office__name')
    expect(office).to_have_text("Gdański Urząd Pracy")
    # The worker keeps the powiat's offices after it has handed them to the page.
    wait_until(phone, OFFLINE_READY, site_url + site_language_prefix(lang) + OFFICES_GDANSK)
    heading = phone.locator("article h1").inner_text()
    phone.context.set_offline(True)
    try:
        reload_page(phone)
        expect(phone.locator("article h1")).to_have_text(heading)
        expect(phone.locator("header a.guide-112")).to_be_visible()
        expect(office).to_have_text("Gdański Urząd Pracy")
    finally:
        phone.context.set_offline(False)
