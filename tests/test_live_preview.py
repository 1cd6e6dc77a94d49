"""`make serve` tells the truth: an edited data file shows after the rebuild, and a data error
during a build or a preview is the one line `check-data` prints, never a traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide import DATA_DIR, ROOT
from guide.site.build import ENGINE, mkdocs_build
from tests.fixture_site import make_project

OLD_NAME = "Centrum Wsparcia Imigrantów i Imigrantek"
NEW_NAME = "Centrum Wsparcia Imigrantów i Imigrantek (edited)"
PAGE = "# en\n\n[[office: cwii]]\n"
CSS = "assets/guide/guide.css"
BROKEN = "name: [\n"  # invalid YAML, which the parser notices two lines further down
BROKEN_MESSAGE = "invalid YAML: did not find expected ',' or ']'"


def project_with_own_data(tmp_path: Path) -> tuple[Path, Path]:
    """A one-page project whose data/ and overrides/ are copies the test may edit;
    (mkdocs.yml, data/)."""
    config = make_project(tmp_path, {"en/index.md": PAGE}, powiat_pages=False)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (config.parent / "data").unlink()
    (config.parent / "data").symlink_to(data)
    (config.parent / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", config.parent / "overrides")
    return config, data


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, *, server: subprocess.Popen[str], limit: float = 120) -> str:
    """The page at `url` once it contains `text` (polled; fails after `limit` seconds)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert server.poll() is None, "the preview server stopped"
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {text!r} within {limit} s")


@dataclass(frozen=True)
class Preview:
    url: str  # the English index page (a one-language build is served at the root)
    data: Path  # the project's own data/, to edit
    server: subprocess.Popen[str]
    log: Path  # what the server printed

    def edit_name(self, old: str, new: str) -> int:
        """Replace the CWII's name line in data/powiaty.yml; returns its line number."""
        powiaty = self.data / "powiaty.yml"
        lines = powiaty.read_text(encoding="utf-8").splitlines(keepends=True)
        number = lines.index(f"    {old}") + 1
        lines[number - 1] = f"    {new}"
        powiaty.write_text("".join(lines), encoding="utf-8")
        return number


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`mkdocs serve` (as `make serve` runs it) of a one-page English project."""
    config, data = project_with_own_data(tmp_path)
    address = f"127.0.0.1:{free_port()}"
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    env |= {
        "GUIDE_DATA_DIR": str(data),
        "GUIDE_LANG": "en",
        "GUIDE_LIVE_PREVIEW": "1",
        "SITE_URL": f"http://{address}/",
        "NO_MKDOCS_2_WARNING": "1",
    }
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", ENGINE, "serve", "-f", str(config), "--dev-addr", address],
            cwd=config.parent,
            env=env,
            text=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Preview(f"http://{address}/", data, server, log)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_edited_office_name_and_stylesheet_show_in_the_preview(preview: Preview) -> None:
    page = wait_for(preview.url, OLD_NAME, server=preview.server)
    assert "Content-Security-Policy" not in page  # live reload's inline script must run
    preview.edit_name(f"name: {OLD_NAME}\n", f"name: {NEW_NAME}\n")
    wait_for(preview.url, NEW_NAME, server=preview.server)
    # overrides/ is the theme's custom_dir, which `mkdocs serve` watches only when mkdocs.yml
    # says so (`watch:`)
    css = preview.data.parent / "project" / "overrides" / CSS
    css.write_text(css.read_text(encoding="utf-8") + "/* edited */\n", encoding="utf-8")
    wait_for(preview.url + CSS, "/* edited */", server=preview.server)


def test_a_data_error_in_the_preview_is_one_line(preview: Preview) -> None:
    wait_for(preview.url, OLD_NAME, server=preview.server)
    line = preview.edit_name(f"name: {OLD_NAME}\n", BROKEN)
    expected = f"{preview.data / 'powiaty.yml'}:{line + 2}: {BROKEN_MESSAGE}\n"
    deadline = time.monotonic() + 120
    while expected not in preview.log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, f"no {expected!r} in the preview's log"
        time.sleep(0.5)
    assert "Traceback" not in preview.log.read_text(encoding="utf-8")
    preview.edit_name(BROKEN, f"name: {NEW_NAME}\n")
    wait_for(preview.url, NEW_NAME, server=preview.server)


def test_a_data_error_in_the_build_is_one_line(tmp_path: Path) -> None:
    config, data = project_with_own_data(tmp_path)
    lines = (data / "powiaty.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    number = lines.index(f"    name: {OLD_NAME}\n") + 1
    lines[number - 1] = f"    {BROKEN}"
    (data / "powiaty.yml").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(
            tmp_path / "out",
            config_file=config,
            only_language="en",
            capture=True,
            extra_env={"GUIDE_DATA_DIR": str(data)},
        )
    log = failure.value.output
    assert f"{data / 'powiaty.yml'}:{number + 2}: {BROKEN_MESSAGE}\n" in log
    assert "Traceback" not in log
