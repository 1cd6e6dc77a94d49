"""The guide's search index (guide/site/search_index.py): folding, matching, the built indexes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guide.data.fold import fold_search as fold
from guide.data.termbase import REGEX_PREFIX
from guide.site.search_index import (
    SEARCH_JSON,
    STEM,
    IndexedPage,
    Section,
    Synonym,
    load_index,
    load_synonyms,
    page_sections,
    search,
    synonyms,
    words,
)
from guide.tools.cli import main
from tests import data
from tests.pages import LANGUAGES, url_of

FOLDED = {
    "pl": ("Łeba, LĘBORK i Żółw", ("leba", "lebork", "i", "zolw")),
    "uk": ("Сім'я та Їжак, Йосип", ("сімя", "та", "іжак", "иосип")),
    "ru": ("Ёлка и Йошкар-Ола", ("елка", "и", "иошкар", "ола")),
    "en": ("Résumé, don\u2019t PANIC", ("resume", "dont", "panic")),
}

# One small index per language: (query, URLs found, best first).
PAGES = {
    "pl": IndexedPage(
        "powiaty/leborski/", "Powiat lęborski", (Section("", "", "Siedziba: Lębork"),)
    ),
    "uk": IndexedPage(
        "legal-stay/",
        "Легальне перебування",
        (Section("karta", "Карта побиту", "Karta pobytu: посвідка на проживання."),),
    ),
    "ru": IndexedPage(
        "health/",
        "Здоровье",
        (Section("nfz", "Страховка NFZ", "Страхование в NFZ, семья и дети."),),
    ),
    "en": IndexedPage(
        "work/",
        "Work",
        (Section("permit", "Work permits", "A work permit (zezwolenie na pracę)."),),
    ),
}
OTHER = IndexedPage("", "Start", (Section("", "", "Nothing else here."),))
QUERIES = {
    "pl": [
        ("lebork", ["powiaty/leborski/"]),
        ("LĘB siedz", ["powiaty/leborski/"]),
        ("leborkx", []),
    ],
    "uk": [
        ("посвідка на прож", ["legal-stay/#karta"]),
        ("karta pob", ["legal-stay/#karta"]),
        ("побит", ["legal-stay/#karta"]),
    ],
    "ru": [("страх", ["health/#nfz"]), ("СЕМЬЯ", ["health/#nfz"]), ("семьи", [])],
    "en": [("work perm", ["work/#permit"]), ("zezwolenie prace", ["work/#permit"]), ("else", [""])],
}


@pytest.mark.parametrize("lang", FOLDED)  # one example per script, not per language
def test_words_fold_case_and_diacritics(lang: str) -> None:
    text, expected = FOLDED[lang]
    assert words(text) == expected
    assert len(fold(text)) == len(text)  # one for one: search.js marks matches by offset


@pytest.mark.parametrize("lang", QUERIES)  # small indexes, one per example language
def test_every_query_word_is_a_prefix_of_a_word(lang: str) -> None:
    pages = [OTHER, PAGES[lang]]
    for query, expected in QUERIES[lang]:
        assert [hit.url for hit in search(pages, query)] == expected, query


def test_a_synonyms_variant_finds_the_rendering() -> None:
    page = IndexedPage("legal-stay/", "Легальное пребывание", (Section("", "", "Карта побыту."),))
    synonym: Synonym = (("вид", "на", f"жительств{STEM}"), ("карта", "побыту"))
    assert search([OTHER, page], "вид на жительство") == []  # the defence off
    for query in ("вид на жительство", "вид на жительства", "карта вид на жительство"):
        hits = search([OTHER, page], query, synonyms=[synonym])
        assert [hit.url for hit in hits] == ["legal-stay/"], query
    assert search([OTHER, page], "вид на жит", synonyms=[synonym]) == []  # the stem is whole
    assert search([OTHER, page], "на вид жительство", synonyms=[synonym]) == []  # in a row


@pytest.mark.parametrize("lang", LANGUAGES)
def test_synonyms_are_the_plain_avoided_variants_of_the_language(lang: str) -> None:
    variants = [
        avoided.variant
        for avoided in data.termbase().avoided_in(lang)
        if not avoided.variant.startswith(REGEX_PREFIX)
    ]
    folded = {  # "Foreigners' Office" and "Foreigners Office" are one query
        tuple("".join(words(word.removesuffix(STEM))) for word in variant.split()): None
        for variant in variants
    }
    found = synonyms(lang)
    stems = [tuple(word.removesuffix(STEM) for word in variant) for variant, _ in found]
    assert list(dict.fromkeys(stems)) == list(folded)
    for _, rendering in found:
        assert rendering and all(word == "".join(words(word)) for word in rendering)


def _variant_query(variant: tuple[str, ...]) -> str:
    """What a reader types for a synonym's variant: its words, a stem as it stands."""
    return " ".join(word.removesuffix(STEM) for word in variant)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_index_finds_the_renderings_pages_by_an_avoided_variant(
    site: Path, lang: str
) -> None:
    text = (site / url_of(lang, "index.md") / SEARCH_JSON).read_text(encoding="utf-8")
    pages, built = load_index(text), load_synonyms(text)
    assert built == synonyms(lang)
    for variant, rendering in built:
        wanted = search(pages, " ".join(rendering))
        if not wanted:
            continue  # a rendering no page uses yet (its variant finds nothing either)
        hits = search(pages, _variant_query(variant), len(pages), synonyms=built)
        found = [hit.url.split("#")[0] for hit in hits]
        assert wanted[0].url.split("#")[0] in found, (variant, rendering)


def test_title_matches_rank_before_text_matches() -> None:
    mention = IndexedPage("powiaty/", "Powiaty", (Section("list", "Lista", "Powiat lęborski"),))
    pages = [mention, PAGES["pl"]]
    assert [hit.url for hit in search(pages, "leborski")] == ["powiaty/leborski/", "powiaty/#list"]


def test_page_sections_split_at_headings_without_scripts_or_permalinks() -> None:
    html = (
        '<article class="md-content__inner md-typeset">'
        '<h1 id="t">Praca<a class="headerlink" href="#t">¶</a></h1><p>Wstęp.</p>'
        "<script>var x = 1;</script>"
        '<h2 id="a">Umowa<a class="headerlink" href="#a">¶</a></h2><p>Umowa o&nbsp;pracę</p>'
        "<ul><li>jeden</li><li>dwa</li></ul><svg><title>mapa</title></svg></article>"
    )
    title, sections = page_sections(html)
    assert title == "Praca"
    assert sections == (
        Section("", "", "Wstęp."),
        Section("a", "Umowa", "Umowa o pracę jeden dwa"),
    )


def test_a_page_without_article_is_refused() -> None:
    with pytest.raises(ValueError, match="no <article"):
        page_sections("<html><body><p>x</p></body></html>")


def _index(site: Path, lang: str) -> list[IndexedPage]:
    return load_index((site / url_of(lang, "index.md") / SEARCH_JSON).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_index_holds_every_page_of_its_language_only(site: Path, lang: str) -> None:
    pages = _index(site, lang)
    root = url_of(lang, "index.md")
    built = sorted(
        path.parent.relative_to(site / root).as_posix()
        for path in (site / root).rglob("index.html")
        if not path.relative_to(site)
        .as_posix()
        .startswith(
            tuple(
                url_of(code, "index.md")
                for code in LANGUAGES
                if code != lang and url_of(code, "index.md")
            )
        )
    )
    assert sorted(page.url.rstrip("/") or "." for page in pages) == built
    html_lang = {
        BeautifulSoup(
            (site / root / page.url / "index.html").read_text("utf-8"), "html.parser"
        ).html["lang"]  # type: ignore[index]
        for page in pages
    }
    assert html_lang == {lang}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_index_finds_lebork_and_the_residence_card(site: Path, lang: str) -> None:
    pages = _index(site, lang)
    assert search(pages, "lebork")[0].url == "powiaty/leborski/"
    assert search(pages, "karta pob")[0].url.startswith("legal-stay/")


def test_stock_search_ships_nothing(site: Path) -> None:
    assert not (site / "search").exists()
    assert not (site / "assets/javascripts/lunr").exists()
    assert not (site / "assets/javascripts/workers").exists()
    for lang in LANGUAGES:
        html = (site / url_of(lang, "work.md") / "index.html").read_text(encoding="utf-8")
        assert 'name="search"' not in html  # Material fetches its index only for that form
        assert 'id="guide-search"' in html


def test_search_command_prints_each_languages_hits(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "lebork", "--site", str(site)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(", ")[0] for line in lines] == [
        f"{lang} 'lebork': powiaty/leborski/" for lang in LANGUAGES
    ]


def test_search_command_refuses_a_folder_without_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "lebork", "--site", str(tmp_path)]) == 2
    index = tmp_path / SEARCH_JSON
    assert capsys.readouterr().out == (
        f"{index}: no search index: run `make build` (or `python -m guide build`)\n"
    )
