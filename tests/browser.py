"""Serving a built site on loopback and driving Debian's Chromium: the shared code lives in
guide/tools/chromium.py (also used by `python -m guide pdf`)."""

from __future__ import annotations

from playwright.sync_api import Page

from guide.tools.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "PHONE", "serve", "wait_for_search_answer"]


def wait_for_search_answer(phone: Page) -> None:
    """Wait until the search dialog answers the typed query: its status reads "loading"
    while the index is fetched, so a non-empty status alone is not yet the answer."""
    phone.wait_for_function(
        """() => {
            const status = document.getElementById("guide-search-status").textContent;
            return status !== "" &&
                status !== document.getElementById("guide-search").dataset.loading;
        }"""
    )
