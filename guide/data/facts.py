"""The fact register (data/facts.yml): every amount, date, deadline, percentage and phone
number a page states, once, with its source, the quote that carries it and its period.

Pages write `[[fact: KEY]]` (the value, formatted for the page's language by
guide/data/formats.py), `[[fact: KEY | number]]` (the bare number, when the sentence gives the
unit its own grammar) and `[[period: KEY]]` ("w 2026 r.", "in 2026"). hooks/facts.py puts a
placeholder (guide/site/placeholders.py) for each before Markdown and the value after it.

The value shown is the one valid on the build's reference date (`reference_date`): the build
date, or 1 January of the edition's year for `python -m guide deploy YYYY`. A later value
announced under `then:` switches in by itself; a fact with no value for the date shows its
last value with "valid until ... - check what applies now: <source>" and fails check-data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, TypedDict

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from guide import DATA_DIR, DOCS_DIR
from guide.data.edition import current_edition
from guide.data.formats import counted, format_date, format_money, format_number, format_percent
from guide.data.offices import Https, Phone, is_short_number, phone_display
from guide.data.plain_text import Name, Note, plain_text_problem
from guide.data.ui import fill, load_ui
from guide.data.yamlfile import DataError, load_model

FACTS_YML = DATA_DIR / "facts.yml"
Kind = Literal["money", "percent", "date", "duration", "phone", "count", "text"]
SourceKind = Literal["official", "press", "ngo", "university"]
Unit = Literal["days", "working_days", "weeks", "months", "years", "hours"]
Currency = Literal["PLN", "EUR"]
NUMERIC: frozenset[str] = frozenset({"money", "percent", "duration", "count"})
# Modifiers after `|`: `number`, the bare number of a numeric fact.
MODIFIERS: frozenset[str] = frozenset({"number"})
EXPIRING_DAYS = 60  # the data status page and the weekly workflow list facts this close to expiry
# The data status page also lists, with the next value where announced, every fact ending within
# this many days: a season ahead (on 6 December 2026 it reaches past the 4 March 2027 deadlines).
UPCOMING_DAYS = 120
# `[[fact: KEY]]`, `[[fact: KEY | number]]`, `[[period: KEY]]`; KEY as written, checked later.
REFERENCE = re.compile(
    r"\[\[[ \t]*(?P<what>fact|period)[ \t]*:[ \t]*(?P<key>[^\]|\n]*?)[ \t]*"
    r"(?:\|[ \t]*(?P<modifier>[^\]\n]*?)[ \t]*)?\]\]"
)


def _quote(value: str) -> str:
    problem = plain_text_problem(value, letters=False)  # "800 120 002" may be all it says
    if problem is not None or not value.strip():
        raise ValueError(problem or "the quote is empty")
    return value


Quote = Annotated[str, Field(min_length=1, max_length=600), AfterValidator(_quote)]


class Value(BaseModel):
    """One value of a fact with its evidence: the fact itself, or one of its `then:` entries."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    value: int | float | date | str
    valid_from: date
    valid_until: date | None = None
    review_by: date | None = None
    source: Https
    source_kind: SourceKind
    source_date: date | None = None
    quote: Quote
    verified: date

    @model_validator(mode="after")
    def _period(self) -> Value:
        if (self.valid_until is None) == (self.review_by is None):
            raise ValueError(
                "give exactly one of valid_until (the announced end) and review_by (a rule "
                "without an announced end: when to check it again)"
            )
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError(f"valid_until {self.valid_until} is before valid_from")
        return self

    @property
    def end(self) -> date | None:
        """The last day of the value, None for a rule without an announced end."""
        return self.valid_until

    @property
    def expires(self) -> date:
        """The day after which the value needs a new one or a new check."""
        return self.valid_until or self.review_by or self.valid_from


_PHONE: TypeAdapter[str] = TypeAdapter(Phone)
_TEXT: TypeAdapter[str] = TypeAdapter(Name)


def _value_problem(kind: str, value: object) -> str | None:
    if kind in ("money", "percent", "duration"):
        ok = isinstance(value, int | float) and value >= 0
        return None if ok else f"a {kind} value is a number (value: {value!r})"
    if kind == "count":
        return None if isinstance(value, int) else f"a count is a whole number (value: {value!r})"
    if kind == "date":
        return None if isinstance(value, date) else f"a date is YYYY-MM-DD (value: {value!r})"
    if not isinstance(value, str):
        return f"a {kind} is a text (value: {value!r})"
    if kind == "phone" and value.isdigit():  # 116111 or 112 has no E.164 form: digits
        return None if is_short_number(value) else f"{value!r} is not a Polish short number"
    try:
        (_PHONE if kind == "phone" else _TEXT).validate_python(value)
    except ValidationError as error:
        return str(error.errors()[0]["msg"]).removeprefix("Value error, ")
    return None


class Fact(Value):
    """A fact: its kind, its current value (the fields of Value) and later values (`then`)."""

    kind: Kind
    currency: Currency | None = None
    unit: Unit | None = None
    note: Note | None = None
    then: list[Value] = []

    @model_validator(mode="after")
    def _kind(self) -> Fact:
        for index, entry in enumerate(self.values()):
            problem = _value_problem(self.kind, entry.value)
            if problem is not None:
                raise ValueError(problem if index == 0 else f"then[{index - 1}]: {problem}")
        if self.currency is not None and self.kind != "money":
            raise ValueError("currency is for kind money only")
        if (self.unit is None) != (self.kind != "duration"):
            raise ValueError("a duration needs a unit; other kinds have none")
        for earlier, later in zip(self.values(), self.values()[1:], strict=False):
            if later.valid_from <= earlier.valid_from:
                raise ValueError("then: each value starts after the one before it")
            if earlier.valid_until is not None and later.valid_from <= earlier.valid_until:
                raise ValueError(
                    f"then: the value from {later.valid_from} starts before the one before it "
                    f"ends ({earlier.valid_until})"
                )
        return self

    def values(self) -> list[Value]:
        """Every value in time order: the fact's own, then its `then:` entries."""
        return [self, *self.then]

    def value_on(self, day: date) -> Value:
        """The value valid on `day`: the last one started by then (the first, before any)."""
        started = [entry for entry in self.values() if entry.valid_from <= day]
        return started[-1] if started else self.values()[0]

    @property
    def currency_code(self) -> str:
        return self.currency or "PLN"


FactKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]


class FactsFile(RootModel[dict[FactKey, Fact]]):
    pass


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (a cache key)
class Register:
    path: Path
    facts: dict[str, Fact]
    lines: dict[str, int]  # key -> its line in the file


def validate_facts(path: Path = FACTS_YML) -> tuple[Register | None, list[DataError]]:
    """The register and every problem of the file (the model, then words for each unit)."""
    loaded, model, problems = load_model(path, FactsFile)
    if loaded is None or model is None:
        return None, problems
    register = Register(path, dict(model.root), {k: loaded.line_of((k,)) for k in model.root})
    units = load_ui().units
    for key, fact in register.facts.items():
        unit = fact.unit if fact.kind == "duration" else fact.currency_code
        if fact.kind in ("duration", "money") and unit not in units:
            problems.append(
                DataError(path, register.lines[key], f"{key}: data/ui.yml has no units.{unit}")
            )
    return (None if problems else register), problems


@cache
def load_facts(path: Path = FACTS_YML) -> Register:
    """The register; its first problem raises DataError (check-data lists them all)."""
    register, problems = validate_facts(path)
    if register is None:
        raise problems[0]
    return register


def reference_date(environ: Mapping[str, str] = os.environ) -> date:
    """The day whose values the build shows: 1 January of the edition being built (`python -m
    guide deploy 2027`), else the build's date (SOURCE_DATE_EPOCH when set, for reproducible
    builds), else today (UTC)."""
    edition = current_edition(environ)
    if edition is not None:
        return date(int(edition), 1, 1)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class Reference:
    what: str  # fact | period
    key: str
    modifier: str | None
    line: int  # 1-based, in the text searched

    @property
    def argument(self) -> str:
        """The placeholder's argument: what|key|modifier."""
        return f"{self.what}|{self.key}|{self.modifier or ''}"


def references(text: str) -> Iterator[Reference]:
    """Every `[[fact: …]]` and `[[period: …]]` in `text`, with its line."""
    for match in REFERENCE.finditer(text):
        yield Reference(
            match["what"],
            match["key"],
            match["modifier"] or None,
            text.count("\n", 0, match.start()) + 1,
        )


def reference_problem(reference: Reference, register: Register) -> str | None:
    """Why a reference cannot be shown (unknown key or modifier), or None."""
    written = f"[[{reference.what}: {reference.key}"
    written += f" | {reference.modifier}]]" if reference.modifier else "]]"
    fact = register.facts.get(reference.key)
    if fact is None:
        return f"unknown fact {reference.key!r} in '{written}': add it to data/facts.yml"
    if reference.modifier is None:
        return None
    if reference.what == "period" or reference.modifier not in MODIFIERS:
        return f"unknown modifier {reference.modifier!r} in '{written}': use [[fact: KEY | number]]"
    if fact.kind not in NUMERIC:
        return f"'{written}': | number is for numeric facts, {reference.key!r} is a {fact.kind}"
    return None


def value_text(fact: Fact, entry: Value, lang: str, *, number: bool = False) -> str:
    """The value as readers see it in `lang` (plain text)."""
    value = entry.value
    if fact.kind in NUMERIC:
        amount = Decimal(str(value))
        if number:
            return format_number(amount, lang, cents=fact.kind == "money")
        if fact.kind == "money":
            return format_money(amount, fact.currency_code, lang)
        if fact.kind == "percent":
            return format_percent(amount, lang)
        if fact.kind == "duration":
            return counted(amount, str(fact.unit), lang)
        return format_number(amount, lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if fact.kind == "phone":
        return phone_display(str(value))
    return str(value)


def machine_value(fact: Fact, entry: Value) -> str:
    """The value as data: 4806, 2026-02-01, +48800120002 (the `value` of <data>)."""
    value = entry.value
    return value.isoformat() if isinstance(value, date) else str(value)


def value_note(fact: Fact, entry: Value, *, lang: str, day: date) -> tuple[str, str] | None:
    """The words around the source link when the value may no longer apply on `day`:
    (before, after), or None when it applies."""
    labels = load_ui().labels
    if entry.valid_until is not None and entry.valid_until < day:
        text = fill(labels["fact_expired"][lang], date=format_date(entry.valid_until, lang))
    elif entry.review_by is not None and entry.review_by < day:
        text = fill(labels["fact_unchecked"][lang], date=format_date(entry.verified, lang))
    else:
        return None
    before, _, after = text.partition("{source}")
    return before, after


def expired(register: Register, day: date) -> list[tuple[str, Value]]:
    """The facts whose value on `day` ended or passed its review date, with that value."""
    found = []
    for key, fact in register.facts.items():
        entry = fact.value_on(day)
        if entry.expires < day:
            found.append((key, entry))
    return found


def expiring(
    register: Register, day: date, *, within: int = EXPIRING_DAYS
) -> list[tuple[str, Value]]:
    """The facts whose value on `day` ends (or is due for review) within `within` days."""
    found = []
    for key, fact in register.facts.items():
        entry = fact.value_on(day)
        if day <= entry.expires and (entry.expires - day).days <= within:
            found.append((key, entry))
    return found


def expiry_problems(
    register: Register, day: date, *, used: Mapping[str, list[str]] | None = None
) -> list[DataError]:
    """One problem per fact without a value for `day` (check-data fails on any), naming the
    pages that show it with a "valid until" note and the source to check."""
    used = usage() if used is None else used
    problems = []
    for key, entry in expired(register, day):
        if entry.valid_until is not None:
            what = f"valid until {entry.valid_until}, no value for {day}: add it under then:"
        else:
            what = f"review_by {entry.review_by} has passed: check the source, then move review_by"
        pages = ", ".join(used.get(key, [])) or "no page"
        problems.append(
            DataError(
                register.path,
                register.lines[key],
                f"{key}: {what} (used on {pages}; source: {entry.source})",
            )
        )
    return problems


class FactRow(TypedDict):
    """One fact as `python -m guide facts`, its --json and the data status page list it."""

    key: str
    kind: str
    value: str  # as data: 4806, 2026-02-01, +48800120002
    valid_from: str
    valid_until: str | None
    review_by: str | None
    expires: str
    state: Literal["current", "expiring", "expired"]
    source: str
    source_kind: str
    source_date: str | None
    verified: str
    later_values: int  # announced `then:` values after this one
    next_value: str | None  # the first of them, as data, and the day it starts
    next_from: str | None
    pages: list[str]


def fact_rows(
    register: Register, day: date, *, used: Mapping[str, list[str]] | None = None
) -> list[FactRow]:
    """Every fact's value on `day` with its period, source and pages, in the file's order."""
    used = usage() if used is None else used
    late = {key for key, _ in expiring(register, day, within=EXPIRING_DAYS)}
    gone = {key for key, _ in expired(register, day)}
    rows: list[FactRow] = []
    for key, fact in register.facts.items():
        entry = fact.value_on(day)
        later = [value for value in fact.values() if value.valid_from > entry.valid_from]
        rows.append(
            FactRow(
                key=key,
                kind=fact.kind,
                value=machine_value(fact, entry),
                valid_from=entry.valid_from.isoformat(),
                valid_until=entry.valid_until.isoformat() if entry.valid_until else None,
                review_by=entry.review_by.isoformat() if entry.review_by else None,
                expires=entry.expires.isoformat(),
                state="expired" if key in gone else "expiring" if key in late else "current",
                source=entry.source,
                source_kind=entry.source_kind,
                source_date=entry.source_date.isoformat() if entry.source_date else None,
                verified=entry.verified.isoformat(),
                later_values=len(later),
                next_value=machine_value(fact, later[0]) if later else None,
                next_from=later[0].valid_from.isoformat() if later else None,
                pages=list(used.get(key, [])),
            )
        )
    return rows


def upcoming(rows: list[FactRow], day: date, *, within: int = UPCOMING_DAYS) -> list[FactRow]:
    """The rows whose value ends (or is due for review) by `within` days after `day`, the
    ended ones included: what the data status page lists as ending soon."""
    horizon = (day + timedelta(days=within)).isoformat()
    return [row for row in rows if row["expires"] <= horizon]


def usage(docs_dir: Path = DOCS_DIR) -> dict[str, list[str]]:
    """key -> the pages (docs/…/x.md, sorted) that reference it."""
    used: dict[str, set[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        for reference in references(path.read_text("utf-8")):
            used.setdefault(reference.key, set()).add(str(path.relative_to(docs_dir.parent)))
    return {key: sorted(pages) for key, pages in used.items()}
