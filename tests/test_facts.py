# ruff: noqa: RUF001 - Ukrainian and Russian expectations, written as readers read them
"""The fact register (data/facts.yml): the model and its messages, the formats per language,
typed-in values refused by check-content in every language, values switching with the
reference date, expiry, editions, and numbers identical across the languages of a built site."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.numbers import parse_decimal
from bs4 import BeautifulSoup, Tag

from guide import DATA_DIR
from guide.content.content_rules import TextRules, content_problems
from guide.data.edition import EDITION_VAR
from guide.data.facts import (
    EXPIRING_DAYS,
    UPCOMING_DAYS,
    Register,
    expiry_problems,
    fact_rows,
    load_facts,
    machine_value,
    reference_date,
    upcoming,
    usage,
    validate_facts,
    value_text,
)
from guide.data.formats import counted, format_date, format_money, format_percent, format_period
from guide.data.languages import complete_languages, default_language, language_codes
from guide.data.locales import locale, plural_categories
from guide.data.ui import fill
from guide.site.build import mkdocs_build
from guide.site.parsers import PageMarkdown
from guide.tools import cli
from tests import data
from tests.fixture_site import make_project
from tests.pages import run_guide

REGISTER = """\
# A small register: one value switching on 1 January 2027, one ending then, and the other kinds.
wage:
  kind: money
  value: 4806
  valid_from: 2026-01-01
  valid_until: 2026-12-31
  source: https://www.gov.pl/web/rodzina/wage
  source_kind: official
  source_date: 2025-09-15
  quote: "od 1 stycznia 2026 r. 4806 zł"
  verified: 2026-12-05
  then:
    - value: 5015.5
      valid_from: 2027-01-01
      valid_until: 2027-12-31
      source: https://www.gov.pl/web/rodzina/wage-2027
      source_kind: official
      quote: "od 1 stycznia 2027 r. 5015,50 zł"
      verified: 2026-12-05
fee:
  kind: money
  value: 340
  valid_from: 2026-01-01
  valid_until: 2026-12-31
  source: https://www.gov.pl/web/udsc/fee
  source_kind: press
  quote: "340 zł"
  verified: 2026-12-05
deadline:
  kind: duration
  unit: days
  value: 22
  valid_from: 2026-01-01
  review_by: 2027-06-30
  source: https://www.gov.pl/web/udsc/deadline
  source_kind: official
  quote: "w terminie 22 dni"
  verified: 2026-12-05
start:
  kind: date
  value: 2026-02-01
  valid_from: 2026-01-01
  review_by: 2027-06-30
  source: https://www.gov.pl/web/udsc/start
  source_kind: official
  quote: "od 1 lutego 2026"
  verified: 2026-12-05
rate:
  kind: percent
  value: 9.75
  valid_from: 2026-01-01
  review_by: 2027-06-30
  source: https://www.zus.pl/rate
  source_kind: official
  quote: "9,75%"
  verified: 2026-12-05
helpline:
  kind: phone
  value: "+48800120002"
  valid_from: 2026-01-01
  review_by: 2027-06-30
  source: https://www.niebieskalinia.pl/kontakt
  source_kind: ngo
  quote: "800 120 002"
  verified: 2026-12-05
"""
KEYS = ("wage", "fee", "deadline", "start", "rate", "helpline")
PAGE = (
    "---\ntitle: Facts\n---\n# Facts\n\n"
    "Wage [[fact: wage]] [[period: wage]], number [[fact: wage | number]].\n\n"
    "Fee [[fact: fee]]; deadline [[fact: deadline]]; from [[fact: start]]; rate [[fact: rate]];"
    " phone [[fact: helpline]].\n"
)


def epoch(day: str) -> str:
    return str(int(dt.datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()))


@pytest.fixture(scope="module")
def register_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("facts") / "facts.yml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def register(register_file: Path) -> Register:
    return load_facts(register_file)


# --- The model and its messages ----------------------------------------------------------


def test_the_real_register_is_valid() -> None:
    assert validate_facts()[1] == []


def test_the_fixture_register_is_valid(register: Register) -> None:
    assert tuple(register.facts) == KEYS
    assert register.lines["wage"] == 2 and register.lines["fee"] == 20


BAD = {
    "both ends": (
        ("  valid_until: 2026-12-31\n", "  valid_until: 2026-12-31\n  review_by: 2026-06-30\n"),
        "wage: give exactly one of valid_until (the announced end) and review_by (a rule without"
        " an announced end: when to check it again)",
        2,
    ),
    "no end": (
        ("  valid_until: 2026-12-31\n  source: https://www.gov.pl/web/rodzina/wage\n",
         "  source: https://www.gov.pl/web/rodzina/wage\n"),
        "wage: give exactly one of valid_until (the announced end) and review_by (a rule without"
        " an announced end: when to check it again)",
        2,
    ),
    "http source": (
        ("https://www.gov.pl/web/udsc/fee", "http://www.gov.pl/web/udsc/fee"),
        "fee.source: 'http://www.gov.pl/web/udsc/fee' is not an https:// URL",
        25,
    ),
    "unknown kind": (
        ("  kind: percent\n", "  kind: ratio\n"),
        "rate.kind: Input should be 'money', 'percent', 'date', 'duration', 'phone', 'count' or"
        " 'text'",
        49,
    ),
    "duration without unit": (
        ("  unit: days\n", ""),
        "deadline: a duration needs a unit; other kinds have none",
        29,
    ),
    "money as text": (
        ("  value: 340\n", "  value: trzysta\n"),
        "fee: a money value is a number (value: 'trzysta')",
        20,
    ),
    "then before the end": (
        ("      valid_from: 2027-01-01\n", "      valid_from: 2026-12-01\n"),
        "wage: then: the value from 2026-12-01 starts before the one before it ends (2026-12-31)",
        2,
    ),
    "key": (
        ("\nfee:\n", "\nFee:\n"),
        "Fee[key]: String should match pattern '^[a-z][a-z0-9_]*$' (value: 'Fee')",
        20,
    ),
    "source kind": (
        ("  source_kind: press\n", "  source_kind: blog\n"),
        "fee.source_kind: Input should be 'official', 'press', 'ngo' or 'university' (value: "
        "'blog')",
        26,
    ),
    "phone": (
        ('"+48800120002"', '"800 120 002"'),
        "helpline: '800 120 002' is not a valid phone number (write E.164: +48581234567)",
        57,
    ),
    "short number": (
        ('"+48800120002"', '"116999"'),
        "helpline: '116999' is not a Polish short number",
        57,
    ),
    "misspelt field": (
        ('  quote: "340 zł"\n', '  qoute: "340 zł"\n'),
        "fee.quote: Field required",
        20,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_bad_register_names_file_line_and_field(case: str, tmp_path: Path) -> None:
    (old, new), message, line = BAD[case]
    assert old in REGISTER
    path = tmp_path / "facts.yml"
    path.write_text(REGISTER.replace(old, new, 1), encoding="utf-8")
    register, problems = validate_facts(path)
    assert register is None and problems
    assert str(problems[0]) == f"{path}:{line}: {message}"
    assert all(str(problem).startswith(f"{path}:") for problem in problems)


def test_a_phone_fact_may_be_a_polish_short_number(tmp_path: Path) -> None:
    """116 111 has no E.164 form: the value is its digits, shown as dialled (tel:116111)."""
    path = tmp_path / "facts.yml"
    path.write_text(REGISTER.replace('"+48800120002"', '"116111"', 1), encoding="utf-8")
    register, problems = validate_facts(path)
    assert problems == [] and register is not None
    fact = register.facts["helpline"]
    assert {value_text(fact, fact, lang) for lang in language_codes()} == {"116 111"}
    assert machine_value(fact, fact) == "116111"


# --- Formats: one expectation per language of mkdocs.yml ----------------------------------

FORMATS = {
    "pl": ("4806 zł", "12 345 zł", "30,50 zł", "1 dzień", "2 dni", "5 dni", "22 dni robocze",
           "9,75%", "1 lutego 2026", "w 2026 r.", "od 1 lutego 2026 do 31 maja 2026"),
    "uk": ("4 806 злотих", "12 345 злотих", "30,50 злотого", "1 день", "2 дні", "5 днів",
           "22 робочі дні", "9,75%", "1 лютого 2026 р.", "у 2026 році",
           "з 1 лютого 2026 р. до 31 травня 2026 р."),
    "ru": ("4 806 злотых", "12 345 злотых", "30,50 злотого", "1 день", "2 дня", "5 дней",
           "22 рабочих дня", "9,75 %", "1 февраля 2026 г.", "в 2026 году",
           "с 1 февраля 2026 г. по 31 мая 2026 г."),
    "en": ("PLN 4,806", "PLN 12,345", "PLN 30.50", "1 day", "2 days", "5 days",
           "22 working days", "9.75%", "1 February 2026", "in 2026",
           "from 1 February 2026 to 31 May 2026"),
}  # fmt: skip


def test_every_language_has_format_expectations() -> None:
    """Every language promised complete; a partly translated one may wait for its translator
    (test_formats checks it formats every value)."""
    assert set(complete_languages()) <= set(FORMATS) <= set(language_codes())


@pytest.mark.parametrize("lang", language_codes())
def test_formats(lang: str) -> None:
    got = (
        format_money(Decimal(4806), "PLN", lang),
        format_money(Decimal(12345), "PLN", lang),
        format_money(Decimal("30.5"), "PLN", lang),
        counted(Decimal(1), "days", lang),
        counted(Decimal(2), "days", lang),
        counted(Decimal(5), "days", lang),
        counted(Decimal(22), "working_days", lang),
        format_percent(Decimal("9.75"), lang),
        format_date(dt.date(2026, 2, 1), lang),
        format_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), lang),
        format_period(dt.date(2026, 2, 1), dt.date(2026, 5, 31), lang),
    )
    if lang not in FORMATS:  # a partly translated language: its numbers are there
        digits = ("4806", "12345", "3050", "1", "2", "5", "22", "975")
        assert tuple(re.sub(r"\D", "", text) for text in got[:8]) == digits
        assert all("2026" in text for text in got[8:]), got
        return
    assert tuple(re.sub(r"[\u00a0\u202f]", " ", text) for text in got) == FORMATS[lang]


@pytest.mark.parametrize("lang", language_codes())
def test_every_unit_has_a_form_per_plural_category(lang: str) -> None:
    for unit, forms in data.ui().units.items():
        assert set(forms[lang]) == plural_categories(lang), unit


def test_a_missing_plural_form_is_named(tmp_path: Path) -> None:
    text = (DATA_DIR / "ui.yml").read_text("utf-8")
    lang = next(code for code in language_codes() if "few" in plural_categories(code))
    start = text.index("\n  days:\n")
    line = next(row for row in text[start:].splitlines() if row.startswith(f"    {lang}: {{one:"))
    broken = re.sub(r" few: \"[^\"]*\",", "", line)
    data = shutil.copytree(DATA_DIR, tmp_path / "data")  # every data file, ui.yml broken
    path = data / "ui.yml"
    path.write_text(text[:start] + text[start:].replace(line, broken, 1), encoding="utf-8")
    result = run_guide("check-data", env={"GUIDE_DATA_DIR": str(data), "PATH": ""})
    assert result.returncode == 1
    number = text[: text.index(line)].count("\n") + 1
    expected = sorted(plural_categories(lang))
    assert result.stdout.startswith(
        f"{path}:{number}: units.days.{lang} needs exactly the forms {', '.join(expected)} "
        f"(CLDR's plural categories of {lang!r}), has "
        f"{', '.join(sorted(set(expected) - {'few'}))}"
    )


# --- check-content: values typed into a page, in every language ---------------------------


@pytest.fixture(scope="module")
def render() -> PageMarkdown:
    return PageMarkdown()


def _rules(register: Register) -> TextRules:
    """The page checks' rules with the fixture register in place of data/facts.yml."""
    real = data.text_rules()
    return TextRules(ui=real.ui, termbase=real.termbase, glossary=real.glossary, register=register)


def typed(lang: str, register: Register) -> dict[str, tuple[str, str]]:
    """kind of value -> (what a translator would type in `lang`, the check's word for it)."""
    day = dt.date(2026, 6, 1)
    text = {key: value_text(fact, fact.value_on(day), lang) for key, fact in register.facts.items()}
    return {
        "wage": (text["wage"], "amount"),
        "rate": (text["rate"], "percentage"),
        "start": (text["start"], "date"),
        "deadline": (text["deadline"], "deadline"),
        "helpline": (text["helpline"].removeprefix("+48 "), "phone number"),
    }


@pytest.mark.parametrize("key", ["wage", "rate", "start", "deadline", "helpline"])
@pytest.mark.parametrize("lang", language_codes())
def test_a_typed_in_value_fails_in_every_language(
    lang: str, key: str, register: Register, render: PageMarkdown
) -> None:
    value, what = typed(lang, register)[key]
    path = Path(f"docs/{lang}/facts.md")
    page = f"---\ntitle: Facts\n---\n# Facts\n\nIntro.\n\nIt is {value} here.\n"
    found = [
        str(problem)
        for problem in content_problems(path, page, render=render, rules=_rules(register))
    ]
    shown = " ".join(value.split())  # the message shows spaces as spaces
    assert found == [
        f"{path}:8: typed-in {what} {shown!r}: take it from data/facts.yml with [[fact: KEY]]"
        " (CONTRIBUTING.md, Numbers)"
    ]
    fixed = page.replace(value, f"[[fact: {key}]]")
    assert content_problems(path, fixed, render=render, rules=_rules(register)) == []


@pytest.mark.parametrize("lang", language_codes())
def test_check_content_fails_on_every_typed_value_of_a_page(
    lang: str,
    register: Register,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command as a translator runs it: every typed value is a failure at its file:line,
    none is let through as a note."""
    monkeypatch.setattr("guide.content.content_rules.load_facts", lambda **_: register)
    values = typed(lang, register)
    path = tmp_path / lang / "facts.md"
    path.parent.mkdir()
    paragraphs = "".join(f"It is {value} here.\n\n" for value, _ in values.values())
    path.write_text(f"---\ntitle: Facts\n---\n# Facts\n\n{paragraphs}", encoding="utf-8")
    assert cli.main(["check-content", str(path)]) == cli.PROBLEMS
    advice = ": take it from data/facts.yml with [[fact: KEY]] (CONTRIBUTING.md, Numbers)"
    assert capsys.readouterr().out.splitlines() == [
        *(
            f"{path}:{6 + 2 * index}: typed-in {what} {' '.join(value.split())!r}{advice}"
            for index, (value, what) in enumerate(values.values())
        ),
        f"{len(values)} problem(s) in 1 page(s)",
    ]
    path.write_text("".join(f"It is [[fact: {key}]] here.\n\n" for key in values), encoding="utf-8")
    assert cli.main(["check-content", str(path)]) == cli.OK


def test_the_line_is_the_bodys_not_the_front_matters(
    register: Register, render: PageMarkdown
) -> None:
    lang = default_language()
    value = typed(lang, register)["deadline"][0]
    path = Path(f"docs/{lang}/facts.md")
    page = f"---\ntitle: Facts\ndescription: Within {value}.\n---\n# Facts\n\nWithin {value}.\n"
    found = [
        problem.line
        for problem in content_problems(path, page, render=render, rules=_rules(register))
    ]
    assert found == [7]


@pytest.mark.parametrize("lang", language_codes())
def test_numbers_that_are_no_values_pass(
    lang: str, register: Register, render: PageMarkdown
) -> None:
    value = typed(lang, register)["wage"][0]
    page = (
        "---\ntitle: Facts\n---\n# Facts\n\n"
        "1. See art. 123 ust. 2 pkt 3 and § 5 of the act (Dz.U. 2026 poz. 203).\n"
        "2. The programme 800+ and the year 2026 and w 2026 r.\n\n"
        "Ustawa z dnia 12 marca 2022 r. o pomocy; the Act of 12 March 2022.\n\n"
        f"Code keeps what it shows: `{value}`; a link's target too: "
        "[the office](https://www.gov.pl/web/udsc/30-dni-4806-zl).\n\n"
        "- [Source](https://www.gov.pl/web/udsc) – sprawdzono 2026-12-01\n"
    )
    assert (
        content_problems(Path(f"docs/{lang}/facts.md"), page, render=render, rules=_rules(register))
        == []
    )


def test_unknown_key_and_modifier_fail_with_their_line(
    register: Register, render: PageMarkdown
) -> None:
    path = Path(f"docs/{default_language()}/facts.md")
    page = (
        "---\ntitle: Facts\n---\n# Facts\n\n[[fact: nope]]\n\n[[fact: wage | gen]] and"
        " [[period: wage | number]] and [[fact: start | number]]\n"
    )
    assert [
        str(p) for p in content_problems(path, page, render=render, rules=_rules(register))
    ] == [
        f"{path}:6: unknown fact 'nope' in '[[fact: nope]]': add it to data/facts.yml",
        f"{path}:8: unknown modifier 'gen' in '[[fact: wage | gen]]': use [[fact: KEY | number]]",
        f"{path}:8: unknown modifier 'number' in '[[period: wage | number]]': use [[fact: KEY"
        " | number]]",
        f"{path}:8: '[[fact: start | number]]': | number is for numeric facts, 'start' is a date",
    ]


# --- Reference date, expiry ----------------------------------------------------------------


def test_reference_date() -> None:
    assert reference_date({EDITION_VAR: "2027", "SOURCE_DATE_EPOCH": epoch("2026-06-01")}) == (
        dt.date(2027, 1, 1)
    )
    assert reference_date({"SOURCE_DATE_EPOCH": epoch("2026-06-01")}) == dt.date(2026, 6, 1)


def test_value_switches_on_its_date(register: Register) -> None:
    wage = register.facts["wage"]
    assert wage.value_on(dt.date(2026, 12, 31)).value == 4806
    assert wage.value_on(dt.date(2027, 1, 1)).value == 5015.5


def test_expired_fact_fails_check_data_naming_pages_and_source(register: Register) -> None:
    used = {"fee": ["docs/pl/work.md", "docs/uk/work.md"]}
    assert expiry_problems(register, dt.date(2026, 12, 31), used=used) == []
    assert [str(p) for p in expiry_problems(register, dt.date(2027, 1, 2), used=used)] == [
        f"{register.path}:20: fee: valid until 2026-12-31, no value for 2027-01-02: add it under"
        " then: (used on docs/pl/work.md, docs/uk/work.md; source: https://www.gov.pl/web/udsc/fee)"
    ]
    late = [str(p) for p in expiry_problems(register, dt.date(2027, 7, 1), used=used)]
    assert late[1] == (
        f"{register.path}:29: deadline: review_by 2027-06-30 has passed: check the source, then"
        " move review_by (used on no page; source: https://www.gov.pl/web/udsc/deadline)"
    )


def test_rows_for_the_status_page_and_the_command(register: Register) -> None:
    rows = {row["key"]: row for row in fact_rows(register, dt.date(2026, 12, 5), used={})}
    assert rows["wage"]["state"] == "expiring" and rows["wage"]["later_values"] == 1
    assert rows["deadline"]["state"] == "current"
    assert rows["fee"]["source_kind"] == "press"
    assert rows["wage"]["source_date"] == "2025-09-15"
    assert (rows["wage"]["next_value"], rows["wage"]["next_from"]) == ("5015.5", "2027-01-01")
    assert (rows["fee"]["next_value"], rows["fee"]["next_from"]) == (None, None)


def test_ending_soon_reaches_past_the_expiring_window(register: Register) -> None:
    """On 15 September 2026 the values ending on 31 December are 107 days away: not yet
    `expiring`, but on the data status page's list of facts ending soon."""
    day = dt.date(2026, 9, 15)
    rows = fact_rows(register, day, used={})
    assert EXPIRING_DAYS < (dt.date(2026, 12, 31) - day).days <= UPCOMING_DAYS
    assert [(row["key"], row["state"]) for row in upcoming(rows, day)] == [
        ("wage", "current"),
        ("fee", "current"),
    ]
    assert upcoming(rows, day, within=EXPIRING_DAYS) == []
    after = dt.date(2027, 1, 2)  # the fee has ended: still listed; the wage has its 2027 value
    assert [row["key"] for row in upcoming(fact_rows(register, after, used={}), after)] == ["fee"]


@pytest.fixture(scope="module")
def own_data(tmp_path_factory: pytest.TempPathFactory, register_file: Path) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA_DIR, data)
    shutil.copy(register_file, data / "facts.yml")
    return data


def test_check_data_and_facts_command_on_expiry(own_data: Path) -> None:
    env = {"GUIDE_DATA_DIR": str(own_data), "PATH": ""}
    before = run_guide("check-data", env=env | {"SOURCE_DATE_EPOCH": epoch("2026-12-05")})
    assert before.returncode == 0, before.stdout
    after = run_guide("check-data", env=env | {"SOURCE_DATE_EPOCH": epoch("2027-01-02")})
    assert after.returncode == 1
    assert after.stdout.splitlines()[0].startswith(f"{own_data / 'facts.yml'}:20: fee: valid")
    listed = run_guide(
        "facts",
        "--json",
        "--expiring",
        "2027-01-31",
        "--kind",
        "official",
        env=env | {"SOURCE_DATE_EPOCH": epoch("2026-12-05")},
    )
    assert listed.returncode == 1
    assert [row["key"] for row in json.loads(listed.stdout)] == ["wage"]
    everything = run_guide("facts", env=env | {"SOURCE_DATE_EPOCH": epoch("2026-12-05")})
    assert everything.returncode == 0 and everything.stdout.endswith("6 fact(s)\n")
    assert run_guide("facts", "--expiring", "soon", env=env).returncode == 2
    (own_data / "facts.yml").write_text(REGISTER.replace("kind: percent", "kind: ratio"), "utf-8")
    try:
        broken = run_guide("facts", env=env)
    finally:
        (own_data / "facts.yml").write_text(REGISTER, "utf-8")
    assert broken.returncode == 3
    assert broken.stdout.startswith(f"{own_data / 'facts.yml'}:49: rate.kind: Input should be")


def test_the_weekly_issue_lists_the_facts_ending_soon(own_data: Path, tmp_path: Path) -> None:
    """The verify step of .github/workflows/verify-sources.yml (tests/test_workflows.py checks
    it runs these two commands): `facts --json --expiring` feeds the one issue's body, which
    lists each fact with its next value, also when every source was confirmed."""
    env = {"GUIDE_DATA_DIR": str(own_data), "PATH": "", "SOURCE_DATE_EPOCH": epoch("2026-12-05")}
    listed = run_guide("facts", "--json", "--expiring", "2027-02-03", env=env)
    assert listed.returncode == 1
    (tmp_path / "facts-expiring.json").write_text(listed.stdout, "utf-8")
    report = {"counts": {"confirmed": 1}, "results": [{"state": "confirmed"}]}
    (tmp_path / "verify-sources.json").write_text(json.dumps(report), "utf-8")
    command = ["-m", "guide.tools.verify_sources", "verify-sources.json", "facts-expiring.json"]
    body = subprocess.run(
        [sys.executable, *command], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    lines = body.splitlines()
    assert lines[0] == "`python -m guide verify-sources` found every value on its source page."
    assert "| where | entry | value | state | source | detail |" not in lines
    assert [line for line in lines if line.startswith("| `")] == [
        "| `wage` | `4806` | **2026-12-31** | `5015.5` from 2027-01-01 | official: "
        "https://www.gov.pl/web/rodzina/wage | no page |",
        "| `fee` | `340` | **2026-12-31** | not announced | press: "
        "https://www.gov.pl/web/udsc/fee | no page |",
    ]


def test_usage_lists_the_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for lang in language_codes():
        (docs / lang).mkdir(parents=True)
        (docs / lang / "work.md").write_text("[[fact: wage]] [[period: fee]]\n", "utf-8")
    pages = [f"docs/{lang}/work.md" for lang in sorted(language_codes())]
    assert usage(docs) == {"wage": pages, "fee": pages}


# --- Built sites: two reference dates, an edition, numbers across languages ----------------


class _Data(HTMLParser):
    """(value, text) of every <data> element, and the text of the fact notes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self._in: str | None = None
        self._note = 0
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "data":
            self._in, self._text = dict(attrs)["value"] or "", ""
        if tag == "span" and dict(attrs).get("class") == "guide-fact-note":
            self._note, self._text = 1, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "data" and self._in is not None:
            self.values.append((self._in, self._text))
            self._in = None
        if tag == "span" and self._note:
            self.notes.append(" ".join(self._text.split()))
            self._note = 0

    def handle_data(self, data: str) -> None:
        if self._in is not None or self._note:
            self._text += data


def facts_in(html: str) -> _Data:
    parser = _Data()
    parser.feed(html)
    return parser


def maps_back(value: str, text: str, lang: str) -> bool:
    """Whether `text`, as shown in `lang`, is `value` (a number, or a date as YYYY-MM-DD)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return text == format_date(dt.date.fromisoformat(value), lang)
    number = re.search(r"\d[\d\s\u00a0\u202f.,]*\d|\d", text)
    if number is None:
        return False
    return parse_decimal(number[0].strip(), locale=locale(lang)) == Decimal(value)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, own_data: Path) -> Path:
    pages = {f"{lang}/facts.md": PAGE for lang in language_codes()}
    config = make_project(
        tmp_path_factory.mktemp("facts-site"), pages, nav=["index.md", "facts.md"],
        powiat_pages=False,
    )  # fmt: skip
    (config.parent / "data").unlink()
    (config.parent / "data").symlink_to(own_data)
    return config


def build(project: Path, out: Path, *, lang: str | None = None, **env: str) -> Path:
    mkdocs_build(
        out,
        config_file=project,
        only_language=lang,
        capture=True,
        extra_env={"GUIDE_DATA_DIR": str(project.parent / "data"), **env},
    )
    return out


def page_of(site: Path, lang: str) -> str:
    prefix = "" if lang == default_language() else f"{lang}/"
    return (site / prefix / "facts" / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def site_2026(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        project, tmp_path_factory.mktemp("s") / "site", SOURCE_DATE_EPOCH=epoch("2026-12-05")
    )


@pytest.mark.parametrize("lang", language_codes())
def test_built_page_shows_the_values_of_its_date(site_2026: Path, lang: str) -> None:
    found = facts_in(page_of(site_2026, lang))
    assert [value for value, _ in found.values] == [
        "4806",
        "4806",
        "340",
        "22",
        "2026-02-01",
        "9.75",
    ]
    html = page_of(site_2026, lang)
    assert 'href="tel:+48800120002"' in html
    assert found.notes == []
    period = format_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), lang)
    assert period in html.replace("\u00a0", " ") or period in html


@pytest.mark.parametrize("lang", language_codes())
def test_numbers_are_the_same_in_every_language(site_2026: Path, lang: str) -> None:
    source = facts_in(page_of(site_2026, default_language())).values
    here = facts_in(page_of(site_2026, lang)).values
    assert {value for value, _ in here} == {value for value, _ in source}
    assert all(maps_back(value, text, lang) for value, text in here), here


def test_data_status_lists_expiring_facts_first(site_2026: Path) -> None:
    html = (site_2026 / "data-status.html").read_text("utf-8")
    rows = re.findall(r'<tr data-state="(\w+)"><td>(\w+)</td>', html[html.index('id="facts"') :])
    assert rows == [("expiring", "wage"), ("expiring", "fee")] + [
        ("current", key) for key in KEYS[2:]
    ]


def _table_after(heading: Tag) -> tuple[list[str], list[list[str]]]:
    table = heading.find_next("table")
    assert isinstance(table, Tag)
    head = [th.get_text() for th in table.select("thead th")]
    return head, [[td.get_text() for td in row.find_all("td")] for row in table.select("tbody tr")]


@pytest.mark.parametrize("lang", language_codes())
def test_data_status_lists_the_facts_ending_soon_in_its_language(
    site_2026: Path, lang: str
) -> None:
    """Built on 5 December 2026: the facts ending within UPCOMING_DAYS with their next value,
    then every fact, headings and cells in the page's language (data/ui.yml)."""
    t = {key: texts[lang] for key, texts in data.ui().labels.items()}
    prefix = "" if lang == default_language() else f"{lang}/"
    html = (site_2026 / prefix / "data-status.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    horizon = dt.date(2026, 12, 5) + dt.timedelta(days=UPCOMING_DAYS)
    ahead = soup.find(id="facts-ahead")
    assert isinstance(ahead, Tag)
    assert ahead.get_text() == fill(t["data_status_ahead_title"], date=horizon.isoformat())
    head, rows = _table_after(ahead)
    columns = ("fact", "state", "value", "until", "next_value", "source", "pages")
    assert head == [t[f"status_{column}"] for column in columns]
    assert [row[:5] for row in rows] == [
        ["wage", "expiring", "4806", "2026-12-31", fill(t["status_next_from"], value="5015.5",
                                                        date="2027-01-01")],
        ["fee", "expiring", "340", "2026-12-31", t["status_next_none"]],
    ]  # fmt: skip
    everything = soup.find(id="facts")
    assert isinstance(everything, Tag) and everything.get_text() == t["data_status_facts_title"]
    head, rows = _table_after(everything)
    assert head[:5] == [t[f"status_{column}"] for column in (*columns[:4], "later_values")]
    until = {row[0]: row[3] for row in rows}
    assert until["deadline"] == fill(t["status_review_by"], date="2027-06-30")
    intros = [heading.find_next("p") for heading in (ahead, everything)]
    assert all(isinstance(p, Tag) and "{" not in p.get_text() for p in intros), intros


def test_a_later_value_switches_in_and_an_expired_one_is_marked(
    project: Path, tmp_path: Path
) -> None:
    lang = default_language()
    site = build(project, tmp_path / "site", lang=lang, SOURCE_DATE_EPOCH=epoch("2027-02-01"))
    found = facts_in(page_of(site, lang))
    assert [value for value, _ in found.values][:3] == ["5015.5", "5015.5", "340"]
    until = format_date(dt.date(2026, 12, 31), lang)
    label = data.ui().labels["fact_expired"][lang]
    before, _, after = label.replace("{date}", until).partition("{source}")
    assert found.notes == [f"({before}www.gov.pl{after})".replace("  ", " ")]


def test_an_edition_shows_its_years_values(project: Path, tmp_path: Path) -> None:
    lang = default_language()
    site = build(
        project,
        tmp_path / "site",
        lang=lang,
        SOURCE_DATE_EPOCH=epoch("2026-12-05"),
        **{EDITION_VAR: "2027"},
    )
    assert [value for value, _ in facts_in(page_of(site, lang)).values][:2] == ["5015.5"] * 2


def test_the_real_site_shows_the_same_numbers_in_every_language(site: Path) -> None:
    """Every <data> of the built guide reads back as its value in its language (a page not yet
    translated is the Polish page, values as in Polish), and each translated page holds the
    same values as its Polish page (as a set: a translation may say one twice)."""
    pages: dict[str, dict[str, set[str]]] = {}
    for html_file in sorted(site.rglob("*.html")):
        relative = html_file.relative_to(site).as_posix()
        first = relative.split("/", 1)[0]
        lang = first if first in language_codes() else default_language()
        page = relative.removeprefix(f"{lang}/") if lang != default_language() else relative
        found = facts_in(html_file.read_text("utf-8")).values
        assert all(
            maps_back(value, text, lang) or maps_back(value, text, default_language())
            for value, text in found
        ), (relative, found)
        pages.setdefault(page, {})[lang] = {value for value, _ in found}
    for page, by_lang in pages.items():
        polish = by_lang.get(default_language())
        for lang, values in by_lang.items():
            if polish is not None and (values or polish):
                assert values == polish, (page, lang)
