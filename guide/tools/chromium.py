"""A built site served on loopback, and a Chromium driven by Playwright.

Used by `python -m guide pdf` (guide/tools/pdf.py) and by the browser tests (tests/browser.py).
Playwright is imported when a browser is launched, so building the site does not need it.
The Chromium is Debian's package or Playwright's own build (Ubuntu, whose apt chromium is a
snap): `make chromium` installs one when none is found; `python -m guide.tools.chromium` prints it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from guide.site.csp import LATER_SCRIPT
from guide.site.first_paint import STYLESHEETS_LATER
from guide.site.serve import serve_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# An explicit choice wins; then Debian's package, then Playwright's own download.
CHROMIUM_VAR = "GUIDE_CHROMIUM"
SYSTEM_NAMES = ("chromium", "chromium-browser")


def _playwright_builds(env: Mapping[str, str]) -> list[Path]:
    """Playwright's Chromium builds, newest first (`playwright install chromium`)."""
    cache = env.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache" / "ms-playwright")
    found = Path(cache).glob("chromium-*/chrome-linux*/chrome")
    return sorted(found, key=lambda p: int(p.parts[-3].removeprefix("chromium-")), reverse=True)


def _usable(path: Path) -> bool:
    """An executable that is not a snap: Ubuntu's /usr/bin/chromium-browser is a shell stub
    that asks to install the snap, and Playwright cannot drive a snap's confined Chromium."""
    real = path.resolve()
    if not (real.is_file() and os.access(real, os.X_OK)) or str(real).startswith("/snap/"):
        return False
    with real.open("rb") as file:
        head = file.read(8192)
    return not (head.startswith(b"#!") and b"snap" in head)


def find_chromium(env: Mapping[str, str] | None = None, *, verify: bool = False) -> Path | None:
    """The Chromium to drive, or None: $GUIDE_CHROMIUM, Debian's, or Playwright's.

    With `verify`, a candidate must also answer `--version` (`make chromium` checks once).
    """
    env = os.environ if env is None else env
    if env.get(CHROMIUM_VAR):
        return Path(env[CHROMIUM_VAR])
    candidates = [
        Path(p) for name in SYSTEM_NAMES if (p := shutil.which(name, path=env.get("PATH", "")))
    ]
    candidates += _playwright_builds(env)
    return next(
        (path for path in candidates if _usable(path) and (not verify or _runs(path))), None
    )


def _runs(path: Path) -> bool:
    """Whether `path --version` answers (the snap stub and broken installs do not)."""
    try:
        done = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return False
    return done.returncode == 0 and "Chrom" in done.stdout


CHROMIUM = find_chromium() or Path("/usr/bin/chromium")
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
# A page's stylesheets and the guide's scripts are requested after its first paint
# (partials/javascripts/later.html), which marks <html> once they have loaded: true from then
# on, and on a page without them (offline.html, a status page, anything not the guide's).
GUIDE_READY = f"""() => document.documentElement.hasAttribute("data-guide-ready")
  || !document.querySelector("template[{LATER_SCRIPT}], [{STYLESHEETS_LATER}]")"""


class ChromiumMissing(RuntimeError):
    """No Chromium is installed (`make chromium` installs one)."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) as a static host would, for the block."""
    with serve_site(directory) as server:
        yield server.url


@contextmanager
def chromium() -> Iterator[Browser]:
    """The Chromium found (Debian's or Playwright's), headless, for the duration of the block."""
    if not CHROMIUM.exists():
        raise ChromiumMissing(f"{CHROMIUM} is missing: `make chromium` installs a Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def main() -> int:
    """Print the Chromium the tests and `make pdf` use; exit 1 when there is none."""
    found = find_chromium(verify=True)
    if found is None:
        print("no Chromium found", file=sys.stderr)
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
