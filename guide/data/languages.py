"""The site's languages and pages, read from mkdocs.yml: the one list every part uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

import yaml
import yaml_env_tag

from guide import DOCS_DIR, MKDOCS_YML
from guide.data.yamlfile import DataError


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


@dataclass(frozen=True)
class PythonTag:
    """A `!!python/...` value of mkdocs.yml (a slugify function), left unconstructed: reading
    the languages never imports or runs what the configuration names."""

    tag: str
    value: object


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' reading of mkdocs.yml without MkDocs (guide/data imports none of it): `!ENV`
    through the constructor MkDocs registers (pyyaml_env_tag), `!relative` as written."""


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonTag:
    value: object
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return PythonTag(f"python/{suffix}", value)


_ConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_ConfigLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child` over `parent` as MkDocs merges `INHERIT` (mergedeep): mappings key by key,
    anything else replaced."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            config = yaml.load(handle, Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        message = str(error).replace("\n", " ")
        raise DataError(path, mark.line + 1 if mark else 1, message) from None
    if not isinstance(config, dict):
        return {}
    if "INHERIT" in config:
        parent = (path.parent / str(config.pop("INHERIT"))).resolve()
        if not parent.is_file():
            raise DataError(path, 1, f"INHERIT: {parent} does not exist")
        config = _merged(_read_config(parent), config)
    found: dict[str, Any] = config
    return found


@cache
def mkdocs_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (`!ENV` from the environment, `INHERIT` merged),
    unvalidated; `!!python/...` values are PythonTag.

    Cached: `!ENV` values are those of the first call's environment.
    """
    return _read_config(path)


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
    guide.site.i18n.built_language_prefix (under GUIDE_LANG=uk, uk is at the root)."""
    return "" if code == default_language() else f"{code}/"


def page_language(path: PurePath) -> str:
    """The language of a page from its folder (`docs/uk/work.md`, `uk/work.md`), or ""."""
    return next((part for part in path.parts if part in language_codes()), "")
