"""Trusted HTML in a page: a placeholder in the Markdown, the HTML after Markdown.

Raw HTML is off in the Markdown parser (guide/site/raw_html_off.py), so the guide's own HTML
(office boxes, the glossary, generated powiat pages, notices, and later inline facts) never
goes through it. A hook puts `block(kind, argument)` or `inline(kind, argument)` into the
page's Markdown (on_page_markdown); Markdown keeps it as a word; the content is checked
(guide/content/sanitize.py) while it is still a word; then the hook swaps it for its HTML with
`expand(html, {kind: render})` (on_page_content). A placeholder is letters and digits only,
so Markdown leaves it alone, and carries a number drawn once per process, so a page cannot
write one: `leftover()` finds any that no hook expanded (the output check fails on it).

    markdown = DIRECTIVE.sub(lambda m: placeholders.block("office", m["key"]), markdown)
    html = placeholders.expand(html, {"office": lambda key: render_box(key)})
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Drawn once per process: constant while a build runs, unknown to any page's author.
_NONCE = secrets.token_hex(8)
_TOKEN = re.compile(rf"gph{_NONCE}x(?P<payload>[0-9a-f]*)x")
# A block placeholder stands alone in its paragraph: the paragraph is replaced.
_PARAGRAPH = re.compile(rf"<p>\s*(?P<token>gph{_NONCE}x[0-9a-f]*x)\s*</p>")
_ANY_TOKEN = re.compile(r"gph[0-9a-f]{16}x[0-9a-f]*x")


@dataclass(frozen=True)
class Placeholder:
    kind: str
    argument: str


def inline(kind: str, argument: str = "") -> str:
    """A placeholder inside a line of Markdown: its HTML replaces exactly this word."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", kind):
        raise ValueError(f"placeholder kind {kind!r}: lower-case letters, digits and '-'")
    return f"gph{_NONCE}x{f'{kind}:{argument}'.encode().hex()}x"


def block(kind: str, argument: str = "") -> str:
    """A placeholder paragraph: blank lines around it, its HTML replaces the paragraph."""
    return f"\n\n{inline(kind, argument)}\n\n"


def _decode(payload: str) -> Placeholder:
    kind, _, argument = bytes.fromhex(payload).decode("utf-8").partition(":")
    return Placeholder(kind, argument)


def expand(html: str, renderers: Mapping[str, Callable[[str], str]]) -> str:
    """`html` with each placeholder of a kind in `renderers` replaced by render(argument);
    placeholders of other kinds are left for their own hook."""

    def replace(token: str) -> str | None:
        found = _TOKEN.fullmatch(token)
        if found is None:
            return None
        placeholder = _decode(found["payload"])
        render = renderers.get(placeholder.kind)
        return None if render is None else render(placeholder.argument)

    def paragraph(match: re.Match[str]) -> str:
        replaced = replace(match["token"])
        return match[0] if replaced is None else replaced

    def word(match: re.Match[str]) -> str:
        replaced = replace(match[0])
        return match[0] if replaced is None else replaced

    return _TOKEN.sub(word, _PARAGRAPH.sub(paragraph, html))


def placeholders_in(html: str) -> list[Placeholder]:
    """The placeholders of this process in `html`, in order."""
    return [_decode(match["payload"]) for match in _TOKEN.finditer(html)]


def leftover(html: str) -> str | None:
    """The first thing in finished HTML that looks like a placeholder, or None."""
    found = _ANY_TOKEN.search(html)
    if found is None:
        return None
    decoded = _TOKEN.fullmatch(found[0])
    return _decode(decoded["payload"]).kind if decoded else found[0]
