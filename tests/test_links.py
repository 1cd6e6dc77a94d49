"""Link integrity of the built HTML, per language and page: every internal href/src resolves
to a file of the site, every #fragment exists, external links are well-formed https."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from guide.tools.pdf import printouts
from tests.pages import LANGUAGE_PAGES, output_path

SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")
# The PDFs the pages link to exist once `make pdf` has run on the site (guide/tools/pdf.py); that
# step and the links then resolving are tested in tests/test_print.py.
PDFS = frozenset(printout.target for printout in printouts())


@cache
def ids_of(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.select("[id]"))


def link_problems(
    site: Path, page_file: Path, *, pending: frozenset[str] = frozenset()
) -> list[str]:
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    problems = []
    for tag in soup.select("a[href], link[href], script[src], img[src], source[src]"):
        url = str(tag.get("href") or tag.get("src"))
        if url.startswith(SKIPPED_SCHEMES):
            continue
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            if parts.scheme != "https" or not parts.netloc or " " in url:
                problems.append(f"external link is not well-formed https: {url}")
            continue
        if url.startswith("/"):
            problems.append(f"root-absolute link (breaks under an edition folder): {url}")
            continue
        target = page_file if not parts.path else (page_file.parent / unquote(parts.path))
        if target.is_dir() or parts.path.endswith("/"):
            target = target / "index.html"
        target = target.resolve()
        inside = site.resolve() in target.parents
        if inside and target.relative_to(site.resolve()).as_posix() in pending:
            continue  # written by a later step (PDFS)
        if not target.is_file() or site.resolve() not in target.parents:
            problems.append(f"{url}: no file {target.relative_to(site.resolve().parent)}")
            continue
        if (
            parts.fragment
            and target.suffix == ".html"
            and unquote(parts.fragment) not in ids_of(target)
        ):
            problems.append(f"{url}: no id #{parts.fragment} in {target.name}")
    return problems


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_links_resolve(site: Path, lang: str, page: str) -> None:
    assert link_problems(site, output_path(site, lang, page), pending=PDFS) == []


def test_checker_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "en" / "work" / "index.html"
    page.parent.mkdir(parents=True)
    (tmp_path / "en" / "index.html").write_text('<h2 id="a">A</h2>', encoding="utf-8")
    page.write_text(
        '<a href="../">ok</a><a href="../#a">ok</a><a href="../#b">anchor</a>'
        '<a href="../missing/">file</a><a href="http://x.pl/">http</a><a href="/abs/">abs</a>',
        encoding="utf-8",
    )
    assert link_problems(tmp_path, page) == [
        "../#b: no id #b in index.html",
        f"../missing/: no file {tmp_path.name}/en/missing/index.html",
        "external link is not well-formed https: http://x.pl/",
        "root-absolute link (breaks under an edition folder): /abs/",
    ]
