"""Issue 19, the page side: a hostile corpus of pages from a pull request.

Raw HTML is off in the Markdown parser (guide/site/raw_html_off.py), so markup a page smuggles
past a regular expression renders as text (HARMLESS); what the parser does make of a page,
and front matter in every form MkDocs reads, is checked with an exact message (REFUSED).
Every case has two variants: another language and another position (paragraph, admonition,
table cell, list item, collapsible block). Turned off (the extension left out of
markdown_extensions, the content checks and the output check switched off in the guide plugin), the
same corpus reaches the browser as markup: the tests below can fail.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Dialog

from guide import ROOT
from guide.content import sanitize
from guide.content.content_rules import content_problems
from guide.content.sanitize import content_findings, events
from guide.data.languages import language_codes, site_language_prefix
from guide.site.build import mkdocs_build
from guide.site.features import CONTENT_RULES, DOCS_FILES, OUTPUT
from guide.site.parsers import PageMarkdown
from guide.site.raw_html_off import RAW_HTML_OFF
from tests import data
from tests.browser import PHONE, open_page, serve
from tests.fixture_site import make_project

LANGS = language_codes()
HEAD = "---\ntitle: Hostile\n---\n# Hostile\n\n"
EVIL = "https://evil.example/"
META = f'<meta http-equiv="refresh" content="0;url={EVIL}">'
# Elements a page's content must never carry into the browser.
HARMFUL = ("meta", "script", "link", "style", "base", "iframe", "object", "embed", "form")


def place(markup: str, position: str) -> str:
    """`markup` (one or more lines) at `position` in a page body."""
    lines = markup.splitlines()
    if position == "paragraph":
        return f"Text.\n\n{markup}\n"
    if position == "admonition":
        return '!!! note "Uwaga"\n' + "".join(f"    {line}\n" for line in lines)
    if position == "details":
        return '??? note "Więcej"\n' + "".join(f"    {line}\n" for line in lines)
    if position == "list":
        return "- one\n- " + "\n  ".join(lines) + "\n"
    if position == "table":
        return f"| a | b |\n|---|---|\n| {markup} | x |\n"
    raise ValueError(position)


# case: (markup, the text a reader sees instead, [(language, position), ...])
HARMLESS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    # Backslash-escaped backticks: a regex blanks it as code, Markdown does not.
    "meta-refresh-escaped-backticks": (
        f"\\`{META}\\`",
        f"`{META}`",
        [(LANGS[1], "paragraph"), (LANGS[2], "admonition"), (LANGS[3], "table")],
    ),
    # A fence with an attribute block Markdown refuses, closed by four backticks.
    "fence-attribute-trick": (
        f"```{{\n{META}\n````",
        META,
        [(LANGS[0], "paragraph"), (LANGS[1], "list")],
    ),
    "script-src": (
        '<script src="../evil.js"></script>',
        '<script src="../evil.js"></script>',
        [(LANGS[1], "paragraph"), (LANGS[3], "details")],
    ),
    "inline-script": (
        "<script>alert(1)</script>",
        "<script>alert(1)</script>",
        [(LANGS[2], "list"), (LANGS[0], "table")],
    ),
    "link-stylesheet": (
        '<link rel="stylesheet" href="../evil.css">',
        '<link rel="stylesheet" href="../evil.css">',
        [(LANGS[3], "paragraph"), (LANGS[2], "table")],
    ),
    "html-block": (
        '<div style="display:none">\n\n112\n\n</div>',
        '<div style="display:none">',
        [(LANGS[0], "paragraph"), (LANGS[1], "admonition")],
    ),
    "iframe-and-form": (
        f'<iframe src="{EVIL}"></iframe><form action="{EVIL}"><button>OK</button></form>',
        f'<iframe src="{EVIL}"></iframe>',
        [(LANGS[2], "paragraph"), (LANGS[3], "list")],
    ),
    "base-and-comment": (
        f'<base href="{EVIL}"><!-- TODO: check -->',
        f'<base href="{EVIL}"><!-- TODO: check -->',
        [(LANGS[1], "table"), (LANGS[0], "details")],
    ),
}
HARMLESS_VARIANTS = [
    (case, lang, position)
    for case, (_, _, variants) in HARMLESS.items()
    for lang, position in variants
]


def page_name(case: str, position: str) -> str:
    return f"hostile-{case}-{position}.md"


def article(site: Path, lang: str, case: str, position: str) -> Tag:
    stem = page_name(case, position).removesuffix(".md")
    html = (site / site_language_prefix(lang) / stem / "index.html").read_text("utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert found is not None
    return found


def harm(site: Path, lang: str, case: str, position: str) -> list[str]:
    """Every harmful element (or style attribute) the page's article carries."""
    found = article(site, lang, case, position)
    return [str(tag)[:80] for tag in [*found.find_all(HARMFUL), *found.find_all(style=True)]]


def _project(tmp: Path, *, defended: bool) -> Path:
    pages = {
        f"{lang}/{page_name(case, position)}": HEAD + place(HARMLESS[case][0], position)
        for case, lang, position in HARMLESS_VARIANTS
    }
    pages[f"{LANGS[1]}/evil.js"] = "alert('evil.js ran')\n"
    # The docs_files check refuses evil.js itself (docs/ holds pages and pictures only): it is
    # left out of both builds, so that this corpus proves the parser and the allow-list alone.
    if defended:
        return make_project(tmp, pages, powiat_pages=False, checks_off=(DOCS_FILES,))
    # Defences off: raw HTML on, no content checks, the output check off (pages still parsed
    # for the search index).
    config = make_project(
        tmp, pages, powiat_pages=False, checks_off=(DOCS_FILES, CONTENT_RULES, OUTPUT)
    )
    source = (ROOT / "mkdocs.yml").read_text("utf-8")
    block = re.search(r"^markdown_extensions:\n(?:(?: .*)?\n)+", source, re.MULTILINE)
    assert block is not None and f"  - {RAW_HTML_OFF}\n" in block[0]
    with config.open("a", encoding="utf-8") as file:
        file.write(block[0].replace(f"  - {RAW_HTML_OFF}\n", ""))
    return config


@pytest.fixture(scope="module")
def defended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("defended")
    mkdocs_build(tmp / "site", config_file=_project(tmp, defended=True), capture=True)
    return tmp / "site"


@pytest.fixture(scope="module")
def undefended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("undefended")
    mkdocs_build(tmp / "site", config_file=_project(tmp, defended=False), capture=True)
    return tmp / "site"


@pytest.mark.parametrize(("case", "lang", "position"), HARMLESS_VARIANTS)
def test_smuggled_markup_renders_as_text(
    defended: Path, case: str, lang: str, position: str
) -> None:
    assert harm(defended, lang, case, position) == []
    shown = " ".join(article(defended, lang, case, position).get_text().split())
    assert HARMLESS[case][1] in shown


@pytest.mark.parametrize(("case", "lang", "position"), HARMLESS_VARIANTS)
def test_without_the_defences_the_corpus_is_markup(
    undefended: Path, case: str, lang: str, position: str
) -> None:
    """The proof that the test above can fail: with raw HTML on, the same page is markup."""
    assert harm(undefended, lang, case, position) != []


# --- Refused, with the page, the line and what to do ------------------------------------

LINKS = " (links: https://, mailto:, tel: or a page of the guide)"
KEYS = "unknown key (the keys are title, description, last_reviewed, source_blob)"
# case: [(language, page text, messages after "docs/LANG/hostile.md:"), two variants]
REFUSED: dict[str, list[tuple[str, str, list[str]]]] = {
    "multimarkdown-front-matter": [
        (
            LANGS[1],
            "title: Praca\ntemplate: 404.html\n\n# Praca\n",
            [f"2: template: {KEYS} (value: '404.html')"],
        ),
        (LANGS[2], "hide: navigation\n\n# Praca\n", [f"1: hide: {KEYS} (value: 'navigation')"]),
    ],
    "yaml-trailing-space-closed-by-dots": [
        (
            LANGS[3],
            "--- \ntitle: Work\nstatus: new\n...\n# Work\n",
            [f"3: status: {KEYS} (value: 'new')"],
        ),
        (
            LANGS[0],
            "---\t\ntemplate: 404.html\n...\n# Praca\n",
            [f"2: template: {KEYS} (value: '404.html')"],
        ),
    ],
    "bidi-title": [
        (
            LANGS[1],
            '---\ntitle: "\\u202e"\n---\n# x\n',
            [
                "2: title: character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: plain "
                "visible text only (value: '\\u202e')"
            ],
        ),
        (
            LANGS[2],
            '---\ndescription: "Opis \\u2067x"\n---\n# x\n',
            [
                "2: description: "
                "character U+2067 (RIGHT-TO-LEFT ISOLATE) is not allowed: plain visible text only "
                "(value: 'Opis \\u2067x')"
            ],
        ),
    ],
    "zero-width-title": [
        (
            LANGS[3],
            '---\ntitle: "\\u200b\\u200b"\n---\n# x\n',
            [
                "2: title: character "
                "U+200B (ZERO WIDTH SPACE) is not allowed: plain visible text only (value: "
                "'\\u200b\\u200b')"
            ],
        ),
        (
            LANGS[0],
            "title: \u2060\n\n# x\n",
            [
                "1: title: character U+2060 (WORD JOINER) is "
                "not allowed: plain visible text only (value: '\\u2060')"
            ],
        ),
    ],
    "spaces-title": [
        (
            LANGS[1],
            "---\ntitle: '   '\n---\n# x\n",
            ["2: title: needs visible letters (value: '   ')"],
        ),
        (
            LANGS[2],
            "---\ntitle: '...'\n---\n# x\n",
            ["2: title: needs visible letters (value: '...')"],
        ),
    ],
    "config-heading": [
        (
            LANGS[2],
            HEAD + "## __config\n",
            [
                "6: heading id '__config' is one the theme or "
                "the guide's scripts use: reword the heading"
            ],
        ),
        (
            LANGS[3],
            HEAD + "!!! note\n    x\n\n### guide-search\n",
            [
                "9: heading id "
                "'guide-search' is one the theme or the guide's scripts use: reword the heading"
            ],
        ),
    ],
    "userinfo-link": [
        (
            LANGS[1],
            HEAD
            + f"[https://chojnice.policja.gov.pl/](https://chojnice.policja.gov.pl@{EVIL[8:]})\n",
            [
                f"6: link 'https://chojnice.policja.gov.pl@{EVIL[8:]}' has a user name before '@': "
                "the host would be what follows",
                "6: link text 'https://chojnice.policja.gov.pl/' shows chojnice.policja.gov.pl but "
                "opens evil.example",
            ],
        ),
        (
            LANGS[2],
            HEAD + place(f"[Policja](https://user@{EVIL[8:]})", "table"),
            [
                f"8: link 'https://user@{EVIL[8:]}' has a user name before '@': the host would be "
                "what follows",
            ],
        ),
    ],
    "shown-host-differs": [
        (
            LANGS[3],
            HEAD + place(f"[www.gov.pl]({EVIL})", "list"),
            ["7: link text 'www.gov.pl' shows www.gov.pl but opens evil.example"],
        ),
        (
            LANGS[0],
            HEAD + place(f"[gdansk.uw.gov.pl/cudzoziemcy]({EVIL}x)", "admonition"),
            [
                "7: link text 'gdansk.uw.gov.pl/cudzoziemcy' shows gdansk.uw.gov.pl but opens "
                "evil.example"
            ],
        ),
    ],
    "homoglyph-link": [
        (
            LANGS[1],
            HEAD + "[Policja](https://policj\u0430.gov.pl/)\n",
            [
                "6: link 'https://policj\u0430.gov.pl/': host 'policj\u0430.gov.pl' has U+0430 "
                "(CYRILLIC SMALL LETTER A): write the address in ASCII letters as the official "
                "site shows it"
            ],
        ),
        (
            LANGS[3],
            HEAD + place("<https://www.g\u043ev.pl/>", "details"),
            [
                "7: link 'https://www.g\u043ev.pl/': host 'www.g\u043ev.pl' has U+043E (CYRILLIC "
                "SMALL LETTER O): write the address in ASCII letters as the official site shows it"
            ],
        ),
    ],
    "mailto-extra-recipient": [
        (
            LANGS[2],
            HEAD + "[napisz](mailto:x%40host?bcc=spy@evil.example)\n",
            [
                "6: e-mail link: 'x%40host?bcc=spy@evil.example' is not a plain e-mail address "
                "(local@domain: letters, digits, '.', '_', '+', '-')"
            ],
        ),
        (
            LANGS[0],
            HEAD + place("[urząd](mailto:urzad@gdansk.pl&cc=spy@evil.example)", "table"),
            [
                "8: e-mail link: 'urzad@gdansk.pl&cc=spy@evil.example' is not a plain e-mail "
                "address (local@domain: letters, digits, '.', '_', '+', '-')"
            ],
        ),
    ],
    "http-link": [
        (
            LANGS[3],
            HEAD + "[PUP](http://pup.example.pl/)\n",
            ["6: http:// link 'http://pup.example.pl/': write https://"],
        ),
        (
            LANGS[1],
            HEAD + place("[PUP](HTTP://pup.example.pl/)", "list"),
            ["7: http:// link 'HTTP://pup.example.pl/': write https://"],
        ),
    ],
    "protocol-relative-link": [
        (
            LANGS[0],
            HEAD + "[x](//evil.example/x)\n",
            ["6: link '//evil.example/x' without https: write https://evil.example/x"],
        ),
        (
            LANGS[2],
            HEAD + place("[x](//evil.example/)", "admonition"),
            ["7: link '//evil.example/' without https: write https://evil.example/"],
        ),
    ],
    "reference-style-image": [
        (
            LANGS[1],
            HEAD + "![pixel][p]\n\n[p]: https://tracker.example/p.gif\n",
            [
                "8: image from another site 'https://tracker.example/p.gif': put the image under "
                "docs/ and link it relatively"
            ],
        ),
        (
            LANGS[3],
            HEAD + place("![p][t]", "table") + "\n[t]: //tracker.example/p.gif\n",
            [
                "10: image from another site '//tracker.example/p.gif': put the image under docs/ "
                "and link it relatively"
            ],
        ),
    ],
    "script-url": [
        (
            LANGS[2],
            HEAD + "[x](javascript:alert(1))\n",
            [
                '6: href="javascript:alert(1)" on <a> is not allowed: '
                f'<a href="javascript:alert(1)">{LINKS}'
            ],
        ),
        (
            LANGS[0],
            HEAD + place("[x][j]", "list") + "\n[j]: data:text/html,x\n",
            [
                '9: href="data:text/html,x" on <a> is not allowed: '
                f'<a href="data:text/html,x">{LINKS}'
            ],
        ),
    ],
}
REFUSED["old-directive-form"] = [
    (
        LANGS[1],
        HEAD + "<!-- office: pup -->\n",
        ["6: '<!-- office: pup -->' shows as text: write [[office: pup]] on a line of its own"],
    ),
    (
        LANGS[3],
        HEAD + place("<!--glossary-->", "admonition"),
        ["7: '<!--glossary-->' shows as text: write [[glossary]] on a line of its own"],
    ),
]
REFUSED_VARIANTS = [
    (case, number) for case, variants in REFUSED.items() for number in range(len(variants))
]


@pytest.fixture(scope="module")
def render() -> PageMarkdown:
    return PageMarkdown()


@pytest.mark.parametrize(("case", "number"), REFUSED_VARIANTS)
def test_hostile_page_is_refused(render: PageMarkdown, case: str, number: int) -> None:
    lang, text, messages = REFUSED[case][number]
    path = Path(f"docs/{lang}/hostile.md")
    found = [
        str(problem)
        for problem in content_problems(path, text, render=render, rules=data.text_rules())
    ]
    assert found == [f"{path}:{message}" for message in messages]


@pytest.mark.parametrize(
    "case", [case for case, variants in REFUSED.items() if variants[0][1].startswith(HEAD)]
)
def test_without_the_allow_list_these_pass(case: str) -> None:
    """The proof that the test above can fail: without the rendered checks, nothing is found."""
    lang, text, _ = REFUSED[case][0]
    assert content_problems(Path(f"docs/{lang}/hostile.md"), text, rules=data.text_rules()) == []


@pytest.mark.parametrize(
    ("case", "number"), [("config-heading", 0), ("multimarkdown-front-matter", 1)]
)
def test_the_build_refuses_them(tmp_path: Path, case: str, number: int) -> None:
    lang, text, messages = REFUSED[case][number]
    config = make_project(tmp_path, {f"{lang}/hostile.md": text}, powiat_pages=False)
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, only_language=lang, capture=True)
    assert f"docs/{lang}/hostile.md:{messages[0]}" in failure.value.output


# --- In a browser: the defended pages run nothing and go nowhere -------------------------


@pytest.fixture(scope="module")
def defended_url(defended: Path) -> Iterator[str]:
    with serve(defended) as url:
        yield url


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_a_browser(browser: Browser, defended_url: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    tab = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", dismiss)
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    for case, lang, position in HARMLESS_VARIANTS:
        stem = page_name(case, position).removesuffix(".md")
        url = f"{defended_url.rstrip('/')}/{site_language_prefix(lang)}{stem}/"
        open_page(tab, url)
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)  # a refresh of 0 s would have left by now
        assert tab.url == url, case
    context.close()
    assert dialogs == []
    assert [url for url in requested if "evil" in url] == []


# --- The allow-list itself, on HTML an extension could emit --------------------------------

EMITTED = {
    "comment-hiding-a-script": (
        "<p>a</p>\n<!--><script>x()</script>-->",
        2,
        "not allowed here: <!--><script>x()</script>-->",
    ),
    "unknown-tag": ("<p>a <b>b</b></p>", 1, "<b> is not allowed: <b>"),
    "event-handler": (
        '<p>a</p>\n<p><a href="x/" onclick="go()">x</a></p>',
        2,
        'onclick="go()" on <a> is not allowed: <a href="x/" onclick="go()">',
    ),
    "foreign-class": (
        '<div class="guide-box">fake office</div>',
        1,
        'class="guide-box" on <div> is not allowed: <div class="guide-box">',
    ),
}


@pytest.mark.parametrize("case", EMITTED)
def test_the_allow_list_names_what_it_refuses(case: str) -> None:
    html, line, message = EMITTED[case]
    assert [(found.line, found.message) for found in content_findings(html)] == [(line, message)]


# --- The comparison parses nh3's output only when it differs from the page ----------------

PERMALINK = '<h2 id="a">A<a class="headerlink" href="#a" title="Link">&para;</a></h2>\n'


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """The calls of sanitize.events from now on: (html, where)."""
    parsed: list[tuple[str, bool]] = []

    def counted(html: str, *, where: bool = True) -> list[sanitize.Event]:
        parsed.append((html, where))
        return events(html, where=where)

    monkeypatch.setattr(sanitize, "events", counted)
    return parsed


def test_a_page_nh3_only_decodes_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _counted(monkeypatch)
    html = PERMALINK + '<p title="&para;">a &para; b</p>'
    assert sanitize.clean(html) != html  # nh3 writes the character
    assert content_findings(html) == []
    assert parsed == [(html, False)]  # without lines: nothing to name


def test_a_page_with_findings_is_read_again_for_their_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed = _counted(monkeypatch)
    html = '<p>a</p>\n<p>b <a href="http://example.org/">c</a></p>'
    assert [(f.line, f.message) for f in content_findings(html)] == [
        (2, "http:// link 'http://example.org/': write https://")
    ]
    # The page, then nh3's output (which differs), without lines; then both with them.
    assert [(text == html, where) for text, where in parsed] == [
        (True, False),
        (False, False),
        (True, True),
        (False, True),
    ]
    assert {event.line for event in events(html, where=False)} == {0}


@pytest.mark.parametrize("case", EMITTED)
def test_a_decoded_reference_hides_nothing_else(case: str) -> None:
    """The proof that the full comparison still runs where nh3 changed more than a reference:
    the page's own events compared with themselves find nothing of these."""
    html, line, message = EMITTED[case]
    html = PERMALINK.replace("\n", " ") + html
    found = events(html)
    if case != "unknown-tag":  # outside the allow-list by tag: found without nh3
        assert sanitize._difference(found, found) is None
    assert [(f.line, f.message) for f in content_findings(html)] == [(line, message)]
