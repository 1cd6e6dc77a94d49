"""Print-ready PDFs of the built site, printed by Chromium from the site served on loopback.

Per language: a booklet of the whole guide (a contents page with the page each section starts
on, then every page of mkdocs.yml's nav in nav order, one A4 PDF with a bookmark per page) and
a contact sheet per powiat (its generated page, at most two A4 sides). Every printed page
carries "n / N" at its foot, a contact sheet's also the powiat's title: Chromium prints each
page on its own, so the numbers are laid over the merged PDF (a page of labels printed once).
Every page links to them (the print area of guide/site/features.py, with the paths below).

They exist once `python -m guide pdf [SITE_DIR]` (`make pdf`) has run on a built site, and
in every edition `python -m guide deploy` builds (guide/tools/editions.py prints them after the
build), so that the published site always has them.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from guide import ROOT
from guide.data.languages import (
    language_codes,
    nav_pages,
    page_url,
    site_language_prefix,
)
from guide.data.offices import load_directory
from guide.data.ui import load_ui
from guide.site.asset_paths import booklet_path, sheet_path
from guide.site.qr import QR_CLASS
from guide.tools.chromium import GUIDE_READY, chromium, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pypdf import PdfReader, PdfWriter

SHEET_MAX_PAGES = 2  # both sides of one sheet of A4
# Cannot go stale: Jinja checks each template file's modification time before reusing it.
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "overrides/partials/guide/pdf"), autoescape=True
)

# offices.js has filled the "Your office" boxes (it adds a picker to each, chosen or not).
OFFICES_READY = """() => !document.querySelector("[data-office-body]")
  || document.querySelectorAll("[data-office-body]").length
     === document.querySelectorAll("[data-office-body] .guide-box__picker").length"""
# A lazy picture is loaded by the print itself, and Chromium's PDF does not wait for it (on a
# busy machine a PDF came out without its QR code): every picture left is loaded before it.
_LOAD_IMAGES = """() => document.querySelectorAll("img[loading=lazy]")
  .forEach((image) => { image.loading = "eager"; })"""
_IMAGES_SETTLED = "() => Array.from(document.images).every((image) => image.complete)"
# The QR code drawn in the page from its file, with its class and its alt text as the label:
# Chromium's PDF of a page holding an SVG picture took 2 s more per page (Chromium 156) for the
# same drawing. One that cannot be fetched stays a picture (named below if it does not load).
_QR_INLINE = f"""async () => {{
  for (const image of document.querySelectorAll("img.{QR_CLASS}")) {{
    const answer = await fetch(image.src).catch(() => null);
    if (!answer || !answer.ok) {{ continue; }}
    const parsed = new DOMParser().parseFromString(await answer.text(), "image/svg+xml");
    if (parsed.documentElement.localName !== "svg") {{ continue; }}
    const drawing = document.importNode(parsed.documentElement, true);
    drawing.setAttribute("class", image.className);
    drawing.setAttribute("role", "img");
    drawing.setAttribute("aria-label", image.alt);
    image.replaceWith(drawing);
  }}
}}"""
# Images the print would not get (settled, but not loaded).
_NOT_LOADED = """() => Array.from(document.images)
  .filter((image) => !(image.complete && image.naturalWidth > 0))
  .map((image) => image.getAttribute("src"))"""


# The page's title for the booklet's bookmarks: its heading without the permalink sign.
_TITLE = """() => {
  const heading = document.querySelector("article h1").cloneNode(true);
  heading.querySelectorAll(".headerlink").forEach((link) => link.remove());
  return heading.textContent.trim();
}"""


class PdfError(Exception):
    """A page could not be printed as the guide needs (names the page and the problem)."""


@dataclass(frozen=True)
class Printout:
    """One PDF in `lang`: `target` (site-relative) printed from the site-relative `urls`, in
    order; a booklet (several urls) gets a contents page; `max_pages`: None for no limit."""

    target: str
    urls: tuple[str, ...]
    lang: str
    max_pages: int | None = None


def printouts(langs: Sequence[str] | None = None) -> list[Printout]:
    """The booklet and the contact sheets of each language (default: every language)."""
    found: list[Printout] = []
    for lang in langs or language_codes():
        prefix = site_language_prefix(lang)
        booklet = tuple(prefix + page_url(src) for src in nav_pages())
        found.append(Printout(booklet_path(lang), booklet, lang))
        found.extend(
            Printout(
                sheet_path(lang, p.slug),
                (f"{prefix}powiaty/{p.slug}/",),
                lang,
                max_pages=SHEET_MAX_PAGES,
            )
            for p in load_directory().powiaty
        )
    return found


def print_page(page: Page, url: str) -> tuple[str, bytes]:
    """(title, A4 PDF) of the page at `url` as the browser prints it, offices.js done.

    One browser page prints them all: a fresh context per page would cost ~2 s per print.
    """
    response = page.goto(url)
    if response is None or not response.ok:
        raise PdfError(f"{url}: HTTP {response.status if response else 'no response'}")
    try:
        # The stylesheets (with the print rules) and scripts requested after the first paint.
        page.wait_for_function(GUIDE_READY, timeout=15_000)
    except Exception as error:  # playwright's TimeoutError
        raise PdfError(f"{url}: the stylesheets and scripts did not load: {error}") from None
    try:
        page.wait_for_function(OFFICES_READY, timeout=15_000)
    except Exception as error:  # playwright's TimeoutError
        raise PdfError(f"{url}: the office boxes were not filled: {error}") from None
    title: str = page.evaluate(_TITLE)
    page.evaluate(_QR_INLINE)
    page.evaluate(_LOAD_IMAGES)
    # playwright's TimeoutError: the images still missing are named below
    with contextlib.suppress(Exception):
        page.wait_for_function(_IMAGES_SETTLED, timeout=15_000)
    failed = page.evaluate(_NOT_LOADED)
    if failed:
        raise PdfError(f"{url}: images missing from the print: {', '.join(failed)}")
    return title, page.pdf(format="A4", prefer_css_page_size=True, tagged=True)


def _print_html(page: Page, template: str, **context: object) -> PdfReader:
    """A4 PDF of one of the templates in partials/guide/pdf/, printed by the same browser."""
    from pypdf import PdfReader

    page.goto("about:blank")  # a new document: not under the last page's CSP (inline <style>)
    page.set_content(_TEMPLATES.get_template(template).render(**context))
    return PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True, tagged=True)))


def _contents(page: Page, lang: str, titles: list[str], lengths: list[int]) -> PdfReader:
    """The contents page(s): each title with the page it starts on, counting the contents."""
    title = load_ui().label("pdf_contents", lang)
    length = 1
    while True:
        starts = [length + 1 + sum(lengths[:index]) for index in range(len(lengths))]
        entries = list(zip(titles, starts, strict=True))
        printed = _print_html(page, "contents.html", lang=lang, title=title, entries=entries)
        if len(printed.pages) == length:
            return printed
        length = len(printed.pages)


def _number_pages(page: Page, writer: PdfWriter, label: str) -> None:
    """Lay "label n / N" (or "n / N") over the foot of every page of `writer`."""
    total = len(writer.pages)
    labels = [
        " · ".join(part for part in (label, f"{number} / {total}") if part)
        for number in range(1, total + 1)
    ]
    stamps = _print_html(page, "page-labels.html", labels=labels)
    if len(stamps.pages) != total:
        raise PdfError(f"page labels: {len(stamps.pages)} pages printed for {total}")
    for target, stamp in zip(writer.pages, stamps.pages, strict=True):
        target.merge_page(stamp)


def _write(printout: Printout, page: Page, base_url: str, site_dir: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    printed = []
    for url in printout.urls:
        title, pdf = print_page(page, base_url + url)
        reader = PdfReader(io.BytesIO(pdf))
        if printout.max_pages is not None and len(reader.pages) > printout.max_pages:
            raise PdfError(
                f"{url}: {len(reader.pages)} A4 pages; a contact sheet must fit on "
                f"{printout.max_pages} (see the Print section of guide.css)"
            )
        printed.append((title, reader))
    titles = [title for title, _ in printed]
    booklet = len(printout.urls) > 1
    if booklet:
        lengths = [len(reader.pages) for _, reader in printed]
        contents = _contents(page, printout.lang, titles, lengths)
        writer.append(contents, outline_item=load_ui().label("pdf_contents", printout.lang))
    for title, reader in printed:
        writer.append(reader, outline_item=title if booklet else None)
    _number_pages(page, writer, "" if booklet else titles[0])
    writer.add_metadata({"/Title": titles[0]})
    target = site_dir / printout.target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with partial.open("wb") as handle:
        writer.write(handle)
    partial.replace(target)
    return target


def write_pdfs(
    site_dir: Path, *, langs: Sequence[str] | None = None, browser: Browser | None = None
) -> list[Path]:
    """Print the booklets and contact sheets of `langs` (default: all) from the site built in
    `site_dir` into `site_dir/pdf/`; return the files written, in printouts() order.

    `browser`: a running Chromium to use (the tests'), else Debian's is launched. Raises
    PdfError (a page missing, not printable, or a sheet over SHEET_MAX_PAGES) and ChromiumMissing.
    """
    site_dir = site_dir.resolve()
    jobs = printouts(langs)
    missing = [url for job in jobs for url in job.urls if not (site_dir / url).is_dir()]
    if missing:
        raise PdfError(f"{site_dir} is not a full build of the guide: no {', '.join(missing[:3])}")
    with serve(site_dir) as base_url, ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium())
        # A fresh context stores no powiat: the office boxes print their link to the powiats.
        context = browser.new_context()
        stack.callback(context.close)
        page = context.new_page()
        return [_write(job, page, base_url, site_dir) for job in jobs]
