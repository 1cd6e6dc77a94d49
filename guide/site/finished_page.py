"""Each finished page parsed once, for every check and file that reads it.

The output check and the policy (guide/site/csp.py) and the search index
(guide/site/search_index.py) each need a page's HTML as the browser will read it. `parse` runs
one HTMLParser over the page (or replays its events, guide/content/html_events.py, where the
page keeps to plain HTML, as every page the guide writes does) and hands them to both
listeners: the script scanner sees the whole page, the section parser only the article, and
the references to the site's own files are noted for the offline pack (guide/site/offline.py).
The plugin parses every page in on_post_page and keeps what the search index and the offline
pack need in the build object's record of the language (guide/site/build_state.py), which they
read after the language is built."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import jinja2

from guide.content.html_events import KnownAttributes, feed, replay
from guide.site.csp import Scan, ScriptScanner, insert, policy_insertion, policy_position
from guide.site.css_prune import NameCollector, PageNames, page_names
from guide.site.search_index import Section, SectionParser, sections_of

ARTICLE_CLASS = "md-content__inner"
PRINT_ONLY = "print-qr.svg"  # the QR code beside each page, fetched only when printing

Sections = tuple[str, tuple[Section, ...]]  # the page's title and its sections
_REFERRING = frozenset({"script", "img", "link", "template"})  # tags that load a file


@dataclass(frozen=True)
class FinishedPage:
    scan: Scan
    sections: Sections | None  # None: the page has no article with a title
    loads: frozenset[str]  # site paths of the site's own files the page loads
    names: PageNames  # what the stylesheet steps read of it (guide/site/first_paint.py)
    # Whether the position `parse` was asked about lies between two tokens (not inside a
    # tag, comment, script or text): a tag inserted there adds its names to the page's.
    between_tokens: bool


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts = ScriptScanner()
        self.article = SectionParser()
        self._depth = 0  # inside the article: the depth of nested <article>s
        self.references: list[str] = []  # scripts, stylesheets, icons and pictures
        self.names = NameCollector()

    def updatepos(self, i: int, j: int) -> int:
        return j  # the parser's line count: no listener reports a position (getpos)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}  # one dict for the listeners
        self.scripts.start(tag, values)
        self.names.starttag(tag, attrs, values)
        if tag in _REFERRING:
            self._reference(tag, values)
        if self._depth:
            self.article.start(tag, values)
        if tag == "article" and (self._depth or ARTICLE_CLASS in values.get("class", "").split()):
            self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.scripts.start(tag, values)  # browsers ignore the slash (ScriptScanner)
        self.names.starttag(tag, attrs, values)
        if tag in _REFERRING:
            self._reference(tag, values)
        if self._depth:
            self.article.handle_startendtag(tag, attrs)

    def _reference(self, tag: str, values: dict[str, str]) -> None:
        if tag in ("script", "img") and values.get("src"):
            self.references.append(values["src"])
        elif tag == "template" and values.get("data-src"):  # scripts loaded later (main.html)
            self.references.append(values["data-src"])
        elif tag == "link" and values.get("rel") in ("stylesheet", "icon") and values.get("href"):
            self.references.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":  # the only end tag the script scanner reads
            self.scripts.handle_endtag(tag)
        elif tag == "article" and self._depth:
            self._depth -= 1
        if self._depth:
            self.article.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.scripts.handle_data(data)
        if self._depth:
            self.article.handle_data(data)


def parse(
    html: str,
    *,
    page: str = "index.html",
    position: int | None = None,
    known: KnownAttributes | None = None,
) -> FinishedPage:
    """The finished page at site path `page` (its dest_uri), parsed once; `position`: where
    the caller will insert a tag (the policy), FinishedPage.between_tokens says whether that
    is between two tokens; `known`: the build's tag attributes already read (replay)."""
    parsed = _Page()
    replayed = replay(html, parsed, position=position, known=known)
    between = replayed is True and position is not None
    if replayed is None:  # outside the plain subset: HTMLParser reads it
        parsed = _Page()
        between = feed(html, parsed, position=position)
    scan = parsed.scripts.finish()
    try:
        sections: Sections | None = sections_of(parsed.article)
    except ValueError:
        sections = None
    loads = own_files(page, parsed.references)
    return FinishedPage(scan, sections, loads, parsed.names.names(), between)


def own_files(page: str, references: list[str]) -> frozenset[str]:
    """Site paths of the site's own files among `references` of the page at site path `page`
    (the printed page's QR code, fetched only when printing, left out)."""
    found: set[str] = set()
    for ref in references:
        url = urlsplit(urljoin("https://site.invalid/" + page, ref))
        if url.netloc == "site.invalid" and not url.path.endswith("/" + PRINT_ONLY):
            found.add(url.path.removeprefix("/"))
    return frozenset(found)


def names_after(
    parsed: FinishedPage, *, position: int | None, insertion: tuple[int, str] | None
) -> PageNames | None:
    """The names of the page `parsed` (parsed with `position`) once `insertion` (the policy,
    csp.policy_insertion) is made into it; None when that is not known without parsing the
    page again: the insertion is elsewhere, inside a token, or holds a script."""
    if insertion is None:
        return parsed.names
    at, text = insertion
    inserted = page_names(text)
    if at != position or not parsed.between_tokens or inserted.scripts:
        return None
    return parsed.names.with_names(inserted)


def attach_once(
    html: str, /, *, env: jinja2.Environment, where: str
) -> tuple[str, PageNames | None]:
    """The page with its policy (guide.site.csp.policy_insertion, no inline script allowed),
    from the page's one parse, and the names of the page it returns (names_after)."""
    position = policy_position(html)
    parsed = parse(html, page=where, position=position)
    insertion = policy_insertion(html, env=env, where=where, found=parsed.scan)
    return insert(html, insertion), names_after(parsed, position=position, insertion=insertion)
