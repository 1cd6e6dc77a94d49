"""Coverage of the office directory: per powiat and office type, `verified` (an office with a
phone from an official page at most DATED_AFTER_YEARS old), `dated` (the same from an older
official page), `unofficial` (a phone from a press, NGO or university page), `route` (a
verified next step instead) or `missing` (nothing the reader can use). The data status page
shows them (guide/site/data_status.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypedDict, get_args

from guide.data.facts import FactRow, Register, fact_rows, load_facts, reference_date
from guide.data.offices import (
    Directory,
    Sourced,
    load_directory,
    office_types_of,
    today,
)
from guide.data.ui import Ui, load_ui

State = Literal["verified", "dated", "unofficial", "route", "missing"]
STATES: tuple[State, ...] = get_args(State)
STALE_AFTER_DAYS = 365


class Slot(TypedDict):
    state: State
    verified: str | None  # None for `missing`
    source_date: str | None  # the page's own date ("2024-02-13" or "2018"), None if not shown


def _slot(state: State, entry: Sourced) -> Slot:
    date = entry.source_date
    return {
        "state": state,
        "verified": entry.verified.isoformat(),
        "source_date": None if date is None else str(date),
    }


def coverage(directory: Directory, *, ui: Ui | None = None) -> dict[str, dict[str, Slot]]:
    """{powiat slug: {office type: {"state": ..., "verified": "YYYY-MM-DD" or None,
    "source_date": "YYYY-MM-DD", "YYYY" or None}}}, for the office types each powiat's page
    shows (an optional type only where it is listed; `ui`: data/ui.yml, read when not given)."""
    ui = ui or load_ui()
    table: dict[str, dict[str, Slot]] = {}
    for powiat in directory.powiaty:
        row: dict[str, Slot] = {}
        for office_type in office_types_of(powiat, ui):
            office = directory.office(powiat.slug, office_type)
            route = directory.route(powiat.slug, office_type)
            if office is not None and office.phones:
                state: State = (
                    "unofficial" if not office.official else "dated" if office.dated else "verified"
                )
                row[office_type] = _slot(state, office)
            elif route is not None:
                row[office_type] = _slot("route", route)
            else:
                row[office_type] = {"state": "missing", "verified": None, "source_date": None}
        table[powiat.slug] = row
    return table


class DatedSource(TypedDict):
    entry: str  # "powiat gdynia, office pup", "regional office kcik", "route koscierski-www"
    source: str
    source_date: str
    verified: str


def dated_sources(directory: Directory) -> list[DatedSource]:
    """Every office and route whose source is over DATED_AFTER_YEARS old, in file order."""
    entries: list[tuple[str, Sourced]] = [
        (f"powiat {powiat.slug}, office {key}", office)
        for powiat in directory.powiaty
        for key, office in powiat.offices.items()
        if isinstance(office, Sourced)
    ]
    entries += [(f"regional office {key}", office) for key, office in directory.regional.items()]
    entries += [(f"route {key}", route) for key, route in directory.routes.items()]
    return [
        {
            "entry": where,
            "source": entry.source,
            "source_date": str(entry.source_date),
            "verified": entry.verified.isoformat(),
        }
        for where, entry in entries
        if entry.dated
    ]


def age_days(slot: Slot) -> int | None:
    verified = slot["verified"]
    return None if verified is None else (today() - dt.date.fromisoformat(verified)).days


def coverage_lines(table: dict[str, dict[str, Slot]]) -> list[str]:
    """The table as text: one line per powiat and office type, then the totals."""
    lines = []
    counts: dict[str, int] = dict.fromkeys(STATES, 0)
    for slug, row in table.items():
        for office_type, slot in row.items():
            counts[slot["state"]] += 1
            age = age_days(slot)
            when = "" if age is None else f"  {slot['verified']} ({age} days)"
            page = f"  source {slot['source_date']}" if slot["source_date"] else ""
            stale = "  STALE" if is_stale(slot) else ""
            lines.append(f"{slug:14} {office_type:10} {slot['state']:10}{when}{page}{stale}")
    lines.append(", ".join(f"{count} {state}" for state, count in counts.items()))
    return lines


class StatusEntry(TypedDict):
    state: State
    verified: str | None
    source_date: str | None
    age_days: int | None
    stale: bool  # `verified` older than STALE_AFTER_DAYS: re-check the source


def is_stale(slot: Slot) -> bool:
    age = age_days(slot)
    return age is not None and age > STALE_AFTER_DAYS


def data_status(directory: Directory, *, ui: Ui | None = None) -> dict[str, dict[str, StatusEntry]]:
    """The data status page's table (and its JSON): coverage with age and the stale flag."""
    return {
        slug: {
            office_type: {
                "state": slot["state"],
                "verified": slot["verified"],
                "source_date": slot["source_date"],
                "age_days": age_days(slot),
                "stale": is_stale(slot),
            }
            for office_type, slot in row.items()
        }
        for slug, row in coverage(directory, ui=ui).items()
    }


@dataclass(frozen=True)
class StatusTables:
    """What data-status.html shows, the same in every language: worked out once per build."""

    status: dict[str, dict[str, StatusEntry]]
    dated: list[DatedSource]
    facts: list[FactRow]
    day: dt.date


def status_tables(
    directory: Directory | None = None,
    *,
    ui: Ui | None = None,
    facts: Register | None = None,
    day: dt.date | None = None,
) -> StatusTables:
    """The data status of the data files (read when not given) on `day` (the build's
    reference date, reference_date() when not given)."""
    ui = ui or load_ui()
    directory = directory or load_directory(ui=ui)
    day = day or reference_date()
    rows = sorted(
        fact_rows(facts or load_facts(ui=ui), day),
        key=lambda row: (("expired", "expiring", "current").index(row["state"]), row["expires"]),
    )
    return StatusTables(data_status(directory, ui=ui), dated_sources(directory), rows, day)
