"""Content rules of every page in every language: review date, official sources, length."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from guide import DOCS_DIR
from guide.content.frontmatter import read
from guide.content.translations import structure
from guide.data.languages import default_language, nav_pages, source_pages
from guide.data.offices import today
from tests.pages import WRITTEN, WRITTEN_PAGES

TOPIC_PAGES = [p for p in nav_pages() if p not in ("index.md", "glossary.md", "powiaty/index.md")]
CASES = WRITTEN


def test_every_written_page_is_in_the_navigation() -> None:
    assert sorted(WRITTEN_PAGES) == sorted(source_pages())


@pytest.mark.parametrize(("lang", "page"), CASES)
def test_last_reviewed_is_a_past_date(lang: str, page: str) -> None:
    meta, _ = read(DOCS_DIR / lang / page)
    reviewed = meta.get("last_reviewed")
    assert isinstance(reviewed, dt.date), f"{lang}/{page}: last_reviewed: YYYY-MM-DD missing"
    assert reviewed <= today(), f"{lang}/{page}: last_reviewed {reviewed} is in the future"
    assert meta.get("title"), f"{lang}/{page}: no title in front matter"


@pytest.mark.parametrize(("lang", "page"), CASES)
def test_official_sources_section(lang: str, page: str) -> None:
    text = (DOCS_DIR / lang / page).read_text(encoding="utf-8")
    last = text.rsplit("\n## ", 1)[-1]
    links = re.findall(r"\]\((\w+:[^)\s]+)\)", last)
    assert len(links) >= 2, f"{lang}/{page}: fewer than 2 links in the last (sources) section"
    insecure = [link for link in links if not link.startswith("https://")]
    assert insecure == [], f"{lang}/{page}: sources must be https: {insecure}"
    assert structure(DOCS_DIR / lang / page).source_links == len(links)


@pytest.mark.parametrize("page", TOPIC_PAGES)
def test_polish_topic_page_has_400_words(page: str) -> None:
    words = structure(DOCS_DIR / default_language() / page).words
    assert words >= 400, f"pl/{page}: {words} words, a topic page needs at least 400"
