"""The data status page (data-status.html in each language): the coverage of the office
directory (guide/data/coverage.py) and the facts of data/facts.yml: those ending within
UPCOMING_DAYS with their next value where announced, then all of them, expiring ones first."""

from __future__ import annotations

import datetime as dt

import jinja2

from guide.data.coverage import STALE_AFTER_DAYS, StatusEntry, StatusTables, status_tables
from guide.data.facts import EXPIRING_DAYS, UPCOMING_DAYS, upcoming
from guide.data.offices import DATED_AFTER_YEARS, Directory, today
from guide.data.ui import Ui, fill, load_ui
from guide.site.css_prune import PageNames
from guide.site.finished_page import attach_once
from guide.site.first_paint import PageKey, remember_names
from guide.site.render import words


def render_data_status(
    env: jinja2.Environment,
    /,
    *,
    lang: str,
    where: str = "data-status.html",
    directory: Directory | None = None,
    ui: Ui | None = None,
    tables: StatusTables | None = None,
    names: dict[PageKey, PageNames] | None = None,
) -> tuple[str, dict[str, dict[str, StatusEntry]]]:
    """data-status.html in `lang`'s words, at site path `where` (with its CSP meta), and the
    table it shows, for the JSON beside it. `tables`: what the page shows, the same in every
    language (status_tables(): the build works it out once); of `directory` (else the data
    files) when not given. `names`: where the build keeps the names of the pages it writes
    (guide/site/first_paint.py, remember_names)."""
    ui = ui or load_ui()
    tables = tables or status_tables(directory, ui=ui)
    status, day, facts = tables.status, tables.day, tables.facts
    horizon = (day + dt.timedelta(days=UPCOMING_DAYS)).isoformat()
    texts = words(lang, ui=ui)
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
        dated=tables.dated,
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
    html, found = attach_once(html, env=env, where=where)
    if names is not None:
        remember_names(names, html, found)
    return html, status
