"""A synthetic data folder of N powiats, derived from the real one, for `bench --only scale`
and the tests: how the build grows with the region (up to the 380 powiats of Poland).

Powiat number i is a copy of real powiat i mod 20 in copy group i // 20: group 0 is the real
data; every later group renames its powiats (slug + "x" + letters, name + "-<group>"), moves
their TERYT codes out of the real ones, points `same_as` at its own copies, copies their gminas
and translates their map shapes to a free place on a grid. The region's rules
(data/region.yml) become those of the synthetic region: any TERYT prefix, its gmina count.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
import string
from pathlib import Path
from typing import Any

import yaml

from guide import DATA_DIR
from guide.data.gminy import GMINY_YML
from guide.data.offices import POWIATY_YML
from guide.data.powiat_map import GEOJSON as GEOJSON_PATH
from guide.data.region import REGION_YML

# The names of the files rewritten; every other file of the data folder is copied as it is.
POWIATY, GMINY, GEOJSON, REGION = (
    path.name for path in (POWIATY_YML, GMINY_YML, GEOJSON_PATH, REGION_YML)
)


def _suffix(group: int) -> str:
    """The slug suffix of a copy group (1 -> "xa", 27 -> "xba"): letters only, as slugs are."""
    letters = ""
    number = group - 1
    while True:
        number, digit = divmod(number, 26)
        letters = string.ascii_lowercase[digit] + letters
        if number == 0:
            return "x" + letters


def _renamed(group: int, slug: str) -> str:
    return slug if group == 0 else slug + _suffix(group)


def _name(group: int, name: str) -> str:
    return name if group == 0 else f"{name}-{group}"


def _teryt(group: int, teryt: str) -> str:
    """Group 0 keeps the real codes; group g takes the voivodeship code 30 + g (none is real)."""
    return teryt if group == 0 else f"{30 + group:02d}{teryt[2:]}"


def _load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _dump_yaml(data: object, path: Path) -> None:
    path.write_text(
        yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def _powiaty(real: list[dict[str, Any]], count: int) -> list[tuple[int, dict[str, Any]]]:
    """(group, entry) of each synthetic powiat."""
    made = [(index // len(real), copy.deepcopy(real[index % len(real)])) for index in range(count)]
    present = {(group, entry["slug"]) for group, entry in made}
    for group, entry in made:
        for office in (entry.get("offices") or {}).values():
            if isinstance(office, dict) and "same_as" in office:
                target_group = group if (group, office["same_as"]) in present else 0
                office["same_as"] = _renamed(target_group, office["same_as"])
    for group, entry in made:
        entry["slug"] = _renamed(group, entry["slug"])
        entry["name"] = _name(group, entry["name"])
        entry["teryt"] = _teryt(group, str(entry["teryt"]))
    return made


def _shift(coordinates: Any, dx: float, dy: float) -> Any:
    if isinstance(coordinates[0], (int, float)):
        return [coordinates[0] + dx, coordinates[1] + dy, *coordinates[2:]]
    return [_shift(part, dx, dy) for part in coordinates]


def _points(coordinates: Any) -> list[tuple[float, float]]:
    if isinstance(coordinates[0], (int, float)):
        return [(coordinates[0], coordinates[1])]
    return [point for part in coordinates for point in _points(part)]


def _features(real: list[dict[str, Any]], groups: list[int]) -> list[dict[str, Any]]:
    """The real shapes, once per copy group, each group moved to its own cell of a grid."""
    points = [p for feature in real for p in _points(feature["geometry"]["coordinates"])]
    width = max(x for x, _ in points) - min(x for x, _ in points)
    height = max(y for _, y in points) - min(y for _, y in points)
    columns = math.ceil(math.sqrt(max(groups) + 1))
    features = []
    for group in groups:
        dx, dy = (group % columns) * width * 1.05, -(group // columns) * height * 1.05
        for feature in real:
            made = copy.deepcopy(feature)
            made["properties"]["nazwa"] = _name(group, feature["properties"]["nazwa"])
            made["geometry"]["coordinates"] = _shift(feature["geometry"]["coordinates"], dx, dy)
            features.append(made)
    return features


def synthetic_data(target: Path, powiats: int, *, source: Path = DATA_DIR) -> Path:
    """Write a data folder like `source` with `powiats` powiats into `target`; returns it.
    Build with it by setting GUIDE_DATA_DIR to `target`."""
    if powiats < 1:
        raise ValueError(f"{powiats} powiats: at least 1")
    shutil.copytree(source, target)
    directory = _load_yaml(source / POWIATY)
    made = _powiaty(directory["powiaty"], powiats)
    directory["powiaty"] = [entry for _, entry in made]
    _dump_yaml(directory, target / POWIATY)

    groups = sorted({group for group, _ in made})
    by_slug = {entry["slug"]: entry for _, entry in made}
    real_gminy = _load_yaml(source / GMINY)["gminy"]
    gminy = [
        {**gmina, "teryt": powiat["teryt"] + str(gmina["teryt"])[4:], "powiat": powiat["slug"]}
        for group in groups
        for gmina in real_gminy
        if (powiat := by_slug.get(_renamed(group, gmina["powiat"]))) is not None
    ]
    _dump_yaml({"gminy": gminy}, target / GMINY)

    shapes = json.loads((source / GEOJSON).read_text(encoding="utf-8"))
    shapes["features"] = _features(shapes["features"], groups)
    # A group's shapes are all copied; a map shape without a powiat is harmless.
    (target / GEOJSON).write_text(json.dumps(shapes, ensure_ascii=False), encoding="utf-8")

    region = _load_yaml(source / REGION)
    region.update(name=f"synthetic region of {powiats} powiats", teryt_prefix="")
    region["powiaty"] = len(made)
    region["gminas"] = len(gminy)
    _dump_yaml(region, target / REGION)
    return target
