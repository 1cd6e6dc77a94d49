"""Office directory, gminas and labels: the real data is valid; each bad value names itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.data.checks import check_data
from guide.data.data_files import DataFiles
from guide.data.fold import fold_place_name as fold
from guide.data.gminy import load_gminy, load_town_names, town_index
from guide.data.languages import default_language, language_codes
from guide.data.offices import SameAs, load_directory, validate_directory
from guide.data.region import load_region
from guide.data.ui import load_ui

GOOD_OFFICE = """\
    name: Starostwo Powiatowe w Lęborku
    street: ul. Czołgistów 5
    postal_code: 84-300
    town: Lębork
    phones: ["+48598632700"]
    email: starostwo@example.pl
    website: https://www.example.pl/
    hours:
      - days: mon-fri
        time: "07:30-15:30"
    source: https://www.example.pl/kontakt
    verified: 2026-01-05
"""


def directory_yaml(
    office: str = GOOD_OFFICE, *, office_key: str = "starostwo", routed: bool = True
) -> str:
    """One powiat with `office` as its `office_key`; with `routed`, every other required
    office type of data/ui.yml answered by a finder route."""
    regional = "".join(
        f"  {key}:\n    name: Urząd {key}\n    source: https://www.gov.pl/{key}\n"
        f"    verified: 2026-01-05\n"
        for key in load_ui().regional_office_types()
    )
    others = [key for key in load_ui().required_office_types() if key != office_key]
    routes = "".join(f"    {key}: {{route: finder}}\n" for key in others) if routed else ""
    return (
        "powiaty:\n"
        "- teryt: '2208'\n  slug: leborski\n  name: powiat lęborski\n  kind: land\n"
        f"  seat: Lębork\n  offices:\n    {office_key}:\n"
        + "\n".join("  " + line if line else line for line in office.splitlines())
        + "\n"
        + routes
        + "  names:\n"
        + "".join(f"    {code}: Lębork powiat\n" for code in TRANSLATED)
        + "regional:\n"
        + regional
        + "routes:\n  finder:\n    kind: finder\n    serves: ["
        + ", ".join(others)
        + "]\n    name: Wyszukiwarka urzędów\n    website: https://www.gov.pl/web/gov/urzedy\n"
        "    source: https://www.gov.pl/web/gov/urzedy\n    verified: 2026-01-05\n"
    )


TRANSLATED = [code for code in language_codes() if code != default_language()]


def test_a_powiat_needs_its_name_in_every_translated_language(tmp_path: Path) -> None:
    text = directory_yaml().replace(f"    {TRANSLATED[-1]}: Lębork powiat\n", "")
    line = text.splitlines().index("  names:") + 1
    assert problems_for(tmp_path, text) == [
        f"{line}: powiat leborski: names must give the name in {', '.join(TRANSLATED)} "
        f"(has {', '.join(sorted(TRANSLATED[:-1]))})"
    ]


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "powiaty.yml"
    path.write_text(text, encoding="utf-8")
    return [str(problem).removeprefix(f"{path}:") for problem in validate_directory(path)[1]]


def test_real_data_is_valid() -> None:
    assert check_data(DataFiles()) == []


def test_the_regions_powiats_and_gminas() -> None:
    directory = load_directory()
    region = load_region()
    assert len(directory.powiaty) == region.powiaty
    assert len({p.teryt for p in directory.powiaty}) == region.powiaty
    assert all(p.teryt.startswith(region.teryt_prefix) for p in directory.powiaty)
    assert len(load_gminy()) == region.gminas


def test_every_powiat_has_a_sourced_office() -> None:
    directory = load_directory()
    for powiat in directory.powiaty:
        described = [k for k, v in powiat.offices.items() if not isinstance(v, SameAs)]
        served = [k for k in load_ui().powiat_office_types() if directory.office(powiat.slug, k)]
        assert described or served, powiat.slug


def test_fixture_directory_is_valid(tmp_path: Path) -> None:
    assert problems_for(tmp_path, directory_yaml()) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '["+48598632700"]',
            '["+48 59 863 27 00"]',
            "13: powiat leborski, office starostwo, phones[0]: '+48 59 863 27 00' is not in "
            "E.164 form: write '+48598632700'",
        ),
        (
            '["+48598632700"]',
            '["+4812"]',
            "13: powiat leborski, office starostwo, phones[0]: '+4812' is not a valid phone "
            "number (write E.164: +48581234567)",
        ),
        (
            "postal_code: 84-300",
            "postal_code: 84300",
            "11: powiat leborski, office starostwo, postal_code: '84300' is not a Polish postal "
            "code (NN-NNN)",
        ),
        (
            "email: starostwo@example.pl",
            "email: starostwo.example.pl",
            "14: powiat leborski, office starostwo, email: 'starostwo.example.pl' is not a plain "
            "e-mail address (local@domain: letters, digits, '.', '_', '+', '-')",
        ),
        (
            "website: https://www.example.pl/",
            "website: http://www.example.pl/",
            "15: powiat leborski, office starostwo, website: 'http://www.example.pl/' is not an "
            "https:// URL",
        ),
        (
            "verified: 2026-01-05",
            "verified: 2999-01-01",
            "20: powiat leborski, office starostwo, verified: 2999-01-01 is in the future: "
            "write the day you checked",
        ),
        (
            '        time: "07:30-15:30"',
            '        time: "15:30-07:30"',
            "18: powiat leborski, office starostwo, hours[0].time: '15:30-07:30' is not a time "
            "range like 07:30-15:30",
        ),
        (
            "    source: https://www.example.pl/kontakt\n",
            "",
            "8: powiat leborski, office starostwo, source: Field required",
        ),
    ],
    ids=[
        "phone-format",
        "phone-invalid",
        "postal-code",
        "email",
        "https",
        "future-date",
        "hours",
        "missing-source",
    ],
)
def test_bad_value_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD_OFFICE
    assert problems_for(tmp_path, directory_yaml(GOOD_OFFICE.replace(old, new, 1))) == [message]


def test_unknown_office_type(tmp_path: Path) -> None:
    assert problems_for(tmp_path, directory_yaml(office_key="urzad")) == [
        "8: powiat leborski, office urzad: unknown office type "
        f"(known: {', '.join(load_ui().powiat_office_types())})"
    ]


def test_missing_slot_is_named_at_its_powiat(tmp_path: Path) -> None:
    """Each required office type a powiat does not list: one problem, at the powiat's line."""
    others = [key for key in load_ui().required_office_types() if key != "starostwo"]
    assert problems_for(tmp_path, directory_yaml(routed=False)) == [
        f"2: powiat leborski, office {key}: missing (give an office with a phone or a "
        f"`route:`, or mark {key} `required: false` in data/ui.yml)"
        for key in others
    ]


def test_listed_slot_without_phone_or_route_is_named_at_its_office(tmp_path: Path) -> None:
    text = directory_yaml(GOOD_OFFICE.replace('    phones: ["+48598632700"]\n', ""))
    assert problems_for(tmp_path, text) == [
        "8: powiat leborski, office starostwo: missing (give an office with a phone or a `route:`)"
    ]


def test_same_as_must_point_at_a_described_office(tmp_path: Path) -> None:
    text = directory_yaml("    same_as: gdansk\n", office_key="pup")
    assert problems_for(tmp_path, text) == [
        "9: powiat leborski, office pup: same_as 'gdansk' has no pup office described"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    text = directory_yaml(
        GOOD_OFFICE.replace("    town: Lębork\n", "    town: Lębork\n    town: X\n")
    )
    assert problems_for(tmp_path, text) == [
        "13: invalid YAML: duplicate key 'town' (first on line 12): keep one of them"
    ]


def test_every_problem_of_the_file_in_one_run(tmp_path: Path) -> None:
    """A duplicate key, a wrong value, a missing key and an unknown office type: each at its
    line in one run (the duplicate's first value is kept so that loading goes on)."""
    office = GOOD_OFFICE.replace("    town: Lębork\n", "    town: Lębork\n    town: X\n")
    office = office.replace("84-300", "84300")
    text = directory_yaml(office).replace("  seat: Lębork\n", "", 1)
    text = text.replace("  names:\n", "    urzad: {route: finder}\n  names:\n", 1)
    assert problems_for(tmp_path, text) == [
        "12: invalid YAML: duplicate key 'town' (first on line 11): keep one of them",
        "2: powiat leborski, seat: Field required",
        "10: powiat leborski, office starostwo, postal_code: '84300' is not a Polish postal "
        "code (NN-NNN)",
        f"{text.splitlines().index('    urzad: {route: finder}') + 1}: powiat leborski, office "
        f"urzad: unknown office type (known: {', '.join(load_ui().powiat_office_types())})",
    ]


def test_a_missing_or_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "powiaty.yml"
    assert [str(p) for p in validate_directory(missing)[1]] == [
        f"{missing}:1: missing: the guide needs this file"
    ]
    latin1 = tmp_path / "latin1.yml"
    latin1.write_bytes(b"powiaty: [L\xeabork]\n")
    [problem] = validate_directory(latin1)[1]
    assert str(problem).startswith(f"{latin1}:1: cannot be read as UTF-8 text (")
    control = tmp_path / "control.yml"
    control.write_text("powiaty: []\nregional: {}\nroutes: {a: \x07}\n", encoding="utf-8")
    assert [str(p) for p in validate_directory(control)[1]] == [
        f"{control}:3: invalid YAML: control characters are not allowed (character #x0007)"
    ]


def test_malformed_yaml(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "powiaty: [\n  - slug: x\n") == [
        "2: invalid YAML: did not find expected node content"
    ]


@pytest.mark.parametrize(
    ("query", "powiat"),
    [
        ("lebork", "leborski"),
        ("LĘBORK", "leborski"),
        ("gdansk", "gdansk"),
        ("Гданськ", "gdansk"),
        ("гдыня", "gdynia"),
        ("pruszcz gd", "gdanski"),
    ],
)
def test_town_index_matches(query: str, powiat: str) -> None:
    index = town_index(load_gminy(), load_town_names())
    assert any(name.startswith(fold(query)) and slug == powiat for name, _, slug in index)
