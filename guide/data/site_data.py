"""Every data file a build reads, loaded and validated together: what the build object
(guide/site/build_state.py) holds for the whole site, once per build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from guide.data.facts import Register, load_facts
from guide.data.glossary import Term, load_glossary
from guide.data.gminy import Gmina, by_powiat, load_gminy, load_town_names
from guide.data.offices import Directory, load_directory
from guide.data.powiat_map import Map, load_map
from guide.data.region import Region, load_region
from guide.data.termbase import Termbase, load_termbase
from guide.data.ui import Ui, load_ui


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


def load_site_data() -> SiteData:
    """Read every data file once, each checked against the files it depends on (raises the
    first DataError; guide.data.checks.load_problems lists them all)."""
    ui, region = load_ui(), load_region()
    gminy = load_gminy(region=region)
    return SiteData(
        ui=ui,
        region=region,
        directory=load_directory(ui=ui, region=region),
        gminy=gminy,
        gminy_by_powiat=by_powiat(gminy),
        town_names=load_town_names(),
        glossary=load_glossary(),
        termbase=load_termbase(),
        facts=load_facts(ui=ui),
        map=load_map(),
    )
