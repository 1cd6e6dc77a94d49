"""The site's languages and pages, read from mkdocs.yml: the one list every part uses."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
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
    # `# untranslated`: the guide plugin's `partial_languages` in mkdocs.yml (static-i18n's
    # language entries take no key of ours). The other languages are promised complete.
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


def _env_names(node: yaml.Node) -> set[str]:
    """The variables the `!ENV` tags under `node` read: a scalar's, or a list's items but the
    last where it has more than one (the default), as pyyaml_env_tag reads them."""
    if node.tag == "!ENV":
        children = node.value if isinstance(node, yaml.SequenceNode) else [node]
        names = children[:-1] if len(children) > 1 else children
        return {str(child.value) for child in names if isinstance(child, yaml.ScalarNode)}
    if isinstance(node, yaml.MappingNode):
        return {name for pair in node.value for part in pair for name in _env_names(part)}
    if isinstance(node, yaml.SequenceNode):
        return {name for child in node.value for name in _env_names(child)}
    return set()


def _yaml_problem(path: Path, error: yaml.YAMLError) -> DataError:
    mark = getattr(error, "problem_mark", None)
    return DataError(path, mark.line + 1 if mark else 1, str(error).replace("\n", " "))


# Pure: the variables a file's `!ENV` tags read are a function of its bytes alone.
@lru_cache(maxsize=16)
def _env_read(path: Path, content: bytes) -> tuple[str, ...]:
    try:
        node = yaml.compose(content, Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise _yaml_problem(path, error) from None
    return tuple(sorted(_env_names(node))) if node is not None else ()


# Keyed by all a file's reading depends on (its bytes and the values of the variables its
# `!ENV` tags read): an edited mkdocs.yml or environment is read again, never stale.
@lru_cache(maxsize=16)
def _parsed(path: Path, content: bytes, environ: tuple[tuple[str, str | None], ...]) -> object:
    del environ  # part of the key only: yaml_env_tag reads os.environ itself
    try:
        return yaml.load(content, Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise _yaml_problem(path, error) from None


# What reading a configuration file depends on: its path, bytes and `!ENV` variables' values,
# and the same of the file it INHERITs (None: none).
_Source = tuple[Path, bytes, tuple[tuple[str, str | None], ...], "_Source | None"]


# Each configuration file's bytes as last read, with the status that identifies that reading:
# its size, inode and modification and change times. A write changes the change time to the
# clock's time (so does setting the modification time back), so a file whose status is the same
# was not written since; unless it was written within the timestamps' granularity of that
# reading: a file changed less than RACY_NS before it was read is read again every time (as git
# treats a racily clean index entry). Commands and builds read mkdocs.yml's languages hundreds
# of times; the file is read once.
RACY_NS = 2_000_000_000
_read_before: dict[Path, tuple[tuple[int, int, int, int], bytes]] = {}


def _now_ns() -> int:
    return time.time_ns()


def _file_bytes(path: Path) -> bytes:
    status = os.stat(path)
    key = (status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns)
    before = _read_before.get(path)
    if before is not None and before[0] == key:
        return before[1]
    content = path.read_bytes()
    if _now_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > RACY_NS:
        _read_before[path] = (key, content)
    else:
        _read_before.pop(path, None)
    return content


def _source(path: Path) -> _Source:
    content = _file_bytes(path)
    environ = tuple((name, os.environ.get(name)) for name in _env_read(path, content))
    parsed = _parsed(path, content, environ)
    inherited = None
    if isinstance(parsed, dict) and "INHERIT" in parsed:
        parent = (path.parent / str(parsed["INHERIT"])).resolve()
        if not parent.is_file():
            raise DataError(path, 1, f"INHERIT: {parent} does not exist")
        inherited = _source(parent)
    return (path, content, environ, inherited)


# Keyed by the whole _Source: an edited file (or parent, or variable) is read again.
@lru_cache(maxsize=16)
def _config(source: _Source) -> dict[str, Any]:
    path, content, environ, inherited = source
    parsed = _parsed(path, content, environ)
    if not isinstance(parsed, dict):
        return {}
    # Shared with other callers (where INHERIT merges): not changed.
    config = {key: value for key, value in parsed.items() if key != "INHERIT"}
    return config if inherited is None else _merged(_config(inherited), config)


def _read_config(path: Path) -> dict[str, Any]:
    return dict(_config(_source(path)))  # a new dict at the top for each caller


def mkdocs_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it now (`!ENV` from the environment, `INHERIT` merged),
    unvalidated; `!!python/...` values are PythonTag. Read-only: the values are shared."""
    return _read_config(path)


def plugin_config(name: str, path: Path = MKDOCS_YML) -> dict[str, Any]:
    """The settings of the plugin `name` as written in mkdocs.yml's `plugins` list."""
    return _plugin(mkdocs_config(path), name, path=path)


def _plugin(config: dict[str, Any], name: str, *, path: Path) -> dict[str, Any]:
    for plugin in config.get("plugins") or ():
        if plugin == name:
            return {}
        if isinstance(plugin, dict) and name in plugin:
            settings: dict[str, Any] = plugin[name] or {}
            return settings
    raise LookupError(f"{path}: no {name} plugin configured")


def guide_settings(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """The guide plugin's settings as written (guide/site/plugin.py GuideSettings validates
    them in a build): for the commands that run without MkDocs."""
    return plugin_config("guide", path)


def data_dir(path: Path = MKDOCS_YML) -> Path:
    """The guide plugin's `data_dir` (`!ENV [GUIDE_DATA_DIR, data]`), relative to mkdocs.yml's
    folder as MkDocs resolves it: where a command run without MkDocs reads the data files."""
    return path.parent / str(guide_settings(path).get("data_dir") or "data")


def i18n_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """The static-i18n plugin's settings as written (languages, `build_only_locale`...)."""
    return plugin_config("i18n", path)


def languages(path: Path = MKDOCS_YML) -> tuple[Language, ...]:
    """The languages of the guide, the default (source) language first."""
    return _languages(_source(path), path)


# Keyed by the whole _Source, as _config: worked out once for each reading of the file.
@lru_cache(maxsize=16)
def _languages(source: _Source, path: Path) -> tuple[Language, ...]:
    config = _config(source)  # read only here
    site_name = config["site_name"]
    partial = set(_plugin(config, "guide", path=path).get("partial_languages") or ())
    found = [
        Language(
            code=entry["locale"],
            name=entry["name"],
            default=bool(entry.get("default", False)),
            site_name=entry.get("site_name", site_name),
            partial=entry["locale"] in partial,
        )
        for entry in _plugin(config, "i18n", path=path)["languages"]
    ]
    return tuple(sorted(found, key=lambda language: not language.default))


def language_codes() -> tuple[str, ...]:
    return tuple(language.code for language in languages())


def default_language() -> str:
    return languages()[0].code


def is_partial(code: str) -> bool:
    """Whether `code` is a partly translated language (the guide plugin's partial_languages)."""
    return any(language.partial for language in languages() if language.code == code)


# Where a partly translated language is listed, as MkDocs names a plugin's option in its errors.
PARTIAL_SETTING = "plugins.guide.partial_languages"


def unknown_partial(listed: Iterable[object], *, translated: Sequence[str]) -> list[str]:
    """What is wrong with a listed partial language: one that is not a translated language."""
    return [
        f"{code!r} is not a translated language ({', '.join(translated)})"
        for code in listed
        if code not in translated
    ]


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
    codes = language_codes()
    return next((part for part in path.parts if part in codes), "")
