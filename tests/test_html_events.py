"""guide/content/html_events.py gives exactly HTMLParser's events, or none.

Compared with the installed HTMLParser on every page of the built site, on a corpus of inputs
at the edges of its subset (each with whether it is replayed or handed back), and on random
mutations of a page's parts; where the finished page's parse asks about a position, the answer
is compared too."""

from __future__ import annotations

import random
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide.content.html_events import KnownAttributes, feed, replay
from guide.site import finished_page
from guide.site.csp import policy_position
from tests.pages import LANGUAGE_PAGES, output_path


class _Recorder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[object, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("startend", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("decl", decl))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))


def parsed(html: str, position: int | None = None) -> tuple[list[tuple[object, ...]], bool]:
    """HTMLParser's events, and whether it held nothing back after `html[:position]`."""
    recorder = _Recorder()
    between = feed(html, recorder, position=position)
    return recorder.events, between


def replayed(
    html: str, position: int | None = None, known: KnownAttributes | None = None
) -> tuple[list[tuple[object, ...]], bool] | None:
    recorder = _Recorder()
    answer = replay(html, recorder, position=position, known=known)
    return None if answer is None else (recorder.events, answer)


def agrees(html: str, position: int | None = None) -> bool:
    """Whether the replay is HTMLParser's (events and, with `position`, the answer), or None."""
    fast = replayed(html, position)
    if fast is None:
        return True
    events, between = parsed(html, position)
    return fast[0] == events and (position is None or fast[1] == between)


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_every_page_is_replayed_as_htmlparser_reads_it(site: Path, lang: str, page: str) -> None:
    html = output_path(site, lang, page).read_text(encoding="utf-8")
    position = policy_position(html)
    fast = replayed(html, position)
    assert fast is not None, "the page left the plain subset"
    assert fast == parsed(html, position)


def test_the_attributes_kept_for_the_build_give_htmlparsers_events(site: Path) -> None:
    """One `known` for every page, as a build keeps it: each page still gets HTMLParser's
    events, and a listener that changes the list it is given changes nothing after it."""

    class Clearing(_Recorder):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            super().handle_starttag(tag, attrs)
            attrs.clear()

    known: KnownAttributes = {}
    for lang, page in LANGUAGE_PAGES:
        html = output_path(site, lang, page).read_text(encoding="utf-8")
        assert replay(html, Clearing(), known=known)
        assert replayed(html, known=known) == (parsed(html)[0], True), (lang, page)
    assert known


def test_every_other_html_file_is_replayed_as_htmlparser_reads_it(site: Path) -> None:
    pages = {output_path(site, lang, page) for lang, page in LANGUAGE_PAGES}
    others = sorted(path for path in site.rglob("*.html") if path not in pages)
    assert others
    wrong = [
        path.relative_to(site).as_posix()
        for path in others
        if replayed(text := path.read_text(encoding="utf-8")) != (parsed(text)[0], True)
    ]
    assert wrong == []


# (name, html, replayed): inputs at the edges of the subset. Every one must agree with
# HTMLParser; `replayed` says whether the subset takes it or hands it back.
CORPUS = [
    ("empty", "", True),
    ("text", "just text &amp; more", True),
    ("text-ends-in-a-reference", "a &amp", True),
    ("doctype", "<!DOCTYPE html><p>x</p>", True),
    ("doctype-lower", "<!doctype html>", True),
    ("other-doctype", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">', False),
    ("attributes", "<a href=\"x?a=1&amp;b=2\" data-x='y' hidden id=plain>t</a>", True),
    ("empty-value", '<input value="">', True),
    ("uppercase", '<DIV CLASS="A">x</DIV>', True),
    ("self-closing", '<br/><img src="a.png" /><path d="M0 0"/>', True),
    ("bare-value-with-slash", "<a href=/x/>y</a>", True),
    ("duplicate-attributes", '<a x="1" x="2">', True),
    ("script", '<script>if (a < b && c) { s = "</div>"; }</script>', True),
    ("style", '<style>a{b:url("data:,<svg></svg>")}</style>', True),
    ("script-end-spaced", "<script>a</script >b</script>", False),
    ("script-end-space-inside", "<script>a</ script>b</script>", False),
    ("style-end-unicode-space", "<style>c</\xa0stylee<a>x</a>", False),
    ("script-end-uppercase", "<script>a</SCRIPT>", True),
    ("script-unclosed", "<script>a", False),
    ("script-comment", "<script><!-- a --></script>", False),
    ("script-self-closing", "<script/>x", False),
    ("title", "<title>A &amp; B</title>", True),
    ("title-with-a-tag", "<title>a<b>c</b></title>", False),
    ("textarea-self-closing", "<textarea/>x", False),
    ("iframe", "<iframe>a</iframe>", False),
    ("xmp", "<xmp><b></xmp>", False),
    ("plaintext", "<plaintext>a", False),
    ("noscript", '<noscript><link rel="stylesheet" href="a.css"></noscript>', True),
    ("comment", "<p><!-- c --></p>", False),
    ("cdata", "<![CDATA[x]]>", False),
    ("processing-instruction", "<?xml version='1.0'?>", False),
    ("stray-lt", "a < b", False),
    ("lt-digit", "<3", False),
    ("end-tag-open", "</>", False),
    ("bogus-end", "</3>", False),
    ("unicode-space-in-tag", "<a\xa0href=x>y</a>", False),
    ("vertical-tab-after-value", "<a href=x\x0bid=y>", False),
    ("unicode-space-in-bare-value", "<a href=x\u2003y>", False),
    ("backtick-value", "<a href=`x`>", False),
    ("double-equals", "<a href==x>", False),
    ("no-space-between-attributes", '<a href="x"id="y">', False),
    ("slash-between-attributes", '<a href="x"/id="y">', False),
    ("namespaced-tag", "<svg:rect>", False),
    ("attribute-with-quote", '<a b"c="d">', False),
    ("unclosed-tag", '<a href="x', False),
    ("event-handler", '<img src=x onerror="alert(1)">', True),
    ("entity-in-attribute-name-position", "<a &amp;=x>", False),
    ("complete-references-in-a-value", '<a title="&lt;&#38;&#x26;&eacute;">', True),
    ("reference-without-semicolon-in-a-value", '<a href="?a=1&amp=2">', False),
    ("reference-prefix-in-a-value", '<a title="&ampx">', False),
    ("unknown-reference-in-a-value", '<a title="&nosuch;">', False),
    ("ampersand-alone-in-a-value", '<a title="a & b">', False),
    ("reference-without-semicolon-in-text", "a &ampx &copy=", True),
]


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])
def test_edge_agrees_with_htmlparser(html: str, expected: bool) -> None:
    assert agrees(html)
    assert (replayed(html) is not None) is expected


def test_positions_agree_with_htmlparser() -> None:
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title>'
        "<style>a{}</style><script>x</script></head><body><p>a &amp; b</p></body></html>"
    )
    answers = {position: replayed(html, position) for position in range(len(html) + 1)}
    assert all(agrees(html, position) for position in answers)
    taken = {p for p, answer in answers.items() if answer is not None}
    # A tag's end, but not that of <title> (RCDATA in newer releases) or inside raw text.
    assert html.index('<meta charset="utf-8">') + len('<meta charset="utf-8">') in taken
    assert html.index("<title>") + len("<title>") not in taken
    assert html.index("<script>") + len("<script>") not in taken
    assert html.index("a &amp; b") + 1 not in taken  # inside text: HTMLParser splits it there
    assert 0 in taken and len(html) in taken


PARTS = [
    '<a href="x">',
    "<br/>",
    "</a>",
    "<script>s</script>",
    "<style>c</style>",
    "<title>t</title>",
    "text &amp; ",
    '<img alt="a b" src=y>',
]
MUTATIONS = "<>/=\"' \t\xa0&;#!-?abSCRIPTtitlemp\x0b`"


def test_random_mutations_agree_with_htmlparser() -> None:
    rng = random.Random(21)
    taken = 0
    known: KnownAttributes = {}  # kept over every input, as a build keeps it over its pages
    for _ in range(20000):
        html = "".join(rng.choice(PARTS) for _ in range(rng.randint(1, 6)))
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(html))
            html = html[:at] + rng.choice(MUTATIONS) + html[at + rng.randint(0, 1) :]
        position = rng.randint(0, len(html))
        assert replayed(html, known=known) == replayed(html), repr(html)
        assert agrees(html), repr(html)
        assert agrees(html, position), (html, position)
        taken += replayed(html) is not None
    assert 2000 < taken < 18000  # both ways are taken


def test_a_page_outside_the_subset_is_parsed_by_htmlparser() -> None:
    html = '<meta charset="utf-8"><!-- a comment --><script src="/a.js"></script>'
    assert replayed(html) is None
    page = finished_page.parse(html, page="index.html", position=policy_position(html))
    assert page.loads == frozenset({"a.js"}) and page.between_tokens
