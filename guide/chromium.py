"""A built site served on loopback, and Debian's Chromium driven by Playwright.

Used by `python -m guide pdf` (guide/pdf.py) and by the browser tests (tests/browser.py).
Playwright is imported when a browser is launched, so building the site does not need it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from guide.serve import serve_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


class ChromiumMissing(RuntimeError):
    """Debian's chromium is not installed (`apt-get install chromium`; .ci/run does it)."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) as a static host would, for the block."""
    with serve_site(directory) as server:
        yield server.url


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the duration of the block."""
    if not CHROMIUM.exists():
        raise ChromiumMissing(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
