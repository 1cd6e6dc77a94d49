"""The placeholder mechanism (guide/site/placeholders.py) and the raw-HTML-off extension."""

from __future__ import annotations

import markdown
import pytest
import yaml

from guide import MKDOCS_YML
from guide.site import placeholders
from guide.site.raw_html_off import RAW_HTML_OFF, RawHtmlOff, RawHtmlOffError


def render(text: str) -> str:
    return str(markdown.markdown(text, extensions=["admonition", RawHtmlOff()]))


def test_a_block_placeholder_replaces_its_paragraph() -> None:
    html = render(f"Before.{placeholders.block('box', 'pup')}After.")
    assert placeholders.expand(html, {"box": lambda key: f"<div>{key}</div>"}) == (
        "<p>Before.</p>\n<div>pup</div>\n<p>After.</p>"
    )


def test_an_inline_placeholder_replaces_its_word() -> None:
    html = render(f"Call {placeholders.inline('fact', 'phone')} today.")
    assert placeholders.expand(html, {"fact": lambda key: f"<b>{key}</b>"}) == (
        "<p>Call <b>phone</b> today.</p>"
    )


def test_other_kinds_are_left_for_their_hook() -> None:
    html = render(placeholders.block("box", "pup"))
    assert placeholders.expand(html, {"fact": str}) == html
    assert placeholders.placeholders_in(html) == [placeholders.Placeholder("box", "pup")]
    assert placeholders.leftover(html) == "box"


def test_a_forged_placeholder_is_not_expanded_but_found() -> None:
    forged = "gph0123456789abcdefx626f783a707570x"  # "box:pup" with another number
    html = render(forged)
    assert placeholders.expand(html, {"box": lambda key: "<div>trusted</div>"}) == html
    assert placeholders.leftover(html) == forged


def test_kinds_are_plain_words() -> None:
    with pytest.raises(ValueError, match="placeholder kind 'Box Office'"):
        placeholders.inline("Box Office")


def test_raw_html_is_text() -> None:
    assert render('<div onclick="x()">a</div>\n\nb <script>x()</script>') == (
        '<p>&lt;div onclick="x()"&gt;a&lt;/div&gt;</p>\n<p>b &lt;script&gt;x()&lt;/script&gt;</p>'
    )


def test_md_in_html_is_refused() -> None:
    with pytest.raises(RawHtmlOffError, match="md_in_html reads raw HTML blocks"):
        markdown.markdown("x", extensions=["md_in_html", RawHtmlOff()])


def test_an_extension_after_it_reopening_raw_html_is_refused() -> None:
    with pytest.raises(RawHtmlOffError, match="handles raw HTML again"):
        markdown.markdown("x", extensions=[RawHtmlOff(), "md_in_html"])


class _Tagged(yaml.SafeLoader):
    """mkdocs.yml read as data: its !ENV and !!python tags kept as plain nodes."""


_Tagged.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_extension_is_the_last_one_in_mkdocs_yml() -> None:
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_Tagged)
    names = [
        item if isinstance(item, str) else next(iter(item))
        for item in config["markdown_extensions"]
    ]
    assert names[-1] == RAW_HTML_OFF
    assert "md_in_html" not in names and "extra" not in names
