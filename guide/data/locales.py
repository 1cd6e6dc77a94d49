"""The CLDR data of each site language, through babel: plural categories, number symbols and
date patterns. The guide's words (units, currencies, phrases) are in data/ui.yml; the rules
for putting a number into them are CLDR's, so uk and ru get "2 дні" / "5 днів" right.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel import Locale

# Which CLDR locale formats a site language, where the bare code is not the right one: the
# guide's English readers live in Poland, so "1 February 2026" (en_GB), not "February 1".
_CLDR_LOCALE = {"en": "en_GB"}
# CLDR's minimumGroupingDigits, which babel 2.18 does not apply: Polish writes "4806 zł" and
# groups from five digits on ("12 345 zł").
_MIN_GROUPING = {"pl": 2}


# Cannot go stale: CLDR's data for a code is babel's installed files, the same all process long.
@cache
def locale(lang: str) -> Locale:
    """The CLDR locale of a site language (ValueError naming the code if CLDR has none)."""
    try:
        return Locale.parse(_CLDR_LOCALE.get(lang, lang))
    except Exception as error:  # babel raises UnknownLocaleError or ValueError
        raise ValueError(f"language {lang!r}: CLDR has no locale for it ({error})") from None


def plural_categories(lang: str) -> frozenset[str]:
    """The plural categories a text counting something needs in `lang`: CLDR's tags and
    "other" (pl, uk, ru: one, few, many, other; en: one, other)."""
    return frozenset(locale(lang).plural_form.tags) | {"other"}


# Cannot go stale: a pure function of its arguments and CLDR's rules.
@cache
def plural_category(number: Decimal, lang: str) -> str:
    """CLDR's category of `number` in `lang`: pl 1 one, 2 few, 5 many, 1.5 other."""
    category: str = locale(lang).plural_form(number)
    return category


def min_grouping(lang: str) -> int:
    return _MIN_GROUPING.get(lang, 1)
