"""Paths of the data files the build writes into the site for offices.js and the town search
(per language, or once), beside the guide's own assets."""

from __future__ import annotations


# Data files the hooks write into the site for offices.js (per language / once).
OFFICES_JSON = "assets/guide/offices.json"


def powiat_offices_json(slug: str) -> str:
    """One powiat's offices, rendered, beside OFFICES_JSON (offices.js derives the same path)."""
    return f"assets/guide/offices/{slug}.json"


TOWNS_JSON = "assets/guide/towns.json"
