"""Interface words and office types from data/ui.yml, checked against the site's languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from guide import DATA_DIR
from guide.plain_text import Label
from guide.site import language_codes
from guide.yamlfile import DataError, load_yaml, model_errors

UI_YML = DATA_DIR / "ui.yml"


@dataclass(frozen=True)
class OfficeType:
    key: str
    scope: Literal["powiat", "region"]
    label: dict[str, str]


@dataclass(frozen=True)
class Ui:
    office_types: dict[str, OfficeType]
    days: dict[str, dict[str, str]]
    labels: dict[str, dict[str, str]]

    def label(self, key: str, lang: str) -> str:
        try:
            return self.labels[key][lang]
        except KeyError:
            raise KeyError(f"data/ui.yml: no label {key!r} in language {lang!r}") from None

    def powiat_office_types(self) -> list[str]:
        return [key for key, kind in self.office_types.items() if kind.scope == "powiat"]

    def regional_office_types(self) -> list[str]:
        return [key for key, kind in self.office_types.items() if kind.scope == "region"]


Texts = dict[str, Label]  # language code -> text

# The only `{name}`s a label may hold, filled by plain replacement (fill), never str.format:
# translator text is data, and `{0}` or `{date.__class__}` would crash or leak in format.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "stale_notice": frozenset({"date"}),
    "search_count": frozenset({"count"}),
    "outdated_notice": frozenset({"edition"}),
    "data_status_intro": frozenset({"today", "days"}),
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
    label: Texts


class UiFile(BaseModel):
    """data/ui.yml; every text in every language is checked after the model (_complete)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    office_types: dict[str, OfficeTypeEntry]
    days: dict[str, Texts]
    labels: dict[str, Texts]


def _complete(
    loaded_path: Path, section: str, entries: dict[str, dict[str, str]], line_of: dict[str, int]
) -> None:
    for key, texts in entries.items():
        missing = [code for code in language_codes() if not texts.get(code)]
        if missing:
            raise DataError(
                loaded_path,
                line_of.get(key, 1),
                f"{section}.{key} has no text for {', '.join(missing)}: add one line per language",
            )


@cache
def load_ui(path: Path = UI_YML) -> Ui:
    loaded = load_yaml(path)
    try:
        data = UiFile.model_validate(loaded.data)
    except ValidationError as error:
        raise model_errors(loaded, error)[0] from None
    office_types = {
        key: OfficeType(key, entry.scope, entry.label) for key, entry in data.office_types.items()
    }
    _complete(
        path,
        "office_types",
        {key: kind.label for key, kind in office_types.items()},
        {key: loaded.line_of(("office_types", key)) for key in office_types},
    )
    for section, entries in (("days", data.days), ("labels", data.labels)):
        _complete(path, section, entries, {key: loaded.line_of((section, key)) for key in entries})
    for key, texts in data.labels.items():
        for lang, text in texts.items():
            problem = placeholder_problem(key, text)
            if problem is not None:
                line = loaded.line_of(("labels", key, lang))
                raise DataError(path, line, f"labels.{key}.{lang}: {problem}")
    return Ui(office_types, data.days, data.labels)
