"""The budgets `python -m guide bench` checks and the pages it measures (MAINTAINING.md,
"Budgets")."""

from __future__ import annotations

# Against a truly stock build (no hooks, overrides, CSS or JS): the guide's work per page (CSP
# hashes, search index, QR codes, office boxes) and 84 generated pages may cost at most 30% more.
HOOK_BUDGET = 1.30
# The build over a synthetic region (bench/scale.py): linear in the powiats past the fixed
# cost, and the 380 powiats of Poland built in at most 20 CPU seconds (2026 development machine).
SCALE_EXPONENT_BUDGET = 1.05
SCALE_LARGEST_SECONDS = 20.0
FIRST_VIEW_BUDGET = 60 * 1024  # bytes on the wire before the reader does anything
# Largest contentful paint on Lighthouse's throttled phone (issue 23: paint from the first
# round trip).
LCP_BUDGET = 1.0  # seconds
LIGHTHOUSE_BUDGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}

# The pages measured in every language (paths inside the language's tree).
FIRST_VIEW_PAGES = {
    "home": "",
    "topic": "work/",
    "legal-stay": "legal-stay/",
    "powiat": "powiaty/gdansk/",
    "land powiat": "powiaty/bytowski/",
    "small city powiat": "powiaty/sopot/",
    "powiaty": "powiaty/",  # the map and the list: they grow with the region
    "glossary": "glossary/",
}
LIGHTHOUSE_PAGES = (
    "home",
    "topic",
    "legal-stay",
    "powiat",
    "land powiat",
    "small city powiat",
    "glossary",
)

KB = 1024
