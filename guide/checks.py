"""Checks run by `python -m guide check-data`, the build and the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guide.coverage import missing_problems
from guide.glossary import GLOSSARY_YML, load_glossary
from guide.gminy import GMINY_YML, TOWN_NAMES_YML, load_gminy, load_town_names
from guide.offices import POWIATY_YML, load_directory, validate_directory
from guide.region import REGION_YML, load_region
from guide.termbase import TERMBASE_YML, load_termbase, termbase_agreement
from guide.ui import UI_YML, load_ui
from guide.yamlfile import DataError

# Every data file, loaded (so validated by its pydantic model) in this order; each loader raises
# the file's first DataError. ui.yml comes first: the others are checked against its languages
# and office types, powiaty.yml and gminy.yml against region.yml. Add a new data file here.
LOADERS: list[tuple[Path, Callable[[], object]]] = [
    (UI_YML, load_ui),
    (REGION_YML, load_region),
    (POWIATY_YML, load_directory),
    (GMINY_YML, load_gminy),
    (TOWN_NAMES_YML, load_town_names),
    (GLOSSARY_YML, load_glossary),
    (TERMBASE_YML, load_termbase),
]


def check_data() -> list[DataError]:
    """Every problem in the data files (empty when all is well)."""
    problems: list[DataError] = []
    failed: set[Path] = set()
    for path, load in LOADERS:
        try:
            load()
        except DataError as error:
            if path in (UI_YML, REGION_YML):
                return [error]  # other files are checked against it
            # powiaty.yml: every problem, not only the first
            problems.extend(validate_directory(path)[1] if path == POWIATY_YML else [error])
            failed.add(path)
    return problems + _across_files(failed)


def _across_files(failed: set[Path]) -> list[DataError]:
    """Checks between files, on the files that loaded."""
    problems: list[DataError] = []
    if POWIATY_YML not in failed:
        directory = load_directory()
        problems.extend(missing_problems(directory, path=POWIATY_YML))
        missing = [
            key for key in load_ui().regional_office_types() if key not in directory.regional
        ]
        if missing:
            problems.append(
                DataError(POWIATY_YML, 1, f"regional offices missing: {', '.join(missing)}")
            )
        if GMINY_YML not in failed:
            slugs = {powiat.slug for powiat in directory.powiaty}
            problems.extend(
                DataError(POWIATY_YML, 1, f"gmina {g.teryt} {g.name}: unknown powiat {g.powiat!r}")
                for g in load_gminy()
                if g.powiat not in slugs
            )
    if not failed & {TERMBASE_YML, GLOSSARY_YML}:
        problems.extend(termbase_agreement(load_termbase()))
    return problems
