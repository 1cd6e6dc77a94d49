"""The one adapter for mkdocs-static-i18n's and MkDocs' internals that the hooks need.

static-i18n has no public API for what the guide does with it: generated pages shaped like its
own files, the page list its sitemap.xml is written from, the language selector it writes into
`config.extra.alternate`, and the flag that tells its last on_post_build from the others. Every
such touch is here, checked against the range of releases it was verified with (SUPPORTED) and
the attributes it needs (PLUGIN_ATTRIBUTES), found in the installed plugin: an upgrade outside
the range, or one without them, fails the build with a clear message until this module and
tests/test_static_i18n.py are checked again. The exact version is pinned in requirements.lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from guide.site.versions import Release, installed_version, version_problem

DISTRIBUTION = "mkdocs-static-i18n"
ADAPTER = "guide/site/static_i18n.py"
# The releases this adapter was checked against: from 1.3.1, below 1.4.
SUPPORTED: tuple[Release, Release] = ((1, 3, 1), (1, 4))
# What the adapter reads or writes on static-i18n's plugin object (I18nPlugin below).
PLUGIN_ATTRIBUTES = (
    "building",
    "default_language",
    "build_languages",
    "i18n_files_per_language",
    "get_language_config",
)

# What static-i18n adds to every File it prepares (folder.create_i18n_file) and reads back
# while rendering; tests/test_static_i18n.py compares this set with its own files.
FILE_ATTRIBUTES = frozenset(
    {"alternates", "locale", "locale_alternate_of", "localization", "norm_src_uri"}
)


class StaticI18nVersionError(PluginError):
    """The installed static-i18n is outside the range this adapter was checked against, or
    lacks what it uses."""


@cache
def _installed_version() -> str:
    return installed_version(DISTRIBUTION)


def check_version(plugin_object: object | None = None) -> None:
    """Raise StaticI18nVersionError unless the installed static-i18n is in SUPPORTED (and
    `plugin_object`, when given, has PLUGIN_ATTRIBUTES)."""
    needs = [(plugin_object, name) for name in PLUGIN_ATTRIBUTES if plugin_object is not None]
    problem = version_problem(
        DISTRIBUTION,
        _installed_version(),
        at_least=SUPPORTED[0],
        below=SUPPORTED[1],
        adapter=ADAPTER,
        needs=needs,
    )
    if problem is not None:
        raise StaticI18nVersionError(problem)


class LanguageConfig(Protocol):
    name: str


class I18nPlugin(Protocol):
    """The parts of static-i18n's plugin object the guide reads or writes."""

    building: bool
    default_language: str
    build_languages: list[str]
    i18n_files_per_language: dict[str, Sequence[File]]

    def get_language_config(self, locale: str) -> LanguageConfig: ...


def plugin(config: MkDocsConfig) -> I18nPlugin:
    """static-i18n's plugin object of this build, after checking its version."""
    found = config.plugins["i18n"]
    check_version(found)
    return cast(I18nPlugin, found)


def language_file(
    config: MkDocsConfig, *, lang: str, src: str, dest_uri: str, content: str
) -> File:
    """A generated page `src` (relative to the language folder) of `lang`, written to
    `dest_uri`, carrying the attributes static-i18n sets on the files it prepares."""
    check_version()
    file = File.generated(config, f"{lang}/{src}", content=content)
    file.dest_uri = dest_uri
    # `url` is cached from the first dest_uri; static-i18n recomputes it the same way.
    file.url = file._get_url(config.use_directory_urls)
    values: dict[str, Any] = {
        "norm_src_uri": src,
        "locale": lang,
        "localization": lang,
        "locale_alternate_of": lang,
        "alternates": {lang: file},
    }
    assert values.keys() == FILE_ATTRIBUTES
    for name, value in values.items():
        setattr(file, name, value)
    return file


def normalized_src(file: File) -> str | None:
    """The path of `file` inside its language folder, None for a file outside them."""
    src: str | None = getattr(file, "norm_src_uri", None)
    return src


def file_locale(file: File) -> str | None:
    """The language whose folder `file` comes from (Polish for a fallback page), None for a
    file outside them."""
    locale: str | None = getattr(file, "locale", None)
    return locale


def list_in_sitemap(config: MkDocsConfig, *, lang: str, files: Files) -> None:
    """Make sitemap.xml list `lang`'s pages as they are in `files` (generated ones too);
    static-i18n took its list before later hooks added pages, and has no setter for it."""
    plugin(config).i18n_files_per_language[lang] = files.documentation_pages()


def show_language_selector(config: MkDocsConfig, *, shown: bool) -> None:
    """Make `config.extra.alternate` a plain flag for the templates. static-i18n writes its own
    list both as the mapping key and as an attribute, which Jinja reads first: set both."""
    check_version()
    config.extra["alternate"] = shown
    setattr(config.extra, "alternate", shown)  # noqa: B010


def builds_more_languages(config: MkDocsConfig) -> bool:
    """True in every on_post_build static-i18n runs while it still builds other languages;
    False in the last one, when the whole site is on disk."""
    return plugin(config).building
