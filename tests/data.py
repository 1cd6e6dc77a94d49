"""The repository's data files, loaded once per test process: many test cases read them, and
none changes them (a test that needs other data writes its own files: tests/fixture_site.py).
The build and the commands load them afresh each time (one object per build)."""

from __future__ import annotations

from functools import cache

from guide.content.content_rules import TextRules
from guide.data.facts import load_facts
from guide.data.glossary import load_glossary
from guide.data.offices import Directory, load_directory
from guide.data.termbase import Termbase, load_termbase
from guide.data.ui import Ui, load_ui


@cache
def ui() -> Ui:
    """data/ui.yml."""
    return load_ui()


@cache
def directory() -> Directory:
    """data/powiaty.yml."""
    return load_directory(ui=ui())


@cache
def termbase() -> Termbase:
    """data/termbase.yml."""
    return load_termbase()


@cache
def text_rules() -> TextRules:
    """What the page checks read from the data files (guide/content/content_rules.py)."""
    return TextRules(
        ui=ui(), termbase=termbase(), glossary=load_glossary(), register=load_facts(ui=ui())
    )
