"""The language being built: static-i18n runs every hook once per language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from guide.site.static_i18n import plugin as _plugin


def current_language(config: MkDocsConfig) -> str:
    """static-i18n sets theme.language for each language build before any page is read."""
    language: str = config.theme["language"]
    return language


def source_language(config: MkDocsConfig) -> str:
    """The default language of this build (Polish, or the one `make serve LANG=..` builds)."""
    language: str = _plugin(config).default_language
    return language


def built_languages(config: MkDocsConfig) -> list[tuple[str, str]]:
    """(code, name in its own language) of every language this build makes."""
    plugin = _plugin(config)
    return [(code, plugin.get_language_config(code).name) for code in plugin.build_languages]


def built_language_prefix(config: MkDocsConfig, lang: str) -> str:
    """Where `lang`'s pages sit in the site this build makes: '' for its default language, which
    is Polish, or the one language `make serve LANG=uk` (GUIDE_LANG) builds, at the root.
    guide.data.languages.site_language_prefix answers for the full site, whatever is being built."""
    return "" if lang == source_language(config) else f"{lang}/"
