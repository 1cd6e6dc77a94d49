"""HTMLParser's events for plain HTML, 2.5 to 3 times faster than HTMLParser on the site's pages.

The build parses every page it writes (guide/site/finished_page.py), some 9 MB a build, and the
standard library's HTMLParser was most of that time. `replay(html, parser)` gives an HTMLParser
(convert_charrefs=True) the calls `parser.feed(html); parser.close()` would give it, from one
regular expression per token, when the page keeps to a plain subset of HTML: tags whose names
and attribute names are ASCII words, attribute values quoted or plain (any reference in them
complete, "&amp;"), separated by ASCII spaces; text without a "<" that starts no tag;
`<script>` and `<style>` closed by their end tag, spelt exactly, with no other "</script" or
"<!--" inside; `<title>` and `<textarea>` with text only; a `<!DOCTYPE html>`. Every page the
guide writes keeps to it. On anything else, a comment, a CDATA section, `<iframe>`, `<xmp>`, a
stray "<", a space that is not ASCII, it returns None at once and the caller hands the page to
HTMLParser: the result is never a guess. The parts of HTML where HTMLParser's versions differ
(comments, raw text ends, the elements newer releases read as raw text, references in
attribute values) are outside the subset, so the events are those of the installed HTMLParser
on every version. tests/test_html_events.py compares the two on every page of the site, on a
corpus of hostile inputs and on random mutations of a page.
"""

from __future__ import annotations

import re
from html import unescape
from html.entities import html5
from html.parser import HTMLParser

_SPACE = "[\t\n\r\f ]"  # HTML's ASCII whitespace; HTMLParser's \s is wider, so stay inside it
_NAME = "[a-zA-Z][a-zA-Z0-9-]*"
_ATTRIBUTE = "[a-zA-Z_:@][a-zA-Z0-9_:.@-]*"
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_TOKEN = re.compile(
    rf"""([^<]*)(?:<(?:
        ({_NAME})((?:{_SPACE}+{_ATTRIBUTE}(?:{_SPACE}*={_SPACE}*{_VALUE})?)*){_SPACE}*(/?)>
      | /({_NAME}){_SPACE}*>
      | !((?i:doctype){_SPACE}+html)>
    )|\Z)""",
    re.VERBOSE,
)
_ATTRIBUTES = re.compile(rf"{_SPACE}+({_ATTRIBUTE})(?:{_SPACE}*={_SPACE}*({_VALUE}))?")
# Raw text ends at the first "</script" however spelt; only "</script>" is in the subset.
_RAW_END = {tag: re.compile(rf"</\s*{tag}>?", re.IGNORECASE) for tag in ("script", "style")}
_ESCAPABLE = frozenset({"title", "textarea"})  # text only; newer releases read it as RCDATA
_OUTSIDE = frozenset({"xmp", "iframe", "noembed", "noframes", "plaintext"})  # raw text, newer

# In an attribute value, Python 3.14's HTMLParser (and the 3.9 to 3.13 releases of mid-2025)
# decodes a named reference only as HTML does, whole and not before "=" ("&ampx", "&copy=" stay);
# earlier ones decode every prefix html.unescape knows. Complete references decode alike.
_REFERENCE = re.compile(r"&(?:#[0-9]+;|#[xX][0-9a-fA-F]+;|([a-zA-Z][a-zA-Z0-9]*;))")

Attributes = list[tuple[str, str | None]]
# The attributes of each tag's text as written (` class="md-nav__item"`), where a caller keeps
# them for more pages: the same text gives the same attributes (a build's pages repeat 4,200
# texts 43,000 times).
KnownAttributes = dict[str, tuple[tuple[str, str | None], ...]]


class _Outside(Exception):
    """The page leaves the plain subset."""


def _decoded(value: str) -> str:
    references = _REFERENCE.findall(value)
    if len(references) != value.count("&") or any(
        name and name not in html5 for name in references
    ):
        raise _Outside
    return unescape(value)


def _attributes(written: str) -> Attributes:
    found: Attributes = []
    for name, value in _ATTRIBUTES.findall(written):
        if not value:  # no "=": HTMLParser's None
            found.append((name.lower(), None))
            continue
        if value[0] in "\"'":
            value = value[1:-1]
        found.append((name.lower(), _decoded(value) if "&" in value else value))
    return found


def replay(
    html: str,
    parser: HTMLParser,
    *,
    position: int | None = None,
    known: KnownAttributes | None = None,
) -> bool | None:
    """Give `parser` the events of `html` as `parser.feed(html); parser.close()` would; None
    when `html` leaves the plain subset, and then `parser` may have been given some events:
    discard it and parse `html` with a fresh one.

    With `position`: whether HTMLParser fed `html[:position]` first would hold nothing back
    there (a token ends there, and it is not in a script's or a style's text), which the
    subset knows only where a tag ends; elsewhere None as well. `known`: the attributes of
    the tags' texts already read, kept there for the caller's next pages (each event gets a
    list of its own, as from HTMLParser)."""
    match = _TOKEN.match
    at = 0
    end = len(html)
    between = position == 0  # HTMLParser holds nothing back at a tag's end (but RCDATA's)
    while True:
        token = match(html, at)
        if token is None:
            return None
        text, tag, written, slash, closing, declaration = token.groups()
        if text:
            parser.handle_data(unescape(text) if "&" in text else text)
        at = token.end()
        if tag is not None:
            tag = tag.lower()
            raw = _RAW_END.get(tag)
            if tag in _OUTSIDE or (slash and (raw is not None or tag in _ESCAPABLE)):
                return None
            try:
                if not written:
                    attributes = []
                elif known is None:
                    attributes = _attributes(written)
                else:
                    read = known.get(written)
                    if read is None:
                        read = known[written] = tuple(_attributes(written))
                    attributes = list(read)
            except _Outside:
                return None
            if slash:
                parser.handle_startendtag(tag, attributes)
            else:
                parser.handle_starttag(tag, attributes)
            if raw is not None and not slash:
                found = raw.search(html, at)
                if found is None or found.group().lower() != f"</{tag}>":
                    return None
                body = html[at : found.start()]
                if "<!--" in body:  # the script data escaped states of HTML, not HTMLParser's
                    return None
                if body:
                    parser.handle_data(body)
                parser.handle_endtag(tag)
                at = found.end()
            elif tag in _ESCAPABLE:
                close = html.find("<", at)
                if html[close : close + len(tag) + 3].lower() != f"</{tag}>":
                    return None
                continue
        elif closing is not None:
            parser.handle_endtag(closing.lower())
        elif declaration is not None:
            parser.handle_decl(declaration)
        elif at == end:  # the end of the page
            return True if position is None else (between or None)
        else:
            return None
        if at == position:
            between = True


def feed(html: str, parser: HTMLParser, *, position: int | None = None) -> bool:
    """HTMLParser's own reading: `parser.feed(html); parser.close()`, with `position` in two
    parts; whether it held nothing back after `html[:position]` (False without `position`)."""
    between = False
    if position is not None:
        parser.feed(html[:position])
        between = not parser.rawdata and parser.cdata_elem is None
        html = html[position:]
    parser.feed(html)
    parser.close()
    return between
