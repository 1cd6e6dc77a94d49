"""Jinja rendering for hooks: the theme's templates, with autoescaping and the guide's filters."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import jinja2
import phonenumbers
from mkdocs.theme import Theme

from guide.ui import fill, load_ui


def phone_display(e164: str) -> str:
    """+48586123456 -> '+48 58 612 34 56' (the national grouping readers dial)."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display_url(url: str) -> str:
    """https://www.example.pl/a/b -> www.example.pl/a/b (shorter to read and to print)."""
    parts = urlsplit(url)
    shown = parts.netloc + (parts.path if parts.path != "/" else "")
    return shown + (f"?{parts.query}" if parts.query else "")


_ENVIRONMENTS: dict[tuple[str, ...], jinja2.Environment] = {}


def guide_env(theme: Theme) -> jinja2.Environment:
    """The theme's environment (loader: overrides, then Material), escaping every value.

    One per set of theme folders, so templates compile once per process rather than once
    per page; it holds compiled templates only, nothing of the language being built.
    """
    key = tuple(theme.dirs)
    if key not in _ENVIRONMENTS:
        env = theme.get_env().overlay(autoescape=True)
        env.filters["phone_display"] = phone_display
        env.filters["display_url"] = display_url
        env.filters["fill"] = fill
        _ENVIRONMENTS[key] = env
    return _ENVIRONMENTS[key]


def words(lang: str) -> dict[str, Any]:
    """Template context shared by every guide template: labels and day names in `lang`."""
    ui = load_ui()
    return {
        "lang": lang,
        "t": {key: texts[lang] for key, texts in ui.labels.items()},
        "days": ui.days,
    }


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    """Render a template as one HTML block (no blank lines, which would end it in Markdown)."""
    html = env.get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
