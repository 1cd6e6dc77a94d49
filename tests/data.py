"""The repository's data files, loaded once per test process: many test cases read them, and
none changes them (a test that needs other data writes its own files: tests/fixture_site.py).
The build and the commands load them afresh each time (one object per build)."""

from __future__ import annotations

from functools import cache

from guide.content.content_rules import TextRules
from guide.data.offices import Directory, load_directory
from guide.data.termbase import Termbase
from guide.data.ui import Ui


@cache
def text_rules() -> TextRules:
    """What the page checks read from the data files (the ui words, the termbase, the
    glossary and the fact register: TextRules.load, guide/content/content_rules.py)."""
    return TextRules.load()


def ui() -> Ui:
    """data/ui.yml."""
    return text_rules().ui


def termbase() -> Termbase:
    """data/termbase.yml."""
    return text_rules().termbase


@cache
def directory() -> Directory:
    """data/powiaty.yml."""
    return load_directory(ui=ui())
