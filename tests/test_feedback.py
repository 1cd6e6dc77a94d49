"""The way back: "Report a mistake" and "Edit this page" on every page and office box, the
issue forms they open (field ids = query parameters), and the weekly verify-sources workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from guide import ROOT
from guide.data.languages import (
    default_language,
    language_codes,
    mkdocs_config,
    site_language_prefix,
)
from guide.site.feedback import (
    CONTENT_FORM,
    OFFICE_FIELDS,
    OFFICE_FORM,
    PAGE_FIELDS,
    TRANSLATION_FORM,
    in_translation,
    repository,
)
from tests import data
from tests.pages import LANGUAGE_PAGES, LANGUAGES, page_id, parse
from tests.test_repository import commands, make_targets, workflow

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
REPO = "https://github.com/pierwsze-kroki-w-pomorskim/przewodnik"


def query(link: Tag) -> tuple[str, dict[str, str]]:
    """(address without query, {field: value}) of a link; every field given once."""
    parts = urlsplit(str(link["href"]))
    fields = parse_qs(parts.query, keep_blank_values=True)
    assert all(len(values) == 1 for values in fields.values()), fields
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in fields.items()}


def canonical(soup: BeautifulSoup) -> str:
    link = soup.select_one('head link[rel="canonical"]')
    assert link is not None
    return str(link["href"])


def test_one_repository_setting() -> None:
    assert mkdocs_config()["repo_url"] == REPO
    assert repository() == REPO
    site_url = str(mkdocs_config()["site_url"])
    assert "pierwsze-kroki-w-pomorskim.github.io/przewodnik/" in site_url


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES, ids=page_id)
def test_page_links(site: Path, lang: str, page: str) -> None:
    soup = parse(site, lang, page)
    words = {key: texts[lang] for key, texts in data.ui().labels.items()}
    report = soup.select_one('article p.guide-feedback a[data-feedback="report"]')
    edit = soup.select_one('article p.guide-feedback a[data-feedback="edit"]')
    assert report is not None and edit is not None
    assert report.get_text() == words["report_mistake"]
    assert edit.get_text() == words["edit_page"]
    address, fields = query(report)
    assert address == f"{REPO}/issues/new"
    page_address = canonical(soup)
    assert fields == {
        "template": CONTENT_FORM,
        "title": f"[{lang}] {urlsplit(page_address).path}",
        "page": page_address,
        "lang": lang,
        "edition": "dev",
    }
    translation = soup.select('article p.guide-feedback a[data-feedback="translation"]')
    generated = page.startswith("powiaty/")
    shown_in_polish = not generated and not (ROOT / "docs" / lang / page).is_file()
    if lang == default_language() or shown_in_polish:
        # a page of a partial language shown in Polish with the notice: nothing to report
        assert translation == []
    else:  # translated, or generated in the language
        assert [link.get_text() for link in translation] == [words["report_translation"]]
        assert query(translation[0]) == (
            f"{REPO}/issues/new",
            {**fields, "template": TRANSLATION_FORM},
        )
    if generated:
        assert edit["href"] == f"{REPO}/edit/main/data/powiaty.yml"
    elif (ROOT / "docs" / lang / page).is_file():
        assert edit["href"] == f"{REPO}/edit/main/docs/{lang}/{page}"
    else:  # not translated yet (a partial language): a new file, to translate it
        folder, _, name = f"docs/{lang}/{page}".rpartition("/")
        assert edit["href"] == f"{REPO}/new/main/{folder}?filename={name}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_link_only_on_a_translation(lang: str) -> None:
    translated = lang != default_language()
    assert in_translation(lang=lang, src="work.md", generated=False) is translated
    assert in_translation(lang=lang, src="powiaty/gdansk.md", generated=True) is translated
    # A page not translated yet is shown in Polish: no translation to report.
    assert in_translation(lang=lang, src="not-translated-yet.md", generated=False) is False


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES, ids=page_id)
def test_office_links(site: Path, lang: str, page: str) -> None:
    """Every office box and every office of a powiat page: its own link to the correction form."""
    soup = parse(site, lang, page)
    ui = data.ui()
    label = ui.labels["report_office"][lang]
    boxes = soup.select("article aside.guide-box")
    offices = soup.select("article .guide-powiat__office")
    if page.startswith("powiaty/") and page != "powiaty/index.md":
        assert len(offices) == len(ui.office_types)
    for in_box, holder in [*((True, box) for box in boxes), *((False, o) for o in offices)]:
        links = holder.select('a[data-feedback="office"]')
        assert len(links) == 1
        assert links[0].get_text() == label
        address, fields = query(links[0])
        assert address == f"{REPO}/issues/new"
        assert set(fields) == {"template", "title", *OFFICE_FIELDS}
        assert fields["template"] == OFFICE_FORM
        assert (fields["page"], fields["lang"], fields["edition"]) == (canonical(soup), lang, "dev")
        assert fields["office"] in ui.office_types
        if in_box:
            assert fields["office"] == holder["data-office-type"]
            assert fields["powiat"] == ""  # offices.js adds the reader's choice
        else:
            powiat = page.removeprefix("powiaty/").removesuffix(".md")
            assert fields["powiat"] == powiat
            assert fields["title"] == f"[{lang}] {powiat} / {fields['office']}"


def test_links_are_not_printed() -> None:
    css = (ROOT / "overrides/assets/guide/guide.css").read_text(encoding="utf-8")
    print_rules = css.split("@media print {", 1)[1].split("}", 1)[0]
    assert ".guide-feedback" in print_rules and "display: none !important" in print_rules


def test_no_repository_widget(site: Path) -> None:
    """Material's repository widget would fetch api.github.com; its edit button is off."""
    soup = parse(site, "pl", "work.md")
    assert soup.select('[data-md-component="source"], .md-source, a[rel="edit"]') == []
    slots = soup.select(".md-header__source, .md-nav__source")
    assert len(slots) == 2 and all(slot.find() is None for slot in slots)


def form(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("name", "fields"),
    [(CONTENT_FORM, PAGE_FIELDS), (OFFICE_FORM, OFFICE_FIELDS), (TRANSLATION_FORM, PAGE_FIELDS)],
)
def test_issue_forms(name: str, fields: tuple[str, ...]) -> None:
    data = form(name)
    assert {"name", "description", "title", "labels", "body"} <= set(data)
    ids = {item["id"]: item["type"] for item in data["body"] if "id" in item}
    # Query parameters prefill inputs only: every prefilled field is an input.
    assert {field: ids.get(field) for field in fields} == dict.fromkeys(fields, "input")
    notice = " ".join(
        item["attributes"]["value"] for item in data["body"] if item["type"] == "markdown"
    )
    assert "Nie podawaj tu danych osobowych" in notice
    assert "Do not write anything personal here" in notice
    privacy = next(item for item in data["body"] if item.get("id") == "privacy")
    assert privacy["attributes"]["options"][0]["required"] is True
    for item in data["body"]:
        if item["type"] != "markdown":
            assert " / " in item["attributes"]["label"] or item["id"] == "powiat"  # pl / en


def test_office_form_asks_for_the_new_value_and_where_it_was_seen() -> None:
    required = {
        item["id"]
        for item in form(OFFICE_FORM)["body"]
        if item.get("validations", {}).get("required")
    }
    assert {"proposed", "seen_at", "office", "page"} <= required


def test_forms_only() -> None:
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert sorted(p.name for p in FORMS.glob("*.yml")) == sorted(
        ["config.yml", CONTENT_FORM, OFFICE_FORM, TRANSLATION_FORM]
    )


def test_weekly_verify_sources_keeps_one_issue() -> None:
    data = workflow("verify-sources.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert data["permissions"] == {}  # per job: tests/test_workflows.py
    assert data["jobs"]["report"]["permissions"] == {"issues": "write"}
    runs = "\n".join(commands(data))
    assert ".venv/bin/python -m guide verify-sources --json > verify-sources.json" in runs
    assert "gh issue list --label source-drift" in runs
    assert 'gh issue edit "$number" --body-file issue-body.md' in runs
    assert "gh issue create" in runs
    assert "verify-sources" in make_targets()
    pytest_args = (ROOT / "Makefile").read_text(encoding="utf-8").split("\npytest:", 1)[1]
    assert "verify-sources" not in pytest_args.split("\n\n", 1)[0]


@pytest.mark.parametrize("lang", language_codes())
def test_links_are_not_searched(site: Path, lang: str) -> None:
    """The links are on every page: searching "edit" or "GitHub" must not list them all."""
    prefix = site_language_prefix(lang)
    index = (site / prefix / "assets/guide/search-index.json").read_text(encoding="utf-8")
    for key in ("report_mistake", "report_office", "edit_page", "feedback_github"):
        assert data.ui().labels[key][lang] not in index
