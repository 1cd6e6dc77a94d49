"""guide/data/fold.py and its JavaScript twin (window.guideFold, in boot.js) answer
tests/fold_cases.json alike.

The browser test runs boot.js as the built site ships it, on a page, so a change to one copy
without the other fails here.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from guide import ROOT
from guide.data.fold import fold_place_name, fold_search
from tests.browser import open_page

CASES: dict[str, list[list[str]]] = json.loads(
    (Path(__file__).parent / "fold_cases.json").read_text(encoding="utf-8")
)
PYTHON: dict[str, Callable[[str], str]] = {"place": fold_place_name, "search": fold_search}


def test_the_table_names_both_folds() -> None:
    assert sorted(CASES) == sorted(PYTHON)
    assert all(len(case) == 2 for cases in CASES.values() for case in cases)


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [(kind, text, expected) for kind, cases in CASES.items() for text, expected in cases],
    ids=[f"{kind}-{text!a}" for kind, cases in CASES.items() for text, _ in cases],
)
def test_python_fold(kind: str, text: str, expected: str) -> None:
    assert PYTHON[kind](text) == expected


def test_search_fold_keeps_one_character_for_one() -> None:
    """search.js marks a match in the text at its offset in the folded text."""
    composed = [text for text, _ in CASES["search"] if unicodedata.normalize("NFC", text) == text]
    assert len(composed) > 10
    for text in composed:
        assert len(fold_search(text)) == len(text), text


def test_no_other_script_folds_text() -> None:
    """offices.js and search.js use window.guideFold rather than folding on their own."""
    scripts = sorted((ROOT / "overrides/assets/guide").glob("*.js"))
    folding = [path.name for path in scripts if ".normalize(" in path.read_text(encoding="utf-8")]
    assert folding == ["boot.js"]


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(CASES))
def test_javascript_fold_in_chromium(phone: Page, site_url: str, kind: str) -> None:
    open_page(phone, site_url)  # every page loads boot.js (mkdocs.yml extra_javascript)
    inputs = [text for text, _ in CASES[kind]]
    script = "([kind, inputs]) => inputs.map((text) => window.guideFold[kind](text))"
    folded = phone.evaluate(script, [kind, inputs])
    assert list(zip(inputs, folded, strict=True)) == [tuple(case) for case in CASES[kind]]
