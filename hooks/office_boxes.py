"""The `[[office: KEY]]` directive: a "Your office" box for authors and translators.

A regional office is rendered in place. A powiat office depends on the reader's powiat,
chosen once and kept in localStorage: offices.js fills the box from `offices.json`,
which this hook writes per language; without JavaScript the box links to the powiat pages.
An unknown KEY fails the build, naming the page and line. The box's HTML goes in after
Markdown, in place of the directive's placeholder (guide/site/placeholders.py).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from guide.data.yamlfile import DataError
from guide.site import hook_order, placeholders
from guide.site.i18n import built_language_prefix, current_language
from guide.site.office_boxes import (
    OFFICE_KIND,
    mark_office_directives,
    office_box,
    offices_json_files,
)
from guide.site.render import guide_env


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return mark_office_directives(
            markdown, src=page.file.src_uri, source=page.file.content_string
        )
    except DataError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = current_language(config)
    env = guide_env(config.theme)
    prefix = built_language_prefix(config, lang)
    address = page.canonical_url or page.url

    def box(key: str) -> str:
        return office_box(
            key, env=env, lang=lang, prefix=prefix, page_url=page.url, address=address
        )

    return placeholders.expand(html, {OFFICE_KIND: box})


@event_priority(hook_order.AFTER_I18N_FILES)  # after static-i18n has chosen this language's files
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Write this language's offices.json (labels and the powiat list, fetched by every page
    with a box) and one offices/<slug>.json per powiat, fetched only once that powiat is
    chosen: a first view carries the list, not every office of the voivodeship."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    for path, content in offices_json_files(guide_env(config.theme), lang).items():
        files.append(File.generated(config, prefix + path, content=content))
    return files
