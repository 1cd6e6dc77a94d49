"""The print and download area at the end of every page.

On screen it links to the PDFs of guide/tools/pdf.py (the booklet of the page's language, and on a
powiat page that powiat's contact sheet). On the printed page it shows the page's own address
(its canonical URL: site_url, which SITE_URL overrides, plus the page's path) and a QR code of
it. The QR code is an SVG file beside the page, made here with segno, in an <img> loaded lazily:
the screen hides it and fetches nothing, the browser loads it when the page is printed.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.site import hook_order
from guide.site.i18n import current_language
from guide.site.powiat_pages import powiat_of_page
from guide.site.qr import qr_svg
from guide.site.render import guide_env, render, words
from guide.site.static_i18n import normalized_src
from guide.tools.pdf import booklet_path, sheet_path

QR_FILE = "print-qr.svg"


def canonical_url(config: MkDocsConfig, url: str) -> str:
    """The public address of the page at site-relative `url` (as MkDocs' canonical_url)."""
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is required: printed pages show their address")
    return urljoin(config.site_url.rstrip("/") + "/", url)  # the home page's url is "./"


def qr_dest(file: File) -> str:
    """Where a page's QR code goes: beside its index.html."""
    return posixpath.join(posixpath.dirname(file.dest_uri), QR_FILE)


@event_priority(hook_order.AFTER_GENERATED_FILES)  # after static-i18n and the powiat pages
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    for file in list(files.documentation_pages()):
        svg = qr_svg(canonical_url(config, file.url))
        files.append(File.generated(config, qr_dest(file), content=svg))
    return files


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = current_language(config)
    url = canonical_url(config, page.url)
    src = normalized_src(page.file) or page.file.src_uri
    try:
        powiat = powiat_of_page(src)
    except LookupError as error:
        raise PluginError(str(error)) from None
    area = render(
        guide_env(config.theme),
        "partials/guide/print-address.html",
        url=url,
        qr_url=get_relative_url(qr_dest(page.file), page.url),
        booklet_url=get_relative_url(booklet_path(lang), page.url),
        sheet_url=get_relative_url(sheet_path(lang, powiat), page.url) if powiat else None,
        **words(lang),
    )
    return f"{html}\n{area}"
