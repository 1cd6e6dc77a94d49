"""The data status page (data-status.html/.json): coverage per powiat and office type, with the
age of `verified` and a flag on entries older than STALE_AFTER_DAYS."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import MKDOCS_YML
from guide.data.coverage import data_status
from guide.data.offices import Directory, office_types_of
from guide.site.data_status import render_data_status
from guide.site.render import guide_env
from tests import data
from tests.fixture_site import bytowski_directory
from tests.pages import LANGUAGES, url_of

DAY = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
DASH = "\u2013"  # the table's "none"
SOURCE = "https://www.example.gov.pl/kontakt"
FIXTURE = bytowski_directory(
    {
        "starostwo": {
            "name": "Starostwo Powiatowe w Bytowie",
            "phones": ["+48598220000"],
            "source": SOURCE,
            "verified": "2025-11-20",
        },
        "pup": {"route": "finder"},
    },
    {
        "finder": {
            "kind": "finder",
            "serves": ["pup"],
            "name": "Urzędy pracy, wyszukiwarka",
            "website": "https://www.praca.gov.pl/",
            "source": SOURCE,
            "verified": "2026-06-01",
        }
    },
)


# The required office types the fixture's powiat does not list: each is `missing`.
UNLISTED = [
    key for key in data.ui().required_office_types() if key not in FIXTURE["powiaty"][0]["offices"]
]
MISSING = {
    "state": "missing",
    "verified": None,
    "source_date": None,
    "age_days": None,
    "stale": False,
}


@pytest.fixture
def directory(monkeypatch: pytest.MonkeyPatch) -> Directory:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(DAY.timestamp())))
    return Directory.model_validate(FIXTURE)


def test_status_of_one_powiat_with_a_stale_entry(directory: Directory) -> None:
    assert data_status(directory) == {
        "bytowski": {
            "starostwo": {
                "state": "verified",
                "verified": "2025-11-20",
                "source_date": None,
                "age_days": 376,
                "stale": True,
            },
            "pup": {
                "state": "route",
                "verified": "2026-06-01",
                "source_date": None,
                "age_days": 183,
                "stale": False,
            },
            **{key: MISSING for key in UNLISTED},
        }
    }


def test_status_page_rows(directory: Directory) -> None:
    env = guide_env(load_config(str(MKDOCS_YML)).theme)
    html, _ = render_data_status(env, lang="en", directory=directory)
    assert "<h1>Data status</h1>" in html
    assert "(as of 2026-12-01)" in html
    assert '<h2 id="dated">Sources over 3 years old</h2>\n<p>None.</p>' in html
    assert 'http-equiv="Content-Security-Policy"' in html
    assert (
        '<tr data-state="verified"><td>bytowski</td><td>starostwo</td><td>verified</td>'
        f"<td>2025-11-20</td><td>{DASH}</td><td>376</td><td>STALE</td></tr>"
    ) in html
    assert (
        '<tr data-state="route"><td>bytowski</td><td>pup</td><td>route</td>'
        f"<td>2026-06-01</td><td>{DASH}</td><td>183</td><td>{DASH}</td></tr>"
    ) in html
    assert (
        f'<tr data-state="missing"><td>bytowski</td><td>{UNLISTED[0]}</td><td>missing</td>'
        f"<td>{DASH}</td><td>{DASH}</td><td>{DASH}</td><td>{DASH}</td></tr>"
    ) in html


def test_status_page_in_the_built_site(site: Path) -> None:
    status = json.loads((site / "data-status.json").read_text(encoding="utf-8"))
    states = {entry["state"] for row in status.values() for entry in row.values()}
    assert states and "missing" not in states
    for powiat in data.directory().powiaty:
        assert sorted(status[powiat.slug]) == sorted(
            office_types_of(powiat, data.ui())
        )  # JSON is sorted
    assert not (site / "uk/data-status.json").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_in_each_language(site: Path, lang: str) -> None:
    html = (site / url_of(lang, "index.md") / "data-status.html").read_text("utf-8")
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{data.ui().label('data_status_title', lang)}</h1>" in html
    headers = "".join(
        f"<th>{data.ui().label(key, lang)}</th>"
        for key in ("status_powiat", "status_office", "status_state", "status_verified")
    )
    assert headers in html
