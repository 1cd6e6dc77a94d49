"""Serving a built site on loopback and driving Debian's Chromium: the shared code lives in
guide/tools/chromium.py (also used by `python -m guide pdf`)."""

from __future__ import annotations

import time
import weakref
from typing import Any

from playwright.sync_api import Page, Request, Response

from guide.tools.chromium import CHROMIUM, CHROMIUM_ARGS, GUIDE_READY, PHONE, serve
from guide.tools.pdf import OFFICES_READY

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "PHONE",
    "open_page",
    "reload_page",
    "search_answers",
    "serve",
    "settle",
    "wait_for_search_answer",
    "wait_ready",
    "wait_until",
]


def open_page(page: Page, url: str, *, settled: bool = False, **options: Any) -> Response | None:
    """page.goto(url), then wait until the page's stylesheets and scripts, requested after its
    first paint, have loaded (GUIDE_READY): as a reader's page has them by their first touch.
    `settled`: then also until nothing it asked for is pending (`settle`)."""
    if settled:
        _pending(page)  # watched from the first request on
    response = page.goto(url, **options)
    wait_ready(page)
    if settled:
        settle(page)
    return response


class _Pending:
    """The requests of one page not yet answered or failed."""

    def __init__(self, page: Page) -> None:
        self.requests: set[Request] = set()
        page.on("request", lambda request: self.requests.add(request))
        page.on("requestfinished", lambda request: self.requests.discard(request))
        page.on("requestfailed", lambda request: self.requests.discard(request))


_WATCHED: weakref.WeakKeyDictionary[Page, _Pending] = weakref.WeakKeyDictionary()
# Two frames drawn and the fonts in use loaded: what the page started by then is requested.
_FRAMES_AND_FONTS = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await document.fonts.ready;
}"""


def _pending(page: Page) -> _Pending:
    if page not in _WATCHED:
        _WATCHED[page] = _Pending(page)
    return _WATCHED[page]


def settle(page: Page, *, timeout: float = 10.0) -> None:
    """Wait until every request the page has made is answered and, two frames later with its
    fonts loaded and its office boxes filled (OFFICES_READY: offices.js fills them once its
    answer is read, which may be later), it has made no new one: the state Playwright's
    "networkidle" reaches only after 500 ms without a request. Requests are counted from the
    page's first `open_page(..., settled=True)` or `settle` on (call one of them before what it
    waits for)."""
    pending = _pending(page)
    deadline = time.monotonic() + timeout
    while True:
        while pending.requests:
            if time.monotonic() > deadline:
                urls = sorted(request.url for request in pending.requests)
                raise TimeoutError(f"still pending after {timeout} s: {urls}")
            page.wait_for_timeout(10)
        page.wait_for_function(OFFICES_READY, timeout=timeout * 1000)
        page.evaluate(_FRAMES_AND_FONTS)
        if not pending.requests:
            return


def reload_page(page: Page, **options: Any) -> Response | None:
    """page.reload(), then wait as open_page does."""
    response = page.reload(**options)
    wait_ready(page)
    return response


def wait_ready(page: Page) -> None:
    """Wait until the page's stylesheets and scripts have loaded (GUIDE_READY): after a
    navigation by a click, before the next touch (boot.js must be there to see it)."""
    page.wait_for_function(GUIDE_READY)


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


# Each query typed into the open search dialog (its index loaded), as an input event: the
# links of its answer. A mark in the status first, which the dialog's answer replaces, tells
# this answer from the last one, whatever they say. search.js answers 80 ms after the last
# input (a reader still typing); here its timers run at once, and are given back after: the
# answers are what is tested, the wait by the tests that type (tests/test_browser_search.py).
_SEARCH_ANSWERS = """async (queries) => {
  const input = document.getElementById("guide-search-input");
  const status = document.getElementById("guide-search-status");
  const results = document.getElementById("guide-search-results");
  const mark = "\u2063waiting";
  const later = window.setTimeout;
  const answers = [];
  window.setTimeout = (run, delay, ...args) => later(run, 0, ...args);
  try {
    for (const query of queries) {
      status.textContent = mark;
      const answered = new Promise((done, fail) => {
        const observer = new MutationObserver(() => {
          if (status.textContent !== mark) { observer.disconnect(); done(); }
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
        later(() => fail(new Error(`no answer to ${JSON.stringify(query)} in 10 s`)), 10000);
      });
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await answered;
      answers.push([...results.querySelectorAll("a")].map((link) => link.getAttribute("href")));
    }
  } finally {
    window.setTimeout = later;
  }
  return answers;
}"""


# search.js opened the dialog and asked for the index in one task; then the index is loaded
# once the status is empty (before search.js runs, it is empty too).
_SEARCH_LOADED = """() => document.getElementById("guide-search").open
  && document.getElementById("guide-search-status").textContent === ''"""


def search_answers(page: Page, queries: list[str]) -> dict[str, list[str]]:
    """The links the search dialog (opened, its index loading or loaded) answers each of
    `queries` with, typed one after the other in the page (one call, not a round trip per
    step)."""
    page.wait_for_function(_SEARCH_LOADED)
    answers = page.evaluate(_SEARCH_ANSWERS, queries)
    return {
        query: [str(href) for href in hrefs] for query, hrefs in zip(queries, answers, strict=True)
    }
