"""The site's languages and pages, read from mkdocs.yml: the one list every part uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from guide import DOCS_DIR, MKDOCS_YML
from guide.yamlfile import DataError


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool
    site_name: str
    # May miss pages (they fall back to Polish with the notice) and keep data texts marked
    # `# untranslated`: mkdocs.yml `extra.partial_languages` (static-i18n's language entries
    # take no key of ours). The other languages are promised complete.
    partial: bool = False


@cache
def mkdocs_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (`!ENV` from the environment, `INHERIT` merged), unvalidated.

    Cached: `!ENV` values are those of the first call's environment.
    """
    try:
        with path.open("rb") as handle:
            return yaml_load(handle)
    except ConfigurationError as error:  # its message names the line
        found = re.search(r"line (\d+)", str(error))
        message = str(error).replace("\n", " ")
        raise DataError(path, int(found[1]) if found else 1, message) from None


def i18n_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """The static-i18n plugin's settings as written (languages, `build_only_locale`...)."""
    for plugin in mkdocs_config(path)["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            i18n: dict[str, Any] = plugin["i18n"]
            return i18n
    raise LookupError(f"{path}: no i18n plugin configured")


@cache
def languages(path: Path = MKDOCS_YML) -> tuple[Language, ...]:
    """The languages of the guide, the default (source) language first."""
    config = mkdocs_config(path)
    site_name = config["site_name"]
    partial = set((config.get("extra") or {}).get("partial_languages") or ())
    found = [
        Language(
            code=entry["locale"],
            name=entry["name"],
            default=bool(entry.get("default", False)),
            site_name=entry.get("site_name", site_name),
            partial=entry["locale"] in partial,
        )
        for entry in i18n_config(path)["languages"]
    ]
    return tuple(sorted(found, key=lambda language: not language.default))


def language_codes() -> tuple[str, ...]:
    return tuple(language.code for language in languages())


def default_language() -> str:
    return languages()[0].code


def is_partial(code: str) -> bool:
    """Whether `code` is a partly translated language (mkdocs.yml extra.partial_languages)."""
    return any(language.partial for language in languages() if language.code == code)


def complete_languages() -> tuple[str, ...]:
    """The translated languages the guide promises complete: every page, every text."""
    return tuple(
        language.code for language in languages() if not language.default and not language.partial
    )


def nav_pages() -> tuple[str, ...]:
    """The pages named in mkdocs.yml's nav, as paths inside a language folder."""
    return tuple(item for item in mkdocs_config()["nav"] if isinstance(item, str))


def source_pages(docs_dir: Path = DOCS_DIR) -> tuple[str, ...]:
    """Markdown pages of the source language, as paths relative to its folder."""
    root = docs_dir / default_language()
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md")))


def page_url(src: str) -> str:
    """The directory URL of a page inside its language tree: `work.md` -> `work/`."""
    path = PurePosixPath(src)
    if path.name == "index.md":
        parent = path.parent.as_posix()
        return "" if parent == "." else f"{parent}/"
    return f"{path.with_suffix('').as_posix()}/"


def site_language_prefix(code: str) -> str:
    """Where a language's tree sits in the full site: the default (Polish) at the root, others
    in their folder ('uk/'), whatever GUIDE_LANG says. The build being run answers
    guide.i18n.built_language_prefix (under GUIDE_LANG=uk, uk is at the root)."""
    return "" if code == default_language() else f"{code}/"


def page_language(path: PurePath) -> str:
    """The language of a page from its folder (`docs/uk/work.md`, `uk/work.md`), or ""."""
    return next((part for part in path.parts if part in language_codes()), "")


# Data files the hooks write into the site for offices.js (per language / once).
OFFICES_JSON = "assets/guide/offices.json"


def powiat_offices_json(slug: str) -> str:
    """One powiat's offices, rendered, beside OFFICES_JSON (offices.js derives the same path)."""
    return f"assets/guide/offices/{slug}.json"


TOWNS_JSON = "assets/guide/towns.json"
