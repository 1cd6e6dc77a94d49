"""Translations: every Polish page in every language, same structure, notices on the site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guide import DOCS_DIR, ROOT
from guide.content.frontmatter import read
from guide.content.translations import (
    SOURCE_BLOB,
    LanguageStatus,
    blob_id,
    changed_on,
    failures,
    is_stale,
    pages,
    status,
    status_markdown,
    structure_problems,
    translation_notice,
)
from guide.data.languages import (
    complete_languages,
    default_language,
    is_partial,
    language_codes,
)
from guide.site.build import mkdocs_build
from tests import data
from tests.fixture_site import make_project
from tests.pages import LANGUAGES, output_path, parse, url_of

SOURCE = default_language()
TRANSLATED = [lang for lang in language_codes() if lang != SOURCE]
SOURCE_PAGES = sorted(pages(DOCS_DIR, SOURCE))
PAIRS = [(lang, page) for lang in TRANSLATED for page in SOURCE_PAGES]
# The languages the guide promises complete: every page translated (a partial language's
# missing pages fall back to Polish with the notice).
PROMISED = [(lang, page) for lang in complete_languages() for page in SOURCE_PAGES]
# Translations in step with their Polish page: a stale one (the Polish page changed since)
# may differ in structure until its translator catches up; it carries the stale notice.
SYNCED = [
    (lang, page)
    for lang, page in PAIRS
    if (DOCS_DIR / lang / page).is_file()
    and not is_stale(read(DOCS_DIR / lang / page)[0], blob_id(DOCS_DIR / SOURCE / page))
]


@pytest.mark.parametrize(("lang", "page"), PROMISED)
def test_translation_exists(lang: str, page: str) -> None:
    assert (DOCS_DIR / lang / page).is_file(), f"{lang}/{page}: missing translation"


@pytest.mark.parametrize(("lang", "page"), SYNCED)
def test_translation_has_the_same_structure(lang: str, page: str) -> None:
    assert structure_problems(DOCS_DIR, lang, page) == []


@cache
def _status() -> dict[str, LanguageStatus]:
    return status()


@pytest.mark.parametrize(("lang", "page"), PAIRS)
def test_notice_on_the_site_follows_the_status(site: Path, lang: str, page: str) -> None:
    """The built page says what i18n-status says: fallback for a missing translation, stale
    for one whose Polish page changed since, no notice for one up to date."""
    entry = _status()[lang]
    expected = "fallback" if page in entry.missing else "stale" if page in entry.stale else None
    notice = parse(site, lang, page).select_one("article [data-notice]")
    assert (notice["data-notice"] if notice else None) == expected, output_path(site, lang, page)


def test_stale_page_is_reported_not_failed(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    for lang in TRANSLATED:
        (docs / lang / "work.md").write_text(f"---\n{SOURCE_BLOB}: {'0' * 40}\n---\n# W\n")
    report = status(docs)
    assert failures(report) == []
    assert [entry.stale for entry in report.values()] == [["work.md"]] * len(TRANSLATED)
    summary = status_markdown(report)
    assert all(f"  - stale: `{lang}/work.md`" in summary for lang in TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_orphan_translations(lang: str) -> None:
    assert sorted(pages(DOCS_DIR, lang) - pages(DOCS_DIR, SOURCE)) == []


def test_status_json_shape() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guide", "i18n-status", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert sorted(report) == sorted(TRANSLATED)
    for lang, entry in report.items():
        assert set(entry) == {"translated", "missing", "stale", "orphan", "percent", "partial"}
        assert entry["partial"] == (lang not in complete_languages())
        assert sorted(entry["translated"] + entry["stale"] + entry["missing"]) == SOURCE_PAGES


def _tree(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    for lang in language_codes():
        (docs / lang).mkdir(parents=True)
    (docs / "pl" / "work.md").write_text("# Praca\n\n## A\n", encoding="utf-8")
    return docs


def test_status_finds_each_kind_of_defect(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    blob = blob_id(docs / "pl" / "work.md")
    (docs / "uk" / "work.md").write_text(f"---\n{SOURCE_BLOB}: {blob}\n---\n# Робота\n")
    (docs / "en" / "work.md").write_text(f"---\n{SOURCE_BLOB}: 0000\n---\n# Work\n")
    (docs / "ru" / "old.md").write_text("# Старое\n")
    report = status(docs)
    assert report["uk"].translated == ["work.md"] and report["uk"].percent == 100
    assert report["en"].stale == ["work.md"] and report["en"].percent == 0
    assert report["ru"].missing == ["work.md"] and report["ru"].orphan == ["old.md"]


def test_structure_problems_are_named(tmp_path: Path) -> None:
    docs = _tree(tmp_path)
    (docs / "pl" / "work.md").write_text(
        "# Praca\n\n## A\n\n[[office: pup]]\n\n[x](health.md) [[fact: wage]]\n\n## Źródła\n\n"
        "- [a](https://a.gov.pl)\n- [b](https://b.gov.pl)\n",
        encoding="utf-8",
    )
    (docs / "en" / "work.md").write_text(
        "# Work\n\n## Sources\n\n[[fact: fee]]\n\n- [a](https://a.gov.pl)\n", encoding="utf-8"
    )
    assert structure_problems(docs, "en", "work.md") == [
        "en/work.md: 1 H2 sections, the Polish page has 2",
        "en/work.md: directives [] differ from the Polish page's ['office:pup']",
        "en/work.md: facts differ: missing ['wage'], extra ['fee']",
        "en/work.md: internal links differ: missing ['health.md'], extra []",
        "en/work.md: 1 official source links, the Polish page has 2",
    ]


def test_fallback_and_stale_pages_carry_a_notice(tmp_path: Path) -> None:
    config = make_project(
        tmp_path,
        {
            "pl/work.md": "---\nlast_reviewed: 2026-11-20\n---\n# Praca\n",
            "uk/work.md": f"---\n{SOURCE_BLOB}: {'a' * 40}\n---\n# Робота\n",
        },
        nav=["index.md", "work.md"],
        powiat_pages=False,
    )
    out = tmp_path / "out"
    mkdocs_build(out, config_file=config, capture=True)
    stale = (out / "uk/work/index.html").read_text(encoding="utf-8")
    fallback = (out / "en/work/index.html").read_text(encoding="utf-8")
    assert 'data-notice="stale"' in stale
    assert "Польський оригінал цієї сторінки змінено 2026-11-20." in stale
    assert '<a href="../../work/" hreflang="pl" lang="pl">' in stale
    assert 'data-notice="fallback"' in fallback
    assert "This page is not translated yet; below is the Polish version." in fallback
    assert "data-notice" not in (out / "work/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_stale_notice_gives_the_day_git_recorded_the_polish_change(
    tmp_path: Path, lang: str
) -> None:
    source = tmp_path / "work.md"
    source.write_text("---\nlast_reviewed: 2026-11-20\n---\n# Praca\n", encoding="utf-8")
    day = "2026-11-27"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
    }
    for command in (["init", "-q"], ["add", "work.md"], ["commit", "-q", "-m", "Praca"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    assert changed_on(source) == day
    stale = translation_notice(source, lang=lang, built_from=lang, meta={SOURCE_BLOB: "a" * 40})
    assert stale == ("stale", data.ui().label("stale_notice", lang).format(date=day))


def test_a_file_git_does_not_know_has_no_change_day(tmp_path: Path) -> None:
    source = tmp_path / "work.md"
    source.write_text("# Praca\n", encoding="utf-8")
    assert changed_on(source) is None  # the notice then gives last_reviewed


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translation_notice_kinds(tmp_path: Path, lang: str) -> None:
    source = tmp_path / "work.md"
    source.write_text("---\nlast_reviewed: 2026-11-20\n---\n# Praca\n", encoding="utf-8")
    synced = {SOURCE_BLOB: blob_id(source)}
    notice = translation_notice(source, lang=lang, built_from=SOURCE, meta=synced)
    assert notice is not None and notice[0] == "fallback"
    assert translation_notice(source, lang=lang, built_from=lang, meta=synced) is None
    stale = translation_notice(source, lang=lang, built_from=lang, meta={SOURCE_BLOB: "a" * 40})
    assert stale is not None and stale[0] == "stale" and "2026-11-20" in stale[1]


def test_status_page_in_the_built_site(site: Path) -> None:
    report = json.loads((site / "translation-status.json").read_text(encoding="utf-8"))
    assert {lang: entry["percent"] for lang, entry in report.items()} == {
        lang: entry.percent for lang, entry in status().items()
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_in_each_language(site: Path, lang: str) -> None:
    page = BeautifulSoup(
        (site / url_of(lang, "index.md") / "translation-status.html").read_text("utf-8"),
        "html.parser",
    )
    html = page.find("html")
    assert html is not None and html.get("lang") == lang
    heading = page.find("h1")
    assert heading is not None and heading.get_text() == data.ui().label("status_title", lang)
    headers = [th.get_text() for th in page.select("th")]
    assert headers == [
        data.ui().label(key, lang)
        for key in ("status_language", "status_done", "status_missing", "status_stale")
    ] + [data.ui().label("status_orphan", lang)]
    partial = data.ui().label("status_partial", lang)
    assert [row.td.get_text() for row in page.select("tbody tr") if row.td] == [
        f"{code} ({partial})" if is_partial(code) else code for code in TRANSLATED
    ]
