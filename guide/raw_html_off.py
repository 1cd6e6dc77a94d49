"""A Python-Markdown extension that turns raw HTML off: `<tag>` in a page is text.

Pages come from translators' pull requests. Python-Markdown passes raw HTML through, block
(the `html_block` preprocessor) and inline (the `html` pattern), and a regular expression over
the Markdown never agrees with the parser about what is HTML. With both removed, the parser
itself escapes every `<` of a page: `<meta http-equiv=refresh>` reads as those characters.
The guide's own HTML (office boxes, the glossary, powiat pages) reaches a page after Markdown,
through guide/placeholders.py. Listed last in mkdocs.yml's markdown_extensions; an extension
that parses Markdown inside HTML (md_in_html) would open the door again and is refused.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

# The name mkdocs.yml lists it by.
RAW_HTML_OFF = "guide.raw_html_off"
# Their processors read raw HTML blocks themselves.
REOPENING = frozenset({"md_in_html", "markdown.extensions.md_in_html", "extra"})
REMOVED_PREPROCESSORS = ("html_block",)
REMOVED_INLINE = ("html",)


class RawHtmlOffError(ValueError):
    """A Markdown configuration that would let raw HTML through."""


class RawHtmlOff(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        for name in REMOVED_PREPROCESSORS:
            if name in md.preprocessors:
                md.preprocessors.deregister(name)
        for name in REMOVED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        if "md_in_html" in md.parser.blockprocessors:
            raise RawHtmlOffError(
                "markdown_extensions: md_in_html reads raw HTML blocks; remove it"
            )
        md.registerExtension(self)


def makeExtension(**kwargs: object) -> RawHtmlOff:
    return RawHtmlOff(**kwargs)
