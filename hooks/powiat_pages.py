"""Generated pages: `powiaty/` (map, town search, list) and `powiaty/<slug>/` per powiat.

Nothing per powiat is written by hand: each language build adds its own pages from
data/powiaty.yml, data/gminy.yml and the boundary GeoJSON, plus `towns.json` for the search.
Small test projects (tests/fixture_site.py) leave them out with `extra: {powiat_pages: false}`.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from guide.i18n import built_language_prefix, current_language, source_language
from guide.powiat_pages import GeneratedPage, powiat_pages, towns_json
from guide.site import TOWNS_JSON


def _file(config: MkDocsConfig, lang: str, page: GeneratedPage) -> File:
    """A generated page of `lang`, shaped like the files static-i18n prepares."""
    file = File.generated(config, f"{lang}/{page.src}", content=page.markdown)
    stem = page.src.removesuffix(".md").removesuffix("index").rstrip("/")
    file.dest_uri = f"{built_language_prefix(config, lang)}{stem}/index.html"
    file.url = file._get_url(config.use_directory_urls)
    # static-i18n reads these on every page it renders.
    file.norm_src_uri = page.src  # type: ignore[attr-defined]
    file.locale = lang  # type: ignore[attr-defined]
    file.localization = lang  # type: ignore[attr-defined]
    file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.alternates = {lang: file}  # type: ignore[attr-defined]
    return file


@event_priority(-110)  # after static-i18n has chosen this language's files
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    if config.extra.get("powiat_pages", True) is False:
        return files
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    for page in powiat_pages(config.theme, lang, prefix, site_url=config.site_url or ""):
        files.append(_file(config, lang, page))
    if lang == source_language(config):
        files.append(File.generated(config, TOWNS_JSON, content=towns_json()))
    return files


@event_priority(-110)  # after static-i18n took this language's page list for sitemap.xml
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    """List the generated pages in sitemap.xml too: Material's edition selector looks for
    "the same page" in the other edition's sitemap, and search engines read it."""
    if config.extra.get("powiat_pages", True) is False:
        return nav
    plugin: Any = config.plugins["i18n"]  # its sitemap list has no public setter
    plugin.i18n_files_per_language[current_language(config)] = files.documentation_pages()
    return nav
