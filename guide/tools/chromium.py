"""A built site served on loopback, and a Chromium driven by Playwright.

Used by `python -m guide pdf` (guide/tools/pdf.py) and by the browser tests (tests/browser.py).
Playwright is imported when a browser is launched, so building the site does not need it.
The Chromium is Debian's package or Playwright's own build (Ubuntu, whose apt chromium is a
snap): `make chromium` installs one when none is found; `python -m guide.tools.chromium` prints it.

Its headless shell (Debian's chromium-headless-shell, Playwright's chromium-headless-shell) comes
first: the same Blink without the desktop browser's parts, it opens a page for about a quarter of
the CPU (a new context and page: 0.13 to 0.16 s against 0.48 to 0.64 s, 6 Dec 2026), and the
browser tests open about 450. The budgets (`python -m guide bench`: the first view, Lighthouse)
are measured with the full browser where there is one, as a reader's phone runs the whole
browser (`reader_chromium`).
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

# An explicit choice wins; then the headless shell, Debian's and then Playwright's; then the
# full browser, Debian's and then Playwright's.
CHROMIUM_VAR = "GUIDE_CHROMIUM"
SHELL_NAMES = ("chromium-headless-shell",)
SYSTEM_NAMES = ("chromium", "chromium-browser")
# Playwright's downloads (`playwright install chromium` fetches both): folder, then the program
# in it, as named from Playwright 1.49 on and before.
PLAYWRIGHT_SHELLS = (
    "chromium_headless_shell-*/chrome-headless-shell-linux64/chrome-headless-shell",
    "chromium_headless_shell-*/chrome-linux/headless_shell",
)
PLAYWRIGHT_BROWSERS = ("chromium-*/chrome-linux*/chrome",)


def _playwright_builds(env: Mapping[str, str], patterns: tuple[str, ...]) -> list[Path]:
    """Playwright's downloads matching `patterns`, newest revision first."""
    cache = env.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache" / "ms-playwright")
    found = [path for pattern in patterns for path in Path(cache).glob(pattern)]
    return sorted(found, key=lambda p: int(p.parts[-3].rsplit("-", 1)[1]), reverse=True)


def _usable(path: Path) -> bool:
    """An executable that is not a snap: Ubuntu's /usr/bin/chromium-browser is a shell stub
    that asks to install the snap, and Playwright cannot drive a snap's confined Chromium."""
    real = path.resolve()
    if not (real.is_file() and os.access(real, os.X_OK)) or str(real).startswith("/snap/"):
        return False
    with real.open("rb") as file:
        head = file.read(8192)
    return not (head.startswith(b"#!") and b"snap" in head)


def find_chromium(
    env: Mapping[str, str] | None = None, *, verify: bool = False, shell: bool = True
) -> Path | None:
    """The Chromium to drive, or None: $GUIDE_CHROMIUM, a headless shell (Debian's, then
    Playwright's), or the full browser (Debian's, then Playwright's). `shell=False`: no
    headless shell.

    With `verify`, a candidate must also answer `--version` (`make chromium` checks once).
    """
    env = os.environ if env is None else env
    if env.get(CHROMIUM_VAR):
        return Path(env[CHROMIUM_VAR])
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = (
        [(SHELL_NAMES, PLAYWRIGHT_SHELLS)] if shell else []
    )
    groups.append((SYSTEM_NAMES, PLAYWRIGHT_BROWSERS))
    candidates: list[Path] = []
    for names, patterns in groups:
        candidates += [
            Path(p) for name in names if (p := shutil.which(name, path=env.get("PATH", "")))
        ]
        candidates += _playwright_builds(env, patterns)
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


def reader_chromium() -> Path:
    """The full browser where there is one, else CHROMIUM: what the budgets measure with (the
    bench's first view and Lighthouse), as a reader's phone runs the whole browser."""
    return find_chromium(shell=False) or CHROMIUM


@contextmanager
def chromium(*, full: bool = False) -> Iterator[Browser]:
    """The Chromium found (`find_chromium`; `full`: `reader_chromium`), headless, for the
    duration of the block."""
    path = reader_chromium() if full else CHROMIUM
    if not path.exists():
        raise ChromiumMissing(f"{path} is missing: `make chromium` installs a Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(path), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def is_shell(path: Path) -> bool:
    """Whether `path` is a headless shell (`make chromium` installs one beside a full browser)."""
    return path.name in SHELL_NAMES or any(path.match(pattern) for pattern in PLAYWRIGHT_SHELLS)


def main(argv: list[str] | None = None) -> int:
    """Print the Chromium the tests and `make pdf` use. Exit 1 when there is none, 2 on any
    other argument than `--shell`; with `--shell`, 3 when the one found is the full browser
    (tools/ensure-chromium)."""
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--shell"]):
        print("usage: python -m guide.tools.chromium [--shell]", file=sys.stderr)
        return 2
    found = find_chromium(verify=True)
    if found is None:
        print("no Chromium found", file=sys.stderr)
        return 1
    print(found)
    if args == ["--shell"] and not is_shell(found):
        print(f"{found} is not a headless shell", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
