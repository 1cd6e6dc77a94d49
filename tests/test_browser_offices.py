"""In a real browser: the powiat choice persists across pages; the town search finds towns."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from guide.data.languages import site_language_prefix
from guide.site.asset_paths import TOWNS_JSON
from tests import data
from tests.browser import open_page
from tests.pages import LANGUAGES

pytestmark = pytest.mark.browser


def test_powiat_choice_persists_across_pages(phone: Page, site_url: str) -> None:
    open_page(phone, site_url + "uk/work/")
    box = phone.locator('aside.guide-box[data-office-type="pup"]')
    box.locator("select").select_option("gdansk")
    expect(box.locator(".guide-office__name")).to_have_text("Gdański Urząd Pracy")
    open_page(phone, site_url + "uk/safety-and-rights/")
    legal = phone.locator('aside.guide-box[data-office-type="legal-aid"]')
    expect(legal).to_contain_text("+48 58 342 31 88")
    expect(legal.locator("select")).to_have_value("gdansk")
    assert phone.evaluate("localStorage.getItem('guide.powiat')") == "gdansk"


def test_without_a_choice_the_box_offers_the_picker(phone: Page, site_url: str) -> None:
    open_page(phone, site_url + "en/work/")
    box = phone.locator('aside.guide-box[data-office-type="pup"]')
    expect(box.locator("select")).to_be_visible()
    expect(box.locator(".guide-office__name")).to_have_count(0)


@pytest.mark.parametrize(
    ("query", "shown", "slug"),
    [("lebork", "Lębork", "leborski"), ("Гданськ", "Гданськ (Gdańsk)", "gdansk")],
)
def test_town_search(phone: Page, site_url: str, query: str, shown: str, slug: str) -> None:
    open_page(phone, site_url + "uk/powiaty/")
    phone.locator("#guide-town").fill(query)
    result = phone.locator("#guide-town-results a").first
    expect(result).to_contain_text(shown)
    result.click()
    phone.wait_for_url(f"**/uk/powiaty/{slug}/")
    assert phone.evaluate("localStorage.getItem('guide.powiat')") == slug


def test_towns_are_fetched_on_first_use_of_the_town_search(phone: Page, site_url: str) -> None:
    """The powiaty page's first view does not carry the town list (it grows with the region)."""
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    open_page(phone, site_url + "uk/powiaty/")
    expect(phone.locator("#guide-town")).to_be_visible()
    phone.wait_for_load_state("networkidle")
    assert not [url for url in requested if url.endswith(TOWNS_JSON)]
    with phone.expect_request(lambda request: request.url.endswith(TOWNS_JSON)):
        phone.locator("#guide-town").focus()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_route_slot_in_the_box(phone: Page, site_url: str, lang: str) -> None:
    """bytowski has no confirmed PUP: the box shows its verified next step, a link."""
    route = data.directory().route("bytowski", "pup")
    assert route is not None and route.website is not None
    open_page(phone, site_url + site_language_prefix(lang) + "work/")
    box = phone.locator('aside.guide-box[data-office-type="pup"]')
    box.locator("select").select_option("bytowski")
    link = box.locator(".guide-office--route").get_by_role("link", name=route.name, exact=True)
    expect(link).to_have_attribute("href", route.website)
    expect(box).to_contain_text(data.ui().label(f"route_{route.kind}", lang))
