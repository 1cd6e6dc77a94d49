"""The glossary (data/glossary.yml): Polish office and everyday terms, keyed by the Polish term."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from guide import DATA_DIR
from guide.gminy import fold
from guide.site import default_language, language_codes
from guide.yamlfile import DataError, load_yaml

GLOSSARY_YML = DATA_DIR / "glossary.yml"
MINIMUM_TERMS = 60


@dataclass(frozen=True)
class Term:
    term: str
    translation: dict[str, str]
    explanation: dict[str, str]

    @property
    def anchor(self) -> str:
        return "term-" + fold(self.term).replace(" ", "-")


@cache
def load_glossary(path: Path = GLOSSARY_YML) -> tuple[Term, ...]:
    loaded = load_yaml(path)
    data: Any = loaded.data
    terms: list[Term] = []
    seen: set[str] = set()
    translated = [code for code in language_codes() if code != default_language()]
    for index, entry in enumerate(data["terms"]):
        line = loaded.line_of(("terms", index))
        term = entry.get("term") if isinstance(entry, dict) else None
        if not term:
            raise DataError(path, line, "glossary entry without `term`")
        if term in seen:
            raise DataError(path, line, f"term {term!r} is listed twice")
        seen.add(term)
        missing = [
            f"translation.{c}" for c in translated if not entry.get("translation", {}).get(c)
        ]
        missing += [
            f"explanation.{c}" for c in language_codes() if not entry.get("explanation", {}).get(c)
        ]
        if missing:
            raise DataError(path, line, f"term {term!r}: missing {', '.join(missing)}")
        terms.append(Term(term, dict(entry["translation"]), dict(entry["explanation"])))
    if len(terms) < MINIMUM_TERMS:
        raise DataError(path, 1, f"{len(terms)} terms; the glossary needs at least {MINIMUM_TERMS}")
    return tuple(terms)
