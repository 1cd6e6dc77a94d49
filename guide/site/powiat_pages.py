"""Markdown of the generated powiat pages, shared by the build and `make bench`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import jinja2
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from guide.data.gminy import town_index
from guide.data.offices import Directory, Office, Powiat, Route, office_types_of
from guide.data.powiat_map import label_points, shape_for
from guide.data.site_data import SiteData
from guide.site import placeholders
from guide.site.asset_paths import OFFICES_JSON, TOWNS_JSON
from guide.site.feedback import ReportTo, office_report_url
from guide.site.office_boxes import Slots, office_slot, regional_office
from guide.site.render import render, words

# The map's labels (each powiat's number in the list beside it), in map units: 600 wide, so
# about 13 CSS px on a 390 px phone.
MAP_LABEL_SIZE = 22

# The map's and list's styles, linked by the overview alone (not in every page's first view).
EXTRA_CSS = "assets/guide/extra.css"
OVERVIEW = "powiaty/index.md"  # inside a language folder

# A powiat's page inside a language folder, as powiat_pages() writes it.
POWIAT_PAGE = re.compile(r"^powiaty/(?!index\.md$)(?P<slug>[a-z]+)\.md$")


def powiat_of_page(src: str, directory: Directory) -> str | None:
    """The slug of the powiat whose page is `src` (inside a language folder, e.g.
    "powiaty/gdansk.md"), None for any other page; LookupError for a powiat page of a powiat
    that is not in data/powiaty.yml."""
    match = POWIAT_PAGE.match(src)
    if match is None:
        return None
    if not directory.has_powiat(match["slug"]):
        raise LookupError(f"{src}: no powiat {match['slug']!r} in data/powiaty.yml")
    return match["slug"]


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # inside the language folder: "powiaty/leborski.md"
    markdown: str


def _markdown(title: str, intro: str, html: str) -> str:
    front_matter = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
    return f"{front_matter}\n# {title}\n\n{intro}\n\n{html}\n"


def _powiat_html(
    env: jinja2.Environment,
    lang: str,
    data: SiteData,
    powiat: Powiat,
    *,
    address: str,
    reports: ReportTo,
    slots: Slots | None = None,
) -> str:
    ui, directory = data.ui, data.directory

    def report(key: str) -> str:
        """The "Report a mistake" link of one office on this page (guide/site/feedback.py)."""
        return office_report_url(
            page=address, lang=lang, to=reports, powiat=powiat.slug, office=key
        )

    def answer(key: str) -> tuple[Office | None, Route | None]:
        """The office and/or next step (validate_directory refused a slot with neither)."""
        return directory.office(powiat.slug, key), directory.route(powiat.slug, key)

    return render(
        env,
        "partials/guide/powiat-page.html",
        powiat=powiat,
        offices=[
            (
                ui.office_types[key].label[lang],
                key,
                *answer(key),
                report(key),
                Markup(office_slot(env, lang, data=data, slug=powiat.slug, key=key, slots=slots)),
            )
            for key in office_types_of(powiat, ui)
        ],
        regional=[
            (
                ui.office_types[key].label[lang],
                directory.regional[key],
                report(key),
                Markup(regional_office(env, lang, data=data, key=key, slots=slots)),
            )
            for key in ui.regional_office_types()
        ],
        gminy=data.gminy_by_powiat.get(powiat.slug, ()),
        powiaty_url="../",
        **words(lang, ui=ui),
    )


Labels = Mapping[str, tuple[float, float]]


def map_labels(data: SiteData) -> Labels:
    """Where the map's labels go: the same in every language (the build places them once)."""
    return label_points(data.map, spacing=MAP_LABEL_SIZE * 1.6)


def _index_html(
    env: jinja2.Environment,
    lang: str,
    prefix: str,
    data: SiteData,
    labels: Callable[[], Labels] | None = None,
) -> str:
    map_, directory = data.map, data.directory
    labels_of = map_labels(data) if labels is None else labels()
    here = f"{prefix}powiaty/"
    return render(
        env,
        "partials/guide/powiaty-index.html",
        map=map_,
        shapes=[
            (shape, f"{p.slug}/", p, labels_of[shape.name])
            for p in directory.powiaty
            for shape in [shape_for(map_, p.name, p.kind)]
        ],
        powiaty=[(p, f"{p.slug}/") for p in directory.powiaty],
        label_size=MAP_LABEL_SIZE,
        towns_url=get_relative_url(TOWNS_JSON, here),
        offices_url=get_relative_url(prefix + OFFICES_JSON, here),
        **words(lang, ui=data.ui),
    )


INDEX_KIND = "powiaty-index"
POWIAT_KIND = "powiat-page"


def _address(site_url: str, prefix: str, slug: str) -> str:
    """A powiat page's address in report links (inside the edition, in mike builds)."""
    if site_url and not site_url.endswith("/"):
        site_url += "/"  # mike's plugin leaves the edition's site_url without one
    return f"{site_url}{prefix}powiaty/{slug}/"


@dataclass(frozen=True)
class LanguagePages:
    """What one language's generated pages are made with: the theme environment, the build's
    data, the language and its tree's `prefix`, the `site_url` that makes the pages' addresses
    in report links (the edition's, in mike builds) and where the reports go (`reports`);
    where the build keeps them, the map's `labels` and the office `slots` rendered
    (map_labels, office_boxes.Slots)."""

    env: jinja2.Environment
    data: SiteData
    lang: str
    prefix: str
    reports: ReportTo
    site_url: str = ""
    labels: Callable[[], Labels] | None = None
    slots: Slots | None = None


def generated_html(kind: str, slug: str, /, *, made: LanguagePages) -> str:
    """The trusted HTML of a generated page: the map and list of the overview (INDEX_KIND) or
    the offices of powiat `slug` (POWIAT_KIND)."""
    if kind == INDEX_KIND:
        return _index_html(made.env, made.lang, made.prefix, made.data, made.labels)
    address = _address(made.site_url, made.prefix, slug)
    powiat = made.data.directory.powiat(slug)
    return _powiat_html(
        made.env,
        made.lang,
        made.data,
        powiat,
        address=address,
        reports=made.reports,
        slots=made.slots,
    )


def expand_powiat_html(html: str, *, made: LanguagePages) -> str:
    """A generated page's content with its placeholder replaced by its HTML, after Markdown."""
    return placeholders.expand(
        html,
        {kind: partial(generated_html, kind, made=made) for kind in (INDEX_KIND, POWIAT_KIND)},
    )


def powiat_pages(made: LanguagePages, /, *, inline_html: bool = False) -> list[GeneratedPage]:
    """The overview and one page per powiat in `made.lang`: their Markdown holds a placeholder
    that expand_powiat_html replaces after Markdown; with `inline_html` (the stock build of
    `make bench`, where raw HTML passes) the HTML itself."""
    directory = made.data.directory
    t = words(made.lang, ui=made.data.ui)["t"]

    def body(kind: str, slug: str = "") -> str:
        if inline_html:
            return generated_html(kind, slug, made=made)
        return placeholders.block(kind, slug)

    pages = [
        GeneratedPage(OVERVIEW, _markdown(t["powiaty_title"], t["powiaty_intro"], body(INDEX_KIND)))
    ]
    pages.extend(
        GeneratedPage(
            f"powiaty/{powiat.slug}.md",
            _markdown(
                powiat.title(made.lang), t["powiat_page_intro"], body(POWIAT_KIND, powiat.slug)
            ),
        )
        for powiat in directory.powiaty
    )
    return pages


def towns_json(data: SiteData) -> str:
    return json.dumps(
        town_index(data.gminy, data.town_names), ensure_ascii=False, separators=(",", ":")
    )
