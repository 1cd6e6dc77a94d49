"""Free text from pull requests (page titles, office names, interface words): what it may hold.

Escaping keeps markup out of every page; these rules keep out what escaping lets through and
readers cannot see: control and format characters (zero-width spaces, U+202E and the other
bidi controls, soft hyphens), private-use and unassigned characters, line and paragraph
separators; and a text of only such characters or spaces, which shows as nothing. Every
free-text field of the data models and front matter is one of the types below.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, Field

# Control, format (Cf: zero-width, bidi), surrogate, private use, unassigned; line separators.
INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def plain_text_problem(value: str, *, letters: bool = True) -> str | None:
    """Why `value` is no plain visible text, or None."""
    # str.isprintable: no character of the categories Other (C*) or Separator (Z*) but the
    # space, which hold INVISIBLE; only a text with one is looked at character by character.
    for char in "" if value.isprintable() else value:
        if unicodedata.category(char) in INVISIBLE:
            name = unicodedata.name(char, "no name")
            return f"character U+{ord(char):04X} ({name}) is not allowed: plain visible text only"
    if letters and not any(unicodedata.category(char).startswith("L") for char in value):
        return "needs visible letters"
    return None


def checked(problem_of: Callable[[str], str | None]) -> AfterValidator:
    """A pydantic validator from a function that names a value's problem (None when fine)."""

    def check(value: str) -> str:
        problem = problem_of(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


PLAIN = checked(plain_text_problem)
# The length caps: several times the longest text of the kind in data/ today.
Title = Annotated[str, Field(min_length=1, max_length=80), PLAIN]  # page titles
Name = Annotated[str, Field(min_length=1, max_length=200), PLAIN]  # names, addresses, terms
Description = Annotated[str, Field(min_length=1, max_length=200), PLAIN]
Label = Annotated[str, Field(min_length=1, max_length=600), PLAIN]  # ui.yml, glossary
Note = Annotated[str, Field(min_length=1, max_length=2000), PLAIN]  # maintainers' notes
