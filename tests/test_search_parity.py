"""guide/site/search_index.py's `search()` and search.js rank alike: the same queries, run on the
built index of each language by both, give the same hits in the same order."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from guide.data.languages import default_language
from guide.site.search_index import SEARCH_JSON, STEM, load_index, load_synonyms, search
from tests.browser import open_page, search_answers
from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

# Each language's own script, the Polish names readers meet, folding and ranking corner cases.
QUERIES = {
    "pl": ["lebork", "LĘB", "karta pob", "urząd pracy", "pesel", "112", "zzzz"],
    "uk": ["лебор", "карта побиту", "дозвіл на прож", "сім'я", "сімʼя", "karta pob", "pesel"],
    "ru": ["лебор", "разрешение на преб", "семья", "ЁЛКА", "страх", "karta pob", "nfz"],
    "en": ["lebork", "residence card", "work perm", "don't", "umowa zlecenie", "powiat", "nfz"],
}


def _site_path(lang: str, href: str) -> str:
    """A hit's link, from the home page of `lang`, as site path '#' fragment (decoded)."""
    target = urlsplit(urljoin("https://site.invalid/" + url_of(lang, "index.md"), href))
    path = unquote(target.path).removeprefix("/")
    return f"{path}#{unquote(target.fragment)}" if target.fragment else path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_python_and_javascript_rank_alike(
    phone: Page, site: Path, site_url: str, lang: str
) -> None:
    root = url_of(lang, "index.md")
    text = (site / root / SEARCH_JSON).read_text(encoding="utf-8")
    pages, synonyms = load_index(text), load_synonyms(text)
    # A language without queries of its own (a partial one shows the Polish pages): Polish's;
    # then each avoided variant of the language, as a reader types it (a stem as it stands).
    queries = QUERIES.get(lang, QUERIES[default_language()]) + [
        " ".join(word.removesuffix(STEM) for word in variant) for variant, _ in synonyms
    ]
    open_page(phone, site_url + root)
    phone.locator(".guide-search__open").click()
    expect(phone.locator("#guide-search-status")).to_be_empty()  # the index is loaded
    found = {
        query: [_site_path(lang, href) for href in hrefs]
        for query, hrefs in search_answers(phone, queries).items()
    }
    expected = {
        query: [unquote(root + hit.url) for hit in search(pages, query, synonyms=synonyms)]
        for query in queries
    }
    assert found == expected
    assert any(found.values())  # the queries find something at all
