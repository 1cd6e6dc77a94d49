"""One build of the site (guide/site/plugin.py makes it in the first language's on_config): the
data, loaded and validated once; the theme environment; what the languages' builds record for
later events; and what is computed once per site rather than once per page or language.

Nothing here outlives the build: `make serve` rebuilds with a fresh plugin and a fresh Build,
so an edited data file or template shows after the rebuild.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from guide.content.content_rules import TextRules
from guide.content.docs_files import FileProblem
from guide.content.html_events import KnownAttributes
from guide.content.translations import LanguageStatus
from guide.data.checks import load_problems, map_problems
from guide.data.coverage import StatusTables
from guide.data.data_files import DataFiles
from guide.data.edition import current_edition
from guide.data.facts import reference_date
from guide.data.languages import PARTIAL_SETTING, languages, unknown_partial
from guide.data.offices import POWIATY_YML, load_directory
from guide.data.site_data import SiteData, load_site_data
from guide.data.yamlfile import DataError
from guide.site.css_prune import PageNames
from guide.site.feedback import ReportTo, repository
from guide.site.finished_page import Sections
from guide.site.first_paint import PageKey
from guide.site.i18n import current_language
from guide.site.office_boxes import Slots
from guide.site.powiat_pages import Labels, map_labels
from guide.site.render import guide_env
from guide.site.static_i18n import check_version
from guide.site.theme_files import Listings, list_theme_once


@dataclass
class LanguageRecord:
    """What a language's pages left for its on_post_build: each finished page's sections (the
    search index) and the site's own files it loads (the offline pack), by dest_uri; and for
    its later events, each page's translation notice."""

    sections: dict[str, Sections] = field(default_factory=dict)
    loads: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each page's translation notice (HTML, or None), by src_uri: found before Markdown.
    notices: dict[str, str | None] = field(default_factory=dict)


@dataclass
class Build:
    settings: Config
    data: SiteData
    env: jinja2.Environment
    rules: TextRules  # what the page checks read from the data
    # The edition being built (mike's MIKE_DOCS_VERSION; None for a plain build) and the day
    # whose fact values the pages show: read from the environment once, here.
    edition: str | None
    day: dt.date
    reports: ReportTo  # where the pages' reports and edit links go
    languages: dict[str, LanguageRecord] = field(default_factory=dict)
    # Computed once per site: the theme's published files, and the listing of its folders.
    theme_files: frozenset[str] | None = None
    theme_listings: Listings = field(default_factory=dict)
    docs_tree_problems: list[FileProblem] = field(default_factory=list)
    translation_status: dict[str, LanguageStatus] | None = None
    status_tables: StatusTables | None = None
    # Each finished page's names (the stylesheet steps after the build read them), by the
    # key of the page as written (guide/site/first_paint.py, page_key and SitePages).
    page_names: dict[PageKey, PageNames] = field(default_factory=dict)
    # The theme's inline scripts: its script partials and files, and the scripts a page may hold
    # by (base_url, features, scope).
    script_partials: tuple[str, ...] | None = None
    script_paths: frozenset[str] = frozenset()
    known_scripts: dict[tuple[str, tuple[str, ...], str | None], frozenset[str]] = field(
        default_factory=dict
    )
    # Each fact reference's HTML by (argument, language, with its note): rendered once.
    facts_html: dict[tuple[str, str, bool], tuple[str, bool]] = field(default_factory=dict)

    # The office slots of the powiat pages and offices/<slug>.json, rendered once.
    office_slots: Slots = field(default_factory=dict)
    # The attributes of each tag text the finished pages hold (guide/content/html_events.py).
    attributes: KnownAttributes = field(default_factory=dict)
    # Each docs page's file text, by its path (guide/site/features.py, page_source).
    sources: dict[str, str] = field(default_factory=dict)
    # The powiaty map's labels, placed once for every language (map_labels).
    _map_labels: Labels | None = None

    def map_labels(self) -> Labels:
        if self._map_labels is None:
            self._map_labels = map_labels(self.data)
        return self._map_labels

    @classmethod
    def start(cls, config: MkDocsConfig, /, *, settings: Config) -> Build:
        """Load and validate every data file the build reads (`settings`: the guide plugin's);
        every problem, as file:line, in one PluginError (what `python -m guide check-data`
        prints for each file's own checks). The installed static-i18n is checked against the
        adapter's range first, and the partial languages against static-i18n's."""
        check_version(config.plugins["i18n"])
        config_file = Path(config.config_file_path)
        translated = [lang.code for lang in languages(config_file) if not lang.default]
        wrong = unknown_partial(settings["partial_languages"], translated=translated)
        if wrong:
            raise PluginError("\n".join(f"{config_file}: {PARTIAL_SETTING}: {w}" for w in wrong))
        files = DataFiles(Path(settings["data_dir"]))
        try:
            data = load_site_data(files)
        except DataError as error:
            problems = load_problems(files) or [error]
        except (OSError, ValueError, KeyError, TypeError):  # the map's GeoJSON
            problems = map_problems(load_directory(files.at(POWIATY_YML)), files=files)
        else:
            problems = map_problems(data.directory, files=files, map_=data.map)
        if problems:
            listed = "\n".join(str(problem) for problem in problems)
            raise PluginError(f"{listed}\n{len(problems)} problem(s) in the data files")
        rules = TextRules(
            ui=data.ui, termbase=data.termbase, glossary=data.glossary, register=data.facts
        )
        edition = current_edition()  # a wrong name fails the build here
        build = cls(
            settings=settings,
            data=data,
            env=guide_env(config.theme),
            rules=rules,
            edition=edition,
            day=reference_date(),
            reports=ReportTo(repository(config.repo_url or None), edition or "dev"),
        )
        list_theme_once(config.theme, listings=build.theme_listings)
        return build

    def start_language(self, config: MkDocsConfig) -> None:
        """A language's build begins: forget what an earlier build of it recorded."""
        self.languages[current_language(config)] = LanguageRecord()

    def language(self, config: MkDocsConfig) -> LanguageRecord:
        return self.languages.setdefault(current_language(config), LanguageRecord())
