"""What "Keep this guide on my phone" stores (guide/site/offline.py, offline-pack.json per
language): every page of the language and the files they load, nothing of another language,
no PDFs, and the size a reader downloads, measured on the built files."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

from guide.data.languages import site_language_prefix
from guide.site.asset_paths import OFFICES_JSON
from guide.site.offline import OFFLINE_HTML, PACK_JSON, download_size
from guide.site.search_index import SEARCH_JSON
from tests.pages import LANGUAGE_PAGES, LANGUAGES, url_of


def pack(site: Path, lang: str) -> tuple[list[str], int]:
    """The site paths the language's pack lists, and its size."""
    json_path = site_language_prefix(lang) + PACK_JSON
    data = json.loads((site / json_path).read_text(encoding="utf-8"))
    base = "https://site.invalid/" + json_path
    paths = [urljoin(base, file).removeprefix("https://site.invalid/") for file in data["files"]]
    return paths, int(data["bytes"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_language_and_nothing_else(site: Path, lang: str) -> None:
    paths, _ = pack(site, lang)
    pages = {path for path in paths if path.endswith("/") or path == ""}
    assert pages == {url_of(lang, page) for page_lang, page in LANGUAGE_PAGES if page_lang == lang}
    prefix = site_language_prefix(lang)
    for name in (SEARCH_JSON, OFFICES_JSON, OFFLINE_HTML):
        assert prefix + name in paths
    assert [p for p in paths if p.startswith("pdf/") or p.endswith(("print-qr.svg", ".pdf"))] == []
    assert [p for p in paths if not (site / p).exists()] == []
    # loaded on the first touch (boot.js): kept for reading offline all the same
    assert [p for p in paths if p.startswith("assets/javascripts/bundle.")] != []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_size_is_what_a_reader_downloads(site: Path, lang: str) -> None:
    paths, size = pack(site, lang)
    raw = sum(
        (site / path / "index.html" if path.endswith("/") or not path else site / path)
        .stat()
        .st_size
        for path in paths
    )
    assert size == sum(download_size(site, path) for path in paths)
    assert raw / 10 < size < raw  # text is sent gzipped
