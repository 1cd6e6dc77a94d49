"""Issue 19, the data side: addresses, e-mails and free text from pull requests.

Each finding has two variants (another field or another kind of entry) and its exact message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.data.glossary import GLOSSARY_YML, load_glossary
from guide.data.offices import validate_directory
from guide.data.ui import UI_YML, fill, load_ui
from guide.data.yamlfile import DataError
from tests.pages import run_guide
from tests.test_data import GOOD_OFFICE, directory_yaml, problems_for

WHERE = "powiat leborski, office starostwo"
# case: (line of GOOD_OFFICE replaced, its replacement, message after "N: ")
OFFICE_CASES = {
    "userinfo-website": (
        "website: https://www.example.pl/",
        "website: https://chojnice.policja.gov.pl@evil.example/",
        f"15: {WHERE}, website: 'https://chojnice.policja.gov.pl@evil.example/' has a user "
        "name before '@': the host would be what follows",
    ),
    "userinfo-source": (
        "source: https://www.example.pl/kontakt",
        "source: https://user:pw@www.example.pl/kontakt",
        f"19: {WHERE}, source: 'https://user:pw@www.example.pl/kontakt' has a user name "
        "before '@': the host would be what follows",
    ),
    "homoglyph-website": (
        "website: https://www.example.pl/",
        "website: https://chojnice.policj\u0430.gov.pl/",
        f"15: {WHERE}, website: 'https://chojnice.policj\u0430.gov.pl/': host "
        "'chojnice.policj\u0430.gov.pl' has U+0430 (CYRILLIC SMALL LETTER A): write the address "
        "in ASCII letters as the official site shows it",
    ),
    "homoglyph-source": (
        "source: https://www.example.pl/kontakt",
        "source: https://www.\u0435xample.pl/kontakt",
        f"19: {WHERE}, source: 'https://www.\u0435xample.pl/kontakt': host "
        "'www.\u0435xample.pl' has U+0435 (CYRILLIC SMALL LETTER IE): write the address in "
        "ASCII letters as the official site shows it",
    ),
    "email-bcc": (
        "email: starostwo@example.pl",
        "email: x%40host?bcc=spy@evil.example",
        f"14: {WHERE}, email: 'x%40host?bcc=spy@evil.example' is not a plain e-mail address "
        "(local@domain: letters, digits, '.', '_', '+', '-')",
    ),
    "email-ampersand": (
        "email: starostwo@example.pl",
        "email: starostwo@example.pl&cc=spy@evil.example",
        f"14: {WHERE}, email: 'starostwo@example.pl&cc=spy@evil.example' is not a plain "
        "e-mail address (local@domain: letters, digits, '.', '_', '+', '-')",
    ),
    "zero-width-name": (
        "name: Starostwo Powiatowe w Lęborku",
        'name: "\\u200b\\u200b\\u200b"',
        f"9: {WHERE}, name: character U+200B (ZERO WIDTH SPACE) is not allowed: plain visible "
        "text only",
    ),
    "bidi-street": (
        "street: ul. Czołgistów 5",
        'street: "ul. \\u202e5 wótsigłoC"',
        f"10: {WHERE}, street: character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: "
        "plain visible text only",
    ),
    "spaces-town": (
        "town: Lębork",
        'town: "   "',
        f"12: {WHERE}, town: needs visible letters",
    ),
    "long-note": (
        "verified: 2026-01-05",
        "verified: 2026-01-05\n    note: " + "x" * 2001,
        f"21: {WHERE}, note: String should have at most 2000 characters",
    ),
}


@pytest.mark.parametrize("case", OFFICE_CASES)
def test_hostile_office_value_is_refused(tmp_path: Path, case: str) -> None:
    old, new, message = OFFICE_CASES[case]
    assert old in GOOD_OFFICE
    found = problems_for(tmp_path, directory_yaml(GOOD_OFFICE.replace(old, new, 1)))
    assert [problem.split(" (value: ")[0] for problem in found] == [message]


PUNYCODE = "https://xn--80ak6aa92e.com/"


@pytest.mark.parametrize("listed", [False, True])
def test_punycode_host_only_when_listed(tmp_path: Path, listed: bool) -> None:
    office = GOOD_OFFICE.replace("https://www.example.pl/\n", f"{PUNYCODE}\n", 1)
    text = directory_yaml(office) + ("punycode: [xn--80ak6aa92e.com]\n" if listed else "")
    expected = [
        f"15: {WHERE}, website: '{PUNYCODE}': host 'xn--80ak6aa92e.com' is punycode (letters "
        "outside ASCII): list it under `punycode:` only after checking it is the official address"
    ]
    assert problems_for(tmp_path, text) == ([] if listed else expected)


@pytest.mark.parametrize(
    ("domains", "expected"),
    [
        ("[example.pl, gov.pl]", []),
        (
            "[gov.pl]",
            [
                f"15: {WHERE}, website: 'https://www.example.pl/': host 'www.example.pl' is on "
                "none of the allowed_domains",
                f"19: {WHERE}, source: 'https://www.example.pl/kontakt': host 'www.example.pl' "
                "is on none of the allowed_domains",
            ],
        ),
    ],
)
def test_allowed_domains_when_listed(tmp_path: Path, domains: str, expected: list[str]) -> None:
    assert problems_for(tmp_path, directory_yaml() + f"allowed_domains: {domains}\n") == expected


def test_real_directory_passes() -> None:
    assert validate_directory()[1] == []


# --- data/ui.yml: placeholders are filled by plain replacement, never str.format ---------

UI_CASES = {
    "format-index": ("stale_notice", "en", "{0}", "'{0}': this text may hold {date}"),
    "format-attribute": (
        "stale_notice",
        "uk",
        "{date.__class__}",
        "'{date.__class__}': this text may hold {date}",
    ),
    "brace-in-plain-label": ("search_failed", "ru", "{x}", "'{x}': this text may hold no braces"),
    "edition-in-count": (
        "search_count",
        "pl",
        "{edition}",
        "'{edition}': this text may hold {count}",
    ),
}


def _ui_with(tmp_path: Path, key: str, lang: str, value: str) -> tuple[Path, int]:
    lines = UI_YML.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  {key}:\n")
    number = next(i for i in range(start, len(lines)) if lines[i].startswith(f"    {lang}: "))
    text = lines[number].rstrip("\n")
    lines[number] = (
        text[: text.index(": ") + 2]
        + f'"{value} '
        + text[text.index(": ") + 2 :].strip('"')
        + '"\n'
    )
    path = tmp_path / "ui.yml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, number + 1


@pytest.mark.parametrize("case", UI_CASES)
def test_unknown_placeholder_in_ui_fails_check_data(tmp_path: Path, case: str) -> None:
    key, lang, value, message = UI_CASES[case]
    path, line = _ui_with(tmp_path, key, lang, value)
    with pytest.raises(DataError) as error:
        load_ui.__wrapped__(path)
    assert str(error.value) == f"{path}:{line}: labels.{key}.{lang}: unknown placeholder {message}"


def test_fill_is_plain_replacement() -> None:
    assert fill("{date} {0} {date.year} {{date}}", date="2026-12-05") == (
        "2026-12-05 {0} {date.year} {2026-12-05}"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("term", "\u200b", "character U+200B (ZERO WIDTH SPACE) is not allowed"),
        ("explanation", "\u202eabc", "character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"),
    ],
)
def test_invisible_glossary_text_is_refused(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    text = GLOSSARY_YML.read_text(encoding="utf-8")
    if field == "term":
        first = text.index("- term: ") + len("- term: ")
        text = text[:first] + f'"{value}"' + text[text.index("\n", first) :]
    else:
        first = text.index("    en: ", text.index("explanation:")) + len("    en: ")
        text = text[:first] + f'"{value}"' + text[text.index("\n", first) :]
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_glossary.__wrapped__(path)
    assert message in str(error.value)


def test_check_data_command_names_the_placeholder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(UI_YML.parent, data)
    path, line = _ui_with(tmp_path, "stale_notice", "en", "{0}")
    shutil.move(path, data / "ui.yml")
    result = run_guide("check-data", env={"GUIDE_DATA_DIR": str(data), "PATH": ""})
    assert result.returncode == 1
    assert f"{data / 'ui.yml'}:{line}: labels.stale_notice.en: unknown placeholder '{{0}}': " in (
        result.stdout
    )
