"""Coverage of the office directory: per powiat and office type, `verified` (an office with a
phone), `route` (a verified next step instead) or `missing` (nothing the reader can use)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypedDict

import jinja2

from guide.csp import attach
from guide.offices import Directory, load_directory, office_types_of, today

State = Literal["verified", "route", "missing"]
STALE_AFTER_DAYS = 365


class Slot(TypedDict):
    state: State
    verified: str | None  # None for `missing`


def coverage(directory: Directory) -> dict[str, dict[str, Slot]]:
    """{powiat slug: {office type: {"state": ..., "verified": "YYYY-MM-DD" or None}}}, for the
    office types each powiat's page shows (an optional type only where it is listed)."""
    table: dict[str, dict[str, Slot]] = {}
    for powiat in directory.powiaty:
        row: dict[str, Slot] = {}
        for office_type in office_types_of(powiat):
            office = directory.office(powiat.slug, office_type)
            route = directory.route(powiat.slug, office_type)
            if office is not None and office.phones:
                row[office_type] = {"state": "verified", "verified": office.verified.isoformat()}
            elif route is not None:
                row[office_type] = {"state": "route", "verified": route.verified.isoformat()}
            else:
                row[office_type] = {"state": "missing", "verified": None}
        table[powiat.slug] = row
    return table


def age_days(slot: Slot) -> int | None:
    verified = slot["verified"]
    return None if verified is None else (today() - dt.date.fromisoformat(verified)).days


def coverage_lines(table: dict[str, dict[str, Slot]]) -> list[str]:
    """The table as text: one line per powiat and office type, then the totals."""
    lines = []
    counts: dict[str, int] = {"verified": 0, "route": 0, "missing": 0}
    for slug, row in table.items():
        for office_type, slot in row.items():
            counts[slot["state"]] += 1
            age = age_days(slot)
            when = "" if age is None else f"  {slot['verified']} ({age} days)"
            stale = "  STALE" if is_stale(slot) else ""
            lines.append(f"{slug:14} {office_type:10} {slot['state']:8}{when}{stale}")
    lines.append(", ".join(f"{count} {state}" for state, count in counts.items()))
    return lines


class StatusEntry(TypedDict):
    state: State
    verified: str | None
    age_days: int | None
    stale: bool  # `verified` older than STALE_AFTER_DAYS: re-check the source


def is_stale(slot: Slot) -> bool:
    age = age_days(slot)
    return age is not None and age > STALE_AFTER_DAYS


def data_status(directory: Directory) -> dict[str, dict[str, StatusEntry]]:
    """The data status page's table (and its JSON): coverage with age and the stale flag."""
    return {
        slug: {
            office_type: {
                "state": slot["state"],
                "verified": slot["verified"],
                "age_days": age_days(slot),
                "stale": is_stale(slot),
            }
            for office_type, slot in row.items()
        }
        for slug, row in coverage(directory).items()
    }


def render_data_status(
    env: jinja2.Environment, /, *, directory: Directory | None = None
) -> tuple[str, dict[str, dict[str, StatusEntry]]]:
    """data-status.html (with its CSP meta) and the table it shows, for the JSON beside it."""
    status = data_status(directory or load_directory())
    html = env.get_template("partials/guide/data-status.html").render(
        status=status, today=today().isoformat(), stale_after=STALE_AFTER_DAYS
    )
    return attach(html, env=env, where="data-status.html"), status
