"""The first view (issue 23): what a phone loads before the reader does anything.

Material's bundle (35 KB) is not part of it: boot.js loads it on the first touch, key,
wheel or scroll, and it then starts as if the page had just loaded (its header title
follows the reading).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

BUNDLE = "/assets/javascripts/bundle."


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
    phone.goto(site_url + url_of(lang, "work.md"), wait_until="networkidle")
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
    phone.goto(site_url + url_of(lang, "index.md"), wait_until="networkidle")
    phone.locator("h1").first.click()
    expect(phone.locator("html")).to_have_class("js-focus-visible js")  # the bundle ran
    assert len([url for url in requested if BUNDLE in url]) == 1
    assert errors == []
