"""The files the theme publishes, which no file of docs/ may replace (guide/content/docs_files.py
checks docs/ against them; the guide plugin reads them from the build's own theme, once per
build), and the theme's folders listed once per build rather than once per language."""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

# The templates of each set of theme folders, listed once per build (Build.theme_listings).
Listings = dict[tuple[frozenset[str], bool], list[str]]


def theme_published_files(config: MkDocsConfig) -> frozenset[str]:
    """Every file the theme (Material and overrides/) publishes, as MkDocs adds them to a build
    (`Files.add_files_from_theme`), plus the pages it renders from its static templates."""
    theme_files = Files([])
    theme_files.add_files_from_theme(config.theme.get_env(), config)
    return frozenset([file.dest_uri for file in theme_files] + list(config.theme.static_templates))


class _ListedOnce(jinja2.FileSystemLoader):
    """MkDocs' loader of the theme's folders, whose listing of every file in them is read
    once per build (`listings`) rather than by every environment of the build."""

    def __init__(self, loader: jinja2.FileSystemLoader, /, *, listings: Listings) -> None:
        super().__init__(
            loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks
        )
        self._listings = listings

    def list_templates(self) -> list[str]:
        # The listing is the sorted union of the folders' files: static-i18n puts its sitemap
        # folder first once more for every language, which changes neither.
        # Its one reader, MkDocs' add_files_from_theme, never publishes a path starting with
        # "." (its filter's ".*"): Material's 14,300 icons under .icons/ are left out here
        # rather than matched against each of its patterns for every language.
        key = (frozenset(self.searchpath), self.followlinks)
        if key not in self._listings:
            listed = super().list_templates()
            self._listings[key] = [name for name in listed if not name.startswith(".")]
        return list(self._listings[key])


def list_theme_once(theme: Theme, /, *, listings: Listings) -> None:
    """Before every language's pages, MkDocs lists each file of the theme's folders (some
    14,500 with Material's icons) to find the files the theme publishes (add_files_from_theme,
    through `theme.get_env()`), and the guide does once more (theme_published_files). static-i18n
    builds every language with this theme and these folders: the environments get_env makes
    from now on read the folders' listing from `listings`, the build's, so it is made once,
    without the paths MkDocs never publishes (_ListedOnce). Only the listing is shared:
    templates (and icons) load from the folders as before."""
    get_env: Callable[[], jinja2.Environment] = theme.get_env

    def listed_once() -> jinja2.Environment:
        env = get_env()
        if isinstance(env.loader, jinja2.FileSystemLoader):  # as MkDocs makes it
            env.loader = _ListedOnce(env.loader, listings=listings)
        return env

    theme.get_env = listed_once  # type: ignore[method-assign]
