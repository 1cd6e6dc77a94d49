"""Interface words and office types from data/ui.yml, checked against the site's languages."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from pydantic import BaseModel, ConfigDict

from guide import DATA_DIR
from guide.data.languages import language_codes
from guide.data.locales import plural_categories
from guide.data.plain_text import Label
from guide.data.yamlfile import DataError, LoadedYaml, Location, first, load_model

UI_YML = DATA_DIR / "ui.yml"


@dataclass(frozen=True)
class OfficeType:
    key: str
    scope: Literal["powiat", "region"]
    label: dict[str, str]
    required: bool = True  # scope powiat: every powiat has one (else only those listing it)


@dataclass(frozen=True)
class Ui:
    office_types: dict[str, OfficeType]
    days: dict[str, dict[str, str]]
    labels: dict[str, dict[str, str]]
    abbreviations: dict[str, str]
    # unit or currency -> language -> CLDR plural category -> form with {n} (guide/data/formats.py)
    units: dict[str, dict[str, dict[str, str]]]
    # Every label in one language, made once per language (labels_in): templates read them
    # for every box, slot and page.
    _in_language: dict[str, Mapping[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def labels_in(self, lang: str) -> Mapping[str, str]:
        """Every label's text in `lang`, by key (read-only)."""
        found = self._in_language.get(lang)
        if found is None:
            found = MappingProxyType({key: texts[lang] for key, texts in self.labels.items()})
            self._in_language[lang] = found
        return found

    def label(self, key: str, lang: str) -> str:
        try:
            return self.labels[key][lang]
        except KeyError:
            raise KeyError(f"data/ui.yml: no label {key!r} in language {lang!r}") from None

    def powiat_office_types(self) -> list[str]:
        return [key for key, kind in self.office_types.items() if kind.scope == "powiat"]

    def required_office_types(self) -> list[str]:
        """The powiat office types every powiat must answer (an office or a route)."""
        return [key for key in self.powiat_office_types() if self.office_types[key].required]

    def regional_office_types(self) -> list[str]:
        return [key for key, kind in self.office_types.items() if kind.scope == "region"]


Texts = dict[str, Label]  # language code -> text

# The only `{name}`s a label may hold, filled by plain replacement (fill), never str.format:
# translator text is data, and `{0}` or `{date.__class__}` would crash or leak in format.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "stale_notice": frozenset({"date"}),
    "search_count": frozenset({"count"}),
    "outdated_notice": frozenset({"edition"}),
    "fact_period_year": frozenset({"year"}),
    "fact_period_from": frozenset({"start"}),
    "fact_period_range": frozenset({"start", "end"}),
    "fact_expired": frozenset({"date", "source"}),
    "fact_unchecked": frozenset({"date", "source"}),
    "source_page_year": frozenset({"year"}),
    "source_dated": frozenset({"year"}),
    # Filled by keep.js ("Keep this guide on my phone").
    "keep_size": frozenset({"size"}),
    "keep_progress": frozenset({"percent"}),
    "keep_done": frozenset({"size"}),
    "data_status_intro": frozenset({"today", "days", "years"}),
    "data_status_dated_title": frozenset({"years"}),
    "data_status_dated_intro": frozenset({"years"}),
    "data_status_facts_intro": frozenset({"day", "days"}),
    "data_status_ahead_title": frozenset({"date"}),
    "data_status_ahead_intro": frozenset({"days"}),
    "status_review_by": frozenset({"date"}),
    "status_next_from": frozenset({"value", "date"}),
}
_BRACES = re.compile(r"\{[^{}]*\}|[{}]")


def fill(text: str, /, **values: object) -> str:
    """`text` with each `{name}` of `values` replaced by the value (nothing else is read)."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    return text


def placeholder_problem(key: str, text: str) -> str | None:
    """Why label `key`'s `text` holds a brace it may not, or None."""
    allowed = PLACEHOLDERS.get(key, frozenset())
    for found in _BRACES.findall(text):
        if found[1:-1] not in allowed:
            hint = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "no braces"
            return f"unknown placeholder {found!r}: this text may hold {hint}"
    return None


class OfficeTypeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    scope: Literal["powiat", "region"]
    required: bool = True
    label: Texts


class UiFile(BaseModel):
    """data/ui.yml; every text in every language is checked after the model (missing_texts)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    office_types: dict[str, OfficeTypeEntry]
    days: dict[str, Texts]
    labels: dict[str, Texts]
    # Per language, the abbreviations after which a dot does not end a sentence (lower case,
    # without the final dot), for the plain-language check (guide/content/plain_language.py).
    abbreviations: Texts
    units: dict[str, dict[str, dict[str, Label]]] = {}


def _units_problem(unit: str, lang: str, forms: dict[str, str]) -> str | None:
    """Why `forms` (plural category -> text with {n}) do not fit `lang`'s CLDR categories."""
    needed = plural_categories(lang)
    if set(forms) != needed:
        return (
            f"units.{unit}.{lang} needs exactly the forms {', '.join(sorted(needed))} "
            f"(CLDR's plural categories of {lang!r}), has {', '.join(sorted(forms)) or 'none'}"
        )
    for category, text in forms.items():
        if text.count("{n}") != 1 or _BRACES.sub("", text.replace("{n}", "")) != text.replace(
            "{n}", ""
        ):
            return (
                f"units.{unit}.{lang}.{category}: write the number as {{n}} once, no other braces"
            )
    return None


def missing_texts(
    loaded: LoadedYaml, location: Location, texts: dict[str, str], *, codes: Sequence[str]
) -> list[DataError]:
    """A problem naming every language of `codes` without a text in `texts` (at `location`)."""
    missing = [code for code in codes if not texts.get(code)]
    if not missing:
        return []
    where = ".".join(str(part) for part in location)
    return [
        DataError(
            loaded.path,
            loaded.line_of(location),
            f"{where} has no text for {', '.join(missing)}: add one line per language",
        )
    ]


def validate_ui(path: Path = UI_YML) -> tuple[Ui | None, list[DataError]]:
    """Load and check ui.yml: the words (None if invalid) and every problem."""
    loaded, data, problems = load_model(path, UiFile)
    if loaded is None or data is None:
        return None, problems
    office_types = {
        key: OfficeType(key, entry.scope, entry.label, entry.required)
        for key, entry in data.office_types.items()
    }
    codes = language_codes()
    for key, kind in office_types.items():
        problems += missing_texts(loaded, ("office_types", key, "label"), kind.label, codes=codes)
    for section, entries in (("days", data.days), ("labels", data.labels)):
        for key, texts in entries.items():
            problems += missing_texts(loaded, (section, key), texts, codes=codes)
    problems += missing_texts(loaded, ("abbreviations",), data.abbreviations, codes=codes)
    for key, texts in data.labels.items():
        for lang, text in texts.items():
            problem = placeholder_problem(key, text)
            if problem is not None:
                line = loaded.line_of(("labels", key, lang))
                problems.append(DataError(path, line, f"labels.{key}.{lang}: {problem}"))
    for unit, by_lang in data.units.items():
        for lang in codes:
            problem = (
                _units_problem(unit, lang, by_lang[lang])
                if lang in by_lang
                else f"units.{unit} has no forms for {lang}: add them"
            )
            if problem is not None:
                problems.append(DataError(path, loaded.line_of(("units", unit, lang)), problem))
    if problems:
        return None, problems
    return Ui(office_types, data.days, data.labels, data.abbreviations, data.units), []


def load_ui(path: Path = UI_YML) -> Ui:
    """The validated words; raises the first DataError (which fails the build)."""
    return first(validate_ui(path))
