"""Checks run by `python -m guide check-data`, the build and the tests."""

from __future__ import annotations

from guide.gminy import load_gminy, load_town_names
from guide.offices import POWIATY_YML, validate_directory
from guide.ui import load_ui
from guide.yamlfile import DataError


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
    try:
        load_town_names()
    except DataError as error:
        problems.append(error)
    return problems
