"""In a real browser, per language: search loads nothing until opened, then only its language."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Request, expect

from guide.data.languages import default_language
from guide.site.search_index import SEARCH_JSON, STEM, Synonym, load_index, search, synonyms
from tests.browser import open_page, search_answers, wait_for_search_answer
from tests.pages import LANGUAGES, resolve, url_of

pytestmark = pytest.mark.browser

# A query in the reader's own script finding the page on residence permits (legal-stay/).
# (The English page keeps the Polish name of the card beside its translation.)
RESIDENCE_QUERY = {
    "pl": "karta pob",
    "uk": "дозвіл на переб",
    "ru": "разрешение на преб",
    "en": "karta pob",
}


def _is_search_data(request: Request) -> bool:
    """An index, worker or engine of any search (search.js, the dialog's 7 kB, is not one)."""
    return any(part in request.url for part in ("search-index", "search_index", "lunr", "workers/"))


def _open_search(phone: Page) -> None:
    phone.locator(".guide-search__open").click()
    expect(phone.locator("#guide-search")).to_be_visible()
    expect(phone.locator("#guide-search-input")).to_be_focused()


def _hits(phone: Page, query: str) -> list[str]:
    phone.locator("#guide-search-input").fill(query)
    wait_for_search_answer(phone)
    hrefs = phone.locator("#guide-search-results a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return [str(href) for href in hrefs]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_of_search_loads_before_it_is_opened(phone: Page, site_url: str, lang: str) -> None:
    requests: list[Request] = []
    phone.on("request", lambda request: requests.append(request))
    open_page(phone, site_url + url_of(lang, "work.md"), wait_until="networkidle")
    assert [r.url for r in requests if _is_search_data(r)] == []
    _open_search(phone)
    expect(phone.locator("#guide-search-status")).to_be_empty()  # loaded
    assert [r.url for r in requests if _is_search_data(r)] == [
        site_url + url_of(lang, "index.md") + SEARCH_JSON
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lebork_finds_the_lebork_powiat_page(phone: Page, site_url: str, lang: str) -> None:
    console: list[str] = []
    phone.on("console", lambda message: console.append(message.text))
    open_page(phone, site_url + url_of(lang, "health.md"))
    _open_search(phone)
    hits = _hits(phone, "lebork")
    assert resolve(lang, "health.md", hits[0]) == url_of(lang, "powiaty/leborski.md")
    first = phone.locator("#guide-search-results a").first
    expect(first.locator(".guide-search__excerpt mark").first).to_have_text("Lębork")
    assert [text for text in console if "Content Security Policy" in text] == []
    first.click()
    phone.wait_for_url(f"**/{url_of(lang, 'powiaty/leborski.md')}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_stay_in_the_language_and_exist(
    phone: Page, site: Path, site_url: str, lang: str
) -> None:
    page = "work.md"
    open_page(phone, site_url + url_of(lang, page))
    _open_search(phone)
    # a language without its own query (a partial one): the Polish page's words
    hits = _hits(phone, RESIDENCE_QUERY.get(lang, RESIDENCE_QUERY[default_language()]))
    targets = [resolve(lang, page, href) for href in hits]
    assert targets[0] == url_of(lang, "legal-stay.md")
    others = [
        url_of(code, "index.md") for code in LANGUAGES if code != lang and url_of(code, "index.md")
    ]
    for target in targets:
        assert target.startswith(url_of(lang, "index.md")), target
        assert not target.startswith(tuple(others)), target
        assert (site / target / "index.html").is_file(), target


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_avoided_variant_finds_the_pages_of_the_rendering(
    phone: Page, site: Path, site_url: str, lang: str
) -> None:
    pages = load_index((site / url_of(lang, "index.md") / SEARCH_JSON).read_text("utf-8"))
    known = synonyms(lang)

    def found(query: str, synonyms: tuple[Synonym, ...] = ()) -> list[str]:
        return [hit.url.split("#")[0] for hit in search(pages, query, synonyms=synonyms)]

    # The variants by which only the synonyms find the first page of the rendering: the
    # words readers type that the guide's pages do not use for the term.
    cases: list[tuple[str, str]] = []
    for variant, rendering in known:
        query = " ".join(word.removesuffix(STEM) for word in variant)
        first = found(" ".join(rendering))[:1]
        if first and first[0] in found(query, known) and first[0] not in found(query):
            cases.append((query, first[0]))
    assert bool(cases) == bool(known)
    open_page(phone, site_url + url_of(lang, "work.md"))
    _open_search(phone)
    expect(phone.locator("#guide-search-status")).to_be_empty()  # the index is loaded
    answers = search_answers(phone, [query for query, _ in cases])
    for query, wanted in cases:
        targets = [resolve(lang, "work.md", href) for href in answers[query]]
        assert url_of(lang, "index.md") + wanted in targets, query


@pytest.mark.parametrize("lang", LANGUAGES)
def test_escape_closes_and_nothing_found_is_said(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, "index.md"))
    _open_search(phone)
    assert _hits(phone, "qqqzzz") == []
    none = phone.locator("#guide-search").get_attribute("data-none")
    expect(phone.locator("#guide-search-status")).to_have_text(str(none))
    phone.keyboard.press("Escape")
    expect(phone.locator("#guide-search")).to_be_hidden()
    expect(phone.locator(".guide-search__open")).to_be_focused()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_dialog_has_no_axe_violations(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, "work.md"))
    _open_search(phone)
    _hits(phone, "lebork")
    results = Axe().run(phone, context="#guide-search")
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_slash_opens_search_before_and_after_it_loaded(
    phone: Page, site_url: str, lang: str
) -> None:
    open_page(phone, site_url + url_of(lang, "work.md"))
    dialog = phone.locator("#guide-search")
    phone.keyboard.press("/")  # search.js is not loaded yet: boot.js fetches it
    expect(dialog).to_be_visible()
    expect(phone.locator("#guide-search-input")).to_be_focused()
    phone.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # At once, as a quick reader would: the closed dialog's field may still hold the focus.
    phone.keyboard.press("/")  # now search.js's own button handler opens it
    expect(dialog).to_be_visible()
    expect(phone.locator("#guide-search-input")).to_be_focused()
    expect(phone.locator(".guide-search__open")).to_have_attribute("aria-expanded", "true")
