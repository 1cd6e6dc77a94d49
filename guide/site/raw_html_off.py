"""A Python-Markdown extension that turns raw HTML off: `<tag>` in a page is text.

Pages come from translators' pull requests. Python-Markdown passes raw HTML through, block
(the `html_block` preprocessor) and inline (the `html` pattern), and a regular expression over
the Markdown never agrees with the parser about what is HTML. With both removed, the parser
itself escapes every `<` of a page: `<meta http-equiv=refresh>` reads as those characters.
The guide's own HTML (office boxes, the glossary, powiat pages) reaches a page after Markdown,
through guide/site/placeholders.py. Listed last in mkdocs.yml's markdown_extensions; an extension
that parses Markdown inside HTML (md_in_html) would open the door again and is refused.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# The name mkdocs.yml lists it by.
RAW_HTML_OFF = "guide.site.raw_html_off"
REMOVED_PREPROCESSORS = ("html_block",)
REMOVED_INLINE = ("html",)
READS_HTML_BLOCKS = "markdown_block"  # md_in_html's block processor


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
        if READS_HTML_BLOCKS in md.parser.blockprocessors:
            raise RawHtmlOffError(
                "markdown_extensions: md_in_html reads raw HTML blocks; remove it"
            )
        # Checked again on every page: an extension listed after this one could register
        # raw-HTML handling again.
        md.preprocessors.register(_Guard(md), "raw_html_off_guard", 1000)
        md.registerExtension(self)


class _Guard(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        back = [name for name in REMOVED_PREPROCESSORS if name in self.md.preprocessors]
        back += [name for name in REMOVED_INLINE if name in self.md.inlinePatterns]
        if back or READS_HTML_BLOCKS in self.md.parser.blockprocessors:
            raise RawHtmlOffError(
                f"markdown_extensions: an extension after {RAW_HTML_OFF} handles raw HTML "
                f"again ({', '.join(back) or READS_HTML_BLOCKS}); list {RAW_HTML_OFF} last"
            )
        return lines


def makeExtension(**kwargs: object) -> RawHtmlOff:
    return RawHtmlOff(**kwargs)
