"""Serving a built site on loopback and driving Debian's Chromium: the shared code lives in
guide/tools/chromium.py (also used by `python -m guide pdf`)."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page, Response

from guide.tools.chromium import CHROMIUM, CHROMIUM_ARGS, GUIDE_READY, PHONE, serve

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "PHONE",
    "open_page",
    "reload_page",
    "serve",
    "wait_for_search_answer",
    "wait_until",
]


def open_page(page: Page, url: str, **options: Any) -> Response | None:
    """page.goto(url), then wait until the page's stylesheets and scripts, requested after its
    first paint, have loaded (GUIDE_READY): as a reader's page has them by their first touch."""
    response = page.goto(url, **options)
    page.wait_for_function(GUIDE_READY)
    return response


def reload_page(page: Page, **options: Any) -> Response | None:
    """page.reload(), then wait as open_page does."""
    response = page.reload(**options)
    page.wait_for_function(GUIDE_READY)
    return response


def wait_until(page: Page, script: str, arg: object = None, *, timeout: float = 10.0) -> None:
    """Wait until `script`, which may return a promise (the Cache API answers with one),
    gives a truthy answer; TimeoutError after `timeout` seconds.

    Page.wait_for_function does not await a promise: a promise is an object, truthy, so an
    asynchronous check there ends at once. The offline tests once went offline that way
    before the worker had kept the offline page, and got its Response.error().
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {script} with {arg!r}")
        page.wait_for_timeout(50)


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
