"""How old an office's source is (issue 20): `source_date` and `source_kind` beside `verified`,
the coverage states `dated` and `unofficial`, and the source's year as the reader sees it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from guide import MKDOCS_YML
from guide.data.coverage import STATES, coverage, coverage_lines, dated_sources
from guide.data.languages import site_language_prefix
from guide.data.offices import SOURCE_KINDS, Directory, Office, validate_directory
from guide.data.ui import fill
from guide.site.asset_paths import powiat_offices_json
from guide.site.data_status import render_data_status
from guide.site.render import guide_env, render, words
from tests import data
from tests.fixture_site import bytowski_directory
from tests.pages import LANGUAGES, parse, run_guide

DAY = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
SOURCE = "https://www.example.gov.pl/kontakt"
OLD = "https://www.example.gov.pl/aktualnosci/2013"


def _office(**fields: Any) -> dict[str, Any]:
    return {
        "name": "Starostwo Powiatowe w Bytowie",
        "phones": ["+48598220000"],
        "source": SOURCE,
        "verified": "2026-12-01",
        **fields,
    }


def _fixture(**offices: dict[str, Any]) -> dict[str, Any]:
    return bytowski_directory(offices)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(DAY.timestamp())))


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "powiaty.yml"
    path.write_text(text, encoding="utf-8")
    return [str(problem).removeprefix(f"{path}:") for problem in validate_directory(path)[1]]


def _yaml(**fields: Any) -> str:
    """powiaty.yml with every required office type: starostwo with `fields`, the rest plain."""
    offices = {key: _office() for key in data.ui().required_office_types()}
    offices["starostwo"] = _office(**fields)
    return yaml.safe_dump(_fixture(**offices), allow_unicode=True, sort_keys=False)


def test_source_date_may_be_a_day_or_a_year(tmp_path: Path) -> None:
    assert _problems(tmp_path, _yaml(source_date=dt.date(2024, 2, 13))) == []
    assert _problems(tmp_path, _yaml(source_date=2018)) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            dt.date(2026, 12, 6),
            "powiat bytowski, office starostwo, source_date: "
            "2026-12-06 is in the future: write the date the page shows",
        ),
        (
            2027,
            "powiat bytowski, office starostwo, source_date: "
            "2027 is not a year between 1990 and 2026",
        ),
        (
            "last year",
            "powiat bytowski, office starostwo, source_date: "
            "'last year' is not a date (YYYY-MM-DD) or a year (YYYY)",
        ),
    ],
    ids=["future day", "future year", "not a date"],
)
def test_bad_source_date_is_named(tmp_path: Path, value: object, message: str) -> None:
    problems = _problems(tmp_path, _yaml(source_date=value))
    assert [problem.split(": ", 1)[1] for problem in problems] == [message]


@pytest.mark.parametrize("value", [dt.date(2025, 12, 2), 2026], ids=["day", "year"])
def test_source_date_after_verified(tmp_path: Path, value: object) -> None:
    problems = _problems(tmp_path, _yaml(source_date=value, verified=dt.date(2025, 12, 1)))
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        f"powiat bytowski, office starostwo: source_date {value} is after verified 2025-12-01: "
        "the page cannot be newer than the day it was read"
    ]


def test_a_day_that_does_not_exist_is_a_yaml_error(tmp_path: Path) -> None:
    text = _yaml(source_date=dt.date(2026, 2, 1)).replace("2026-02-01", "2026-02-30")
    line = text.splitlines().index("      source_date: 2026-02-30") + 1
    assert _problems(tmp_path, text) == [
        f"{line}: invalid YAML: '2026-02-30' is not a real date (day is out of range for month)"
    ]


def test_unknown_source_kind(tmp_path: Path) -> None:
    kinds = " or ".join(f"'{kind}'" for kind in SOURCE_KINDS).replace(" or ", ", ", 2)
    problems = _problems(tmp_path, _yaml(source_kind="blog"))
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        f"powiat bytowski, office starostwo, source_kind: Input should be {kinds} (value: 'blog')"
    ]


def test_coverage_states_dated_and_unofficial() -> None:
    directory = Directory.model_validate(
        _fixture(
            starostwo=_office(source_date="2013"),
            pup=_office(source_date="2023-12-05"),
            pcpr=_office(source_date="2023-12-04"),
            police=_office(source_kind="press", source_date="2026-01-10"),
            **{"legal-aid": _office()},
        )
    )
    row = coverage(directory)["bytowski"]
    assert {key: (slot["state"], slot["source_date"]) for key, slot in row.items()} == {
        "starostwo": ("dated", "2013"),
        "pup": ("verified", "2023-12-05"),  # exactly three years: not yet dated
        "pcpr": ("dated", "2023-12-04"),
        "police": ("unofficial", "2026-01-10"),
        "legal-aid": ("verified", None),  # no date on the page: nothing to judge
    }
    assert [item["entry"] for item in dated_sources(directory)] == [
        "powiat bytowski, office starostwo",
        "powiat bytowski, office pcpr",
    ]


def test_data_status_page_lists_dated_sources() -> None:
    directory = Directory.model_validate(
        _fixture(starostwo=_office(source="https://www.example.gov.pl/2013", source_date=2013))
    )
    html, status = render_data_status(
        guide_env(load_config(str(MKDOCS_YML)).theme), lang="en", directory=directory
    )
    assert status["bytowski"]["starostwo"]["state"] == "dated"
    assert status["bytowski"]["starostwo"]["source_date"] == "2013"
    assert (
        '<tr data-state="dated"><td>bytowski</td><td>starostwo</td><td>dated</td>'
        "<td>2026-12-01</td><td>2013</td><td>4</td><td>\u2013</td></tr>"
    ) in html
    assert (
        "<tr data-dated><td>powiat bytowski, office starostwo</td><td>2013</td><td>2026-12-01</td>"
        '<td><a href="https://www.example.gov.pl/2013">https://www.example.gov.pl/2013</a></td></tr>'
    ) in html


def _slot_html(office: Office, lang: str) -> str:
    return render(
        guide_env(load_config(str(MKDOCS_YML)).theme),
        "partials/guide/office-slot.html",
        office=office,
        route=None,
        office_type="starostwo",
        **words(lang),
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_source_line_per_language(lang: str) -> None:
    t = words(lang)["t"]
    dated = _slot_html(Office.model_validate(_office(source=OLD, source_date=2013)), lang)
    assert fill(t["source_dated"], year=2013) in dated.replace("&#39;", "'")
    assert f"({fill(t['source_page_year'], year=2013)}, {t['verified']} 2026-12-01)" in dated
    fresh = _slot_html(Office.model_validate(_office(source_date="2025-06-01")), lang)
    assert "guide-office__dated" not in fresh
    assert f"({fill(t['source_page_year'], year=2025)}, {t['verified']} 2026-12-01)" in fresh
    undated = _slot_html(Office.model_validate(_office()), lang)
    assert f"</a> ({t['verified']} 2026-12-01)</p>" in undated
    for kind in SOURCE_KINDS[1:]:
        other = _slot_html(Office.model_validate(_office(source_kind=kind)), lang)
        assert f"</a> ({t['source_' + kind]}; {t['verified']} 2026-12-01)</p>" in other.replace(
            "&#39;", "'"
        )


def _first_slot_with_a_source_date() -> tuple[str, str, Office]:
    """The first powiat office whose page shows its date, a dated one if there is one."""
    directory = data.directory()
    slots = [
        (powiat.slug, key, office)
        for powiat in directory.powiaty
        for key in data.ui().powiat_office_types()
        if (office := directory.office(powiat.slug, key)) is not None
        and office.source_date is not None
    ]
    assert slots, "no powiat office in data/powiaty.yml has a source_date"
    return next((slot for slot in slots if slot[2].dated), slots[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_powiat_page_and_offices_json_show_the_source_year(site: Path, lang: str) -> None:
    slug, key, office = _first_slot_with_a_source_date()
    t = words(lang)["t"]
    year = fill(t["source_page_year"], year=office.source_year)
    warning = fill(t["source_dated"], year=office.source_year) if office.dated else None
    label = data.ui().office_types[key].label[lang]
    soup = parse(site, lang, f"powiaty/{slug}.md")
    section = next(
        s for s in soup.select("article .guide-powiat__office") if s.h3 and s.h3.text == label
    )
    line = section.select_one(".guide-office .guide-office__source")
    assert line is not None and f"({year}, {t['verified']} " in line.get_text()
    shown = section.select_one(".guide-office .guide-office__dated")
    assert (shown.get_text() if shown else None) == warning
    path = site / site_language_prefix(lang) / powiat_offices_json(slug)
    slot = json.loads(path.read_text(encoding="utf-8"))[key].replace("&#39;", "'")
    office_html = slot.split("guide-office--route")[0]  # the office, before any next step
    assert f"({year}, {t['verified']} " in office_html
    assert (warning in office_html) if warning else ("guide-office__dated" not in office_html)


def test_coverage_text_names_state_and_source_date() -> None:
    directory = Directory.model_validate(_fixture(starostwo=_office(source_date=2013)))
    lines = coverage_lines(coverage(directory))
    assert lines[0] == "bytowski       starostwo  dated       2026-12-01 (4 days)  source 2013"
    assert lines[-1] == "0 verified, 1 dated, 0 unofficial, 0 route, 4 missing"


def test_check_data_coverage_json_has_the_source_dates() -> None:
    result = run_guide("check-data", "--coverage", "--json")
    assert result.returncode == 0, result.stdout
    table = json.loads(result.stdout)
    slots = [slot for row in table.values() for slot in row.values()]
    assert {slot["state"] for slot in slots} <= set(STATES) - {"missing"}
    assert all(set(slot) == {"state", "verified", "source_date"} for slot in slots)
    assert all(slot["source_date"] for slot in slots if slot["state"] == "dated")
