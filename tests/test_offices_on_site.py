"""Office boxes, generated powiat pages, the map and escaping, on the built site."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from guide import DATA_DIR
from guide.data.languages import site_language_prefix
from guide.data.offices import office_types_of
from guide.site.asset_paths import OFFICES_JSON, TOWNS_JSON, powiat_offices_json
from guide.site.build import mkdocs_build
from guide.site.office_boxes import source_line
from tests import data
from tests.fixture_site import make_project
from tests.pages import LANGUAGES, parse

SLUGS = [powiat.slug for powiat in data.directory().powiaty]


def test_a_page_per_powiat_and_language(site: Path) -> None:
    built = [
        site / site_language_prefix(lang) / "powiaty" / slug / "index.html"
        for lang in LANGUAGES
        for slug in SLUGS
    ]
    assert len(built) == len(LANGUAGES) * len(SLUGS)
    assert [path for path in built if not path.is_file()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_powiat_page_lists_offices_with_links(site: Path, lang: str) -> None:
    soup = parse(site, lang, "powiaty/gdansk.md")
    hrefs = [str(a["href"]) for a in soup.select("article a[href]")]
    assert any(h.startswith("tel:+48") for h in hrefs)
    assert any(h.startswith("mailto:") for h in hrefs)
    assert any(h.startswith("https://www.openstreetmap.org/search?query=") for h in hrefs)
    assert "Urząd Miejski w Gdańsku" in soup.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_powiat_slot_answers_with_an_office_or_route(site: Path, lang: str) -> None:
    directory = data.directory()
    label = data.ui().labels["route_website"][lang]
    soup = parse(site, lang, "powiaty/bytowski.md")
    shown = office_types_of(directory.powiat("bytowski"), data.ui())
    sections = soup.select("article .guide-powiat__office")[: len(shown)]
    assert sections and all(s.select(".guide-office") for s in sections)
    assert not [s for s in sections if s.select(".guide-office__missing")]
    route = directory.route("bytowski", "pup")
    assert route is not None and route.website is not None
    link = soup.select_one(f'.guide-office--route a[href="{route.website}"]')
    assert link is not None and link.get_text() == route.name
    assert label in soup.get_text()
    path = site / site_language_prefix(lang) / powiat_offices_json("bytowski")
    offices = json.loads(path.read_text(encoding="utf-8"))
    assert all(offices[key] for key in shown)
    assert route.website in offices["pup"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_links_every_powiat(site: Path, lang: str) -> None:
    svg = parse(site, lang, "powiaty/index.md").select_one("article svg")
    assert svg is not None
    assert len(str(svg).encode()) <= 30_000
    links = svg.select("a[href][aria-label]")
    assert sorted(str(a["href"]).rstrip("/") for a in links) == sorted(SLUGS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_office_box_without_javascript_links_to_powiaty(site: Path, lang: str) -> None:
    soup = parse(site, lang, "work.md")
    box = soup.select_one('aside.guide-box[data-office-type="pup"]')
    assert box is not None
    link = box.select_one("a[href]")
    assert link is not None and str(link["href"]) == "../powiaty/"
    assert len(gzip.compress(str(box).encode())) < 3_000


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offices_json_lists_every_powiat(site: Path, lang: str) -> None:
    data = json.loads(
        (site / site_language_prefix(lang) / OFFICES_JSON).read_text(encoding="utf-8")
    )
    assert [powiat["slug"] for powiat in data["powiaty"]] == list(SLUGS)
    assert "offices" not in data  # each powiat's offices are fetched only once it is chosen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_powiat_has_its_offices_file(site: Path, lang: str) -> None:
    for powiat in data.directory().powiaty:
        path = site / site_language_prefix(lang) / powiat_offices_json(powiat.slug)
        offices = json.loads(path.read_text(encoding="utf-8"))
        # every required office type, and an optional one (`required: false`) where listed
        assert sorted(offices) == sorted(office_types_of(powiat, data.ui())), powiat.slug
    gdansk = site / site_language_prefix(lang) / powiat_offices_json("gdansk")
    assert "Urząd Miejski w Gdańsku" in json.loads(gdansk.read_text(encoding="utf-8"))["starostwo"]


def test_towns_json(site: Path) -> None:
    towns = json.loads((site / TOWNS_JSON).read_text(encoding="utf-8"))
    assert ["lebork", "Lębork", "leborski"] in towns


def test_unknown_office_directive_fails_the_build(tmp_path: Path) -> None:
    config = make_project(
        tmp_path, {"en/index.md": "# en\n\ntext\n\n[[office: tax]]\n"}, powiat_pages=False
    )
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    assert "en/index.md:5: unknown office type 'tax' in '[[office: tax]]'" in (failure.value.output)


def test_source_line_counts_the_front_matter() -> None:
    source = "---\ntitle: x\n---\n# T\n\ntext\n[[office: tax]]\n"
    markdown = source.split("---\n", 2)[2]
    assert source_line(source, markdown, markdown.index("[[")) == 7


def test_data_values_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    directory = yaml.safe_load((data / "powiaty.yml").read_text(encoding="utf-8"))
    hostile = '<script>alert("x")</script> Urząd'
    directory["regional"]["cwii"]["name"] = hostile
    gdansk = next(p for p in directory["powiaty"] if p["slug"] == "gdansk")
    gdansk["offices"]["starostwo"]["name"] = hostile
    (data / "powiaty.yml").write_text(yaml.safe_dump(directory, allow_unicode=True), "utf-8")
    config = make_project(tmp_path, {"en/index.md": "# en\n\n[[office: cwii]]\n"})
    (config.parent / "data").unlink()
    (config.parent / "data").symlink_to(data)
    monkeypatch.setenv("GUIDE_DATA_DIR", str(data))
    out = tmp_path / "out"
    mkdocs_build(out, config_file=config, capture=True)
    html = (out / "en/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Urząd" in html
    assert "<script>alert" not in html
    offices = (out / "en" / powiat_offices_json("gdansk")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Urząd" in offices
    assert "<script>" not in offices
