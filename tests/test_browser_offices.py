"""In a real browser: the powiat choice persists across pages; the town search finds towns."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_powiat_choice_persists_across_pages(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "uk/work/")
    box = phone.locator('aside.guide-box[data-office-type="pup"]')
    box.locator("select").select_option("gdansk")
    expect(box.locator(".guide-office__name")).to_have_text("Gdański Urząd Pracy")
    phone.goto(site_url + "uk/safety-and-rights/")
    legal = phone.locator('aside.guide-box[data-office-type="legal-aid"]')
    expect(legal).to_contain_text("+48 58 342 31 88")
    expect(legal.locator("select")).to_have_value("gdansk")
    assert phone.evaluate("localStorage.getItem('guide.powiat')") == "gdansk"


def test_without_a_choice_the_box_offers_the_picker(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "en/work/")
    box = phone.locator('aside.guide-box[data-office-type="pup"]')
    expect(box.locator("select")).to_be_visible()
    expect(box.locator(".guide-office__name")).to_have_count(0)


@pytest.mark.parametrize(
    ("query", "shown", "slug"),
    [("lebork", "Lębork", "leborski"), ("Гданськ", "Гданськ (Gdańsk)", "gdansk")],
)
def test_town_search(phone: Page, site_url: str, query: str, shown: str, slug: str) -> None:
    phone.goto(site_url + "uk/powiaty/")
    phone.locator("#guide-town").fill(query)
    result = phone.locator("#guide-town-results a").first
    expect(result).to_contain_text(shown)
    result.click()
    phone.wait_for_url(f"**/uk/powiaty/{slug}/")
    assert phone.evaluate("localStorage.getItem('guide.powiat')") == slug
