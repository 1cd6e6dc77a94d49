"""What the tests iterate over: every (language, page) of the built site."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from guide import DOCS_DIR, ROOT
from guide.data.languages import (
    language_codes,
    nav_pages,
    page_url,
    site_language_prefix,
    source_pages,
)
from tests import data

LANGUAGES = language_codes()
POWIAT_PAGES = ("powiaty/index.md", *(f"powiaty/{p.slug}.md" for p in data.directory().powiaty))
PAGES = (*source_pages(), *POWIAT_PAGES)
LANGUAGE_PAGES = [(lang, page) for lang in LANGUAGES for page in PAGES]
WRITTEN_PAGES = tuple(page for page in nav_pages() if not page.startswith("powiaty/"))
# Every page file written in a language (a partial language's missing ones show the Polish page;
# a page missing in a complete language fails tests/test_translations.py).
WRITTEN = [
    (lang, page)
    for lang in LANGUAGES
    for page in WRITTEN_PAGES
    if (DOCS_DIR / lang / page).is_file()
]


def page_id(value: object) -> str:
    return str(value)


def output_path(site: Path, lang: str, page: str) -> Path:
    return site / site_language_prefix(lang) / page_url(page) / "index.html"


def url_of(lang: str, page: str) -> str:
    """Site-relative URL of a page, e.g. `uk/work/`."""
    return site_language_prefix(lang) + page_url(page)


@cache
def parse(site: Path, lang: str, page: str) -> BeautifulSoup:
    """The built page, parsed once per test process (the site does not change while tests
    read it): several tests read each page. Do not modify it; `copy.copy()` it first."""
    return BeautifulSoup(output_path(site, lang, page).read_text(encoding="utf-8"), "html.parser")


def resolve(lang: str, page: str, href: str) -> str:
    """A link found on a page, as a site-relative path without query or fragment."""
    base = "https://site.invalid/" + url_of(lang, page)
    target = urlsplit(urljoin(base, href))
    return target.path.removeprefix("/")


def run_guide(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m guide ARGS` from the project root, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "guide", *args], cwd=ROOT, capture_output=True, text=True, env=env
    )


def links_leaving_language(
    soup: BeautifulSoup, *, lang: str, page: str, languages: Sequence[str] = LANGUAGES
) -> list[str]:
    """The links of a page's article that leave its language's tree or point into another
    language's; a translation notice's link to the Polish original is meant to leave."""
    others = [code for code in languages if code != lang and url_of(code, "index.md")]
    article = soup.select_one("article")
    assert article is not None
    own_prefix = url_of(lang, "index.md")
    found = []
    for link in article.select("a[href]"):
        href = str(link["href"])
        if href.startswith(("http:", "https:", "mailto:", "tel:", "#")):
            continue
        if link.find_parent(attrs={"data-notice": True}) is not None:
            continue  # a translation notice links to the Polish original on purpose
        target = resolve(lang, page, href)
        if target.startswith(f"pdf/{lang}/"):
            continue  # this language's printouts (`make pdf` writes them under pdf/)
        if not target.startswith(own_prefix):
            found.append(f"{lang}/{page}: {href} leaves {own_prefix or '/'}")
        elif any(target.startswith(url_of(code, "index.md")) for code in others):
            found.append(f"{lang}/{page}: {href} points into another language")
    return found
