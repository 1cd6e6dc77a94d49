"""Each finished page parsed once, for every check and file that reads it.

The output check and the policy (guide/site/csp.py) and the search index
(guide/site/search_index.py) each need a page's HTML as the browser will read it. `parse` runs
one HTMLParser over the page and hands its events to both listeners: the script scanner sees the
whole page, the section parser only the article, and the references to the site's own files are
noted for the offline pack (guide/site/offline.py). The plugin parses every page in on_post_page
and keeps what the search index and the offline pack need in the build object's record of the
language (guide/site/build_state.py), which they read after the language is built."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from guide.site.csp import Scan, ScriptScanner
from guide.site.search_index import Section, SectionParser, sections_of

ARTICLE_CLASS = "md-content__inner"
PRINT_ONLY = "print-qr.svg"  # the QR code beside each page, fetched only when printing

Sections = tuple[str, tuple[Section, ...]]  # the page's title and its sections


@dataclass(frozen=True)
class FinishedPage:
    scan: Scan
    sections: Sections | None  # None: the page has no article with a title
    loads: frozenset[str]  # site paths of the site's own files the page loads


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts = ScriptScanner()
        self.article = SectionParser()
        self._depth = 0  # inside the article: the depth of nested <article>s
        self.references: list[str] = []  # scripts, stylesheets, icons and pictures

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts.handle_starttag(tag, attrs)
        self._reference(tag, attrs)
        if self._depth:
            self.article.handle_starttag(tag, attrs)
        if tag == "article" and (
            self._depth or ARTICLE_CLASS in (dict(attrs).get("class") or "").split()
        ):
            self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts.handle_startendtag(tag, attrs)
        self._reference(tag, attrs)
        if self._depth:
            self.article.handle_startendtag(tag, attrs)

    def _reference(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("script", "img", "link", "template"):
            return
        values = {name: value or "" for name, value in attrs}
        if tag in ("script", "img") and values.get("src"):
            self.references.append(values["src"])
        elif tag == "template" and values.get("data-src"):  # Material's bundle, on demand
            self.references.append(values["data-src"])
        elif tag == "link" and values.get("rel") in ("stylesheet", "icon") and values.get("href"):
            self.references.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        self.scripts.handle_endtag(tag)
        if tag == "article" and self._depth:
            self._depth -= 1
        if self._depth:
            self.article.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.scripts.handle_data(data)
        if self._depth:
            self.article.handle_data(data)


def parse(html: str, *, page: str = "index.html") -> FinishedPage:
    """The finished page at site path `page` (its dest_uri), parsed once."""
    parsed = _Page()
    parsed.feed(html)
    parsed.close()
    scan = parsed.scripts.finish()
    try:
        sections: Sections | None = sections_of(parsed.article)
    except ValueError:
        sections = None
    return FinishedPage(scan, sections, own_files(page, parsed.references))


def own_files(page: str, references: list[str]) -> frozenset[str]:
    """Site paths of the site's own files among `references` of the page at site path `page`
    (the printed page's QR code, fetched only when printing, left out)."""
    found: set[str] = set()
    for ref in references:
        url = urlsplit(urljoin("https://site.invalid/" + page, ref))
        if url.netloc == "site.invalid" and not url.path.endswith("/" + PRINT_ONLY):
            found.add(url.path.removeprefix("/"))
    return frozenset(found)
