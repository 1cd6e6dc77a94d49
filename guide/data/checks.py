"""Checks run by `python -m guide check-data`, the build and the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from guide import MKDOCS_YML
from guide.data.data_files import DataFiles
from guide.data.facts import (
    FACTS_YML,
    Register,
    expiry_problems,
    load_facts,
    reference_date,
    validate_facts,
)
from guide.data.glossary import GLOSSARY_YML, load_glossary, validate_glossary
from guide.data.gminy import (
    GMINY_YML,
    TOWN_NAMES_YML,
    Gmina,
    load_gminy,
    load_town_names,
    validate_gminy,
    validate_town_names,
)
from guide.data.languages import (
    PARTIAL_SETTING,
    default_language,
    guide_settings,
    is_partial,
    language_codes,
    unknown_partial,
)
from guide.data.offices import POWIATY_YML, Directory, load_directory, validate_directory
from guide.data.powiat_map import GEOJSON, Map, load_map, shape_for
from guide.data.region import REGION_YML, Region, load_region, validate_region
from guide.data.termbase import (
    TERMBASE_YML,
    Termbase,
    load_termbase,
    termbase_agreement,
    validate_termbase,
)
from guide.data.ui import UI_YML, Ui, load_ui, validate_ui
from guide.data.yamlfile import DataError, Location, load_yaml

Validator = Callable[..., tuple[object | None, list[DataError]]]

# Every data file, validated by its pydantic model and checks in this order: the validator
# returns the file's model (None when invalid) and every problem in it, each at its line; the
# loader raises the first. ui.yml comes first: the others are
# checked against its languages and office types, powiaty.yml and gminy.yml against region.yml.
# Add a new data file here.
LOADERS: list[tuple[Path, Validator, Callable[[], object]]] = [
    (UI_YML, validate_ui, load_ui),
    (REGION_YML, validate_region, load_region),
    (POWIATY_YML, validate_directory, load_directory),
    (GMINY_YML, validate_gminy, load_gminy),
    (TOWN_NAMES_YML, validate_town_names, load_town_names),
    (GLOSSARY_YML, validate_glossary, load_glossary),
    (TERMBASE_YML, validate_termbase, load_termbase),
    (FACTS_YML, validate_facts, load_facts),
]
# The files whose texts are written per language (keys `pl`, `uk`, ...).
TEXT_FILES = (UI_YML, GLOSSARY_YML, TERMBASE_YML)


# Checked against ui.yml's office types (facts.yml: its units): skipped while ui.yml itself has
# problems.
NEEDS_UI = frozenset({POWIATY_YML, FACTS_YML})
# Checked against region.yml's TERYT prefix and gmina count: skipped while it has problems.
NEEDS_REGION = frozenset({POWIATY_YML, GMINY_YML})
# The models a validator is given (keyword: file), read once by their own validation.
DEPENDS: dict[Path, dict[str, Path]] = {
    POWIATY_YML: {"ui": UI_YML, "region": REGION_YML},
    GMINY_YML: {"region": REGION_YML},
    FACTS_YML: {"ui": UI_YML},
}


def _validate_all(files: DataFiles) -> tuple[list[DataError], set[Path], dict[Path, object]]:
    """Every problem of each file's own validation in `files`, the files that failed (or were
    not checked because ui.yml failed) and the models of the others (both by LOADERS' path),
    each file read once."""
    problems: list[DataError] = []
    failed: set[Path] = set()
    models: dict[Path, object] = {}
    for path, validate, _ in LOADERS:
        if (UI_YML in failed and path in NEEDS_UI) or (
            REGION_YML in failed and path in NEEDS_REGION
        ):
            failed.add(path)
            continue
        given = {name: models.get(source) for name, source in DEPENDS.get(path, {}).items()}
        model, found = validate(files.at(path), **given)
        if found:
            problems.extend(found)
            failed.add(path)
        else:
            models[path] = model
    return problems, failed, models


def load_problems(files: DataFiles) -> list[DataError]:
    """Every problem the data files' own validation finds (what stops a build)."""
    return _validate_all(files)[0]


def check_data(files: DataFiles, *, config_file: Path = MKDOCS_YML) -> list[DataError]:
    """Every problem in the data files (empty when all is well), each file read once, and in
    the languages `config_file` marks partial."""
    problems, failed, models = _validate_all(files)
    if UI_YML in failed:
        return problems  # the checks across files read ui.yml
    return [
        *problems,
        *_across_files(failed, models, files),
        *untranslated_problems(tuple(files.at(path) for path in TEXT_FILES)),
        *partial_problems(config_file),
    ]


def partial_problems(path: Path = MKDOCS_YML) -> list[DataError]:
    """A code in the guide plugin's partial_languages that is not a translated language."""
    listed = guide_settings(path).get("partial_languages") or []
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if "partial_languages:" in text), 1)
    translated = [code for code in language_codes() if code != default_language()]
    return [
        DataError(path, line, f"{PARTIAL_SETTING}: {problem}")
        for problem in unknown_partial(listed, translated=translated)
    ]


def map_problems(
    directory: Directory, *, files: DataFiles, map_: Map | None = None
) -> list[DataError]:
    """The map's GeoJSON unreadable, or a powiat of `directory` (read from `files`) without a
    boundary in `map_` (read when not given), named at the powiat's `name:` line."""
    try:
        map_ = map_ or load_map(files.at(GEOJSON))
    except (OSError, ValueError, KeyError, TypeError) as error:
        problem = f"not a GeoJSON file of the powiats' boundaries ({error})"
        return [DataError(files.at(GEOJSON), 1, problem)]
    unmapped: list[tuple[int, str]] = []
    for index, powiat in enumerate(directory.powiaty):
        try:
            shape_for(map_, powiat.name, powiat.kind)
        except KeyError as error:
            unmapped.append((index, f"powiat {powiat.slug}: {error.args[0]}"))
    if not unmapped:
        return []  # the file is parsed again only to name lines: not in a good build
    path = files.at(POWIATY_YML)
    loaded = load_yaml(path)
    return [
        DataError(path, loaded.line_of(("powiaty", index, "name")), message)
        for index, message in unmapped
    ]


def _across_files(
    failed: set[Path], models: dict[Path, object], files: DataFiles
) -> list[DataError]:
    """Checks between files, on the files that loaded (`models`: theirs, by LOADERS' path; a
    file LOADERS does not list is read here from `files`)."""
    problems: list[DataError] = []
    loaders: dict[Path, Callable[[Path], object]] = {
        UI_YML: load_ui,
        REGION_YML: load_region,
        POWIATY_YML: load_directory,
        GMINY_YML: load_gminy,
        FACTS_YML: load_facts,
        TERMBASE_YML: load_termbase,
    }

    def model(path: Path) -> object:
        return models[path] if path in models else loaders[path](files.at(path))

    ui = model(UI_YML)
    assert isinstance(ui, Ui)
    if POWIATY_YML not in failed:
        directory = model(POWIATY_YML)
        assert isinstance(directory, Directory)
        problems.extend(map_problems(directory, files=files))
        missing = [key for key in ui.regional_office_types() if key not in directory.regional]
        if missing:
            line = load_yaml(files.at(POWIATY_YML)).line_of(("regional",))
            problems.append(
                DataError(
                    files.at(POWIATY_YML), line, f"regional offices missing: {', '.join(missing)}"
                )
            )
        if REGION_YML not in failed:
            region = cast(Region, model(REGION_YML))
            if len(directory.powiaty) != region.powiaty:
                path = files.at(POWIATY_YML)
                line = load_yaml(path).line_of(("powiaty",))
                found = f"{len(directory.powiaty)} powiats, expected {region.powiaty}"
                problems.append(DataError(path, line, f"{found} (data/region.yml)"))
        if GMINY_YML not in failed:
            slugs = {powiat.slug for powiat in directory.powiaty}
            loaded = load_yaml(files.at(GMINY_YML))
            problems.extend(
                DataError(
                    files.at(GMINY_YML),
                    loaded.line_of(("gminy", index, "powiat")),
                    f"gmina {g.teryt} {g.name}: unknown powiat {g.powiat!r}",
                )
                for index, g in enumerate(cast(tuple[Gmina, ...], model(GMINY_YML)))
                if g.powiat not in slugs
            )
    if FACTS_YML not in failed:
        problems.extend(expiry_problems(cast(Register, model(FACTS_YML)), reference_date()))
    if not failed & {TERMBASE_YML, GLOSSARY_YML}:
        termbase = cast(Termbase, model(TERMBASE_YML))
        problems.extend(termbase_agreement(termbase, files=files))
    return problems


def _language_texts(path: Path) -> list[tuple[str, int, bool]]:
    """(language, line, marked `# untranslated`) of every text under a language key; none when
    the file does not load (its validation names that problem)."""
    try:
        loaded = load_yaml(path)
    except DataError:
        return []
    codes = set(language_codes()) - {default_language()}
    found = []
    location: Location
    for location, line in loaded.lines.items():
        lang = location[-1] if location else None
        if lang in codes and isinstance(_at(loaded.data, location), str):
            assert isinstance(lang, str)
            found.append((lang, line, loaded.untranslated(location)))
    return found


def _at(data: object, location: Location) -> object:
    for part in location:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def untranslated_problems(paths: tuple[Path, ...] = TEXT_FILES) -> list[DataError]:
    """A text marked `# untranslated` in a language the guide promises complete."""
    return [
        DataError(
            path,
            line,
            f"{lang}: marked `# untranslated`, but {lang} is a complete language "
            "(translate the text and remove the comment)",
        )
        for path in paths
        for lang, line, marked in _language_texts(path)
        if marked and not is_partial(lang)
    ]


def untranslated_notes(files: DataFiles) -> list[str]:
    """Per partly translated language, how many data texts still wait for a translation (a
    report, not a failure): `be: 321 data texts marked # untranslated (data/ui.yml 200, ...)`."""
    counts: dict[str, dict[str, int]] = {}
    for path in (files.at(path) for path in TEXT_FILES):
        for lang, _, marked in _language_texts(path):
            if marked and is_partial(lang):
                per_file = counts.setdefault(lang, {})
                per_file[f"data/{path.name}"] = per_file.get(f"data/{path.name}", 0) + 1
    return [
        f"{lang}: {sum(files.values())} data text(s) marked # untranslated ("
        + ", ".join(f"{name} {count}" for name, count in files.items())
        + ")"
        for lang, files in counts.items()
    ]
