"""The powiats' map and list, and the status pages, at 390x844 (tests/browser.py PHONE): every
powiat has a link of 44 CSS px at least, the map's numbers are readable and match the list, the
reader's powiat is marked on both after it is chosen (offices.js sets aria-current; guide.css
fills it), and the status pages' tables do not widen the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests import data
from tests.browser import PHONE, open_page
from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

TARGET_PX = 44  # WCAG 2.5.5's target size
LABEL_PX = 12  # the smallest map number a reader can read on a phone
SLUGS = [powiat.slug for powiat in data.directory().powiaty]
CHOSEN = SLUGS[-1]  # a city powiat: the smallest shapes on the map

_TARGETS = """(slug) => Array.from(document.querySelectorAll(`article a[href="${slug}/"]`))
  .filter((link) => link.getClientRects().length && getComputedStyle(link).visibility === "visible")
  .map((link) => { const box = link.getBoundingClientRect(); return [box.width, box.height]; })"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_powiat_has_a_44_px_target(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, "powiaty/index.md"))
    for slug in SLUGS:
        boxes = phone.evaluate(_TARGETS, slug)
        assert any(w >= TARGET_PX and h >= TARGET_PX for w, h in boxes), (slug, boxes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_numbers_are_readable_and_match_the_list(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, "powiaty/index.md"))
    on_map = phone.locator(".guide-map a").evaluate_all(
        """(links) => links.map((link) => {
            const text = link.querySelector("text");
            return [link.dataset.powiat, text.textContent, text.getBoundingClientRect().height];
        })"""
    )
    in_list = phone.locator(".guide-powiat-list a").evaluate_all(
        """(links) => links.map((link) => [link.dataset.powiat,
            link.querySelector(".guide-powiat-list__number").textContent])"""
    )
    assert [[slug, number] for slug, number, _ in on_map] == in_list
    assert [slug for slug, _ in in_list] == SLUGS
    assert min(height for _, _, height in on_map) >= LABEL_PX


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chosen_powiat_is_marked(phone: Page, site_url: str, lang: str) -> None:
    url = site_url + url_of(lang, "powiaty/index.md")
    open_page(phone, url)
    fill = ".guide-map a[data-powiat='{}'] path"
    plain = phone.locator(fill.format(CHOSEN)).evaluate("(p) => getComputedStyle(p).fill")
    assert phone.locator("[aria-current]").count() == 0
    phone.evaluate(f"localStorage.setItem('guide.powiat', '{CHOSEN}')")
    for media in ("screen", "print"):
        phone.emulate_media(media=media)
        open_page(phone, url)
        marked = phone.locator("[aria-current='true']")
        marked.first.wait_for(state="attached")
        assert marked.evaluate_all("(links) => links.map((l) => l.dataset.powiat)") == [
            CHOSEN,
            CHOSEN,
        ]
        chosen = phone.locator(fill.format(CHOSEN)).evaluate("(p) => getComputedStyle(p).fill")
        other = phone.locator(fill.format(SLUGS[0])).evaluate("(p) => getComputedStyle(p).fill")
        assert chosen != plain and other == plain, media


STATUS_PAGES = [
    url_of(lang, "index.md") + name
    for lang in LANGUAGES
    for name in ("translation-status.html", "data-status.html")
]


@pytest.mark.parametrize("path", STATUS_PAGES)
def test_status_pages_fit_a_phone(phone: Page, site_url: str, path: str) -> None:
    """The maintainers' tables scroll in their own box at 390 px; the page never does."""
    open_page(phone, site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = phone.locator(".guide-status__table")
    assert boxes.count() >= 1
    assert (
        boxes.evaluate_all("(all) => all.map((box) => getComputedStyle(box).overflowX)")
        == ["auto"] * boxes.count()
    )
