"""Every HTML file of the built site is valid enough that browsers agree on what it says.

html5lib (the WHATWG parsing algorithm) reports every parse error with its line, column
and error code: duplicate attributes, stray quotes in attribute names, misnested tags.
It does not check attribute values, so two small checks go with it: no id twice on a page,
and every <meta> in one of the shapes the guide writes (no http-equiv other than the
Content-Security-Policy: a description broken out of its quotes cannot add a refresh).

Known false positives (accepted, not reported):
- Material's hidden checkbox toggles (__drawer, __search) carry autocomplete="off", which
  the Nu HTML checker reports (274 times over the site) as not allowed on checkboxes; it
  is there so Firefox does not restore the drawer's open state on going back. html5lib
  does not check attribute values, so nothing needs ignoring here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import html5lib
import pytest

from tests.pages import LANGUAGE_PAGES, output_path

# Parse-error codes to ignore, each with why. Material (the release in requirements.lock) and
# our templates parse cleanly.
KNOWN_FALSE_POSITIVES: dict[str, str] = {}

CSP = "content-security-policy"
META_SHAPES = (
    frozenset({"charset"}),
    frozenset({"name", "content"}),
    frozenset({"http-equiv", "content"}),
)


def html_problems(html: bytes) -> list[str]:
    """Parse errors, duplicate ids and unexpected <meta> tags, each as 'line:col: what'."""
    # Not strict=True, which stops at the first error: the same errors, all of them listed.
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(html, transport_encoding="utf-8")
    problems = [
        f"{line}:{col}: {code} {data}" if data else f"{line}:{col}: {code}"
        for (line, col), code, data in parser.errors
        if code not in KNOWN_FALSE_POSITIVES
    ]
    ids = Counter(element.get("id") for element in document.iter() if element.get("id") is not None)
    problems += [f"id {value!r} used {count} times" for value, count in ids.items() if count > 1]
    for meta in document.iter("meta"):
        names = frozenset(meta.attrib)
        equiv = meta.get("http-equiv")
        if names not in META_SHAPES or (equiv is not None and equiv.lower() != CSP):
            shown = " ".join(f'{key}="{value}"' for key, value in meta.attrib.items())
            problems.append(f"unexpected <meta {shown}>")
    return problems


def check_file(path: Path, site: Path) -> None:
    where = path.relative_to(site)
    assert [f"{where}:{problem}" for problem in html_problems(path.read_bytes())] == []


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_page_is_valid(site: Path, lang: str, page: str) -> None:
    check_file(output_path(site, lang, page), site)


def test_every_other_html_file_is_valid(site: Path) -> None:
    pages = {output_path(site, lang, page) for lang, page in LANGUAGE_PAGES}
    others = sorted(set(site.rglob("*.html")) - pages)
    assert site / "404.html" in others
    for path in others:
        check_file(path, site)


GOOD = (
    b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body></body></html>'
)


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        (b"", []),
        (b'<p a="1" a="2">x</p>', ["1:89: duplicate-attribute"]),
        (b"<p>x</div>", ["1:88: end-tag-too-early {'name': 'div'}"]),
        (b'<p id="a">x</p><p id="a">y</p>', ["id 'a' used 2 times"]),
        (
            b'<meta name="description" content="0;url=https://evil.example/" http-equiv="refresh">',
            [
                'unexpected <meta name="description" content="0;url=https://evil.example/"'
                ' http-equiv="refresh">'
            ],
        ),
        (
            b'<meta http-equiv="refresh" content="0">',
            ['unexpected <meta http-equiv="refresh" content="0">'],
        ),
        (b'<meta http-equiv="Content-Security-Policy" content="x">', []),
    ],
)
def test_checker_reports(body: bytes, problems: list[str]) -> None:
    html = GOOD.replace(b"<body>", b"<body>" + body)
    assert html_problems(html) == problems
