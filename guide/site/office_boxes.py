"""The "Your office" boxes of `[[office: KEY]]` and the offices JSON that offices.js reads.

guide/site/features.py hands MkDocs' events to these: `mark_office_directives` for a page's
Markdown, `office_box` for its HTML, `offices_json_files` for the files written per language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from mkdocs.utils import get_relative_url

from guide.content.directives import OFFICE
from guide.data.offices import office_types_of
from guide.data.site_data import SiteData
from guide.data.ui import Ui
from guide.data.yamlfile import DataError
from guide.site import placeholders
from guide.site.asset_paths import OFFICES_JSON, powiat_offices_json
from guide.site.feedback import ReportTo, office_report_url
from guide.site.render import render, without_blank_lines, words


def source_line(source: str, markdown: str, offset: int) -> int:
    """Line number in a page's file (`source`, with front matter) of `offset` in its Markdown."""
    start = source.find(markdown[:200]) if markdown else 0
    return source.count("\n", 0, max(start, 0)) + markdown.count("\n", 0, offset) + 1


OFFICE_KIND = "office"


def mark_office_directives(markdown: str, *, src: str, source: str, ui: Ui) -> str:
    """`markdown` with each `[[office: KEY]]` replaced by a placeholder
    (guide/site/placeholders.py); `src` and `source` are the page's file and text. An unknown
    office type raises DataError at `src`:line."""
    office_types = ui.office_types

    def mark(match: re.Match[str]) -> str:
        key = match["key"]
        if key not in office_types:
            raise DataError(
                Path(src),
                source_line(source, markdown, match.start()),
                f"unknown office type {key!r} in '{match[0].strip()}'; "
                f"use one of: {', '.join(office_types)}",
            )
        return placeholders.block(OFFICE_KIND, key)

    return OFFICE.sub(mark, markdown)


def office_box(
    key: str,
    *,
    env: jinja2.Environment,
    lang: str,
    prefix: str,
    page_url: str,
    address: str,
    data: SiteData,
    reports: ReportTo,
) -> str:
    """The "Your office" box of office type `key` (checked by mark_office_directives).

    `prefix` is the built language's URL prefix, `page_url` the page's site-relative URL,
    `address` what a correction report names (its canonical URL), `reports` where it goes.
    """
    kind = data.ui.office_types[key]
    directory = data.directory
    regional = kind.scope == "region"
    office = directory.regional.get(key) if regional else None
    return render(
        env,
        "partials/guide/office-box.html",
        office_type=key,
        type_label=kind.label[lang],
        regional=regional,
        office=office,
        route=directory.routes.get(office.route) if office and office.route else None,
        powiaty_url=get_relative_url(f"{prefix}powiaty/", page_url),
        offices_url=get_relative_url(prefix + OFFICES_JSON, page_url),
        # The reader's powiat is added by offices.js once chosen.
        report_url=office_report_url(page=address, lang=lang, to=reports, office=key),
        **words(lang, ui=data.ui),
    )


def offices_json_files(
    env: jinja2.Environment, lang: str, *, data: SiteData, slots: Slots | None = None
) -> dict[str, str]:
    """The offices JSON of language `lang` by path inside its tree: offices.json (labels and
    the powiat list, fetched by every page with a box) and one offices/<slug>.json per powiat,
    fetched only once that powiat is chosen: a first view carries the list, not every office
    of the voivodeship."""
    directory = data.directory
    context = words(lang, ui=data.ui)
    index = {
        "labels": {
            key: context["t"][key]
            for key in (
                "choose_powiat",
                "change_powiat",
                "all_powiats",
                "powiat_needs_connection",
            )
        },
        "powiaty": [{"slug": p.slug, "name": p.name} for p in directory.powiaty],
    }
    written = {OFFICES_JSON: _json(index)}
    for powiat in directory.powiaty:
        offices = {
            key: without_blank_lines(
                office_slot(env, lang, data=data, slug=powiat.slug, key=key, slots=slots)
            )
            for key in office_types_of(powiat, data.ui)
        }
        written[powiat_offices_json(powiat.slug)] = _json(offices)
    return written


# Rendered office slots and boxes by (language, powiat slug or REGIONAL, office type).
Slots = dict[tuple[str, str, str], str]
REGIONAL = ""


def office_slot(
    env: jinja2.Environment,
    lang: str,
    /,
    *,
    data: SiteData,
    slug: str,
    key: str,
    slots: Slots | None = None,
) -> str:
    """partials/guide/office-slot.html of powiat `slug`'s office type `key` in `lang`, as the
    template writes it: the powiat's page and its offices/<slug>.json show the same, rendered
    once when the build keeps it in `slots`."""
    found = None if slots is None else slots.get((lang, slug, key))
    if found is None:
        found = env.get_template("partials/guide/office-slot.html").render(
            office=data.directory.office(slug, key),
            route=data.directory.route(slug, key),
            office_type=key,
            **words(lang, ui=data.ui),
        )
        if slots is not None:
            slots[(lang, slug, key)] = found
    return found


def regional_office(
    env: jinja2.Environment, lang: str, /, *, data: SiteData, key: str, slots: Slots | None = None
) -> str:
    """partials/guide/office.html of the regional office of type `key` in `lang`, as the
    template writes it: every powiat page shows the same, rendered once with `slots`."""
    found = None if slots is None else slots.get((lang, REGIONAL, key))
    if found is None:
        found = env.get_template("partials/guide/office.html").render(
            office=data.directory.regional[key], **words(lang, ui=data.ui)
        )
        if slots is not None:
            slots[(lang, REGIONAL, key)] = found
    return found


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
