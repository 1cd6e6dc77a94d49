"""Every data file a build reads, loaded and validated together: what the build object
(guide/site/build_state.py) holds for the whole site, once per build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from guide.data.data_files import DataFiles
from guide.data.facts import FACTS_YML, Register, load_facts
from guide.data.glossary import GLOSSARY_YML, Term, load_glossary
from guide.data.gminy import (
    GMINY_YML,
    TOWN_NAMES_YML,
    Gmina,
    by_powiat,
    load_gminy,
    load_town_names,
)
from guide.data.offices import POWIATY_YML, Directory, load_directory
from guide.data.powiat_map import GEOJSON, Map, load_map
from guide.data.region import REGION_YML, Region, load_region
from guide.data.termbase import TERMBASE_YML, Termbase, load_termbase
from guide.data.ui import UI_YML, Ui, load_ui


@dataclass(frozen=True)
class SiteData:
    ui: Ui
    region: Region
    directory: Directory
    gminy: tuple[Gmina, ...]
    gminy_by_powiat: Mapping[str, tuple[Gmina, ...]]
    town_names: dict[str, list[str]]
    glossary: tuple[Term, ...]
    termbase: Termbase
    facts: Register
    map: Map


def load_site_data(files: DataFiles) -> SiteData:
    """Read every data file of `files` once, each checked against the files it depends on
    (raises the first DataError; guide.data.checks.load_problems lists them all)."""
    ui, region = load_ui(files.at(UI_YML)), load_region(files.at(REGION_YML))
    gminy = load_gminy(files.at(GMINY_YML), region=region)
    return SiteData(
        ui=ui,
        region=region,
        directory=load_directory(files.at(POWIATY_YML), ui=ui, region=region),
        gminy=gminy,
        gminy_by_powiat=by_powiat(gminy),
        town_names=load_town_names(files.at(TOWN_NAMES_YML)),
        glossary=load_glossary(files.at(GLOSSARY_YML)),
        termbase=load_termbase(files.at(TERMBASE_YML)),
        facts=load_facts(files.at(FACTS_YML), ui=ui),
        map=load_map(files.at(GEOJSON)),
    )
