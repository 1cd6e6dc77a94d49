"""Each page paints from its first response: the stylesheet rules of its first paint, inline.

Every stylesheet in a page's head holds its first paint back by a round trip or two on a
phone (Lighthouse's throttled one: 150 ms each, 1.6 Mbps). After the build, once Material's
stylesheet is pruned (guide/site/css_prune.py), `inline_site` gives each page one <style> in its
head: the rules of its stylesheets (the pruned main.css, guide.css, the map's extra.css), in
their order, that can apply at its first paint, i.e. whose every class, id, attribute and
element occurs in the page or is a word of a script the page runs on load (boot.js,
offices.js), without the states the reader causes (:hover, :focus) and without print rules.
The stylesheets still load, after the first paint (a JSON list of their addresses, which
partials/javascripts/later.html makes into links), as media="print", which never blocks
a paint, and boot.js turns each on for the screen at the reader's first touch (a browser without
JavaScript reads them from <noscript>): the same rules again in the same order, so nothing moves
(tests/test_first_paint.py compares screenshots with the stylesheets held back and let through).
The style is allowed by its hash in the page's policy (style-src, guide/site/csp.py), the only
inline style allowed; the output check still refuses any <style> in a page's body.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from guide.site.csp import CSP_META, with_style
from guide.site.css_prune import (
    NameCollector,
    PageNames,
    Rule,
    Used,
    page_names,
    parse_stylesheet,
    prune_parsed,
    required_names,
    script_names,
)

# boot.js turns a stylesheet marked so on for the screen once it has loaded: only a page
# that runs it has its stylesheets wait (offline.html and the status pages run no script).
LATER = "data-guide-later"
# The JSON list of their addresses, which partials/javascripts/later.html makes into links after
# the first paint: a stylesheet requested during the load shares the phone's first round trips
# with the page. (Not a <template>: html5lib, which tests/test_html_valid.py parses every page
# with, reports a <template> in the head as a misnested </head>.)
STYLESHEETS_LATER = "data-guide-stylesheets"
SWITCH = "assets/guide/boot.js"


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    attributes: dict[str, str]


@dataclass
class Head:
    """Where a page's head links its stylesheets and states its policy."""

    stylesheets: list[Tag] = field(default_factory=list)
    policy: Tag | None = None


class _HeadRead(Exception):
    """The parser reached <body>: the head is read."""


class _PageReader(HTMLParser):
    """A page's head; with `names`, also every name of the page (else it stops at <body>)."""

    def __init__(self, html: str, *, names: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self.collector = NameCollector() if names else None
        self._html = html
        # Where line `_line` starts in `html`, as HTMLParser counts lines (by "\n"): worked
        # out up to the tags read, in order, rather than for the whole page.
        self._line, self._line_start = 1, 0
        self._in_head = True

    def _offset(self, line: int, column: int) -> int:
        while self._line < line:
            self._line_start = self._html.index("\n", self._line_start) + 1
            self._line += 1
        return self._line_start + column

    def _tag(self, attrs: list[tuple[str, str | None]]) -> Tag:
        start = self._offset(*self.getpos())
        text = self.get_starttag_text() or ""
        return Tag(start, start + len(text), {name: value or "" for name, value in attrs})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.collector is not None:
            self.collector.starttag(tag, attrs)
        if tag == "body":
            self._in_head = False
            if self.collector is None:
                raise _HeadRead
        if not self._in_head:
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and values.get("rel") == "stylesheet" and "media" not in values:
            self.head.stylesheets.append(self._tag(attrs))
        elif tag == "meta" and values.get("http-equiv", "").lower() == CSP_META:
            self.head.policy = self._tag(attrs)

    handle_startendtag = handle_starttag


def read_head(html: str, /) -> Head:
    """A page's head, parsed up to <body>."""
    reader = _PageReader(html, names=False)
    try:
        reader.feed(html)
        reader.close()
    except _HeadRead:
        pass
    return reader.head


def read_page(
    html: str,
    /,
    *,
    page: Path,
    site: Path,
    site_path: str,
    scripts: dict[Path, PageNames] | None = None,
) -> tuple[Head, Used]:
    """A page's head, and what its first paint can use: its own classes, ids, attributes and
    elements, and the words of the scripts it loads (`scripts`: those already read)."""
    reader = _PageReader(html, names=True)
    reader.feed(html)
    reader.close()
    assert reader.collector is not None
    names = reader.collector.names()
    return reader.head, first_paint_used(
        names, page=page, site=site, site_path=site_path, scripts=scripts
    )


def first_paint_used(
    names: PageNames,
    /,
    *,
    page: Path,
    site: Path,
    site_path: str,
    scripts: dict[Path, PageNames] | None = None,
) -> Used:
    """What the first paint of a page carrying `names` can use: its names and the words of
    the scripts it loads (`scripts`: their words, by file, those already read)."""
    scripts = {} if scripts is None else scripts
    used = Used(tags=set(), first_paint=True)
    names.add_to(used)
    for src in names.scripts:
        path = site_file(src, page=page, site=site, site_path=site_path)
        if path not in scripts:
            scripts[path] = script_names(path.read_text(encoding="utf-8") if path.is_file() else "")
        scripts[path].add_to(used)
    return used


def site_file(href: str, /, *, page: Path, site: Path, site_path: str) -> Path:
    """The file of the site an address in `page` names (relative, or absolute under the
    site's path as in 404.html)."""
    path = urlsplit(href).path
    if path.startswith("/"):
        prefix = site_path.rstrip("/") + "/"
        if not path.startswith(prefix):
            raise ValueError(f"{page}: {href} lies outside the site ({site_path})")
        return site / path[len(prefix) :]
    return site / posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), path))


def first_paint_css(sheets: list[tuple[Rule, ...]], used: Used) -> str:
    """The rules of `sheets`, in order, that the page's first paint can use."""
    return prune_parsed([rule for sheet in sheets for rule in sheet], used)


def inline(html: str, *, head: Head, css: str) -> str:
    """The page with `css` inline where its first stylesheet was, every stylesheet loading
    without blocking (and read from <noscript> without JavaScript), `css` allowed by hash."""
    later = json.dumps([tag.attributes["href"] for tag in head.stylesheets]).replace("<", "\\u003c")
    plain = "".join(html[tag.start : tag.end] for tag in head.stylesheets)
    replacements = [(tag.start, tag.end, "") for tag in head.stylesheets[1:]]
    first = head.stylesheets[0]
    held = f'<script type="application/json" {STYLESHEETS_LATER}>{later}</script>'
    replacements.append(
        (first.start, first.end, f"<style>{css}</style>{held}<noscript>{plain}</noscript>")
    )
    if head.policy is not None:
        policy = head.policy.attributes["content"]
        allowed = escape(with_style(policy, css))
        meta = f'<meta http-equiv="Content-Security-Policy" content="{allowed}">'
        replacements.append((head.policy.start, head.policy.end, meta))
    for start, end, text in sorted(replacements, reverse=True):
        html = html[:start] + text + html[end:]
    return html


# What tells a page's text from any other in this process: its length and Python's str hash
# (SipHash, keyed per process), which the text keeps once worked out. Unlike a digest of the
# file's bytes, it needs no encoding of the page and no second hash of it.
PageKey = tuple[int, int]


def page_key(html: str, /) -> PageKey:
    """What tells a page written to disk from any other (guide/site/features.py records each
    finished page's names by it)."""
    return len(html), hash(html)


def remember_names(recorded: dict[PageKey, PageNames], html: str, names: PageNames | None) -> None:
    """Keep the names of a page about to be written as `html` (as MkDocs writes a page,
    mkdocs.utils.write_file), for SitePages; None: not known from the page's parse (then, as a
    page that does not read back as `html`, a lone surrogate MkDocs writes as a reference, it
    is parsed again after the build)."""
    if names is not None:
        recorded[page_key(html)] = names


class SitePages:
    """The names each HTML page of a built site carries (until a page is rewritten): those
    recorded when the page was finished and parsed (`recorded`, by the page_key of what
    was written), for any other page or a page changed since, parsed from the file."""

    def __init__(self, site: Path, /, *, recorded: Mapping[PageKey, PageNames] | None = None):
        self.site = site
        self.recorded = recorded or {}
        self.parsed: list[Path] = []  # the pages read from disk and parsed
        self._names: dict[Path, PageNames] = {}

    def names(self, page: Path, /) -> PageNames:
        found = self._names.get(page)
        if found is None:
            html = page.read_text(encoding="utf-8")
            found = self.recorded.get(page_key(html))
            if found is None:
                found = page_names(html)
                self.parsed.append(page)
            self._names[page] = found
        return found


def inline_site(
    site: Path,
    /,
    *,
    site_path: str,
    pages: SitePages | None = None,
    parsed: Mapping[Path, tuple[Rule, ...]] | None = None,
) -> None:
    """Every HTML page of the built `site` (served at `site_path`) with its first paint's rules
    inline. `pages`: the names of the site's pages, where already known; `parsed`: the rules
    of stylesheets already parsed (the pruned one's, css_prune.prune_site), by file.

    Pages whose names differ only in what no selector requires get the same rules: computed
    once."""
    pages = SitePages(site) if pages is None else pages
    sheets: dict[Path, tuple[Rule, ...]] = dict(parsed or {})
    required: dict[tuple[Path, ...], Used] = {}
    scripts: dict[Path, PageNames] = {}
    computed: dict[tuple[object, ...], str] = {}
    for page in sorted(site.rglob("*.html")):
        names = pages.names(page)
        runs = {site_file(src, page=page, site=site, site_path=site_path) for src in names.scripts}
        if site / SWITCH not in runs:
            continue
        html = page.read_text(encoding="utf-8")
        head = read_head(html)
        if not head.stylesheets:
            continue
        files = tuple(
            site_file(tag.attributes["href"], page=page, site=site, site_path=site_path)
            for tag in head.stylesheets
        )
        for path in files:
            if path not in sheets:
                sheets[path] = parse_stylesheet(path.read_text(encoding="utf-8"))
        if files not in required:
            required[files] = required_names(rule for path in files for rule in sheets[path])
        need = required[files]
        # What the rules depend on: the stylesheets, the scripts' words, the page's names.
        key = (
            files,
            frozenset(runs),
            names.classes & need.classes,
            names.ids & need.ids,
            names.attributes & need.attributes,
            names.tags & (need.tags or set()),
        )
        css = computed.get(key)
        if css is None:
            used = first_paint_used(
                names, page=page, site=site, site_path=site_path, scripts=scripts
            )
            css = computed[key] = first_paint_css([sheets[path] for path in files], used)
        page.write_text(inline(html, head=head, css=css), encoding="utf-8")
