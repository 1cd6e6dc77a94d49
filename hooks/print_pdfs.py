"""With GUIDE_PDF=1, a build also prints the PDFs that every page links to (guide/pdf.py).

A deploy builds this way (`GUIDE_PDF=1 mike deploy ...`), so the published site always has
them; `make build` and `make serve` skip it (`make pdf` adds them to site/).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide.chromium import ChromiumMissing
from guide.i18n import built_languages
from guide.pdf import PDF_ENV, PdfError, write_pdfs
from guide.site import language_codes


@event_priority(-200)  # after static-i18n (-100), whose on_post_build builds the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    flag = os.environ.get(PDF_ENV, "")
    if flag not in ("", "0", "1"):
        raise PluginError(f"{PDF_ENV}={flag!r}: use 1 (print the PDFs) or 0")
    # static-i18n runs this event once per language, the last time when all are built.
    if flag != "1" or config.plugins["i18n"].building:  # type: ignore[attr-defined]
        return
    built = [code for code, _ in built_languages(config)]
    if sorted(built) != sorted(language_codes()):
        raise PluginError(f"{PDF_ENV}=1 needs a build of every language, not only {built}")
    try:
        write_pdfs(Path(config.site_dir))
    except (PdfError, ChromiumMissing) as error:
        raise PluginError(f"PDFs: {error}") from None
