"""In a phone-sized browser: axe-core finds no accessibility violation on the home page, a
topic, a powiat page and the glossary, in every language."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser import open_page
from tests.pages import LANGUAGES, url_of

pytestmark = pytest.mark.browser

KINDS = ("index.md", "work.md", "powiaty/gdansk.md", "glossary.md")
AXE = Axe()


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation: its id, impact and every element it was found on."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("page", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations(phone: Page, site_url: str, lang: str, page: str) -> None:
    open_page(phone, site_url + url_of(lang, page), wait_until="load")
    violations = AXE.run(phone).response["violations"]
    assert violations == [], f"axe on /{url_of(lang, page)}:\n{describe(violations)}"
