"""Jinja rendering for hooks: the theme's templates, with autoescaping and the guide's filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.bccache import Bucket
from mkdocs.config import load_config
from mkdocs.theme import Theme

from guide import MKDOCS_YML
from guide.data.offices import phone_display
from guide.data.ui import Ui, fill, load_ui


def display_url(url: str) -> str:
    """https://www.example.pl/a/b -> www.example.pl/a/b (shorter to read and to print)."""
    parts = urlsplit(url)
    shown = parts.netloc + (parts.path if parts.path != "/" else "")
    return shown + (f"?{parts.query}" if parts.query else "")


def display_host(url: str) -> str:
    """https://www.example.pl/a/b -> www.example.pl (a printed contact sheet's source)."""
    return urlsplit(url).netloc


def display_path(url: str) -> str:
    """What display_url shows after the host: /a/b (hidden on a printed contact sheet)."""
    return display_url(url).removeprefix(display_host(url))


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per build and shared by every environment of that build.

    static-i18n builds each language with a new theme environment (and adds a folder to the
    theme's, once per language), so without this every template would be parsed and compiled
    once per language. The code depends on the environment's autoescape, part of the key. The
    environments sharing it all come from one theme's get_env() and differ only in extensions
    plugins add (static-i18n's loopcontrols), which only widen the syntax a template may use:
    code compiled in one runs the same in the others. `compiled` counts the templates compiled.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.compiled = 0

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        settings = f"{name}\0{environment.autoescape!r}"
        bucket = Bucket(
            environment, self.get_cache_key(settings, filename), self.get_source_checksum(source)
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled += 1
        self._code[bucket.key] = bucket.bytecode_to_string()


# The attribute of MkDocs' Theme (one per loaded configuration, so one per build and a fresh
# one for every `make serve` rebuild) that holds the guide's environment.
_THEME_ENV = "guide_env"


def site_theme(config_file: Path = MKDOCS_YML) -> Theme:
    """The theme of `config_file` (Material with overrides/), as a build loads it: for what
    renders the guide's templates outside a build (`make bench`'s stock project)."""
    theme: Theme = load_config(str(config_file)).theme
    return theme


def guide_env(theme: Theme) -> jinja2.Environment:
    """The theme's environment (loader: overrides, then Material), escaping every value.

    One per build, kept on the theme: static-i18n's per-language builds reuse it, so its
    templates compile once per build rather than once per page or language; it holds
    compiled templates only, nothing of the language being built. Its CompiledTemplates
    also serve MkDocs' own environment of each language (guide/site/features.py, theme_env).
    """
    env = getattr(theme, _THEME_ENV, None)
    if isinstance(env, jinja2.Environment):
        return env
    env = theme.get_env().overlay(autoescape=True, bytecode_cache=CompiledTemplates())
    env.filters["phone_display"] = phone_display
    env.filters["display_url"] = display_url
    env.filters["display_host"] = display_host
    env.filters["display_path"] = display_path
    env.filters["fill"] = fill
    setattr(theme, _THEME_ENV, env)
    return env


def compiled_templates(theme: Theme) -> CompiledTemplates:
    """The build's compiled templates (guide_env's), for MkDocs' environments to share."""
    cache = guide_env(theme).bytecode_cache
    if not isinstance(cache, CompiledTemplates):
        raise TypeError(f"the guide's environment has {cache!r}, not CompiledTemplates")
    return cache


def words(lang: str, *, ui: Ui | None = None) -> dict[str, Any]:
    """Template context shared by every guide template: labels and day names in `lang`, from
    `ui` (data/ui.yml, read when not given)."""
    ui = ui or load_ui()
    return {
        "lang": lang,
        "t": ui.labels_in(lang),
        "days": ui.days,
    }


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    """Render a template as one HTML block (no blank lines, which would end it in Markdown)."""
    return without_blank_lines(env.get_template(template).render(**context))


def without_blank_lines(html: str) -> str:
    return "\n".join(line for line in html.splitlines() if line.strip())
