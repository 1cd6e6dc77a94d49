"""Print-ready pages and PDFs: the print/download area, the QR code of the page's address,
pages printed to PDF by Chromium and read back, and the `python -m guide pdf` step.

The pdf step prints every PDF of every language here, as `make pdf` and a deploy do (84 PDFs,
about 35 s with Chromium's headless shell on the project's machine, 6 Dec 2026).
"""

from __future__ import annotations

import copy
import functools
import io
import re
import shutil
import threading
import time
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import segno
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page
from pypdf import PageObject, PdfReader

from guide.data.languages import nav_pages
from guide.data.offices import phone_display
from guide.site.asset_paths import booklet_path, sheet_path
from guide.site.powiat_pages import powiat_of_page
from guide.site.qr import QR_CLASS, QR_MASK, qr_svg
from guide.site.serve import GzipHandler, SiteServer
from guide.tools.pdf import OFFICES_READY, SHEET_MAX_PAGES, print_page, printouts, write_pdfs
from tests import data
from tests.browser import open_page
from tests.pages import LANGUAGE_PAGES, LANGUAGES, output_path, page_id, parse, resolve, url_of
from tests.test_links import link_problems

TOPIC = "work.md"  # a topic page with an office box and external source links
POWIAT = "leborski"


def public_url(site: Path, lang: str, page: str) -> str:
    """The page's canonical address (site_url, which SITE_URL overrides, and the page's path)."""
    link = parse(site, lang, page).select_one('head link[rel="canonical"]')
    assert link is not None
    assert str(link["href"]).endswith("/" + url_of(lang, page))
    return str(link["href"])


def squeeze(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks long lines and URLs anywhere.
    NFKC: Chromium prints ligatures (Chromium 156: "ﬃ", U+FB03, in "offices") as one glyph."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(pdf: bytes) -> str:
    return squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def content_stream(page: PageObject) -> bytes:
    """What a PDF page draws (its content stream, decoded)."""
    contents = page.get_contents()
    assert contents is not None
    return contents.get_data()


def qr_modules(url: str) -> set[tuple[int, int]]:
    """Dark modules (column, row) of the page's QR code for `url`, in its 4-module quiet zone."""
    border = 4
    code = segno.make(url, micro=False, mask=QR_MASK)
    return {
        (x + border, y + border)
        for y, row in enumerate(code.matrix)
        for x, module in enumerate(row)
        if module
    }


# Chromium writes the QR code's path (segno's "M4 4.5h7...") scaled into place, one line per
# run of modules: "x y m" then "x2 y l"; every code starts with its top-left finder's run.
_PDF_RUN = re.compile(r"(\d+) (\d+)\.5 m\n(\d+) \2\.5 l\n")
_FIRST_RUN = "4 4.5 m\n11 4.5 l\n"


def printed_qr_modules(pdf: bytes) -> set[tuple[int, int]]:
    """Dark modules (column, row) of the QR code a printed page draws."""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        stream = content_stream(page).decode("latin-1")
        if _FIRST_RUN in stream:
            drawing = stream[stream.index(_FIRST_RUN) :].split("\nS\n", 1)[0] + "\n"
            return {
                (x, int(row))
                for start, row, end in _PDF_RUN.findall(drawing)
                for x in range(int(start), int(end))
            }
    return set()


def svg_modules(svg: str) -> set[tuple[int, int]]:
    """Dark modules (column, row) of a segno SVG drawn as one path of M/m moves and h lines."""
    path = re.search(r' d="([^"]+)"', svg)
    assert path is not None
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path[1]):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(x) + i, int(y)) for i in range(int(a)))
            x += float(a)
    return dark


# --- The print and download area, in the built HTML ----------------------------------------


@cache
def _printed(lang: str) -> set[str]:
    """The site paths of the language's PDFs (`python -m guide pdf`)."""
    return {printout.target for printout in printouts([lang])}


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES, ids=page_id)
def test_print_area_links_the_pdfs(site: Path, lang: str, page: str) -> None:
    area = parse(site, lang, page).select_one("article .guide-print[data-search-exclude]")
    assert area is not None
    links = [resolve(lang, page, str(a["href"])) for a in area.select("a[type='application/pdf']")]
    slug = re.fullmatch(r"powiaty/([a-z]+)\.md", page)
    sheet = [sheet_path(lang, slug[1])] if slug and slug[1] != "index" else []
    assert links == [booklet_path(lang), *sheet]
    assert set(links) <= _printed(lang)
    address = area.select_one(".guide-print__url")
    assert address is not None and address.get_text() == public_url(site, lang, page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_qr_svg_is_segnos_own_writing(site: Path, lang: str) -> None:
    """qr_svg writes the path itself: byte for byte what segno's SVG writer gives."""
    for page in (TOPIC, f"powiaty/{POWIAT}.md", "index.md"):
        url = public_url(site, lang, page)
        written = io.BytesIO()
        segno.make(url, micro=False, mask=QR_MASK).save(
            written, kind="svg", xmldecl=False, svgclass=None, lineclass=None, omitsize=True
        )
        assert qr_svg(url) == written.getvalue().decode("ascii")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_qr_code_encodes_the_page_address(site: Path, lang: str) -> None:
    for page in (TOPIC, f"powiaty/{POWIAT}.md", "index.md"):
        img = parse(site, lang, page).select_one("article img.guide-print__qr")
        assert img is not None and img["loading"] == "lazy"
        assert img["alt"] == data.ui().label("print_qr", lang)
        svg = output_path(site, lang, page).parent / str(img["src"])
        assert svg_modules(svg.read_text(encoding="utf-8")) == qr_modules(
            public_url(site, lang, page)
        )


def test_pdf_names() -> None:
    assert booklet_path("uk") == "pdf/uk/pierwsze-kroki-w-pomorskim-uk.pdf"
    assert sheet_path("uk", POWIAT) == "pdf/uk/powiaty/leborski.pdf"
    assert len(printouts()) == len(LANGUAGES) * (1 + len(data.directory().powiaty))


@pytest.mark.parametrize(
    ("src", "slug"),
    [("powiaty/leborski.md", POWIAT), ("powiaty/index.md", None), ("work.md", None)],
)
def test_powiat_of_page(src: str, slug: str | None) -> None:
    assert powiat_of_page(src, data.directory()) == slug


def test_powiat_page_of_no_powiat_is_refused() -> None:
    with pytest.raises(LookupError) as refused:
        powiat_of_page("powiaty/atlantyda.md", data.directory())
    assert str(refused.value) == "powiaty/atlantyda.md: no powiat 'atlantyda' in data/powiaty.yml"


# --- Printed by Chromium and read back -------------------------------------------------------


def printed(page: Page, url: str) -> str:
    """The text of `url` printed to A4 PDF, once offices.js has filled the boxes."""
    open_page(page, url)
    page.wait_for_function(OFFICES_READY)
    return pdf_text(page.pdf(format="A4", prefer_css_page_size=True))


def screen_only_texts(soup: BeautifulSoup) -> list[str]:
    """Texts of the header, navigation and footer that the article does not also contain."""
    article = soup.select_one("article")
    assert article is not None
    inside = squeeze(article.get_text())
    texts = [
        squeeze(tag.get_text())
        for tag in soup.select(
            ".md-header__topic, .md-sidebar--primary .md-nav__link, "
            ".md-footer__link .md-ellipsis, .md-copyright__highlight"
        )
    ]
    return sorted({text for text in texts if len(text) > 3 and text not in inside})


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_topic_page(phone: Page, site: Path, site_url: str, lang: str) -> None:
    soup = parse(site, lang, TOPIC)
    sources = [
        str(a["href"])
        for a in soup.select('article a[href^="https://"]')
        if not a.find_parent(class_=["guide-office", "guide-box"])
    ]
    assert sources
    text = printed(phone, site_url + url_of(lang, TOPIC))
    assert squeeze(public_url(site, lang, TOPIC)) in text
    assert squeeze(data.ui().label("print_online", lang)) in text
    assert f"({squeeze(sources[0])})" in text
    hidden = screen_only_texts(soup)
    assert len(hidden) >= 5
    assert [item for item in hidden if item in text] == []
    # No powiat chosen: the office box prints its link to the powiat pages.
    assert squeeze(data.ui().label("all_powiats", lang)) in text
    assert squeeze(data.ui().label("pdf_booklet", lang)) not in text


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_office_box_shows_the_chosen_powiat(phone: Page, site_url: str, lang: str) -> None:
    open_page(phone, site_url + url_of(lang, TOPIC))
    phone.evaluate(f"localStorage.setItem('guide.powiat', '{POWIAT}')")
    office = data.directory().office(POWIAT, "legal-aid")
    assert office is not None and office.phones and office.address
    text = printed(phone, site_url + url_of(lang, TOPIC))
    assert squeeze(office.name) in text
    assert squeeze(office.address) in text
    assert squeeze(phone_display(office.phones[0])) in text
    assert f"(tel:{office.phones[0]})" not in text


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_qr_code_only_in_print(phone: Page, site_url: str, lang: str) -> None:
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    open_page(phone, site_url + url_of(lang, TOPIC))
    phone.wait_for_function(OFFICES_READY)
    qr = phone.locator("img.guide-print__qr")
    address = phone.locator(".guide-print__address")
    assert address.evaluate("(element) => getComputedStyle(element).display") == "none"
    assert qr.is_hidden()
    assert phone.locator(".guide-print__downloads").is_visible()
    assert [url for url in requested if url.endswith("print-qr.svg")] == []
    phone.emulate_media(media="print")
    assert qr.evaluate("(img) => getComputedStyle(img).display") == "block"
    assert phone.locator(".guide-print__downloads").is_hidden()
    phone.pdf(format="A4")
    # Printing starts the lazy load; on a busy machine it may finish just after the PDF.
    phone.wait_for_function(
        "() => { const img = document.querySelector('img.guide-print__qr');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    assert [url for url in requested if url.endswith("print-qr.svg")] == [
        site_url + url_of(lang, TOPIC) + "print-qr.svg"
    ]


class _SlowQrHandler(GzipHandler):
    """The static host, with each QR code answered a second late (a busy or slow host)."""

    def send_head(self) -> Any:
        if self.path.endswith("print-qr.svg"):
            time.sleep(1)
        return super().send_head()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_waits_for_the_lazy_qr_code(site: Path, browser: Browser, lang: str) -> None:
    """Chromium's PDF does not wait for the lazy image the print itself starts loading: the
    pdf step draws the QR code in the page from its file first, however late it comes (without
    waiting, this QR code came a second too late)."""
    server = SiteServer(site, 0)
    server.RequestHandlerClass = functools.partial(_SlowQrHandler, directory=str(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        _, pdf = print_page(page, server.url + url_of(lang, TOPIC))
        assert page.locator(f"img.{QR_CLASS}").count() == 0
        assert page.locator(f"svg.{QR_CLASS}").count() == 1
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert printed_qr_modules(pdf) == qr_modules(public_url(site, lang, TOPIC))


@pytest.mark.browser
@pytest.mark.parametrize("page", [TOPIC, f"powiaty/{POWIAT}.md"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_qr_code_encodes_the_page_address(
    site: Path, site_url: str, browser: Browser, lang: str, page: str
) -> None:
    """The pdf step prints the QR code drawn in the page from its file, labelled as the picture
    was (Chromium printed a page holding an SVG picture 2 s slower, for the same drawing)."""
    picture = parse(site, lang, page).select_one(f"article img.{QR_CLASS}")
    assert picture is not None
    context = browser.new_context()
    try:
        tab = context.new_page()
        _, pdf = print_page(tab, site_url + url_of(lang, page))
        drawing = tab.locator(f"article svg.{QR_CLASS}")
        assert drawing.get_attribute("role") == "img"
        assert drawing.get_attribute("aria-label") == picture["alt"]
    finally:
        context.close()
    assert printed_qr_modules(pdf) == qr_modules(public_url(site, lang, page))


# --- The pdf step (`make pdf`) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def printed_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's site for the PDFs: the site itself is shared by the test
    workers and stays as built."""
    copy = tmp_path_factory.mktemp("printed") / "site"
    shutil.copytree(site, copy)
    return copy


@pytest.fixture(scope="module")
def pdfs(printed_site: Path, browser: Browser) -> list[Path]:
    """The PDFs of every language, printed into `printed_site`."""
    return write_pdfs(printed_site, langs=LANGUAGES, browser=browser)


@pytest.mark.browser
def test_pdf_step_writes_every_printout(printed_site: Path, pdfs: list[Path]) -> None:
    expected = [printed_site.resolve() / printout.target for printout in printouts(LANGUAGES)]
    assert pdfs == expected
    assert all(path.is_file() for path in pdfs)


def _nav_titles(site: Path, lang: str) -> list[str]:
    """The printed title (h1 without its permalink) of every nav page, in nav order."""
    titles = []
    for src in nav_pages():
        heading = copy.copy(parse(site, lang, src).select_one("article h1"))
        assert heading is not None
        for permalink in heading.select(".headerlink"):
            permalink.decompose()
        titles.append(heading.get_text().strip())
    return titles


@functools.cache  # the PDFs are printed once per module (`pdfs`); several tests read each
def _page_texts(path: Path) -> tuple[str, ...]:
    return tuple(squeeze(page.extract_text()) for page in PdfReader(path).pages)


def _printed_pdfs(printed_site: Path, lang: str) -> list[Path]:
    return [printed_site / printout.target for printout in printouts([lang])]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_booklet_has_contents_then_every_nav_page_in_order(
    printed_site: Path, pdfs: list[Path], lang: str
) -> None:
    reader = PdfReader(printed_site / booklet_path(lang))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    expected = _nav_titles(printed_site, lang)
    assert titles == [data.ui().label("pdf_contents", lang), *expected]
    assert len(reader.pages) > len(titles)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_booklet_contents_give_the_page_each_section_starts_on(
    printed_site: Path, pdfs: list[Path], lang: str
) -> None:
    path = printed_site / booklet_path(lang)
    reader = PdfReader(path)
    texts = _page_texts(path)
    starts = {
        item.title: (reader.get_destination_page_number(item) or 0) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    contents_title = data.ui().label("pdf_contents", lang)
    assert starts[contents_title] == 1
    first = min(starts[title] for title in _nav_titles(printed_site, lang))
    contents = "".join(  # without the page numbers at their foot
        text.removesuffix(f"{number}/{len(texts)}")
        for number, text in enumerate(texts[: first - 1], 1)
    )
    assert contents.startswith(squeeze(contents_title))
    for title in _nav_titles(printed_site, lang):
        listed = re.search(re.escape(squeeze(title)) + r"(\d+)", contents)
        assert listed is not None, title
        number = int(listed[1])
        assert number == starts[title], title
        assert texts[number - 1].startswith(squeeze(title)), title


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_printed_page_is_numbered(printed_site: Path, pdfs: list[Path], lang: str) -> None:
    """Every page ends with "n / N", and no page holds that alone."""
    for path in _printed_pdfs(printed_site, lang):
        texts = _page_texts(path)
        for number, text in enumerate(texts, 1):
            assert text.endswith(f"{number}/{len(texts)}"), (path.name, number)
            assert text.removesuffix(f"{number}/{len(texts)}"), (path.name, number)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_qr_block_is_never_alone_on_a_page(
    printed_site: Path, pdfs: list[Path], lang: str
) -> None:
    """The page's address and QR code (print_online) print with the end of its text (a line
    at least: "Gminy: Gdynia" on a contact sheet's second side)."""
    block = squeeze(data.ui().label("print_online", lang))
    for path in _printed_pdfs(printed_site, lang):
        texts = _page_texts(path)
        for number, text in enumerate(texts, 1):
            if block not in text:
                continue
            before = text[: text.index(block)]
            assert len(before) >= 10, (path.name, number, text)


def _text_sizes(path: Path) -> list[tuple[float, str]]:
    """(size in pt, text) of each piece of text of a PDF, from its text and current matrices."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        a, b, c, d = (
            tm[0] * cm[0] + tm[1] * cm[2],
            tm[0] * cm[1] + tm[1] * cm[3],
            tm[2] * cm[0] + tm[3] * cm[2],
            tm[2] * cm[1] + tm[3] * cm[3],
        )
        if text.strip():
            found.append((round(size * abs(a * d - b * c) ** 0.5, 2), text))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


SOURCES_PT, DETAILS_PT = 7.0, 9.0


@pytest.mark.browser
@pytest.mark.parametrize("slug", [p.slug for p in data.directory().powiaty])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_sheet_fits_one_sheet_with_the_powiat_on_each_side(
    printed_site: Path, pdfs: list[Path], lang: str, slug: str
) -> None:
    path = printed_site / sheet_path(lang, slug)
    texts = _page_texts(path)
    assert 1 <= len(texts) <= SHEET_MAX_PAGES
    heading = copy.copy(parse(printed_site, lang, f"powiaty/{slug}.md").select_one("h1"))
    assert heading is not None
    for permalink in heading.select(".headerlink"):
        permalink.decompose()
    powiat = next(p for p in data.directory().powiaty if p.slug == slug)
    for number, text in enumerate(texts, 1):
        assert text.endswith(squeeze(f"{heading.get_text().strip()} · {number} / {len(texts)}"))
        assert squeeze(powiat.name) in text
    assert squeeze(public_url(printed_site, lang, f"powiaty/{slug}.md")) in "".join(texts)


@pytest.mark.browser
@pytest.mark.parametrize("slug", [p.slug for p in data.directory().powiaty])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_sheet_prints_details_at_9_pt_and_sources_at_7(
    printed_site: Path, pdfs: list[Path], lang: str, slug: str
) -> None:
    sizes = _text_sizes(printed_site / sheet_path(lang, slug))
    assert min(size for size, _ in sizes) >= SOURCES_PT
    directory = data.directory()
    offices = [directory.office(slug, kind) for kind in data.ui().powiat_office_types()]
    details = [
        squeeze(value)
        for office in offices
        if office is not None
        for value in (office.address or "", *map(phone_display, office.phones))
        if value
    ]
    assert details
    for size, text in sizes:
        if len(squeeze(text)) > 3 and any(squeeze(text) in detail for detail in details):
            assert size >= DETAILS_PT, text


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES, ids=page_id)
def test_links_resolve_after_the_pdf_step(
    printed_site: Path, pdfs: list[Path], lang: str, page: str
) -> None:
    assert link_problems(printed_site, output_path(printed_site, lang, page)) == []
