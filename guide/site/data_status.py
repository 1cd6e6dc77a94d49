"""The data status page (data-status.html in each language): the coverage of the office
directory (guide/data/coverage.py) and the facts of data/facts.yml: those ending within
UPCOMING_DAYS with their next value where announced, then all of them, expiring ones first."""

from __future__ import annotations

import datetime as dt

import jinja2

from guide.data.coverage import STALE_AFTER_DAYS, StatusEntry, data_status, dated_sources
from guide.data.facts import (
    EXPIRING_DAYS,
    UPCOMING_DAYS,
    fact_rows,
    load_facts,
    reference_date,
    upcoming,
)
from guide.data.offices import DATED_AFTER_YEARS, Directory, load_directory, today
from guide.data.ui import fill
from guide.site.csp import attach
from guide.site.render import words


def render_data_status(
    env: jinja2.Environment,
    /,
    *,
    lang: str,
    where: str = "data-status.html",
    directory: Directory | None = None,
) -> tuple[str, dict[str, dict[str, StatusEntry]]]:
    """data-status.html in `lang`'s words, at site path `where` (with its CSP meta), and the
    table it shows, for the JSON beside it."""
    directory = directory or load_directory()
    status = data_status(directory)
    day = reference_date()
    facts = sorted(
        fact_rows(load_facts(), day),
        key=lambda row: (("expired", "expiring", "current").index(row["state"]), row["expires"]),
    )
    horizon = (day + dt.timedelta(days=UPCOMING_DAYS)).isoformat()
    texts = words(lang)
    t = texts["t"]
    intro = fill(
        t["data_status_intro"],
        today=today().isoformat(),
        days=STALE_AFTER_DAYS,
        years=DATED_AFTER_YEARS,
    )
    html = env.get_template("partials/guide/data-status.html").render(
        status=status,
        intro=intro,
        dated=dated_sources(directory),
        dated_title=fill(t["data_status_dated_title"], years=DATED_AFTER_YEARS),
        dated_intro=fill(t["data_status_dated_intro"], years=DATED_AFTER_YEARS),
        root="../" * where.count("/"),
        facts=facts,
        facts_intro=fill(t["data_status_facts_intro"], day=day.isoformat(), days=EXPIRING_DAYS),
        ahead=upcoming(facts, day),
        ahead_title=fill(t["data_status_ahead_title"], date=horizon),
        ahead_intro=fill(t["data_status_ahead_intro"], days=UPCOMING_DAYS),
        **texts,
    )
    return attach(html, env=env, where=where), status
