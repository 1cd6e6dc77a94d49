"""The office directory (data/powiaty.yml): schema, validation and lookup.

Every value comes from the page recorded in `source` (its kind in `source_kind`, `official`
unless said otherwise; its own date, where the page shows one, in `source_date`), checked on
the day in `verified`; a value that could not be confirmed is absent, never guessed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections import Counter
from pathlib import Path
from typing import Annotated, Literal, get_args

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from guide import DATA_DIR
from guide.data.addresses import HOST, email_problem, https_problem, url_host
from guide.data.languages import default_language, language_codes
from guide.data.plain_text import Name, Note, checked
from guide.data.region import Region, load_region
from guide.data.ui import Ui, load_ui
from guide.data.yamlfile import DataError, LoadedYaml, Location, load_model, model_errors

POWIATY_YML = DATA_DIR / "powiaty.yml"
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def today() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(f"{value!r} is not a valid phone number (write E.164: +48581234567)")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if e164 != value:
        raise ValueError(f"{value!r} is not in E.164 form: write {e164!r}")
    return value


def _postal_code(value: str) -> str:
    if not re.fullmatch(r"\d{2}-\d{3}", value):
        raise ValueError(f"{value!r} is not a Polish postal code (NN-NNN)")
    return value


def not_future(hint: str) -> AfterValidator:
    """A date validator: not after today(); `hint` says which day to write instead."""

    def check(value: dt.date) -> dt.date:
        if value > today():
            raise ValueError(f"{value.isoformat()} is in the future: {hint}")
        return value

    return AfterValidator(check)


_checked_on = not_future("write the day you checked")

SourceKind = Literal["official", "press", "ngo", "university"]  # a public body's own page, or not
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
DATED_AFTER_YEARS = 3  # a source older than this is `dated`: its values may have changed


def _source_date(value: object) -> dt.date | int:
    """The page's own date: a day (2024-02-13), or a year (2018) when the page names only that."""
    if isinstance(value, bool | dt.datetime):
        value = None  # neither a day nor a year
    elif isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", value):
        with contextlib.suppress(ValueError):  # no such day: reported below with the text
            value = int(value) if len(value) == 4 else dt.date.fromisoformat(value)
    if isinstance(value, int):
        if not 1990 <= value <= today().year:
            raise ValueError(f"{value} is not a year between 1990 and {today().year}")
        return value
    if not isinstance(value, dt.date):
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or a year (YYYY)")
    if value > today():
        raise ValueError(f"{value.isoformat()} is in the future: write the date the page shows")
    return value


SourceDate = Annotated[dt.date | int, PlainValidator(_source_date)]


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class Sourced(BaseModel):
    """Where an entry's values come from: shared by offices and routes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: Https
    sources: list[Https] = Field(default_factory=list)
    source_kind: SourceKind = "official"
    source_date: SourceDate | None = None
    note: Note | None = None
    verified: Annotated[dt.date, _checked_on]

    @model_validator(mode="after")
    def _source_not_after_check(self) -> Sourced:
        date = self.source_date
        if date is None:
            return self
        if date > self.verified.year if isinstance(date, int) else date > self.verified:
            raise ValueError(
                f"source_date {date} is after verified {self.verified.isoformat()}: "
                "the page cannot be newer than the day it was read"
            )
        return self

    @property
    def source_year(self) -> int:
        """The year of `source_date` (which must be set)."""
        date = self.source_date
        assert date is not None
        return date if isinstance(date, int) else date.year

    @property
    def official(self) -> bool:
        return self.source_kind == "official"

    @property
    def dated(self) -> bool:
        """The source is older than DATED_AFTER_YEARS (a bare year counts from its last day)."""
        if self.source_date is None:
            return False
        date = self.source_date
        last = dt.date(date, 12, 31) if isinstance(date, int) else date
        return last < years_before(today(), DATED_AFTER_YEARS)


def _days(value: str) -> str:
    parts = value.split("-")
    if len(parts) > 2 or any(part not in DAY_KEYS for part in parts):
        raise ValueError(f"{value!r} is not a day or range of days (mon, tue-thu, ...)")
    if len(parts) == 2 and DAY_KEYS.index(parts[0]) >= DAY_KEYS.index(parts[1]):
        raise ValueError(f"{value!r} is not an ascending range of days")
    return value


def _time_range(value: str) -> str:
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)", value)
    if not match or value[:5] >= value[6:]:
        raise ValueError(f"{value!r} is not a time range like 07:30-15:30")
    return value


Https = Annotated[str, checked(https_problem)]
Phone = Annotated[str, AfterValidator(_phone)]


class Hours(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    days: Annotated[str, AfterValidator(_days)]
    time: Annotated[str, AfterValidator(_time_range)]


class Office(Sourced):
    name: Annotated[Name, Field(min_length=3)]
    street: Name | None = None
    # YAML reads an unquoted 84300 as a number: check it as text to name the mistake.
    postal_code: Annotated[str, BeforeValidator(str), AfterValidator(_postal_code)] | None = None
    town: Name | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=3)
    email: Annotated[str, checked(email_problem)] | None = None
    website: Https | None = None
    hours: list[Hours] = Field(default_factory=list)
    lat: float | None = Field(default=None, ge=53.4, le=55.0)
    lon: float | None = Field(default=None, ge=16.6, le=19.7)
    route: str | None = None  # key in `routes:`: the next step when the office has no phone

    @model_validator(mode="after")
    def _coordinates_together(self) -> Office:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together: give both or neither")
        return self

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.town) if part)
        return ", ".join(part for part in (self.street, place) if part)

    @property
    def contact_count(self) -> int:
        """How many ways of reaching the office are confirmed (address, phone, e-mail)."""
        return sum(bool(value) for value in (self.street, self.phones, self.email))


ROUTE_KINDS = ("finder", "regional", "website", "helpline")


class Route(Sourced):
    """A verified next step (official finder, regional office, website, helpline)."""

    kind: Literal["finder", "regional", "website", "helpline"]
    serves: list[str] = Field(min_length=1)
    name: Annotated[Name, Field(min_length=3)]
    website: Https | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=3)
    email: Annotated[str, checked(email_problem)] | None = None
    hours: list[Hours] = Field(default_factory=list)
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _website_when_needed(self) -> Route:
        if self.kind in ("finder", "website") and self.website is None:
            raise ValueError(f"a {self.kind} route needs `website`")
        return self


class RouteRef(BaseModel):
    """No confirmed office: the reader gets the route as the next step."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    route: str


class SameAs(BaseModel):
    """The office of another powiat serves this one too (described once, there)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    same_as: str


class Powiat(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    teryt: Annotated[str, Field(pattern=r"^\d{4}$")]  # starts with the region's prefix
    slug: Annotated[str, Field(pattern=r"^[a-z]+$")]
    name: Name
    # The powiat's name in each translated language, as a reader says it ("Битівський
    # повіт"); pages show it with the Polish name in brackets (title()).
    names: dict[str, Name] = Field(default_factory=dict)
    kind: Literal["land", "city"]
    seat: Name
    offices: dict[str, Office | SameAs | RouteRef] = Field(default_factory=dict)

    def title(self, lang: str) -> str:
        """'Битівський повіт (powiat bytowski)' in a translated language, the name in Polish."""
        return f"{self.names[lang]} ({self.name})" if lang in self.names else self.name


class Directory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    powiaty: list[Powiat]
    regional: dict[str, Office]
    routes: dict[Annotated[str, Field(pattern=r"^[a-z0-9-]+$")], Route] = Field(
        default_factory=dict
    )
    # Optional: when given, every address in the file must be on one of these domains (or a
    # subdomain). Hosts with punycode (xn--) labels are refused unless listed in `punycode`.
    allowed_domains: list[Annotated[str, Field(pattern=HOST.pattern)]] | None = None
    punycode: list[Annotated[str, Field(pattern=HOST.pattern)]] = Field(default_factory=list)

    # Lookups by slug run once per powiat, office type and language: a dict, not a scan. It is
    # made on first use for this `powiaty` list (model_copy(update=...) gives a new one).
    _index: tuple[list[Powiat], dict[str, Powiat]] | None = PrivateAttr(default=None)

    def _by_slug(self) -> dict[str, Powiat]:
        if self._index is None or self._index[0] is not self.powiaty:
            self._index = (self.powiaty, {powiat.slug: powiat for powiat in self.powiaty})
        return self._index[1]

    def has_powiat(self, slug: str) -> bool:
        return slug in self._by_slug()

    def powiat(self, slug: str) -> Powiat:
        try:
            return self._by_slug()[slug]
        except KeyError:
            raise KeyError(f"unknown powiat {slug!r}") from None

    def office(self, slug: str, office_type: str) -> Office | None:
        """The office of `office_type` serving powiat `slug`, following same_as."""
        entry = self.powiat(slug).offices.get(office_type)
        if isinstance(entry, SameAs):
            return self.office(entry.same_as, office_type)
        return entry if isinstance(entry, Office) else None

    def route(self, slug: str, office_type: str) -> Route | None:
        """The next step for `office_type` in powiat `slug` ({route: X} or an office's route)."""
        entry = self.powiat(slug).offices.get(office_type)
        key = entry.route if isinstance(entry, RouteRef) else None
        if key is None:
            office = self.office(slug, office_type)
            key = office.route if office is not None else None
        return self.routes[key] if key is not None else None


def office_types_of(powiat: Powiat, ui: Ui) -> list[str]:
    """The powiat office types a powiat's page shows, in data/ui.yml's order: every required
    type, and each optional (`required: false`) type the powiat lists."""
    return [
        key
        for key in ui.powiat_office_types()
        if ui.office_types[key].required or key in powiat.offices
    ]


def answers(directory: Directory, slug: str, office_type: str) -> bool:
    """Whether powiat `slug` gives the reader something for `office_type`: an office with a
    phone or a verified next step (`route:`)."""
    office = directory.office(slug, office_type)
    return bool(office is not None and office.phones) or (
        directory.route(slug, office_type) is not None
    )


def _describe(loaded: LoadedYaml, location: tuple[str | int, ...]) -> str:
    """'powiat leborski, office pup, phones[0]' for a location inside powiaty.yml."""
    parts: list[str] = []
    rest = list(location)
    if rest[:1] == ["powiaty"] and len(rest) > 1 and isinstance(rest[1], int):
        entry = loaded.data["powiaty"][rest[1]]
        slug = entry.get("slug", f"#{rest[1] + 1}") if isinstance(entry, dict) else rest[1]
        parts.append(f"powiat {slug}")
        rest = rest[2:]
        if rest[:1] == ["offices"] and len(rest) > 1:
            parts.append(f"office {rest[1]}")
            rest = rest[2:]
    elif rest[:1] == ["regional"] and len(rest) > 1:
        parts.append(f"regional office {rest[1]}")
        rest = rest[2:]
    elif rest[:1] == ["routes"] and len(rest) > 1:
        parts.append(f"route {rest[1]}")
        rest = rest[2:]
    field = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in rest)
    if field:
        parts.append(field.replace(".[", "["))
    return ", ".join(parts)


def _model_errors(loaded: LoadedYaml, error: ValidationError) -> list[DataError]:
    return model_errors(loaded, error, describe=_describe, members=("Office", "SameAs", "RouteRef"))


def _route_check(
    loaded: LoadedYaml,
    directory: Directory,
    where: tuple[str | int, ...],
    slug: str,
    office_type: str,
    key: str,
) -> list[DataError]:
    route = directory.routes.get(key)
    if route is None:
        message = f"unknown route {key!r} (known: {', '.join(directory.routes)})"
    elif route.kind != "website" and office_type not in route.serves:
        message = f"route {key!r} does not serve {office_type} (serves: {', '.join(route.serves)})"
    else:
        return []
    line = loaded.line_of((*where, "route"))
    return [DataError(loaded.path, line, f"powiat {slug}, office {office_type}: {message}")]


# GUS TERC numbers the cities with powiat rights from 61 within their voivodeship.
FIRST_CITY_CODE = 61


def _cross_checks(loaded: LoadedYaml, directory: Directory, *, region: Region) -> list[DataError]:
    prefix = region.teryt_prefix
    problems = []
    slugs = Counter(powiat.slug for powiat in directory.powiaty)
    translated = [code for code in language_codes() if code != default_language()]
    for index, powiat in enumerate(directory.powiaty):
        city = int(powiat.teryt[2:]) >= FIRST_CITY_CODE
        if (powiat.kind == "city") != city:
            problems.append(
                DataError(
                    loaded.path,
                    loaded.line_of(("powiaty", index, "kind")),
                    f"powiat {powiat.slug}: kind {powiat.kind} but teryt {powiat.teryt!r} is "
                    f"{'a city' if city else 'a land powiat'}'s (GUS TERC: {FIRST_CITY_CODE} "
                    "and up are cities with powiat rights)",
                )
            )
        if not powiat.teryt.startswith(prefix):
            problems.append(
                DataError(
                    loaded.path,
                    loaded.line_of(("powiaty", index, "teryt")),
                    f"powiat {powiat.slug}: teryt {powiat.teryt!r} does not start with the "
                    f"region's code {prefix!r} (data/region.yml)",
                )
            )
        if slugs[powiat.slug] > 1:
            problems.append(
                DataError(
                    loaded.path,
                    loaded.line_of(("powiaty", index, "slug")),
                    f"powiat {powiat.slug}: slug used twice",
                )
            )
        if sorted(powiat.names) != sorted(translated):
            problems.append(
                DataError(
                    loaded.path,
                    loaded.line_of(("powiaty", index, "names" if powiat.names else "name")),
                    f"powiat {powiat.slug}: names must give the name in {', '.join(translated)}"
                    f" (has {', '.join(sorted(powiat.names)) or 'none'})",
                )
            )
        for key, entry in powiat.offices.items():
            where = ("powiaty", index, "offices", key)
            route_key = entry.route if isinstance(entry, Office | RouteRef) else None
            if route_key is not None:
                problems.extend(_route_check(loaded, directory, where, powiat.slug, key, route_key))
            if isinstance(entry, SameAs):
                target = directory.powiat(entry.same_as) if entry.same_as in slugs else None
                if target is None or isinstance(target.offices.get(key), SameAs | None):
                    problems.append(
                        DataError(
                            loaded.path,
                            loaded.line_of((*where, "same_as")),
                            f"powiat {powiat.slug}, office {key}: same_as {entry.same_as!r} "
                            f"has no {key} office described",
                        )
                    )
    return problems


def _unknown_office_types(loaded: LoadedYaml, ui: Ui) -> list[DataError]:
    """Every office listed under a type data/ui.yml does not define, read from the YAML itself,
    so it is named in the same run as the file's other problems (the model needs none of it)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}

    def unknown(location: Location, what: str, known: list[str]) -> DataError:
        message = f"{what}: unknown office type (known: {', '.join(known)})"
        return DataError(loaded.path, loaded.line_of(location), message)

    problems = []
    powiaty = data.get("powiaty")
    for index, powiat in enumerate(powiaty if isinstance(powiaty, list) else []):
        offices = powiat.get("offices") if isinstance(powiat, dict) else None
        for key in offices if isinstance(offices, dict) else ():
            if key not in ui.powiat_office_types():
                where: Location = ("powiaty", index, "offices", key)
                problems.append(unknown(where, _describe(loaded, where), ui.powiat_office_types()))
    regional = data.get("regional")
    for key in regional if isinstance(regional, dict) else ():
        if key not in ui.regional_office_types():
            what = f"regional office {key}"
            problems.append(unknown(("regional", key), what, ui.regional_office_types()))
    return problems


def _missing_slots(loaded: LoadedYaml, directory: Directory, ui: Ui) -> list[DataError]:
    """A problem per office type a powiat's page would show with nothing the reader can use,
    at the powiat's line (or the office's, when it is listed without phone or route)."""
    problems = []
    for index, powiat in enumerate(directory.powiaty):
        for key in office_types_of(powiat, ui):
            if answers(directory, powiat.slug, key):
                continue
            listed = key in powiat.offices
            where = ("powiaty", index, "offices", key) if listed else ("powiaty", index)
            problems.append(
                DataError(
                    loaded.path,
                    loaded.line_of(where),
                    f"powiat {powiat.slug}, office {key}: missing (give an office with a "
                    "phone or a `route:`"
                    + ("" if listed else f", or mark {key} `required: false` in data/ui.yml")
                    + ")",
                )
            )
    return problems


def _address_checks(loaded: LoadedYaml, directory: Directory) -> list[DataError]:
    """Every address's host: no punycode unless listed; on an allowed domain when listed."""
    problems = []

    def check(where: tuple[str | int, ...], value: str) -> None:
        host = url_host(value)
        if "xn--" in host and host not in directory.punycode:
            message = (
                f"{value!r}: host {host!r} is punycode (letters outside ASCII): list it under "
                "`punycode:` only after checking it is the official address"
            )
        elif directory.allowed_domains is not None and not any(
            host == domain or host.endswith(f".{domain}") for domain in directory.allowed_domains
        ):
            message = f"{value!r}: host {host!r} is on none of the allowed_domains"
        else:
            return
        problems.append(
            DataError(loaded.path, loaded.line_of(where), f"{_describe(loaded, where)}: {message}")
        )

    def entry(where: tuple[str | int, ...], item: Office | Route) -> None:
        for name in ("website", "source"):
            value = getattr(item, name)
            if value is not None:
                check((*where, name), value)
        for index, value in enumerate(item.sources):
            check((*where, "sources", index), value)

    for index, powiat in enumerate(directory.powiaty):
        for key, office in powiat.offices.items():
            if isinstance(office, Office):
                entry(("powiaty", index, "offices", key), office)
    for key, office in directory.regional.items():
        entry(("regional", key), office)
    for key, route in directory.routes.items():
        entry(("routes", key), route)
    return problems


def validate_directory(
    path: Path = POWIATY_YML, *, ui: Ui | None = None, region: Region | None = None
) -> tuple[Directory | None, list[DataError]]:
    """Load and check powiaty.yml against `ui`'s office types and `region` (read when not
    given); returns the directory (None if invalid) and every problem."""
    loaded, directory, problems = load_model(
        path, Directory, describe=_describe, members=("Office", "SameAs", "RouteRef")
    )
    if loaded is None:
        return None, problems
    ui = ui or load_ui()
    problems += _unknown_office_types(loaded, ui)
    if directory is None:
        return None, problems
    problems += _cross_checks(loaded, directory, region=region or load_region())
    if not problems:  # office types known, references resolve: every slot can be followed
        problems += _missing_slots(loaded, directory, ui)
    problems += _address_checks(loaded, directory)
    return (None if problems else directory), problems


def load_directory(
    path: Path = POWIATY_YML, *, ui: Ui | None = None, region: Region | None = None
) -> Directory:
    """The validated directory; raises the first DataError (which fails the build)."""
    directory, problems = validate_directory(path, ui=ui, region=region)
    if problems or directory is None:
        raise problems[0]
    return directory


def phone_display(e164: str) -> str:
    """+48586123456 -> '+48 58 612 34 56' (the national grouping readers dial); a Polish short
    number, which has no E.164 form (116111, data/facts.yml) -> '116 111'."""
    if not e164.startswith("+"):
        number = phonenumbers.parse(e164, "PL")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    number = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_short_number(digits: str) -> bool:
    """Whether `digits` is a short number valid in Poland (116111, 112): dialled as written,
    never with +48."""
    number = phonenumbers.parse(digits, "PL")
    return phonenumbers.is_valid_short_number_for_region(number, "PL")
