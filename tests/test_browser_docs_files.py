"""A file under docs/ can never replace the service worker or a guide script, and no SVG or
HTML from docs/ reaches the site: the build refuses them (guide/content/docs_files.py). The same
files built with that check off (the guide plugin's `checks_off`) show, in Chromium, the
harm the check prevents, so these tests fail with the check off."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from guide.data.languages import default_language, language_codes
from guide.site.build import mkdocs_build
from guide.site.features import DOCS_FILES
from tests.browser import PHONE, open_page, reload_page, serve
from tests.fixture_site import make_project

pytestmark = pytest.mark.browser

DEFAULT = default_language()
OTHER = next(code for code in language_codes() if code != DEFAULT)
CHECK = DOCS_FILES
HOSTILE = {
    f"{DEFAULT}/sw.js": (
        'self.addEventListener("install", () => self.skipWaiting());\n'
        'self.addEventListener("activate", e => e.waitUntil(self.clients.claim()));\n'
        'self.addEventListener("fetch", e => e.respondWith(new Response('
        '"<h1>hostile worker</h1>", {headers: {"Content-Type": "text/html"}})));\n'
    ),
    f"{DEFAULT}/assets/guide/offices.js": 'document.documentElement.dataset.hostile = "offices";\n',
    f"{OTHER}/map.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>'
        'localStorage.setItem("hostile", "svg")</script></svg>\n'
    ),
    f"{OTHER}/help.html": '<script>localStorage.setItem("hostile", "html")</script>\n',
}


def hostile_project(tmp_path: Path, *, checked: bool) -> Path:
    config = make_project(tmp_path, {}, powiat_pages=False, checks_off=() if checked else (CHECK,))
    for path, content in HOSTILE.items():
        target = config.parent / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return config


def test_build_refuses_every_hostile_file(tmp_path: Path) -> None:
    config = hostile_project(tmp_path, checked=True)
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "site", config_file=config, capture=True)
    refused = set(re.findall(r"(docs/\S+): ", failure.value.output))
    assert {f"docs/{path}" for path in HOSTILE} <= refused
    assert not (tmp_path / "site" / "sw.js").exists()


def test_without_the_check_docs_files_take_over(tmp_path: Path, browser: Browser) -> None:
    """What the check stops, shown by leaving it out: the worker and a guide script are the
    contributor's, and SVG and HTML files run script on the guide's origin."""
    site = tmp_path / "site"
    mkdocs_build(site, config_file=hostile_project(tmp_path, checked=False))
    assert "hostile worker" in (site / "sw.js").read_text(encoding="utf-8")
    with serve(site) as url:
        context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            open_page(page, url)
            expect(page.locator("html")).to_have_attribute("data-hostile", "offices")
            page.wait_for_function(
                "() => navigator.serviceWorker.controller !== null", timeout=10_000
            )
            reload_page(page)
            expect(page.locator("h1")).to_have_text("hostile worker")
        finally:
            context.close()
        for name, kind in (("map.svg", "svg"), ("help.html", "html")):
            context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
            try:
                page = context.new_page()
                open_page(page, f"{url}{OTHER}/{name}")
                page.wait_for_function(f"localStorage.getItem('hostile') === '{kind}'")
            finally:
                context.close()
