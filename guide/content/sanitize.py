"""The allow-list every page's rendered content must pass, before the guide adds its own HTML.

Raw HTML is off in the parser (guide/site/raw_html_off.py), so a page's content is what Markdown
and its extensions make of it. That content (the guide's placeholders still words, see
guide/site/placeholders.py) is cleaned by nh3 (the Ammonia sanitizer) with the tags, attributes,
classes and URL schemes the guide's Markdown produces; when cleaning changes anything, the
build fails, naming the page, the line where it is known and an excerpt. Before that, the
checks nh3 has no words for: links whose text shows another host than they open, `http://`
and protocol-relative links, images from other sites, ids the theme or the guide's scripts use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlsplit

import nh3
from pygments.token import STANDARD_TYPES

from guide.content.html_events import feed, replay
from guide.data.addresses import email_problem, https_problem

# What Python-Markdown, admonition, tables, toc and pymdownx (details, superfences, tasklist)
# write for the guide's pages.
TAGS = frozenset(
    {
        "a", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "img", "input", "label", "li", "ol", "p", "pre", "span",
        "strong", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "details": {"open"},
    "input": {"type", "disabled", "checked"},
    **{tag: {"id"} for tag in HEADINGS},
}
ADMONITIONS = frozenset(
    {
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
        "success", "check", "done", "question", "help", "faq", "warning", "caution",
        "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
        "quote", "cite",
    }
)  # fmt: skip
# Code blocks (pymdownx.highlight through superfences): Pygments' token classes.
CODE_CLASSES = frozenset(
    {"highlight", "highlighttable", "linenos", "linenodiv", "code", "normal", "filename", "hll"}
    | {name for name in STANDARD_TYPES.values() if name}
)
CLASSES: dict[str, set[str]] = {
    "div": {"admonition", *ADMONITIONS, *CODE_CLASSES},
    "table": set(CODE_CLASSES),
    "td": set(CODE_CLASSES),
    "code": set(CODE_CLASSES),
    "pre": set(CODE_CLASSES),
    "details": set(ADMONITIONS),
    "p": {"admonition-title"},
    "a": {"headerlink"},
    "ul": {"task-list"},
    "li": {"task-list-item"},
    "label": {"task-list-control"},
    "span": {"task-list-indicator", *CODE_CLASSES},
}
URL_SCHEMES = frozenset({"https", "mailto", "tel"})
# Ids of the theme (Material's start with "__", such as __config) and of the guide's own HTML
# and scripts ("guide-…"): a heading must not take one.
RESERVED_ID = re.compile(r"^(?:__|guide-)")
# Link text that shows an address: "https://host/…", "www.host", "host.gov.pl/…".
SHOWN_HOST = re.compile(
    r"^\s*(?:https?://)?(?P<host>(?:[\w-]+\.)+[^\W\d_]{2,})(?::\d+)?(?:[/?#]\S*)?\s*$"
)
EXCERPT = 60


class Event(NamedTuple):  # a tuple: made for every tag and text of every page
    kind: str  # "start", "end" or "text"
    tag: str
    attrs: tuple[tuple[str, str], ...]
    text: str
    line: int  # in the content HTML
    raw: str  # the start tag as written, or the text


class _Events(HTMLParser):
    def __init__(self, *, where: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []
        self._where = where  # each event's line and start tag as written (else 0 and "<tag>")

    def _line(self) -> int:
        return self.getpos()[0] if self._where else 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = tuple(sorted((name, value or "") for name, value in attrs))
        raw = (self.get_starttag_text() if self._where else None) or f"<{tag}>"
        self.events.append(Event("start", tag, pairs, "", self._line(), raw))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.events.append(Event("end", tag, (), "", self._line(), f"</{tag}>"))

    def _markup(self, text: str) -> None:
        """Comments, declarations, processing instructions: Markdown writes none, and parsers
        disagree about where they end, so each is an event nh3's output will lack."""
        self.events.append(Event("markup", "", (), text, self._line(), text))

    def handle_comment(self, data: str) -> None:
        self._markup(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._markup(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self._markup(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self._markup(f"<?{data}>")

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text:
            return
        last = self.events[-1] if self.events else None
        if last is not None and last.kind == "text":  # one event per run of text
            text = f"{last.text} {text}"
            self.events[-1] = Event("text", "", (), text, last.line, text)
        else:
            self.events.append(Event("text", "", (), text, self._line(), text))


def events(html: str, *, where: bool = True) -> list[Event]:
    """The tags and text of an HTML fragment, void elements without end tags, text with its
    spaces collapsed: the same content gives the same events however it is serialised.
    Without `where`, no event knows its line or its start tag as written, and HTMLParser's
    events are replayed where the fragment is plain HTML (guide/content/html_events.py)."""
    parser = _Events(where=where)
    if where or replay(html, parser) is None:
        parser = _Events(where=where)
        feed(html, parser)
    void = {"br", "hr", "img", "input"}
    return [event for event in parser.events if not (event.kind == "end" and event.tag in void)]


@dataclass(frozen=True)
class Finding:
    line: int  # in the content HTML
    message: str
    needle: str  # text to find the line in the Markdown source by


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else f"{flat[:EXCERPT]}…"


def _host(url: str) -> str | None:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.") or None
    except ValueError:
        return None


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: links are https, mailto, tel or relative (never '//host');
    images are files of the site."""
    if attribute in ("href", "src") and value.lstrip().startswith(("//", "\\\\", "/\\")):
        return None
    if tag == "img" and attribute == "src" and urlsplit(value).scheme:
        return None
    return value


# nh3's sanitizer with the guide's allow-list, made once (nh3.clean would make it every call).
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_keep_url,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
)


def clean(html: str) -> str:
    """`html` as nh3 cleans it with the guide's allow-list (nothing changes on a good page)."""
    return _CLEANER.clean(html)


def _link_findings(found: list[Event]) -> Iterator[Finding]:
    """Links and images nh3 would only drop silently, each with the reason a reader needs."""
    for index, event in enumerate(found):
        if event.kind != "start":
            continue
        attrs = dict(event.attrs)
        if event.tag == "a" and "href" in attrs:
            href = attrs["href"].strip()
            if href.lower().startswith("http://"):
                yield Finding(event.line, f"http:// link {href!r}: write https://", href)
            elif href.startswith(("//", "\\\\", "/\\")):
                yield Finding(
                    event.line, f"link {href!r} without https: write https://{href[2:]}", href
                )
            elif href.lower().startswith("https:"):
                problem = https_problem(href)
                if problem is not None:
                    yield Finding(event.line, f"link {problem}", href)
            elif href.lower().startswith("mailto:"):
                problem = email_problem(href[len("mailto:") :])
                if problem is not None:
                    yield Finding(event.line, f"e-mail link: {problem}", href)
            following = found[index + 1] if index + 1 < len(found) else None
            shown = (
                SHOWN_HOST.match(following.text) if following and following.kind == "text" else None
            )
            opens = _host(href)
            if shown and opens and shown["host"].lower().removeprefix("www.") != opens:
                yield Finding(
                    event.line,
                    f"link text {following.text!r} shows {shown['host']} but opens {opens}",  # type: ignore[union-attr]
                    href,
                )
        elif event.tag == "img" and "src" in attrs:
            src = attrs["src"].strip()
            if urlsplit(src).scheme or src.startswith("//"):
                yield Finding(
                    event.line,
                    f"image from another site {src!r}: put the image under docs/ and link it "
                    "relatively",
                    src,
                )
        if event.tag in HEADINGS and RESERVED_ID.match(attrs.get("id", "")):
            yield Finding(
                event.line,
                f"heading id {attrs['id']!r} is one the theme or the guide's scripts use: "
                "reword the heading",
                attrs["id"],
            )


def _difference(found: list[Event], cleaned: list[Event]) -> Finding | None:
    """What nh3 changed: the first element outside the allow-list, else the first event of
    the page that it removed or altered."""
    for event in found:
        if event.kind == "start" and event.tag not in TAGS:
            return Finding(
                event.line, f"<{event.tag}> is not allowed: {_excerpt(event.raw)}", event.raw
            )
    for index, event in enumerate(found):
        other = cleaned[index] if index < len(cleaned) else None
        if other == event or (
            other is not None
            and (other.kind, other.tag, other.attrs, other.text)
            == (event.kind, event.tag, event.attrs, event.text)
        ):
            continue
        if event.kind == "start" and (other is None or other.tag != event.tag):
            return Finding(
                event.line, f"<{event.tag}> is not allowed: {_excerpt(event.raw)}", event.raw
            )
        if event.kind == "start" and other is not None:
            kept = dict(other.attrs)
            changed = [(n, v) for n, v in event.attrs if kept.get(n) != v]
            if changed:
                name, value = changed[0]
                where = f"on <{event.tag}> is not allowed: {_excerpt(event.raw)}"
                if name in ("href", "src"):
                    where += " (links: https://, mailto:, tel: or a page of the guide)"
                return Finding(event.line, f'{name}="{_excerpt(value)}" {where}', value)
        return Finding(event.line, f"not allowed here: {_excerpt(event.raw)}", event.raw)
    return None


OLD_DIRECTIVE = re.compile(r"<!--\s*(?P<directive>office:\s*\S+?|glossary)\s*-->")


def _old_directives(found: list[Event]) -> Iterator[Finding]:
    """The directives' old HTML-comment form, which raw HTML off shows to readers as text."""
    in_code = 0
    for event in found:
        if event.tag in ("code", "pre"):
            in_code += {"start": 1, "end": -1}.get(event.kind, 0)
        elif event.kind == "text" and not in_code:
            for match in OLD_DIRECTIVE.finditer(event.text):
                new = "[[" + re.sub(r"\s+", " ", match["directive"]) + "]]"
                yield Finding(
                    event.line,
                    f"{match[0]!r} shows as text: write {new} on a line of its own",
                    match[0],
                )


# What nh3 writes as the character (toc's permalink sign on every heading): HTMLParser
# decodes these references in text and attribute values too.
DECODED_REFERENCES = (("&para;", "\N{PILCROW SIGN}"),)


def unchanged_by_cleaning(html: str, cleaned: str) -> bool:
    """Whether `cleaned` (nh3's output for `html`) has the same events as `html` without parsing
    it: it is `html` with only DECODED_REFERENCES decoded. nh3 writes a character only in text
    or an attribute value, where HTMLParser decodes its reference in `html` alike."""
    if cleaned == html:
        return True
    for reference, character in DECODED_REFERENCES:
        html = html.replace(reference, character)
    return cleaned == html


def content_findings(html: str) -> list[Finding]:
    """Everything in a page's rendered content outside the allow-list, in order."""
    # Most pages have nothing: found without lines first, then again with them.
    return _findings(html, where=False) and _findings(html, where=True)


def _findings(html: str, *, where: bool) -> list[Finding]:
    found = events(html, where=where)
    findings = [*_link_findings(found), *_old_directives(found)]
    cleaned = clean(html)
    difference = _difference(
        found, found if unchanged_by_cleaning(html, cleaned) else events(cleaned, where=where)
    )
    if difference is not None and not any(f.line == difference.line for f in findings):
        findings.append(difference)
    return sorted(findings, key=lambda finding: finding.line)


def source_line(source: str, needle: str, *, offset: int = 0) -> int | None:
    """The line of the page's file (`source`) holding `needle`, if it is there as written."""
    for candidate in (needle, needle.replace("&", "&amp;")):
        at = source.find(candidate) if candidate else -1
        if at >= 0:
            return source.count("\n", 0, at) + 1 + offset
    return None
