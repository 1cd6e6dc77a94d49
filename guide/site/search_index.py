"""The guide's search: one small index per language, fetched only when a reader opens search.

Material's stock search puts every language in one lunr index (1.8 MB), fetched on the
first page view, and lunr has no Polish or Ukrainian stemmer. Instead each language gets
`<language prefix>assets/guide/search-index.json`: the sections of its pages (page, heading
anchor, heading, plain text), read from the built HTML. `search.js` matches a query the way
`search()` below does: case and diacritics folded (Lębork -> lebork, ł -> l, й -> и, ё to
its plain Cyrillic e), every query word a prefix of some word of the section, the best section
of each page first (the folding is guide/data/fold.py's). Python and JavaScript keep the same rules:
tests/test_search_parity.py runs the same queries on each built index through both.

Synonyms: the variants data/termbase.yml tells writers to avoid are what readers type (ru
"вид на жительство" for "карта побыту"). Each language's index carries its variants and their
rendering (`synonyms()`); a query holding a variant's words is also run with the rendering in
their place, and a page counts with its best score of either.

`python -m guide search QUERY... [--site SITE_DIR]` prints what each language finds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from guide.data.fold import fold_search

if TYPE_CHECKING:
    from guide.data.termbase import Termbase

SEARCH_JSON = "assets/guide/search-index.json"
STEM = "*"  # a synonym's word ending in it matches every query word starting with the rest

# (variant's folded words, a word ending in STEM for any ending; the rendering's folded words)
Synonym = tuple[tuple[str, ...], tuple[str, ...]]

_WORD = re.compile(r"(?:[^\W_]|')+")
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Elements whose text is not content: scripts, the map's shapes, pickers, permalink signs.
_SKIPPED = frozenset({"script", "style", "svg", "select", "button", "template", "noscript"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_HEADINGS = frozenset({"h1", "h2", "h3"})
# Permalink signs; "Report a mistake" / "Edit this page" links (on every page, not content).
_NOT_CONTENT = frozenset({"headerlink", "guide-feedback", "guide-keep"})


def words(text: str) -> tuple[str, ...]:
    """The folded words of `text`: letters and digits; apostrophes dropped (сім'я = сімя)."""
    found = (w.replace("'", "") for w in _WORD.findall(fold_search(text)))
    return tuple(word for word in found if word)


@dataclass(frozen=True)
class Section:
    """A part of a page under one heading; `anchor` is '' for the top of the page."""

    anchor: str
    heading: str
    text: str

    # Folded once per section, not once per query: the tests run hundreds of queries on
    # one index (kept with the object, so no cache outlives it).
    @cached_property
    def heading_words(self) -> tuple[str, ...]:
        return words(self.heading)

    @cached_property
    def text_words(self) -> tuple[str, ...]:
        """Sorted: the words a query word begins are then one run, found by bisection."""
        return tuple(sorted(words(self.text)))


@dataclass(frozen=True)
class IndexedPage:
    url: str  # relative to the language's root, e.g. 'powiaty/leborski/'
    title: str
    sections: tuple[Section, ...]

    @cached_property
    def title_words(self) -> tuple[str, ...]:
        return words(self.title)


class SectionParser(HTMLParser):
    """Splits the article of a built page at its h1/h2/h3 headings into plain-text sections
    (fed the article's events by guide/site/finished_page.py, or by page_sections)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None  # the text of the first h1
        self.skipping = 0
        self.heading: tuple[str, list[str]] | None = None
        self.sections: list[tuple[str, str, list[str]]] = [("", "", [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, {name: value or "" for name, value in attrs})

    def start(self, tag: str, values: dict[str, str]) -> None:
        """A start tag with its attributes' `values` (the last of a repeated name, a value
        left out as ""), as the listeners of guide/site/finished_page.py share them."""
        if self.skipping:
            self.skipping += tag not in _VOID
            return
        if tag in _SKIPPED or not _NOT_CONTENT.isdisjoint(values.get("class", "").split()):
            self.skipping = 1
        elif tag in _HEADINGS:
            self.heading = (values.get("id", ""), [])
        elif tag in _VOID or tag in {"p", "li", "dt", "dd", "td", "th", "div", "section"}:
            self._text(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
        elif tag in _HEADINGS and self.heading is not None:
            anchor, parts = self.heading
            self.heading = None
            heading = " ".join("".join(parts).split())
            if tag != "h1":  # the h1 is the page's title, kept with the page
                self.sections.append((anchor, heading, []))
            elif self.title is None:
                self.title = heading
        else:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.heading is not None:
            self.heading[1].append(data)
        else:
            self._text(data)

    def _text(self, data: str) -> None:
        self.sections[-1][2].append(data)


def sections_of(parser: SectionParser) -> tuple[str, tuple[Section, ...]]:
    """(title, sections) from a parser fed a page's article."""
    if parser.title is None:
        raise ValueError("the page's article has no <h1> title")
    sections = tuple(
        Section(anchor, heading, unicodedata.normalize("NFC", " ".join("".join(parts).split())))
        for anchor, heading, parts in parser.sections
        if heading or "".join(parts).strip()
    )
    return parser.title, sections


def page_sections(html: str) -> tuple[str, tuple[Section, ...]]:
    """(title, sections) of a built page: the text of its <article>, split at headings."""
    article = _ARTICLE.search(html)
    if article is None:
        raise ValueError("no <article class='md-content__inner md-typeset'> in the page")
    parser = SectionParser()
    parser.feed(article[1])
    parser.close()
    return sections_of(parser)


def language_pages(site_dir: Path, prefix: str, other_prefixes: Iterable[str]) -> list[Path]:
    """Every built page (…/index.html) of the language under `prefix`, in a stable order."""
    root = site_dir / prefix
    skipped = tuple(p for p in other_prefixes if p)
    return sorted(
        path
        for path in root.rglob("index.html")
        if not path.relative_to(site_dir).as_posix().startswith(skipped)
    )


def indexed_pages(
    finished: Iterable[tuple[str, tuple[str, tuple[Section, ...]]]], /, *, prefix: str
) -> list[IndexedPage]:
    """The index of one language from (dest_uri, (title, sections)) of each page it built,
    in the order build_index reads the built files."""
    pages = []
    for dest, (title, sections) in sorted(finished, key=lambda item: Path(item[0]).parts):
        url = Path(dest).parent.as_posix().removeprefix(prefix.rstrip("/")).strip("/")
        pages.append(IndexedPage("" if url in ("", ".") else f"{url}/", title, sections))
    return pages


def build_index(site_dir: Path, prefix: str, other_prefixes: Iterable[str]) -> list[IndexedPage]:
    """The index of one language from its built pages (home page first): `python -m guide
    search` and the tests read a built site; the build itself uses indexed_pages."""
    root = site_dir / prefix
    pages = []
    for path in language_pages(site_dir, prefix, other_prefixes):
        html = path.read_text(encoding="utf-8")
        try:
            title, sections = page_sections(html)
        except ValueError as problem:
            raise ValueError(f"{path.relative_to(site_dir)}: {problem}") from None
        url = path.parent.relative_to(root).as_posix()
        pages.append(IndexedPage("" if url == "." else f"{url}/", title, sections))
    return pages


def synonyms(lang: str, termbase: Termbase | None = None) -> tuple[Synonym, ...]:
    """The termbase's avoided variants in `lang` (plain phrases; a `re:` variant is no phrase a
    reader types) with the rendering to search for instead, without its Polish bracket
    (`termbase`: data/termbase.yml, read when not given)."""
    from guide.data.termbase import REGEX_PREFIX, core, load_termbase

    found: dict[Synonym, None] = {}
    for avoided in (termbase or load_termbase()).avoided_in(lang):
        if avoided.variant.startswith(REGEX_PREFIX):
            continue
        variant = tuple(
            "".join(words(word.removesuffix(STEM))) + (STEM if word.endswith(STEM) else "")
            for word in avoided.variant.split()
        )
        found[variant, words(core(avoided.term.rendering(lang)))] = None
    return tuple(found)


def index_json(pages: Sequence[IndexedPage], *, synonyms: Sequence[Synonym] = ()) -> str:
    """The file search.js fetches: pages [url, title], sections [page, anchor, heading, text]
    and synonyms [variant words, rendering words]."""
    payload = {
        "pages": [[page.url, page.title] for page in pages],
        "synonyms": [[list(variant), list(rendering)] for variant, rendering in synonyms],
        "sections": [
            [number, section.anchor, section.heading, section.text]
            for number, page in enumerate(pages)
            for section in page.sections
        ],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def load_index(text: str) -> list[IndexedPage]:
    """The pages of a search-index.json (the inverse of index_json)."""
    payload = json.loads(text)
    sections: dict[int, list[Section]] = {}
    for number, anchor, heading, body in payload["sections"]:
        sections.setdefault(number, []).append(Section(anchor, heading, body))
    return [
        IndexedPage(url, title, tuple(sections.get(number, [])))
        for number, (url, title) in enumerate(payload["pages"])
    ]


def load_synonyms(text: str) -> tuple[Synonym, ...]:
    """The synonyms of a search-index.json."""
    return tuple(
        (tuple(variant), tuple(rendering)) for variant, rendering in json.loads(text)["synonyms"]
    )


def _matches(term: str, word: str) -> bool:
    """A query word against a synonym's word: the same word, or any ending of a stem."""
    stem = word.removesuffix(STEM)
    return term.startswith(stem) if stem != word else term == word


def expanded(terms: Sequence[str], synonyms: Sequence[Synonym]) -> list[list[str]]:
    """The query's words, then for each variant found in them (its words in a row, first
    occurrence) the words with the rendering in the variant's place."""
    found = [list(terms)]
    for variant, rendering in synonyms:
        for start in range(len(terms) - len(variant) + 1):
            if all(_matches(terms[start + i], word) for i, word in enumerate(variant)):
                replaced = [*terms[:start], *rendering, *terms[start + len(variant) :]]
                found.append(list(dict.fromkeys(replaced)))
                break
    return found


@dataclass(frozen=True)
class Hit:
    url: str  # page URL relative to the language root, with '#anchor' for a section
    title: str
    heading: str
    score: int


def _term_score(
    term: str, title: tuple[str, ...], heading: tuple[str, ...], text: tuple[str, ...]
) -> int:
    """Weight of one query word in a section: 0 when it is no prefix of any of its words
    (`text`: its sorted words, Section.text_words)."""
    if any(word.startswith(term) for word in title):
        return 15 if term in title else 10
    if any(word.startswith(term) for word in heading):
        return 9 if term in heading else 6
    # `text` is sorted, and so are its words cut to the query word's length
    cut = len(term)
    start = bisect_left(text, term, key=lambda word: word[:cut])
    return min(bisect_right(text, term, lo=start, key=lambda word: word[:cut]) - start, 5)


def _section_score(
    queries: list[list[str]],
    title: tuple[str, ...],
    heading: tuple[str, ...],
    text: tuple[str, ...],
) -> int:
    """The best sum of word weights over the query's alternatives that the section holds
    every word of; 0 when it holds none of them whole."""
    best = 0
    for alternative in queries:
        total = 0
        for term in alternative:
            weight = _term_score(term, title, heading, text)
            if not weight:
                break
            total += weight
        else:
            best = max(best, total)
    return best


def search(
    pages: Sequence[IndexedPage],
    query: str,
    limit: int = 10,
    *,
    synonyms: Sequence[Synonym] = (),
) -> list[Hit]:
    """Pages whose section holds every word of the query (or of the query with a synonym's
    rendering in place of its variant) as a word prefix, best first."""
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        return []
    queries = expanded(terms, synonyms)
    hits: list[tuple[int, int, Hit]] = []
    for order, page in enumerate(pages):
        title = page.title_words
        best: Hit | None = None
        for section in page.sections:
            score = _section_score(queries, title, section.heading_words, section.text_words)
            if score and (best is None or score > best.score):
                url = page.url + (f"#{section.anchor}" if section.anchor else "")
                best = Hit(url, page.title, section.heading, score)
        if best is not None:
            hits.append((-best.score, order, best))
    return [hit for _, _, hit in sorted(hits, key=lambda item: item[:2])][:limit]


def site_hits(site_dir: Path, queries: Sequence[str], *, limit: int = 5) -> Iterator[str]:
    """'uk 'query': url, url' for each language of a built site and each query (`python -m
    guide search`); FileNotFoundError naming the index when `site_dir` is no built site."""
    from guide.data.languages import language_codes, site_language_prefix

    for lang in language_codes():
        index_file = site_dir / site_language_prefix(lang) / SEARCH_JSON
        text = index_file.read_text(encoding="utf-8")
        pages, synonyms = load_index(text), load_synonyms(text)
        for query in queries:
            found = search(pages, query, limit=limit, synonyms=synonyms)
            shown = ", ".join(hit.url or "(home)" for hit in found) or "nothing"
            yield f"{lang} {query!r}: {shown}"
