"""Each finished page parsed once, for every check and file that reads it.

The output check and the policy (guide/site/csp.py) and the search index (guide/site/search_index.py)
each need a page's HTML as the browser will read it. `parse` runs one HTMLParser over the
page and hands its events to both listeners: the script scanner sees the whole page, the
section parser only the article. hooks/csp.py parses every page in on_post_page and keeps
the sections in the build's own record (`record`, on the config object of that build, one
entry per language), which hooks/search_index.py reads after the language is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from mkdocs.config.defaults import MkDocsConfig

from guide.site.csp import Scan, ScriptScanner
from guide.site.search_index import Section, SectionParser, sections_of

ARTICLE_CLASS = "md-content__inner"
_RECORD = "guide_finished_pages"

Sections = tuple[str, tuple[Section, ...]]  # the page's title and its sections


@dataclass(frozen=True)
class FinishedPage:
    scan: Scan
    sections: Sections | None  # None: the page has no article with a title


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts = ScriptScanner()
        self.article = SectionParser()
        self._depth = 0  # inside the article: the depth of nested <article>s

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts.handle_starttag(tag, attrs)
        if self._depth:
            self.article.handle_starttag(tag, attrs)
        if tag == "article" and (
            self._depth or ARTICLE_CLASS in (dict(attrs).get("class") or "").split()
        ):
            self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts.handle_startendtag(tag, attrs)
        if self._depth:
            self.article.handle_startendtag(tag, attrs)

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


def parse(html: str) -> FinishedPage:
    page = _Page()
    page.feed(html)
    page.close()
    scan = page.scripts.finish()
    try:
        sections: Sections | None = sections_of(page.article)
    except ValueError:
        sections = None
    return FinishedPage(scan, sections)


def _record(config: MkDocsConfig) -> dict[str, dict[str, Sections]]:
    record = getattr(config, _RECORD, None)
    if record is None:
        record = {}
        setattr(config, _RECORD, record)
    return record


def start(config: MkDocsConfig, /, *, lang: str) -> None:
    """A language build begins: forget what an earlier build of it recorded."""
    _record(config)[lang] = {}


def record(config: MkDocsConfig, /, *, lang: str, dest_uri: str, page: FinishedPage) -> None:
    if page.sections is not None:
        _record(config).setdefault(lang, {})[dest_uri] = page.sections


def recorded(config: MkDocsConfig, /, *, lang: str) -> dict[str, Sections]:
    """The sections of every page of language `lang` this build finished, by dest_uri."""
    return dict(_record(config).get(lang, {}))
