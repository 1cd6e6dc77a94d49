"""The four-language site: language trees, <html lang>, language links, strictness, privacy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from guide.build import mkdocs_build
from guide.site import languages
from tests.fixture_site import make_project
from tests.pages import LANGUAGE_PAGES, LANGUAGES, output_path, parse, resolve, url_of


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_tree_exists(site: Path, lang: str) -> None:
    assert output_path(site, lang, "index.md").is_file()


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_html_lang_matches_language(site: Path, lang: str, page: str) -> None:
    html = parse(site, lang, page).find("html")
    assert html is not None
    assert html.get("lang") == lang


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_page_links_to_itself_in_every_language(site: Path, lang: str, page: str) -> None:
    soup = parse(site, lang, page)
    expected = {code: url_of(code, page) for code in LANGUAGES}
    hreflang = {
        link["hreflang"]: resolve(lang, page, str(link["href"]))
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }
    selector = {
        link["hreflang"]: resolve(lang, page, str(link["href"]))
        for link in soup.select("a.md-select__link[hreflang]")
    }
    assert hreflang == expected
    assert selector == expected
    names = [link.get_text(strip=True) for link in soup.select("a.md-select__link")]
    assert names == [language.name for language in languages()]


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_content_links_stay_in_language(site: Path, lang: str, page: str) -> None:
    others = [code for code in LANGUAGES if code != lang and url_of(code, "index.md")]
    article = parse(site, lang, page).select_one("article")
    assert article is not None
    for link in article.select("a[href]"):
        href = str(link["href"])
        if href.startswith(("http:", "https:", "mailto:", "tel:", "#")):
            continue
        target = resolve(lang, page, href)
        own_prefix = url_of(lang, "index.md")
        assert target.startswith(own_prefix), f"{lang}/{page}: {href} leaves {own_prefix or '/'}"
        assert not any(target.startswith(url_of(code, "index.md")) for code in others), (
            f"{lang}/{page}: {href} points into another language"
        )


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
    config = make_project(tmp_path, {"uk/index.md": "# uk\n\n[broken](missing.md)\n"})
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
    )
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    assert "Doc file 'en/index.md' contains a link 'work.md#nowhere'" in failure.value.output
