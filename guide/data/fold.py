"""The guide's two ways of folding text; their one JavaScript twin is `window.guideFold`.

- `fold_place_name`: town and gmina names for the town search (offices.js), glossary anchors and
  PDF file names: 'Nowy Dwór Gdański' -> 'nowy dwor gdanski' (hyphens and runs of spaces become
  one space, ends trimmed).
- `fold_search`: the search index (search.js): one character for one, so that a match in the
  folded text sits at the same offset in the text: 'Łeba' -> 'leba', 'Й' -> 'и', the apostrophes
  readers type (U+2019, U+02BC, U+0060, U+00B4) -> "'".

The JavaScript sits at the top of overrides/assets/guide/boot.js, which every page loads first
(a file of its own would cost every first view a request). tests/fold_cases.json holds the cases
both must answer alike: tests/test_fold.py runs them through these functions and, in Chromium,
through boot.js.
"""

from __future__ import annotations

import unicodedata

# Apostrophes readers type inside Ukrainian words (сім'я): one word, with or without them.
APOSTROPHES = frozenset("'`\u2019\u02bc\u00b4")


def fold_place_name(text: str) -> str:
    """Case- and diacritic-insensitive form for matching: 'Lębork' -> 'lebork'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.replace("-", " ").split())


def fold_search_char(char: str) -> str:
    """One character, lower case and without its diacritic: 'Ł' -> 'l', 'Й' -> 'и'."""
    lower = char.lower()
    if lower == "ł":
        return "l"
    if lower in APOSTROPHES:
        return "'"
    return unicodedata.normalize("NFD", lower)[0]


def fold_search(text: str) -> str:
    """Case- and diacritic-insensitive form, one character for one (so offsets still match)."""
    return "".join(fold_search_char(char) for char in unicodedata.normalize("NFC", text))
