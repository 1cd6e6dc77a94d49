"""First view: the bytes a phone's browser receives before the reader does anything."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from guide.data.languages import language_codes, site_language_prefix
from guide.site.build import timed_build
from guide.site.serve import Sent, SiteServer, serve_site
from guide.tools.bench.budgets import FIRST_VIEW_PAGES
from guide.tools.chromium import GUIDE_READY, PHONE, chromium

# The first view is complete when the server has sent nothing for this long after the
# load event (a service worker's installation counts: it is on the reader's data plan too).
QUIET_SECONDS = 1.5


@dataclass(frozen=True)
class FirstView:
    url: str
    sent: tuple[Sent, ...]

    @property
    def size(self) -> int:
        return sum(item.size for item in self.sent)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(item.path for item in self.sent if item.status == 404)


def page_paths() -> Iterator[tuple[str, str, str]]:
    """(language, page kind, site path) of every page whose first view is measured."""
    for lang in language_codes():
        for kind, path in FIRST_VIEW_PAGES.items():
            yield lang, kind, site_language_prefix(lang) + path


@contextmanager
def served_build(config: Path, site: Path) -> Iterator[SiteServer]:
    """Build `config` for the address it is served at (canonical links as when deployed)."""
    site.mkdir(parents=True, exist_ok=True)
    with serve_site(site) as server:
        timed_build(config, site, site_url=server.url)
        yield server


def first_views(server: SiteServer, paths: Sequence[str]) -> dict[str, FirstView]:
    """Open each path in a new phone-sized browser context (empty cache) and wait until the
    network has been quiet after the load event; what the server sent meanwhile."""
    views = {}
    with chromium(full=True) as browser:
        for path in paths:
            context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
            page = context.new_page()
            server.take_log()
            response = page.goto(server.url + path, wait_until="load")
            if response is None or response.status != 200:
                status = response.status if response else None
                raise LookupError(f"{server.url}{path}: not served (status {status})")
            page.wait_for_function(GUIDE_READY)  # the files requested after the first paint
            page.wait_for_load_state("networkidle")
            server.wait_quiet(QUIET_SECONDS)
            views[path] = FirstView(server.url + path, tuple(server.take_log()))
            context.close()
    return views
