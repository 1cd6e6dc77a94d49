"""Generated pages: `powiaty/` (map, town search, list) and `powiaty/<slug>/` per powiat.

Nothing per powiat is written by hand: each language build adds its own pages from
data/powiaty.yml, data/gminy.yml and the boundary GeoJSON, plus `towns.json` for the search.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from guide.gminy import load_gminy, load_town_names, town_index
from guide.i18n import current_language, language_prefix, source_language
from guide.offices import Directory, Powiat, load_directory
from guide.powiat_map import load_map, shape_for
from guide.render import guide_env, render, words
from guide.site import OFFICES_JSON, TOWNS_JSON
from guide.ui import load_ui


def _page(config: MkDocsConfig, lang: str, src: str, title: str, intro: str, html: str) -> File:
    """A generated Markdown page of `lang`, shaped like the files static-i18n prepares."""
    prefix = language_prefix(config, lang)
    front_matter = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
    content = f"{front_matter}\n# {title}\n\n{intro}\n\n{html}\n"
    file = File.generated(config, f"{lang}/{src}", content=content)
    stem = src.removesuffix(".md").removesuffix("index").rstrip("/")
    file.dest_uri = f"{prefix}{stem}/index.html" if stem else f"{prefix}index.html"
    file.url = file._get_url(config.use_directory_urls)
    # static-i18n reads these on every page it renders.
    file.norm_src_uri = src  # type: ignore[attr-defined]
    file.locale = lang  # type: ignore[attr-defined]
    file.localization = lang  # type: ignore[attr-defined]
    file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.alternates = {lang: file}  # type: ignore[attr-defined]
    return file


def _powiat_html(config: MkDocsConfig, lang: str, directory: Directory, powiat: Powiat) -> str:
    ui = load_ui()
    env = guide_env(config.theme)
    page_url = f"{language_prefix(config, lang)}powiaty/{powiat.slug}/"
    return render(
        env,
        "partials/guide/powiat-page.html",
        powiat=powiat,
        offices=[
            (ui.office_types[key].label[lang], directory.office(powiat.slug, key))
            for key in ui.powiat_office_types()
        ],
        regional=[
            (ui.office_types[key].label[lang], directory.regional[key])
            for key in ui.regional_office_types()
        ],
        gminy=[g for g in load_gminy() if g.powiat == powiat.slug],
        powiaty_url=get_relative_url(f"{language_prefix(config, lang)}powiaty/", page_url),
        **words(lang),
    )


def _index_html(config: MkDocsConfig, lang: str, directory: Directory) -> str:
    env = guide_env(config.theme)
    map_ = load_map()
    here = f"{language_prefix(config, lang)}powiaty/"
    return render(
        env,
        "partials/guide/powiaty-index.html",
        map=map_,
        shapes=[(shape_for(map_, p.name, p.kind), f"{p.slug}/", p.name) for p in directory.powiaty],
        powiaty=[(p, f"{p.slug}/") for p in directory.powiaty],
        towns_url=get_relative_url(TOWNS_JSON, here),
        offices_url=get_relative_url(language_prefix(config, lang) + OFFICES_JSON, here),
        **words(lang),
    )


@event_priority(-110)  # after static-i18n has chosen this language's files
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    lang = current_language(config)
    directory = load_directory()
    t = words(lang)["t"]
    files.append(
        _page(
            config,
            lang,
            "powiaty/index.md",
            t["powiaty_title"],
            t["powiaty_intro"],
            _index_html(config, lang, directory),
        )
    )
    for powiat in directory.powiaty:
        files.append(
            _page(
                config,
                lang,
                f"powiaty/{powiat.slug}.md",
                powiat.name,
                t["powiat_page_intro"],
                _powiat_html(config, lang, directory, powiat),
            )
        )
    if lang == source_language(config):
        towns = town_index(load_gminy(), load_town_names())
        text = json.dumps(towns, ensure_ascii=False, separators=(",", ":"))
        files.append(File.generated(config, TOWNS_JSON, content=text))
    return files
