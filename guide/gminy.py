"""Gminas of Pomorskie (data/gminy.yml), derived from GUS TERC, and the town search index."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guide import DATA_DIR
from guide.yamlfile import DataError, load_yaml, model_errors

GMINY_YML = DATA_DIR / "gminy.yml"
TOWN_NAMES_YML = DATA_DIR / "town-names.yml"
GMINA_TYPES = {"1": "urban", "2": "rural", "3": "urban-rural"}
EXPECTED_GMINAS = 123

HEADER = """\
# The 123 gminas of the Pomorskie voivodeship, derived by `python -m guide gminy-from-terc`
# from GUS TERC (state 2024-01-01), via ../shared/data/terc-pomorskie-2024-01-01.json
# (provenance in data/README.md). Do not edit by hand: regenerate.
# teryt: WOJ+POW+GMI+RODZ; type: urban (1), rural (2), urban-rural (3); powiat: slug in
# powiaty.yml; town: the town of an urban-rural gmina (TERC RODZ 4).
"""


@dataclass(frozen=True)
class Gmina:
    teryt: str
    name: str
    type: str
    powiat: str
    town: str | None


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for matching: 'Lębork' -> 'lebork'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.replace("-", " ").split())


def gminy_from_terc(terc_path: Path, powiat_slugs: dict[str, str]) -> list[Gmina]:
    """Gminas from a TERC dump; `powiat_slugs` maps the TERYT powiat code (2201) to a slug."""
    units: list[dict[str, str]] = json.loads(terc_path.read_text(encoding="utf-8"))
    towns = {(u["POW"], u["GMI"]): u["NAZWA"] for u in units if u["RODZ"] == "4" and u["GMI"]}
    gminy = [
        Gmina(
            teryt=u["WOJ"] + u["POW"] + u["GMI"] + u["RODZ"],
            name=u["NAZWA"],
            type=GMINA_TYPES[u["RODZ"]],
            powiat=powiat_slugs[u["WOJ"] + u["POW"]],
            town=towns.get((u["POW"], u["GMI"])) if u["RODZ"] == "3" else None,
        )
        for u in units
        if u["RODZ"] in GMINA_TYPES and u["GMI"]
    ]
    if len(gminy) != EXPECTED_GMINAS:
        raise ValueError(f"{terc_path}: {len(gminy)} gminas, expected {EXPECTED_GMINAS}")
    return gminy


def dump_gminy(gminy: list[Gmina]) -> str:
    rows = [{k: v for k, v in vars(g).items() if v is not None} for g in gminy]
    body = yaml.safe_dump({"gminy": rows}, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


@cache
def load_gminy(path: Path = GMINY_YML) -> tuple[Gmina, ...]:
    loaded = load_yaml(path)
    gminy = []
    for index, row in enumerate(loaded.data["gminy"]):
        try:
            gminy.append(
                Gmina(row["teryt"], row["name"], row["type"], row["powiat"], row.get("town"))
            )
        except (KeyError, TypeError) as error:
            raise DataError(
                path, loaded.line_of(("gminy", index)), f"gmina: missing {error}"
            ) from None
    if len(gminy) != EXPECTED_GMINAS:
        raise DataError(path, 1, f"{len(gminy)} gminas, expected {EXPECTED_GMINAS}")
    return tuple(gminy)


class TownNames(BaseModel):
    """data/town-names.yml: `names:` maps a Polish town or gmina name to other spellings."""

    model_config = ConfigDict(extra="forbid", strict=True)
    names: dict[str, list[Annotated[str, Field(min_length=1)]]]


@cache
def load_town_names(path: Path = TOWN_NAMES_YML) -> dict[str, list[str]]:
    """Other spellings (Cyrillic exonyms) of towns, keyed by the Polish name."""
    loaded = load_yaml(path)
    try:
        town_names = TownNames.model_validate(loaded.data)
    except ValidationError as error:
        raise model_errors(loaded, error)[0] from None
    return {name: list(spellings) for name, spellings in town_names.names.items()}


def town_index(gminy: tuple[Gmina, ...], other_names: dict[str, list[str]]) -> list[list[str]]:
    """Entries [folded name, shown name, powiat slug] for the in-page town search."""
    entries: dict[tuple[str, str], list[str]] = {}

    def add(name: str, shown: str, powiat: str) -> None:
        entries.setdefault((fold(name), powiat), [fold(name), shown, powiat])

    for gmina in gminy:
        add(gmina.name, gmina.name, gmina.powiat)
        if gmina.town:
            add(gmina.town, gmina.town, gmina.powiat)
    for gmina in gminy:
        for polish in filter(None, (gmina.name, gmina.town)):
            for spelling in other_names.get(polish, []):
                add(spelling, f"{spelling} ({polish})", gmina.powiat)
    return sorted(entries.values())
