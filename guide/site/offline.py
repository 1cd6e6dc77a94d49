"""Reading offline: the offline page of each language, which sw.js serves for an address it
has not kept while the network fails, and the files "Keep this guide on my phone" stores
(guide/site/features.py)."""

from __future__ import annotations

import gzip
import json
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from mkdocs.utils import get_relative_url

from guide.data.ui import Ui
from guide.site.asset_paths import OFFICES_JSON, TOWNS_JSON
from guide.site.css_prune import PageNames
from guide.site.finished_page import attach_once
from guide.site.render import words
from guide.site.search_index import SEARCH_JSON
from guide.site.serve import GZIP_LEVEL

OFFLINE_HTML = "offline.html"  # in each language's folder; sw.js derives the same name
GUIDE_CSS = "assets/guide/guide.css"


def offline_page(
    env: jinja2.Environment, /, *, lang: str, prefix: str, site_name: str, ui: Ui | None = None
) -> tuple[str, PageNames | None]:
    """The offline page of `lang`, whose tree starts at `prefix` ('' or 'uk/'), with its policy,
    and its names from its one parse (finished_page.attach_once)."""
    where = prefix + OFFLINE_HTML
    html = env.get_template("partials/guide/offline.html").render(
        **words(lang, ui=ui), site_name=site_name, css=get_relative_url(GUIDE_CSS, where)
    )
    return attach_once(html, env=env, where=where)


# "Keep this guide on my phone" (partials/guide/keep.html, assets/guide/keep.js): per language,
# the files to store and what they cost to download, measured on the built files.
PACK_JSON = "assets/guide/offline-pack.json"  # in each language's tree
KEEP_JS = "assets/guide/keep.js"
# Fetched by scripts, not named in the HTML: the search (script and this language's index),
# the office list and the town search. The chosen powiat's offices are added by keep.js.
SCRIPT_FILES = ("assets/guide/search.js", KEEP_JS, TOWNS_JSON)
LANGUAGE_FILES = (SEARCH_JSON, OFFICES_JSON, OFFLINE_HTML)
NOT_KEPT = ("pdf/", "search/")  # PDFs are for printing; search/ is Material's unused index
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml")  # as a static host gzips them


def pack_files(
    site: Path, *, prefix: str, others: Sequence[str], loads: Mapping[str, Iterable[str]]
) -> list[str]:
    """Site paths of everything a reader of the language at `prefix` needs offline: each page
    (as its folder's address, which is what a link asks for) and every file it loads. `loads`:
    the site files each of the language's pages loads, by the page's site path (noted when the
    page was finished, guide/site/finished_page.py)."""
    paths: set[str] = set()
    for rel in sorted(loads):
        inner = rel.removeprefix(prefix)
        if (
            not rel.startswith(prefix)
            or not inner.endswith("index.html")
            or any(inner.startswith(other) for other in others if other)
            or inner.startswith(NOT_KEPT)
        ):
            continue
        paths.add(rel.removesuffix("index.html"))
        # Only files the site has (a broken reference is the link check's to report).
        paths.update(path for path in loads[rel] if (site / path).is_file())
    paths.update(name for name in SCRIPT_FILES if (site / name).is_file())
    paths.update(prefix + name for name in LANGUAGE_FILES if (site / prefix / name).is_file())
    return sorted(paths)


def download_size(site: Path, path: str, *, sizes: dict[Path, int] | None = None) -> int:
    """Bytes a reader downloads for the site path `path`: gzipped as a static host sends text.
    `sizes` keeps each file's figure for the rest of the build (files every language keeps)."""
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    if sizes is not None and file in sizes:
        return sizes[file]
    data = file.read_bytes()
    size = len(gzip.compress(data, GZIP_LEVEL, mtime=0)) if file.suffix in COMPRESSED else len(data)
    if sizes is not None:
        sizes[file] = size
    return size


def pack_json(
    site: Path, *, prefix: str, others: Sequence[str], loads: Mapping[str, Iterable[str]]
) -> str:
    """The language's offline-pack.json: its files (relative to the JSON). What they cost to
    download is added once the site's files are final (measure_packs)."""
    files = pack_files(site, prefix=prefix, others=others, loads=loads)
    here = posixpath.dirname(prefix + PACK_JSON)
    relative = [
        posixpath.relpath(path or ".", here) + ("/" if path.endswith("/") or not path else "")
        for path in files
    ]
    return json.dumps({"files": relative}, separators=(",", ":"))


def measure_packs(site: Path) -> None:
    """Every offline-pack.json gets its size, measured on the site's final files (after the
    stylesheet is pruned and each page carries its first-paint rules: guide/site/first_paint.py);
    a file several languages keep is measured once."""
    sizes: dict[Path, int] = {}
    for pack in sorted(site.rglob(PACK_JSON)):
        data = json.loads(pack.read_text(encoding="utf-8"))
        base = "https://site.invalid/" + pack.relative_to(site).as_posix()
        paths = [
            urljoin(base, file).removeprefix("https://site.invalid/") for file in data["files"]
        ]
        data["bytes"] = sum(download_size(site, path, sizes=sizes) for path in paths)
        pack.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
