"""An SVG map of the powiats, projected and simplified from data/powiaty-pomorskie.geojson."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guide import DATA_DIR

GEOJSON = DATA_DIR / "powiaty-pomorskie.geojson"
WIDTH = 600.0

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    name: str  # as in the GeoJSON: "powiat lęborski", "powiat Gdańsk"
    path: str  # SVG path data


@dataclass(frozen=True)
class Map:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    by_name: dict[str, Shape] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {shape.name: shape for shape in self.shapes})


def _rings(geometry: dict[str, Any]) -> list[Ring]:
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    return [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon]


def _path(points: list[tuple[float, float]]) -> str:
    """Relative SVG path ('M x y l dx dy ...') in whole units, dropping repeated points."""
    out: list[str] = []
    last: tuple[int, int] | None = None
    for x, y in points:
        point = (round(x), round(y))
        if last is None:
            out.append(f"M{point[0]} {point[1]}")
        elif point != last:
            out.append(f"l{point[0] - last[0]} {point[1] - last[1]}")
        else:
            continue
        last = point
    return "".join(out) + "z"


def load_map(path: Path = GEOJSON) -> Map:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rings = {f["properties"]["nazwa"]: _rings(f["geometry"]) for f in features}
    lons = [x for shape in rings.values() for ring in shape for x, _ in ring]
    lats = [y for shape in rings.values() for ring in shape for _, y in ring]
    west, north, south = min(lons), max(lats), min(lats)  # once: not per point
    scale_x = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((max(lons) - west) * scale_x)
    height = (north - south) * scale

    def project(ring: Ring) -> list[tuple[float, float]]:
        return [((x - west) * scale_x * scale, (north - y) * scale) for x, y in ring]

    shapes = tuple(
        Shape(name, "".join(_path(project(ring)) for ring in shape))
        for name, shape in sorted(rings.items())
    )
    return Map(int(WIDTH), math.ceil(height), shapes)


def shape_for(map_: Map, powiat_name: str, kind: str) -> Shape:
    """The shape of a powiat named as in powiaty.yml ('powiat lęborski', 'miasto ... Gdańsk')."""
    wanted = powiat_name if kind == "land" else "powiat " + powiat_name.rsplit(" ", 1)[-1]
    try:
        return map_.by_name[wanted]
    except KeyError:
        raise KeyError(f"{GEOJSON.name}: no boundary for {powiat_name!r}") from None


def _path_rings(path: str) -> list[Ring]:
    """The rings of a path _path() wrote ('M x y l dx dy ... z' per ring), in map units."""
    rings: list[Ring] = []
    for part in path.split("z"):
        x = y = 0.0
        ring: Ring = []
        for command, a, b in re.findall(r"([Ml])(-?\d+) (-?\d+)", part):
            x, y = (float(a), float(b)) if command == "M" else (x + float(a), y + float(b))
            ring.append((x, y))
        if ring:
            rings.append(ring)
    return rings


def _centroid(ring: Ring) -> tuple[float, float, float]:
    """(area, x, y) of a ring: the shoelace area and the centre of that area."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def label_points(map_: Map, *, spacing: float) -> dict[str, tuple[float, float]]:
    """Where each shape's label goes: the centre of its largest ring, then labels closer than
    `spacing` pushed apart (the city powiats sit beside or inside bigger ones), in map units."""
    points = {}
    for shape in map_.shapes:
        _, x, y = max(_centroid(ring) for ring in _path_rings(shape.path))
        points[shape.name] = [x, y]
    names = sorted(points)
    xs = [points[name][0] for name in names]
    ys = [points[name][1] for name in names]
    # A pair further apart than this along either axis is at least `spacing` apart (with room
    # for the rounding of hypot): it is passed over without computing its distance.
    apart = spacing * (1 + 1e-9)
    count = len(names)
    for _ in range(50):
        moved = False
        for i in range(count):
            for j in range(i + 1, count):
                x0, y0, x1, y1 = xs[i], ys[i], xs[j], ys[j]
                if not -apart <= x1 - x0 <= apart or not -apart <= y1 - y0 <= apart:
                    continue
                distance = math.hypot(x1 - x0, y1 - y0)
                if distance >= spacing:
                    continue
                dx, dy = ((x1 - x0) / distance, (y1 - y0) / distance) if distance else (1.0, 0.0)
                push = (spacing - distance) / 2 + 0.5
                xs[i], ys[i] = x0 - dx * push, y0 - dy * push
                xs[j], ys[j] = x1 + dx * push, y1 + dy * push
                moved = True
        if not moved:
            break
    margin = spacing / 2
    placed = {name: (xs[index], ys[index]) for index, name in enumerate(names)}
    return {
        name: (
            round(min(max(x, margin), map_.width - margin), 1),
            round(min(max(y, margin), map_.height - margin), 1),
        )
        for name, (x, y) in ((name, placed[name]) for name in points)
    }
