"""data/facts-pending.yml: the reviewed baseline of values still typed into pages because no
quotable source for them has been found yet. check-content reports each listed value as a note
(not a failure) and still fails on any typed value not listed; check-data fails on an entry that
no longer matches a typed value of its page, so the list only shrinks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, RootModel

from guide import DATA_DIR, DOCS_DIR
from guide.data.facts import Quote
from guide.data.languages import language_codes
from guide.data.plain_text import Label
from guide.data.typed_values import TypedValueError
from guide.data.yamlfile import DataError, first, load_model

PENDING_YML = DATA_DIR / "facts-pending.yml"


class PendingEntry(BaseModel):
    """One value still typed into a page: its text exactly as check-content reports it."""

    model_config = ConfigDict(extra="forbid", strict=True)
    value: Quote  # plain text, digits alone allowed ("116 111")
    reason: Label


class PendingFile(RootModel[dict[str, list[PendingEntry]]]):
    """Page (`pl/work.md`, inside docs/) -> the values still typed into it."""


@dataclass(frozen=True, eq=False)
class Pending:
    path: Path
    pages: dict[str, list[PendingEntry]]
    lines: dict[tuple[str, int], int]  # (page, index) -> the entry's line

    def counts(self, page: str) -> Counter[str]:
        return Counter(entry.value for entry in self.pages.get(page, []))


def validate_pending(path: Path = PENDING_YML) -> tuple[Pending | None, list[DataError]]:
    """The baseline and every problem of the file: the model, then each page key, which must be
    `LANG/….md` with a language of mkdocs.yml."""
    loaded, model, problems = load_model(path, PendingFile)
    if loaded is None or model is None:
        return None, problems
    codes = language_codes()
    for page in model.root:
        lang = page.split("/", 1)[0]
        if lang not in codes or not page.endswith(".md"):
            problems.append(
                DataError(
                    path,
                    loaded.line_of((page,)),
                    f"{page}: not a page (write LANG/PAGE.md with LANG one of {', '.join(codes)})",
                )
            )
    lines = {
        (page, index): loaded.line_of((page, index, "value"))
        for page, entries in model.root.items()
        for index in range(len(entries))
    }
    return (None if problems else Pending(path, dict(model.root), lines)), problems


@cache
def load_pending(path: Path = PENDING_YML) -> Pending:
    """The baseline; its first problem raises DataError (check-data lists them all)."""
    return first(validate_pending(path))


def page_key(path: Path, *, docs_dir: Path = DOCS_DIR) -> str:
    """`pl/work.md` for docs/pl/work.md (the keys of facts-pending.yml)."""
    return path.resolve().relative_to(docs_dir.resolve()).as_posix()


def split_pending(
    problems: Iterable[object], pending: Pending, *, docs_dir: Path = DOCS_DIR
) -> tuple[list[object], list[DataError]]:
    """(failures, notes): a typed value listed for its page is a note, as many times as it is
    listed; every other problem stays a failure."""
    left: dict[str, Counter[str]] = {}
    failures: list[object] = []
    notes: list[DataError] = []
    for problem in problems:
        if isinstance(problem, TypedValueError):
            try:
                page = page_key(problem.path, docs_dir=docs_dir)
            except ValueError:  # a page outside docs/
                failures.append(problem)
                continue
            counts = left.setdefault(page, pending.counts(page))
            if counts[problem.value] > 0:
                counts[problem.value] -= 1
                notes.append(problem)
                continue
        failures.append(problem)
    return failures, notes


def note_summary(notes: Sequence[DataError], *, docs_dir: Path = DOCS_DIR) -> list[str]:
    """Per language of mkdocs.yml with pending values: how many (a report, not a failure)."""
    per_lang = Counter(page_key(note.path, docs_dir=docs_dir).split("/", 1)[0] for note in notes)
    return [
        f"{lang}: {per_lang[lang]} typed-in value(s) pending in data/facts-pending.yml "
        "(no quotable source yet)"
        for lang in language_codes()
        if per_lang[lang]
    ]


def stale_problems(
    pending: Pending, typed: Iterable[DataError], *, docs_dir: Path = DOCS_DIR
) -> list[DataError]:
    """An entry of `pending` that matches no typed value (`typed`: every typed-value problem of
    the pages) left in its page: the value became a fact or was removed, so delete the entry."""
    found: dict[str, Counter[str]] = {}
    for problem in typed:
        if isinstance(problem, TypedValueError):
            page = page_key(problem.path, docs_dir=docs_dir)
            found.setdefault(page, Counter())[problem.value] += 1
    problems = []
    for page, entries in pending.pages.items():
        left = found.get(page, Counter())
        for index, entry in enumerate(entries):
            if left[entry.value] > 0:
                left[entry.value] -= 1
                continue
            problems.append(
                DataError(
                    pending.path,
                    pending.lines[(page, index)],
                    f"{page}: {entry.value!r} is no longer typed into the page: delete this entry",
                )
            )
    return problems


def baseline_yaml(typed: Iterable[DataError], *, reason: str, docs_dir: Path = DOCS_DIR) -> str:
    """facts-pending.yml's entries for every typed-value problem in `typed`, each with `reason`
    (to generate the first list from check-content's findings; review it before committing)."""
    import yaml

    pages: dict[str, list[dict[str, str]]] = {}
    for problem in typed:
        if isinstance(problem, TypedValueError):
            page = page_key(problem.path, docs_dir=docs_dir)
            pages.setdefault(page, []).append({"value": problem.value, "reason": reason})
    return yaml.safe_dump(
        dict(sorted(pages.items())), allow_unicode=True, sort_keys=False, width=100
    )
