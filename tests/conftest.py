"""Shared fixtures: one strict build of the real site per test session, shared by the
pytest-xdist workers of `make pytest` through a file lock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from playwright.sync_api import Browser, Page, sync_playwright

from guide.content.translations import status
from guide.site.build import mkdocs_build
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, serve


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole guide, built strictly in all languages into a temporary directory.

    Built once for the whole run: under pytest-xdist the first worker builds it while the
    others wait on the lock (the pytest-xdist docs' recipe). Tests must not change it;
    tests/test_print.py prints its PDFs into a copy.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's directory, above each worker's own
    site_dir, done = shared / "site", shared / "site.built"
    with FileLock(shared / "site.lock"):
        if not done.is_file():
            mkdocs_build(site_dir)
            done.touch()
    return site_dir


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site, served on loopback."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """The Chromium guide/tools/chromium.py finds, headless; `make chromium` installs one."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs a Chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized page (its own storage) for one test."""
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Stale translations are reported, never failed: their pages carry the notice."""
    report = status()
    stale = [f"{lang}/{page}" for lang, entry in report.items() for page in entry.stale]
    missing = sum(len(entry.missing) for entry in report.values() if entry.partial)
    if stale:
        terminalreporter.write_line(
            f"{len(stale)} stale translation(s), shown with a notice (python -m guide "
            f"i18n-diff LANG/PAGE): {', '.join(stale)}"
        )
    if missing:
        terminalreporter.write_line(
            f"{missing} page(s) of partly translated languages shown in Polish with a notice"
        )
