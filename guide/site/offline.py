"""Reading offline: the offline page of each language, which sw.js serves for an address it
has not kept while the network fails, and the files "Keep this guide on my phone" stores
(hooks/offline.py)."""

from __future__ import annotations

import gzip
import json
import posixpath
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jinja2
from mkdocs.utils import get_relative_url

from guide.site.asset_paths import OFFICES_JSON, TOWNS_JSON
from guide.site.csp import attach
from guide.site.render import words
from guide.site.search_index import SEARCH_JSON
from guide.site.serve import GZIP_LEVEL

OFFLINE_HTML = "offline.html"  # in each language's folder; sw.js derives the same name
GUIDE_CSS = "assets/guide/guide.css"


def offline_page(env: jinja2.Environment, /, *, lang: str, prefix: str, site_name: str) -> str:
    """The offline page of `lang`, whose tree starts at `prefix` ('' or 'uk/'), with its policy."""
    where = prefix + OFFLINE_HTML
    html = env.get_template("partials/guide/offline.html").render(
        **words(lang), site_name=site_name, css=get_relative_url(GUIDE_CSS, where)
    )
    return attach(html, env=env, where=where)


# "Keep this guide on my phone" (partials/guide/keep.html, assets/guide/keep.js): per language,
# the files to store and what they cost to download, measured on the built files.
PACK_JSON = "assets/guide/offline-pack.json"  # in each language's tree
KEEP_JS = "assets/guide/keep.js"
# Fetched by scripts, not named in the HTML: the search (script and this language's index),
# the office list and the town search. The chosen powiat's offices are added by keep.js.
SCRIPT_FILES = ("assets/guide/search.js", KEEP_JS, TOWNS_JSON)
LANGUAGE_FILES = (SEARCH_JSON, OFFICES_JSON, OFFLINE_HTML)
NOT_KEPT = ("pdf/", "search/")  # PDFs are for printing; search/ is Material's unused index
PRINT_ONLY = "print-qr.svg"  # fetched only when printing
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml")  # as a static host gzips them


class _References(HTMLParser):
    """The site's own files a page loads: scripts, stylesheets, icons and pictures."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("script", "img") and values.get("src"):
            self.found.append(values["src"])
        elif tag == "template" and values.get("data-src"):  # Material's bundle, on demand
            self.found.append(values["data-src"])
        elif tag == "link" and values.get("rel") in ("stylesheet", "icon") and values.get("href"):
            self.found.append(values["href"])


def _loads(page: str, html: str) -> set[str]:
    """Site paths of the own files the page at site path `page` loads."""
    parser = _References()
    parser.feed(html)
    found: set[str] = set()
    for ref in parser.found:
        url = urlsplit(urljoin("https://site.invalid/" + page, ref))
        if url.netloc == "site.invalid" and not url.path.endswith("/" + PRINT_ONLY):
            found.add(url.path.removeprefix("/"))
    return found


def pack_files(site: Path, *, prefix: str, others: Sequence[str]) -> list[str]:
    """Site paths of everything a reader of the language at `prefix` needs offline: each page
    (as its folder's address, which is what a link asks for) and every file it loads."""
    paths: set[str] = set()
    for page in sorted((site / prefix).rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        inner = rel.removeprefix(prefix)
        if any(inner.startswith(other) for other in others if other) or inner.startswith(NOT_KEPT):
            continue
        address = rel.removesuffix("index.html")
        paths.add(address)
        # Only files the site has (a broken reference is the link check's to report).
        loads = _loads(address, page.read_text(encoding="utf-8"))
        paths.update(path for path in loads if (site / path).is_file())
    paths.update(name for name in SCRIPT_FILES if (site / name).is_file())
    paths.update(prefix + name for name in LANGUAGE_FILES if (site / prefix / name).is_file())
    return sorted(paths)


def download_size(site: Path, path: str) -> int:
    """Bytes a reader downloads for the site path `path`: gzipped as a static host sends text."""
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    data = file.read_bytes()
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0)) if file.suffix in COMPRESSED else len(data)


def pack_json(site: Path, *, prefix: str, others: Sequence[str]) -> str:
    """The language's offline-pack.json: its files (relative to the JSON) and their size."""
    files = pack_files(site, prefix=prefix, others=others)
    here = posixpath.dirname(prefix + PACK_JSON)
    relative = [
        posixpath.relpath(path or ".", here) + ("/" if path.endswith("/") or not path else "")
        for path in files
    ]
    return json.dumps(
        {"files": relative, "bytes": sum(download_size(site, path) for path in files)},
        separators=(",", ":"),
    )


def remeasure_packs(site: Path) -> None:
    """Every offline-pack.json's size measured again, on the site's final files (after the
    stylesheet is pruned and each page carries its first-paint rules: guide/site/first_paint.py)."""
    for pack in sorted(site.rglob(PACK_JSON)):
        data = json.loads(pack.read_text(encoding="utf-8"))
        base = "https://site.invalid/" + pack.relative_to(site).as_posix()
        paths = [
            urljoin(base, file).removeprefix("https://site.invalid/") for file in data["files"]
        ]
        data["bytes"] = sum(download_size(site, path) for path in paths)
        pack.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
