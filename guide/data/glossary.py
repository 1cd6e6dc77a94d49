"""The glossary (data/glossary.yml): Polish office and everyday terms, keyed by the Polish term."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from guide import DATA_DIR
from guide.data.fold import fold_place_name
from guide.data.languages import default_language, language_codes
from guide.data.plain_text import Label, Name
from guide.data.yamlfile import DataError, first, load_model

GLOSSARY_YML = DATA_DIR / "glossary.yml"
MINIMUM_TERMS = 60


@dataclass(frozen=True)
class Term:
    term: str
    translation: dict[str, str]
    explanation: dict[str, str]

    @property
    def anchor(self) -> str:
        return "term-" + fold_place_name(self.term).replace(" ", "-")


class GlossaryEntry(BaseModel):
    """One term; every language's text is checked after the model (load_glossary)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    term: Name
    translation: dict[str, Label] = {}
    explanation: dict[str, Label] = {}


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    terms: list[GlossaryEntry]


def validate_glossary(path: Path = GLOSSARY_YML) -> tuple[tuple[Term, ...] | None, list[DataError]]:
    """Load and check glossary.yml: the terms (None if invalid) and every problem."""
    loaded, model, problems = load_model(path, GlossaryFile)
    if loaded is None or model is None:
        return None, problems
    terms: list[Term] = []
    seen: set[str] = set()
    codes = language_codes()
    translated = [code for code in codes if code != default_language()]
    for index, entry in enumerate(model.terms):
        line = loaded.line_of(("terms", index))
        term = entry.term
        if term in seen:
            problems.append(DataError(path, line, f"term {term!r} is listed twice"))
        seen.add(term)
        missing = [f"translation.{c}" for c in translated if not entry.translation.get(c)]
        missing += [f"explanation.{c}" for c in codes if not entry.explanation.get(c)]
        if missing:
            problems.append(DataError(path, line, f"term {term!r}: missing {', '.join(missing)}"))
        terms.append(Term(term, dict(entry.translation), dict(entry.explanation)))
    if len(terms) < MINIMUM_TERMS:
        problems.append(
            DataError(path, 1, f"{len(terms)} terms; the glossary needs at least {MINIMUM_TERMS}")
        )
    return (None, problems) if problems else (tuple(terms), [])


def load_glossary(path: Path = GLOSSARY_YML) -> tuple[Term, ...]:
    """The validated glossary; raises the first DataError (which fails the build)."""
    return first(validate_glossary(path))
