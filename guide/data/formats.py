"""Numbers, amounts, percentages, dates, durations and periods in each site language: the one
place a value becomes text for readers. Each result is cached: a build formats the same values
on many pages (guide/data/data_cache.py clears the caches when data/ changes).

The words (currency and unit forms per plural category, the period phrases) are data/ui.yml's
`units` and `labels`; the rules (plural category, digit grouping, decimal sign, month names)
are CLDR's (guide/data/locales.py). pl "4806 zł", "30 dni", "1 lutego 2026", "w 2026 r.";
uk "4806 злотих"… as the data says; en "PLN 4,806", "30 days", "1 February 2026", "in 2026".
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from guide.data.locales import locale, min_grouping, plural_category
from guide.data.ui import fill, load_ui

NBSP = "\u00a0"
_DIGITS = re.compile(r"[#0,.]+")  # the number in a CLDR pattern such as "#,##0\u00a0%"


@cache
def format_number(number: Decimal, lang: str, *, cents: bool = False) -> str:
    """`number` with `lang`'s decimal sign and grouping; `cents`: two decimals when it has a
    fraction (an amount of money), otherwise as many as it has."""
    digits = len(str(abs(int(number))))
    grouping = "#,##0" if digits >= 3 + min_grouping(lang) else "0"
    if number == number.to_integral_value():
        return format_decimal(number, format=grouping, locale=locale(lang))
    if cents:
        return format_decimal(number, format=grouping + ".00", locale=locale(lang))
    return format_decimal(
        number, format=grouping + ".###", locale=locale(lang), decimal_quantization=False
    )


@cache
def counted(number: Decimal, unit: str, lang: str, *, cents: bool = False) -> str:
    """`number` in data/ui.yml's form of `unit` (a duration unit or a currency) for its plural
    category: pl 2 "2 dni", uk 5 "5 днів", en 1 "1 day". The space next to the number does
    not break."""
    forms = load_ui().units[unit][lang]
    pattern = forms[plural_category(number, lang)]
    pattern = pattern.replace("{n} ", "{n}" + NBSP).replace(" {n}", NBSP + "{n}")
    return fill(pattern, n=format_number(number, lang, cents=cents))


@cache
def format_money(amount: Decimal, currency: str, lang: str) -> str:
    return counted(amount, currency, lang, cents=True)


@cache
def format_percent(value: Decimal, lang: str) -> str:
    """9 -> pl "9%", ru "9 %" (CLDR's percent pattern of the language)."""
    pattern = locale(lang).percent_formats[None].pattern
    return _DIGITS.sub(lambda _: format_number(value, lang), pattern, count=1)


@cache
def format_date(day: date, lang: str) -> str:
    """pl "1 lutego 2026", en "1 February 2026"; uk and ru with CLDR's year abbreviation."""
    return str(_babel_date(day, format="long", locale=locale(lang)))


@cache
def format_period(start: date, end: date | None, lang: str) -> str:
    """The period of a value as a phrase: a whole calendar year "w 2026 r." / "in 2026",
    otherwise "od 1 lutego 2026 do 31 maja 2026"; no end: "od 1 lutego 2026"."""
    labels = load_ui().labels
    if end is not None and (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31)):
        return fill(labels["fact_period_year"][lang], year=start.year)
    if end is None:
        return fill(labels["fact_period_from"][lang], start=format_date(start, lang))
    return fill(
        labels["fact_period_range"][lang],
        start=format_date(start, lang),
        end=format_date(end, lang),
    )
