"""In a real browser: "Report a mistake" and "Edit this page" are there in every language,
open GitHub without JavaScript, carry the reader's powiat once chosen, and are not printed.
GitHub itself is never contacted: its address is answered by the test (page.route)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from guide.data.languages import default_language
from tests import data
from tests.browser import PHONE, open_page
from tests.pages import LANGUAGES

pytestmark = pytest.mark.browser

REPO = "https://github.com/pierwsze-kroki-w-pomorskim/przewodnik"


def fields(href: str | None) -> dict[str, str]:
    assert href is not None
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


@pytest.fixture
def no_js(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)  # type: ignore[arg-type]
    page = context.new_page()
    yield page
    context.close()


def answer_github(page: Page) -> list[str]:
    opened: list[str] = []

    def fulfil(route: Route) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title>")

    page.route("https://github.com/**", fulfil)
    return opened


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_links_work_without_javascript(no_js: Page, site_url: str, lang: str) -> None:
    prefix = "" if lang == "pl" else f"{lang}/"
    no_js.goto(f"{site_url}{prefix}work/")
    labels = data.ui().labels
    report = no_js.locator('a[data-feedback="report"]')
    edit = no_js.locator('a[data-feedback="edit"]')
    expect(report).to_have_text(labels["report_mistake"][lang])
    expect(edit).to_have_text(labels["edit_page"][lang])
    expect(edit).to_have_attribute("href", f"{REPO}/edit/main/docs/{lang}/work.md")
    canonical = no_js.locator('link[rel="canonical"]').get_attribute("href")
    got = fields(report.get_attribute("href"))
    assert (got["template"], got["page"], got["lang"], got["edition"]) == (
        "content-mistake.yml",
        canonical,
        lang,
        "dev",
    )
    # Next to it, on a translation, the translation-problem form for the same page.
    translation = no_js.locator('a[data-feedback="translation"]')
    if lang == default_language():
        expect(translation).to_have_count(0)
    else:
        expect(translation).to_have_text(labels["report_translation"][lang])
        assert fields(translation.get_attribute("href")) == {
            **got,
            "template": "translation-problem.yml",
        }
    opened = answer_github(no_js)
    report.click()
    no_js.wait_for_url(f"{REPO}/issues/new?**")
    assert len(opened) == 1 and fields(opened[0]) == got


def test_box_link_carries_the_chosen_powiat(phone: Page, site_url: str) -> None:
    foreign: list[str] = []
    phone.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith((site_url, "data:")) else None,
    )
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page(phone, site_url + "uk/work/")
    box = phone.locator('aside.guide-box[data-office-type="pup"]')
    link = box.locator('a[data-feedback="office"]')
    expect(link).to_have_text(data.ui().labels["report_office"]["uk"])
    assert fields(link.get_attribute("href")).get("powiat") is None  # empty: no choice yet
    box.locator("select").select_option("gdansk")
    phone.wait_for_function(
        "() => new URL(document.querySelector('aside.guide-box[data-office-type=pup] "
        "a[data-feedback]').href).searchParams.get('powiat') === 'gdansk'"
    )
    got = fields(link.get_attribute("href"))
    assert got["powiat"] == "gdansk" and got["office"] == "pup"
    assert got["title"] == "[uk] gdansk / pup"
    assert got["template"] == "office-correction.yml" and got["lang"] == "uk"
    # Another page: the stored choice is already in its box's link.
    open_page(phone, site_url + "uk/safety-and-rights/")
    phone.wait_for_function(
        "() => new URL(document.querySelector('aside.guide-box[data-office-type=legal-aid] "
        "a[data-feedback]').href).searchParams.get('powiat') === 'gdansk'"
    )
    assert foreign == [] and errors == []


@pytest.mark.parametrize("path", ["en/work/", "en/powiaty/bytowski/"])
def test_links_are_not_printed(phone: Page, site_url: str, path: str) -> None:
    open_page(phone, site_url + path)
    links = phone.locator(".guide-feedback")
    assert links.count() >= 1
    expect(links.first).to_be_visible()
    phone.emulate_media(media="print")
    for index in range(links.count()):
        expect(links.nth(index)).to_be_hidden()
