"""Facts in a page's HTML: a `[[fact: KEY]]` becomes a placeholder before Markdown
(guide/site/placeholders.py) and the value, in the page's language and with its source, after it
(partials/guide/fact.html). The register itself is guide/data/facts.py."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import escape

from guide.data.addresses import url_host
from guide.data.facts import (
    REFERENCE,
    Register,
    machine_value,
    reference_problem,
    references,
    value_note,
    value_text,
)
from guide.data.formats import format_period as period_phrase
from guide.data.ui import Ui
from guide.data.yamlfile import DataError
from guide.site import placeholders

FACT_KIND = "fact"  # the placeholders' kind (guide/site/placeholders.py)
FACT_TEMPLATE = "partials/guide/fact.html"


def mark_references(markdown: str, *, src: Path, source: str, register: Register) -> str:
    """`markdown` with each reference replaced by a placeholder; an unknown key or modifier
    raises DataError at `src`:line (`source`: the page's file text, for the line)."""
    from guide.site.office_boxes import source_line

    def mark(match: re.Match[str]) -> str:
        reference = next(references(match[0]))
        problem = reference_problem(reference, register)
        if problem is not None:
            raise DataError(src, source_line(source, markdown, match.start()), problem)
        return placeholders.inline(FACT_KIND, reference.argument)

    return REFERENCE.sub(mark, markdown)


def render_reference(
    argument: str,
    *,
    template: jinja2.Template,
    lang: str,
    day: date,
    register: Register,
    ui: Ui,
    noted: set[str] | None = None,
    rendered: dict[tuple[str, str, bool], tuple[str, bool]] | None = None,
) -> str:
    """The HTML of a placeholder's `argument` (what|key|modifier) in `lang` on `day`, from
    `template` (partials/guide/fact.html, looked up once per page). A value that may no longer
    apply gets its note once per page: `noted` holds the keys noted so far. `rendered` keeps
    what was rendered for the rest of the build (the Build's): the same fact on many pages is
    rendered once per language."""
    key = argument.split("|")[1]
    noting = noted is None or key not in noted
    memo = rendered if rendered is not None else {}
    found = memo.get((argument, lang, noting))
    if found is None:
        found = _reference_html(template, argument, lang, day, register, noting, ui)
        memo[(argument, lang, noting)] = found
    html, has_note = found
    if has_note and noted is not None:
        noted.add(key)
    return html


def _reference_html(
    template: jinja2.Template,
    argument: str,
    lang: str,
    day: date,
    register: Register,
    noting: bool,
    ui: Ui,
) -> tuple[str, bool]:
    what, key, modifier = argument.split("|")
    fact = register.facts[key]
    entry = fact.value_on(day)
    if what == "period":
        return str(escape(period_phrase(entry.valid_from, entry.end, lang, ui=ui))), False
    note = value_note(fact, entry, lang=lang, day=day, ui=ui) if noting else None
    html = template.render(
        kind=fact.kind,
        text=value_text(fact, entry, lang, number=modifier == "number", ui=ui),
        value=machine_value(fact, entry),
        note=note,
        source=entry.source,
        host=url_host(entry.source),
    )
    return html.strip(), note is not None
