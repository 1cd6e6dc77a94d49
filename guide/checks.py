"""Checks run by `python -m guide check-data`, the build and the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guide.coverage import FAIL_ON_MISSING, missing_problems
from guide.glossary import GLOSSARY_YML, load_glossary
from guide.gminy import TOWN_NAMES_YML, load_gminy, load_town_names
from guide.offices import POWIATY_YML, validate_directory
from guide.termbase import check_termbase
from guide.ui import load_ui
from guide.yamlfile import DataError

# Data files checked by loading them (each loader validates its file and raises DataError).
# powiaty.yml, ui.yml and gminy.yml are checked below with their cross-checks; add a file here.
LOADERS: list[tuple[Path, Callable[[], object]]] = [
    (TOWN_NAMES_YML, load_town_names),
    (GLOSSARY_YML, load_glossary),
]


def check_data() -> list[DataError]:
    """Every problem in the data files (empty when all is well)."""
    problems: list[DataError] = []
    try:
        ui = load_ui()
    except DataError as error:
        return [error]
    directory, found = validate_directory()
    problems.extend(found)
    if directory is not None:
        if FAIL_ON_MISSING:
            problems.extend(missing_problems(directory, path=POWIATY_YML))
        slugs = {powiat.slug for powiat in directory.powiaty}
        missing = [key for key in ui.regional_office_types() if key not in directory.regional]
        if missing:
            problems.append(
                DataError(POWIATY_YML, 1, f"regional offices missing: {', '.join(missing)}")
            )
        try:
            gminy = load_gminy()
        except DataError as error:
            problems.append(error)
        else:
            problems.extend(
                DataError(POWIATY_YML, 1, f"gmina {g.teryt} {g.name}: unknown powiat {g.powiat!r}")
                for g in gminy
                if g.powiat not in slugs
            )
    for _path, load in LOADERS:
        try:
            load()
        except DataError as error:
            problems.append(error)
    problems.extend(check_termbase())
    return problems
