"""The `<!-- office: KEY -->` directive: a "Your office" box for authors and translators.

A regional office is rendered in place. A powiat office depends on the reader's powiat,
chosen once and kept in localStorage: offices.js fills the box from `offices.json`,
which this hook writes per language; without JavaScript the box links to the powiat pages.
An unknown KEY fails the build, naming the page and line.
"""

from __future__ import annotations

import json
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.directives import OFFICE
from guide.editions import current_edition
from guide.feedback import office_report_url
from guide.i18n import built_language_prefix, current_language
from guide.offices import load_directory
from guide.render import guide_env, render, words
from guide.site import OFFICES_JSON, powiat_offices_json
from guide.ui import load_ui


def source_line(page: Page, markdown: str, offset: int) -> int:
    """Line number in the page's file of `offset` in its Markdown (after front matter)."""
    source = page.file.content_string
    start = source.find(markdown[:200]) if markdown else 0
    return source.count("\n", 0, max(start, 0)) + markdown.count("\n", 0, offset) + 1


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    ui = load_ui()
    lang = current_language(config)
    env = guide_env(config.theme)
    directory = load_directory()
    prefix = built_language_prefix(config, lang)

    def box(match: re.Match[str]) -> str:
        key = match["key"]
        kind = ui.office_types.get(key)
        if kind is None:
            line = source_line(page, markdown, match.start())
            raise PluginError(
                f"{page.file.src_uri}:{line}: unknown office type {key!r} in "
                f"'{match[0].strip()}'; use one of: {', '.join(ui.office_types)}"
            )
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
            powiaty_url=get_relative_url(f"{prefix}powiaty/", page.url),
            offices_url=get_relative_url(prefix + OFFICES_JSON, page.url),
            # The reader's powiat is added by offices.js once chosen.
            report_url=office_report_url(
                page=page.canonical_url or page.url,
                lang=lang,
                edition=current_edition() or "dev",
                office=key,
            ),
            **words(lang),
        )

    return OFFICE.sub(box, markdown)


@event_priority(-110)  # after static-i18n has chosen this language's files
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Write this language's offices.json (labels and the powiat list, fetched by every page
    with a box) and one offices/<slug>.json per powiat, fetched only once that powiat is
    chosen: a first view carries the list, not every office of the voivodeship."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    ui = load_ui()
    env = guide_env(config.theme)
    directory = load_directory()
    context = words(lang)
    index = {
        "labels": {
            key: context["t"][key] for key in ("choose_powiat", "change_powiat", "all_powiats")
        },
        "powiaty": [{"slug": p.slug, "name": p.name} for p in directory.powiaty],
    }
    files.append(File.generated(config, prefix + OFFICES_JSON, content=_json(index)))
    for powiat in directory.powiaty:
        offices: dict[str, str] = {}
        for key in ui.powiat_office_types():
            offices[key] = render(
                env,
                "partials/guide/office-slot.html",
                office=directory.office(powiat.slug, key),
                route=directory.route(powiat.slug, key),
                office_type=key,
                **context,
            )
        files.append(
            File.generated(
                config, prefix + powiat_offices_json(powiat.slug), content=_json(offices)
            )
        )
    return files


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
