"""Interface words and office types from data/ui.yml, checked against the site's languages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from guide import DATA_DIR
from guide.site import language_codes
from guide.yamlfile import DataError, load_yaml

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
    data = loaded.data
    office_types: dict[str, OfficeType] = {}
    for key, entry in data["office_types"].items():
        line = loaded.line_of(("office_types", key))
        if entry.get("scope") not in ("powiat", "region"):
            raise DataError(path, line, f"office_types.{key}.scope must be 'powiat' or 'region'")
        office_types[key] = OfficeType(key, entry["scope"], entry["label"])
    _complete(
        path,
        "office_types",
        {key: kind.label for key, kind in office_types.items()},
        {key: loaded.line_of(("office_types", key)) for key in office_types},
    )
    for section in ("days", "labels"):
        _complete(
            path,
            section,
            data[section],
            {key: loaded.line_of((section, key)) for key in data[section]},
        )
    return Ui(office_types, data["days"], data["labels"])
