"""Room for a larger region: the synthetic data of `bench --only scale` is valid and builds,
the map is the same projection however many shapes it holds, the growth fit, and templates
compiled once per build. Behaviour only: no timings."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config

from guide import DATA_DIR, MKDOCS_YML
from guide.data.gminy import load_gminy
from guide.data.languages import language_codes
from guide.data.offices import load_directory
from guide.data.powiat_map import WIDTH, Map, load_map, shape_for
from guide.data.region import load_region
from guide.site.build import mkdocs_build
from guide.site.render import CompiledTemplates, guide_env
from guide.tools.bench.report import report_scale
from guide.tools.bench.scale import Growth, ScalePoint, growth
from guide.tools.bench.synthetic import GEOJSON, synthetic_data
from tests import data
from tests.pages import run_guide

SYNTHETIC = 45  # two full copies of the 20 real powiats and part of a third


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_data(tmp_path_factory.mktemp("synthetic") / "data", SYNTHETIC)


def reference_map(path: Path) -> Map:
    """The projection spelled out point by point: equirectangular, x scaled by the cosine of
    the middle latitude, WIDTH wide, north up, whole units, repeated points dropped."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    points = [
        (x, y)
        for feature in features
        for polygon in (
            [feature["geometry"]["coordinates"]]
            if feature["geometry"]["type"] == "Polygon"
            else feature["geometry"]["coordinates"]
        )
        for ring in polygon
        for x, y in ring
    ]
    west = min(x for x, _ in points)
    east = max(x for x, _ in points)
    south = min(y for _, y in points)
    north = max(y for _, y in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    shapes = {}
    for feature in features:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        path_data = ""
        for polygon in polygons:
            for ring in polygon:
                last: tuple[int, int] | None = None
                for x, y in ring:
                    point = (round((x - west) * squeeze * scale), round((north - y) * scale))
                    if last is None:
                        path_data += f"M{point[0]} {point[1]}"
                    elif point != last:
                        path_data += f"l{point[0] - last[0]} {point[1] - last[1]}"
                    last = point
                path_data += "z"
        shapes[feature["properties"]["nazwa"]] = path_data
    built = load_map(path)
    assert {shape.name: shape.path for shape in built.shapes} == shapes
    assert (built.width, built.height) == (int(WIDTH), math.ceil((north - south) * scale))
    return built


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_map_is_the_projection_of_every_point(which: str, synthetic: Path) -> None:
    folder = DATA_DIR if which == "real" else synthetic
    built = reference_map(folder / GEOJSON)
    assert built == load_map(folder / GEOJSON)  # the same map on every call


def test_synthetic_region_is_valid_data(synthetic: Path) -> None:
    env = {**os.environ, "GUIDE_DATA_DIR": str(synthetic)}
    result = run_guide("check-data", env=env)
    assert (result.returncode, result.stdout) == (0, "data OK\n")


def test_synthetic_region_copies_the_real_one(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = load_region(synthetic / "region.yml")
    assert region.teryt_prefix == ""
    directory = load_directory(synthetic / "powiaty.yml", region=region)
    real = data.directory()
    assert len(directory.powiaty) == SYNTHETIC
    assert len({p.slug for p in directory.powiaty}) == SYNTHETIC
    assert len({p.teryt for p in directory.powiaty}) == SYNTHETIC
    assert directory.powiaty[: len(real.powiaty)] == real.powiaty
    map_ = load_map(synthetic / GEOJSON)
    for powiat in directory.powiaty:
        assert shape_for(map_, powiat.name, powiat.kind).path
    made = load_gminy(synthetic / "gminy.yml", region=region)
    assert len(made) == region.gminas
    assert {g.powiat for g in made} == {p.slug for p in directory.powiaty}


def test_synthetic_region_builds(synthetic: Path, tmp_path: Path) -> None:
    lang = language_codes()[-1]
    mkdocs_build(tmp_path, only_language=lang, extra_env={"GUIDE_DATA_DIR": str(synthetic)})
    pages = sorted(tmp_path.glob("powiaty/*/index.html"))
    assert len(pages) == SYNTHETIC
    towns = json.loads((tmp_path / "assets/guide/towns.json").read_text(encoding="utf-8"))
    assert {slug for _, _, slug in towns} == {page.parent.name for page in pages}


@pytest.mark.parametrize("exponent", [1.0, 1.23, 2.0])
def test_growth_finds_the_exponent_past_the_fixed_cost(exponent: float) -> None:
    points = [ScalePoint(n, 4.4 + 0.02 * n**exponent) for n in (20, 80, 380)]
    fit = growth(points)
    assert fit.exponent == pytest.approx(exponent, abs=1e-6)
    assert fit.fixed == pytest.approx(4.4, abs=1e-6)
    assert fit.per == pytest.approx(0.02, rel=1e-6)


def test_growth_of_a_flat_curve_is_zero() -> None:
    assert growth([ScalePoint(20, 5.0), ScalePoint(80, 5.0), ScalePoint(380, 5.0)]) == Growth(
        fixed=5.0, per=0.0, exponent=0.0
    )


@pytest.mark.parametrize(("largest", "met"), [(19.5, True), (21.0, False)])
def test_scale_report(largest: float, met: bool, capsys: pytest.CaptureFixture[str]) -> None:
    points = [ScalePoint(20, 5.0), ScalePoint(80, 8.0), ScalePoint(380, largest)]
    assert report_scale(points) is (met and growth(points).exponent <= 1.05)
    out = capsys.readouterr().out
    verdict = "met" if met else "NOT met"
    assert out.endswith(f"budget: 380 powiats in at most 20 s: {verdict}\n")


def test_templates_compile_once_per_build() -> None:
    """static-i18n builds each language with a new environment and one more theme folder:
    the guide's environment stays the same, and MkDocs' environments share its code."""
    theme = load_config(str(MKDOCS_YML)).theme
    env = guide_env(theme)
    cache = env.bytecode_cache
    assert isinstance(cache, CompiledTemplates)
    env.get_template("partials/guide/notice.html")
    assert cache.compiled == 1
    theme.dirs.insert(0, str(DATA_DIR))  # what static-i18n does for its sitemap.xml
    assert guide_env(theme) is env
    for _ in language_codes():
        language_env = theme.get_env()
        language_env.autoescape = True
        language_env.bytecode_cache = cache
        language_env.get_template("partials/guide/notice.html")
    assert cache.compiled == 1
    assert guide_env(load_config(str(MKDOCS_YML)).theme) is not env  # a new build, a new one


def test_compiled_templates_keep_autoescape_apart() -> None:
    cache = CompiledTemplates()
    loader = jinja2.DictLoader({"t.html": "{{ value }}"})
    plain = jinja2.Environment(loader=loader, bytecode_cache=cache, autoescape=False)
    escaping = jinja2.Environment(loader=loader, bytecode_cache=cache, autoescape=True)
    assert plain.get_template("t.html").render(value="<b>") == "<b>"
    assert escaping.get_template("t.html").render(value="<b>") == "&lt;b&gt;"
    assert cache.compiled == 2
