"""The guide's one MkDocs plugin (`guide` in mkdocs.yml, the `mkdocs.plugins` entry point in
pyproject.toml): it makes one Build per build and hands MkDocs' events to the features.

static-i18n builds each language by running MkDocs' build again with the same configuration
and plugin objects: the first language's on_config starts the Build (data loaded and validated
once), the other languages' reuse it. MkDocs loads the configuration, and so this plugin, again
for every `make serve` rebuild: each rebuild starts from a fresh plugin and a fresh Build.

Every event runs at one of two priorities, before static-i18n or after it; inside an event the
features run in the order written here. The features' code is in guide/; nothing here but the
order.
"""

from __future__ import annotations

from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from guide.site import features as feature
from guide.site.build_state import Build
from guide.site.static_i18n import builds_more_languages

# static-i18n's events run at 50 (page markdown, page and template context) and at -100
# (config, files, nav, post_page, post_build, whose first run builds the other languages).
BEFORE_I18N = 100
AFTER_I18N = -150


class GuideSettings(Config):  # type: ignore[no-untyped-call]
    """The plugin's settings in mkdocs.yml (`plugins: - guide: {...}`)."""

    # The generated powiaty/ pages; small test projects leave them out.
    powiat_pages = c.Type(bool, default=True)
    # `make serve`: no CSP meta, whose hashes cannot allow live reload's inline script.
    live_preview = c.Type(bool, default=False)
    # The validated data files (data/); tests build with a fixture copy.
    data_dir = c.Dir(exists=True, default="data")
    # Languages translated only in part: their missing pages fall back to Polish with a notice
    # (checked against static-i18n's languages in on_config).
    partial_languages = c.ListOfItems(c.Type(str), default=[])
    # Tests only: build without these checks to prove that each one is what stops a page
    # (names in guide.site.features.CHECKS).
    checks_off = c.ListOfItems(c.Choice(feature.CHECKS), default=[])


class GuidePlugin(BasePlugin[GuideSettings]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.build: Build | None = None

    def _build(self) -> Build:
        if self.build is None:
            raise RuntimeError("the guide plugin's on_config has not run")
        return self.build

    @event_priority(BEFORE_I18N)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # static-i18n's own builds of the other languages reuse the first language's Build.
        if self.build is None or not builds_more_languages(config):
            self.build = Build.start(config, settings=self.config)
            feature.hold_loaded_objects()
        feature.edition_settings(self.build, config)
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        return feature.watch_data(server, data_dir=self.config.data_dir)

    @event_priority(AFTER_I18N)  # static-i18n has chosen each file's destination
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        build = self._build()
        feature.check_docs_files(build, files, config=config)
        feature.add_powiat_pages(build, files, config=config)
        feature.add_offices_json(build, files, config=config)
        feature.drop_stock_search_assets(files)
        feature.add_qr_codes(build, files, config=config)  # last: for every page, generated too
        return files

    @event_priority(AFTER_I18N)  # static-i18n took its sitemap.xml list
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        feature.list_powiat_pages(self._build(), files, config=config)
        return nav

    @event_priority(AFTER_I18N)  # static-i18n's environment of this language
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        return feature.theme_env(self._build(), env, config=config)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._build().start_language(config)

    @event_priority(BEFORE_I18N)
    def _markdown_first(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        feature.check_page_source(self._build(), page)
        return markdown

    @event_priority(AFTER_I18N)
    def _markdown_then(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        build = self._build()
        feature.exclude_from_stock_search(page)
        source = feature.page_source(build, page)
        markdown = feature.mark_office_boxes(markdown, page=page, source=source, ui=build.data.ui)
        markdown = feature.mark_facts(markdown, page=page, source=source, register=build.data.facts)
        markdown = feature.mark_glossary(markdown)
        return feature.mark_translation_notice(build, markdown, page=page, config=config)

    on_page_markdown = CombinedEvent(_markdown_first, _markdown_then)

    @event_priority(AFTER_I18N)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        build = self._build()
        feature.check_rendered_page(build, page, html)  # the content alone, as Markdown made it
        html = feature.expand_powiat_html(build, html, config=config)
        html = feature.expand_office_boxes(build, html, page=page, config=config)
        html = feature.expand_facts(build, html, page=page, config=config)
        html = feature.expand_glossary(build, html, config=config)
        html = feature.expand_translation_notice(build, html, page=page, config=config)
        return feature.add_print_area(build, html, page=page, config=config)

    @event_priority(AFTER_I18N)  # static-i18n has written its language links
    def on_page_context(
        self,
        template_context: TemplateContext,
        /,
        *,
        page: Page,
        config: MkDocsConfig,
        nav: Navigation,
    ) -> TemplateContext:
        build = self._build()
        context = cast(dict[str, Any], template_context)  # the guide's keys besides MkDocs' own
        feature.page_words(build, context, config=config)
        feature.overview_styles(context, page=page)
        feature.feedback_links(build, context, page=page, config=config)
        feature.keep_offline_link(context, page=page, config=config)
        feature.search_links(context, page=page, config=config)
        feature.language_links(page=page, config=config)
        feature.mark_page_html(page)  # last: after everything that adds to page.content
        return template_context

    @event_priority(AFTER_I18N)
    def on_template_context(
        self, template_context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        feature.no_language_links(config)
        feature.template_words(self._build(), cast(dict[str, Any], template_context), config=config)
        return template_context

    @event_priority(AFTER_I18N)  # the finished page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return feature.finish_page(self._build(), output, page=page, config=config)

    @event_priority(AFTER_I18N)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return feature.finish_template(
            self._build(), output_content, template_name=template_name, config=config
        )

    @event_priority(BEFORE_I18N)  # static-i18n's builds the other languages in its own
    def _post_build_first(self, *, config: MkDocsConfig) -> None:
        build = self._build()
        feature.write_translation_status(build, config=config)
        feature.write_data_status(build, config=config)
        feature.strip_script_comments(config=config)
        feature.write_search_index(build, config=config)
        feature.write_offline_files(build, config=config)  # lists the search index

    @event_priority(AFTER_I18N)  # static-i18n wrote every stock search index
    def _post_build_then(self, *, config: MkDocsConfig) -> None:
        feature.remove_stock_search_index(config=config)
        feature.finish_site(self._build(), config=config)  # last: reads the whole site
        if not builds_more_languages(config):
            feature.release_loaded_objects()

    def on_build_error(self, *, error: Exception) -> None:
        feature.release_loaded_objects()

    on_post_build = CombinedEvent(_post_build_first, _post_build_then)
