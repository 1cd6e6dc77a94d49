"""The four-language site: language trees, <html lang>, language links, strictness, privacy."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guide.data.languages import default_language, languages
from guide.data.offices import Powiat
from guide.site.build import mkdocs_build
from tests import data
from tests.fixture_site import make_project
from tests.pages import (
    LANGUAGE_PAGES,
    LANGUAGES,
    links_leaving_language,
    output_path,
    parse,
    resolve,
    url_of,
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_tree_exists(site: Path, lang: str) -> None:
    assert output_path(site, lang, "index.md").is_file()


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_html_lang_matches_language(site: Path, lang: str, page: str) -> None:
    html = parse(site, lang, page).find("html")
    assert html is not None
    assert html.get("lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("powiat", data.directory().powiaty, ids=lambda powiat: powiat.slug)
def test_powiat_page_title_in_the_readers_language(site: Path, lang: str, powiat: Powiat) -> None:
    """The reader's name of the powiat, the Polish one in brackets (as at the counter)."""
    heading = parse(site, lang, f"powiaty/{powiat.slug}.md").select_one("article h1")
    assert heading is not None
    expected = powiat.name
    if lang != default_language():
        expected = f"{powiat.names[lang]} ({powiat.name})"
    assert heading.get_text(strip=True).removesuffix("¶") == expected


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_footer_is_in_the_pages_language(site: Path, lang: str, page: str) -> None:
    footer = parse(site, lang, page).select_one(".md-copyright__highlight")
    assert footer is not None
    assert footer.get_text(strip=True) == data.ui().label("copyright", lang)


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_page_links_to_itself_in_every_language(site: Path, lang: str, page: str) -> None:
    soup = parse(site, lang, page)
    expected = {code: url_of(code, page) for code in LANGUAGES}
    selector = {
        link["hreflang"]: resolve(lang, page, str(link["href"]))
        for link in soup.select("a.md-select__link[hreflang]")
    }
    assert selector == expected
    names = [link.get_text(strip=True) for link in soup.select("a.md-select__link")]
    assert names == [language.name for language in languages()]
    assert [link["lang"] for link in soup.select("a.md-select__link")] == list(LANGUAGES)


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_no_alternate_links_in_head(site: Path, lang: str, page: str) -> None:
    """Material's script fetches sitemap.xml beside every <link rel=alternate>: 404s."""
    assert parse(site, lang, page).select('head link[rel="alternate"]') == []


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_emergency_number_in_header(site: Path, lang: str, page: str) -> None:
    link = parse(site, lang, page).select_one("header a.guide-112")
    assert link is not None
    assert link["href"] == "tel:112"
    assert str(link["aria-label"]) == data.ui().label("emergency_call", lang)
    assert link.get_text(" ", strip=True) == f"{data.ui().label('emergency_short', lang)} 112"


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_content_links_stay_in_language(site: Path, lang: str, page: str) -> None:
    assert links_leaving_language(parse(site, lang, page), lang=lang, page=page) == []


def test_no_third_party_requests_in_html(site: Path) -> None:
    offenders = []
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for needle in ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "<iframe"):
            if needle in text:
                offenders.append(f"{html.relative_to(site)}: {needle}")
    assert offenders == []


def test_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    """A fixture doc tree with one broken link: the build fails and names the page."""
    config = make_project(
        tmp_path, {"uk/index.md": "# uk\n\n[broken](missing.md)\n"}, powiat_pages=False
    )
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    log = failure.value.output
    assert "Doc file 'uk/index.md' contains a link 'missing.md'" in log
    assert "Aborted with 1 warnings in strict mode!" in log


def test_broken_anchor_fails_the_strict_build(tmp_path: Path) -> None:
    config = make_project(
        tmp_path,
        {
            "en/index.md": "# en\n\n[there](work.md#nowhere)\n",
            "en/work.md": "# Work\n",
            "pl/work.md": "# Praca\n",
        },
        nav=["index.md", "work.md"],
        powiat_pages=False,
    )
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    assert "Doc file 'en/index.md' contains a link 'work.md#nowhere'" in failure.value.output


def test_sitemap_lists_every_page_of_every_language(site: Path) -> None:
    """Generated powiat pages too: Material's edition selector looks pages up there."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = {loc.split("/przewodnik/", 1)[1] for loc in re.findall(r"<loc>([^<]*)</loc>", sitemap)}
    assert listed == {url_of(lang, page) for lang, page in LANGUAGE_PAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_speaks_every_language(site: Path, lang: str) -> None:
    """One 404.html serves every address: each language gets its sentence and its home."""
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.select_one(f'article p[lang="{lang}"]')
    assert paragraph is not None
    assert paragraph.get_text(" ", strip=True).startswith(data.ui().label("not_found", lang))
    link = paragraph.select_one("a")
    assert link is not None
    assert str(link["href"]) == "/przewodnik/" + url_of(lang, "index.md")
