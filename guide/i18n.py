"""The language being built: static-i18n runs every hook once per language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def current_language(config: MkDocsConfig) -> str:
    """static-i18n sets theme.language for each language build before any page is read."""
    language: str = config.theme["language"]
    return language


def language_prefix(config: MkDocsConfig, lang: str) -> str:
    """Where `lang`'s pages sit in the built site: '' for the default (root) language."""
    i18n = config.plugins["i18n"]
    return "" if lang == i18n.default_language else f"{lang}/"
