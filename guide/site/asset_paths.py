"""Paths of the data files the build writes into the site for offices.js and the town search
(per language, or once), beside the guide's own assets, and of the PDFs every page links to
(printed by guide/tools/pdf.py)."""

from __future__ import annotations

from guide.data.fold import fold_place_name
from guide.data.languages import languages

# Data files the build writes into the site for offices.js (per language / once).
OFFICES_JSON = "assets/guide/offices.json"


def powiat_offices_json(slug: str) -> str:
    """One powiat's offices, rendered, beside OFFICES_JSON (offices.js derives the same path)."""
    return f"assets/guide/offices/{slug}.json"


TOWNS_JSON = "assets/guide/towns.json"


PDF_DIR = "pdf"


def booklet_path(lang: str) -> str:
    """The booklet of `lang`, site-relative: `pdf/uk/pierwsze-kroki-w-pomorskim-uk.pdf`."""
    site_name = next(language.site_name for language in languages() if language.default)
    return f"{PDF_DIR}/{lang}/{fold_place_name(site_name).replace(' ', '-')}-{lang}.pdf"


def sheet_path(lang: str, slug: str) -> str:
    """The contact sheet of powiat `slug` in `lang`: `pdf/uk/powiaty/leborski.pdf`."""
    return f"{PDF_DIR}/{lang}/powiaty/{slug}.pdf"
