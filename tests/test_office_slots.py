"""One office slot (partials/guide/office-slot.html) everywhere a reader meets it: powiat pages,
offices/<powiat>.json and regional boxes; 112 in the police slot; no "no data" path left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import MKDOCS_YML
from guide.data.languages import site_language_prefix
from guide.data.offices import Office, Route
from guide.site.asset_paths import OFFICES_JSON, powiat_offices_json
from guide.site.render import guide_env, render, words
from tests import data
from tests.pages import LANGUAGES, parse

SOURCE = "https://www.example.gov.pl/kontakt"


def _police_section(site: Path, lang: str) -> str:
    soup = parse(site, lang, "powiaty/bytowski.md")
    police = data.ui().office_types["police"].label[lang]
    section = next(
        s for s in soup.select("article .guide-powiat__office") if s.h3 and s.h3.text == police
    )
    return str(section)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_police_slot_shows_112(site: Path, lang: str) -> None:
    line = (
        f'<p class="guide-office__emergency">{data.ui().label("emergency_police", lang)} '
        '<a href="tel:112"><strong>112</strong></a></p>'
    )
    assert line in _police_section(site, lang)
    path = site / site_language_prefix(lang) / powiat_offices_json("bytowski")
    offices = json.loads(path.read_text(encoding="utf-8"))
    assert offices["police"].endswith(line)
    assert [key for key, html in offices.items() if 'href="tel:112"' in html] == ["police"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offices_json_carries_only_used_labels(site: Path, lang: str) -> None:
    index = json.loads(
        (site / site_language_prefix(lang) / OFFICES_JSON).read_text(encoding="utf-8")
    )
    assert sorted(index["labels"]) == [
        "all_powiats",
        "change_powiat",
        "choose_powiat",
        "powiat_needs_connection",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_regional_box_shows_the_office_route(lang: str) -> None:
    office = Office.model_validate(
        {"name": "Wojewódzki Urząd Pracy", "source": SOURCE, "verified": "2026-11-01"}
    )
    route = Route.model_validate(
        {
            "kind": "finder",
            "serves": ["wup"],
            "name": "Wyszukiwarka urzędów pracy",
            "website": "https://www.praca.gov.pl/",
            "source": SOURCE,
            "verified": "2026-11-01",
        }
    )
    html = render(
        guide_env(load_config(str(MKDOCS_YML)).theme),
        "partials/guide/office-box.html",
        office_type="wup",
        type_label="WUP",
        regional=True,
        office=office,
        route=route,
        powiaty_url="../powiaty/",
        offices_url="../assets/guide/offices.json",
        report_url="https://github.com/example/issues/new",
        **words(lang),
    )
    assert "Wojewódzki Urząd Pracy" in html
    assert data.ui().label("route_finder", lang) in html
    assert (
        '<a href="https://www.praca.gov.pl/" rel="noopener">Wyszukiwarka urzędów pracy</a>' in html
    )
    assert "tel:112" not in html
