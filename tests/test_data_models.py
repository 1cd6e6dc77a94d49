"""Bad data files: each is caught by its pydantic model and reported as file:line with the value,
through the one mapping in guide.data.yamlfile.model_errors; check-data loads every data file."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from guide import DATA_DIR, MKDOCS_YML
from guide.data import checks
from guide.data.coverage import coverage
from guide.data.data_files import DataFiles
from guide.data.glossary import GLOSSARY_YML, load_glossary, validate_glossary
from guide.data.gminy import load_gminy, load_town_names
from guide.data.languages import complete_languages, language_codes
from guide.data.offices import POWIATY_YML, load_directory, validate_directory
from guide.data.region import load_region
from guide.data.ui import UI_YML, load_ui, validate_ui
from guide.data.yamlfile import DataError
from tests.pages import run_guide


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_town_names_list_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "town-names.yml", "- Gdańsk\n")
    with pytest.raises(DataError) as caught:
        load_town_names(path)
    assert str(caught.value) == (
        f"{path}:1: (top level): Input should be a valid dictionary or instance of TownNames"
    )


def test_town_names_value_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "town-names.yml", "names:\n  Gdańsk: [Гданськ, 3]\n")
    with pytest.raises(DataError) as caught:
        load_town_names(path)
    assert (
        str(caught.value) == f"{path}:2: names.Gdańsk[1]: Input should be a valid string (value: 3)"
    )


def test_glossary_entry_with_only_a_term_fails_check_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = _write(data, "glossary.yml", "terms:\n- term: starostwo\n")
    monkeypatch.setattr(checks, "LOADERS", [(GLOSSARY_YML, validate_glossary, lambda: None)])
    problems = [str(problem) for problem in checks.check_data(DataFiles(data))]
    assert problems[0].startswith(f"{path}:2: term 'starostwo': missing translation.")


def _with_routes(tmp_path: Path, old: str, new: str) -> Path:
    text = POWIATY_YML.read_text(encoding="utf-8")
    assert old in text
    return _write(tmp_path, "powiaty.yml", text.replace(old, new, 1))


def test_unknown_route_kind(tmp_path: Path) -> None:
    path = _with_routes(tmp_path, "    kind: finder\n", "    kind: oracle\n")
    _, problems = validate_directory(path)
    assert len(problems) == 1
    assert (
        ", kind: Input should be 'finder', 'regional', 'website' or 'helpline' (value: 'oracle')"
        in str(problems[0])
    )
    assert str(problems[0]).startswith(f"{path}:")
    assert ": route " in str(problems[0])


def test_unknown_route_key(tmp_path: Path) -> None:
    path = _with_routes(tmp_path, "route: kwp-gdansk\n", "route: nowhere\n")
    _, problems = validate_directory(path)
    assert len(problems) == 1
    assert ", office police: unknown route 'nowhere' (known: " in str(problems[0])


def test_route_must_serve_its_office_type(tmp_path: Path) -> None:
    path = _with_routes(tmp_path, "route: kwp-gdansk\n", "route: np-zapisy\n")
    _, problems = validate_directory(path)
    assert len(problems) == 1
    assert str(problems[0]).endswith(
        ", office police: route 'np-zapisy' does not serve police (serves: legal-aid)"
    )


def test_coverage_states() -> None:
    directory, _ = validate_directory(POWIATY_YML)
    assert directory is not None
    table = coverage(directory)
    assert {slot["state"] for row in table.values() for slot in row.values()} <= {
        "verified",
        "dated",
        "unofficial",
        "route",
    }
    # Drop one powiat's offices entirely: every slot it must show is `missing`.
    first = directory.powiaty[0]
    emptied = directory.model_copy(
        update={"powiaty": [first.model_copy(update={"offices": {}}), *directory.powiaty[1:]]}
    )
    required = load_ui().required_office_types()
    missing = {key: {"state": "missing", "verified": None, "source_date": None} for key in required}
    assert coverage(emptied)[first.slug] == missing


def test_ui_every_missing_text_in_one_run(tmp_path: Path) -> None:
    """A language missing from every label: one problem per label, each at its own line."""
    text = UI_YML.read_text(encoding="utf-8")
    path = _write(
        tmp_path,
        "ui.yml",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("en: ")),
    )
    problems = validate_ui(path)[1]
    ui = load_ui()
    # + abbreviations, and each unit's forms (data/facts.yml's amounts and durations)
    expected = len(ui.office_types) + len(ui.days) + len(ui.labels) + 1 + len(ui.units)
    assert len(problems) == expected
    assert len({problem.line for problem in problems}) == expected


def _from_real(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    return _write(tmp_path, name, text.replace(old, new))


def test_ui_label_missing_a_language(tmp_path: Path) -> None:
    path = _from_real(tmp_path, "ui.yml", "    en: Source\n", "")
    line = path.read_text(encoding="utf-8").splitlines().index("  source:") + 1
    with pytest.raises(DataError) as caught:
        load_ui(path)
    assert str(caught.value) == (
        f"{path}:{line}: labels.source has no text for en: add one line per language"
    )


def test_ui_unknown_scope_is_named(tmp_path: Path) -> None:
    path = _from_real(
        tmp_path, "ui.yml", "  pup:\n    scope: powiat\n", "  pup:\n    scope: gmina\n"
    )
    with pytest.raises(DataError) as caught:
        load_ui(path)
    assert str(caught.value).endswith(
        ": office_types.pup.scope: Input should be 'powiat' or 'region' (value: 'gmina')"
    )


def test_gmina_bad_teryt(tmp_path: Path) -> None:
    path = _from_real(tmp_path, "gminy.yml", "- teryt: '2201012'\n", "- teryt: '2201019'\n")
    line = path.read_text(encoding="utf-8").splitlines().index("- teryt: '2201019'") + 1
    with pytest.raises(DataError) as caught:
        load_gminy(path)
    assert str(caught.value) == (
        f"{path}:{line}: gminy[0].teryt: String should match pattern '^\\d{{6}}[123]$' "
        "(value: '2201019')"
    )


def test_gmina_count_is_the_regions(tmp_path: Path) -> None:
    last = load_gminy()[-1]
    text = (DATA_DIR / "gminy.yml").read_text(encoding="utf-8")
    start = text.index(f"- teryt: '{last.teryt}'\n")
    path = _write(tmp_path, "gminy.yml", text[:start])
    with pytest.raises(DataError) as caught:
        load_gminy(path)
    count = load_region().gminas
    assert str(caught.value) == (
        f"{path}:1: {count - 1} gminas, expected {count} (data/region.yml)"
    )


@pytest.mark.parametrize("name", ["powiaty.yml", "gminy.yml"])
def test_teryt_outside_the_region(tmp_path: Path, name: str) -> None:
    prefix = load_region().teryt_prefix
    if name == "gminy.yml":
        gmina = load_gminy()[0]
        teryt, label = gmina.teryt, f"gmina {gmina.name}"
    else:
        powiat = load_directory().powiaty[0]
        teryt, label = powiat.teryt, f"powiat {powiat.slug}"
    moved = ("23" if prefix != "23" else "24") + teryt[2:]
    path = _from_real(tmp_path, name, f"- teryt: '{teryt}'\n", f"- teryt: '{moved}'\n")
    line = path.read_text(encoding="utf-8").splitlines().index(f"- teryt: '{moved}'") + 1
    if name == "gminy.yml":
        with pytest.raises(DataError) as caught:
            load_gminy(path)
        problems = [str(caught.value)]
    else:
        problems = [str(problem) for problem in validate_directory(path)[1]]
    assert problems == [
        f"{path}:{line}: {label}: teryt '{moved}' does not start with the region's code "
        f"'{prefix}' (data/region.yml)"
    ]


def test_powiat_count_is_the_regions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    count = load_region().powiaty
    region = data / "region.yml"
    text = region.read_text(encoding="utf-8")
    assert text.count(f"\npowiaty: {count}\n") == 1
    region.write_text(text.replace(f"\npowiaty: {count}\n", f"\npowiaty: {count + 1}\n"))
    line = (data / "powiaty.yml").read_text(encoding="utf-8").splitlines().index("powiaty:") + 1
    result = run_guide("check-data", env={**os.environ, "GUIDE_DATA_DIR": str(data)})
    problem = f"{data / 'powiaty.yml'}:{line}: {count} powiats, expected {count + 1}"
    assert (result.returncode, result.stdout) == (
        1,
        f"{problem} (data/region.yml)\n1 problem(s) in the data files\n",
    )


def test_powiat_kind_follows_its_teryt_code(tmp_path: Path) -> None:
    city = next(p for p in load_directory().powiaty if p.kind == "city")
    text = (DATA_DIR / "powiaty.yml").read_text(encoding="utf-8")
    start = text.index(f"- teryt: '{city.teryt}'\n")
    kind = start + text[start:].index("  kind: city\n")
    path = _write(tmp_path, "powiaty.yml", text[:kind] + "  kind: land\n" + text[kind + 13 :])
    line = text[:kind].count("\n") + 1
    problems = [str(problem) for problem in validate_directory(path)[1]]
    assert problems == [
        f"{path}:{line}: powiat {city.slug}: kind land but teryt '{city.teryt}' is a city's "
        "(GUS TERC: 61 and up are cities with powiat rights)"
    ]


def test_region_file_is_validated(tmp_path: Path) -> None:
    path = _write(tmp_path, "region.yml", "name: x\nteryt_prefix: '2'\npowiaty: 1\ngminas: 0\n")
    with pytest.raises(DataError) as caught:
        load_region(path)
    assert str(caught.value) == (
        f"{path}:2: teryt_prefix: String should match pattern '^(\\d{{2}})?$'"
    )


def test_glossary_unknown_key_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "glossary.yml", "terms:\n- term: starostwo\n  meaning: unused\n")
    with pytest.raises(DataError) as caught:
        load_glossary(path)
    assert str(caught.value) == (
        f"{path}:3: terms[0].meaning: Extra inputs are not permitted (value: 'unused')"
    )


def test_check_data_reports_a_bad_ui_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _from_real(tmp_path, "ui.yml", "    en: Source\n", "")
    monkeypatch.setattr(checks, "LOADERS", [(UI_YML, lambda _: validate_ui(path), lambda: None)])
    problems = [str(problem) for problem in checks.check_data(DataFiles())]
    assert len(problems) == 1
    assert problems[0].endswith(": labels.source has no text for en: add one line per language")


def test_partial_language_must_be_a_translated_one(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    text = MKDOCS_YML.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"(?m)^      partial_languages: .*$", "      partial_languages: [xx]", text),
        encoding="utf-8",
    )
    lines = config.read_text(encoding="utf-8").splitlines()
    line = lines.index("      partial_languages: [xx]") + 1
    problems = [str(problem) for problem in checks.partial_problems(config)]
    translated = ", ".join(language_codes()[1:])
    assert problems == [
        f"{config}:{line}: plugins.guide.partial_languages: 'xx' is not a translated language "
        f"({translated})"
    ]


def test_powiat_without_a_map_boundary_is_named_at_its_line() -> None:
    directory, _ = validate_directory(POWIATY_YML)
    assert directory is not None
    first = directory.powiaty[0]
    renamed = directory.model_copy(
        update={"powiaty": [first.model_copy(update={"name": "powiat x"}), *directory.powiaty[1:]]}
    )
    line = POWIATY_YML.read_text(encoding="utf-8").splitlines().index(f"  name: {first.name}") + 1
    assert [str(problem) for problem in checks.map_problems(renamed, files=DataFiles())] == [
        f"{POWIATY_YML}:{line}: powiat {first.slug}: "
        "powiaty-pomorskie.geojson: no boundary for 'powiat x'"
    ]


def test_untranslated_mark_fails_in_a_complete_language(tmp_path: Path) -> None:
    lang = complete_languages()[0]
    lines = UI_YML.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith(f"    {lang}: "))
    lines[number - 1] += "  # untranslated"
    path = _write(tmp_path, "ui.yml", "\n".join(lines) + "\n")
    assert [str(problem) for problem in checks.untranslated_problems((path,))] == [
        f"{path}:{number}: {lang}: marked `# untranslated`, but {lang} is a complete language "
        "(translate the text and remove the comment)"
    ]
