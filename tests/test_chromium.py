"""Which Chromium the browser tests and `make pdf` drive, and what `make chromium` installs on
a machine without one (tools/ensure-chromium), with fake installers on a fake PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide import ROOT
from guide.tools.chromium import find_chromium

ANSWERS = '#!/bin/sh\necho "Chromium 156.0.7500.0"\n'
SNAP_STUB = "#!/bin/sh\necho \"Command 'chromium' requires the chromium snap\" >&2\nexit 1\n"


def script(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def playwright_build(tmp_path: Path) -> Path:
    """A fake Playwright download: PLAYWRIGHT_BROWSERS_PATH with an older and a newer build."""
    for revision in ("1180", "1200"):
        script(tmp_path / f"pw/chromium-{revision}/chrome-linux64/chrome", ANSWERS)
    return tmp_path / "pw"


def test_debian_package_comes_first(tmp_path: Path, playwright_build: Path) -> None:
    chromium = script(tmp_path / "bin/chromium", ANSWERS)
    env = {"PATH": str(chromium.parent), "PLAYWRIGHT_BROWSERS_PATH": str(playwright_build)}
    assert find_chromium(env, verify=True) == chromium


def test_ubuntu_snap_stub_is_passed_over_for_playwright(
    tmp_path: Path, playwright_build: Path
) -> None:
    stub = script(tmp_path / "bin/chromium-browser", SNAP_STUB)
    env = {"PATH": str(stub.parent), "PLAYWRIGHT_BROWSERS_PATH": str(playwright_build)}
    newest = playwright_build / "chromium-1200/chrome-linux64/chrome"
    assert find_chromium(env, verify=True) == newest
    assert find_chromium(env) == newest  # what the tests use: found without running anything


def test_none_found(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "none")}
    assert find_chromium(env, verify=True) is None


def test_explicit_choice_wins(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin", "GUIDE_CHROMIUM": str(tmp_path / "chrome")}
    assert find_chromium(env) == tmp_path / "chrome"


@pytest.mark.parametrize(
    ("os_id", "says", "runs"),
    [
        (
            "debian",
            "installing with apt-get: chromium",
            [
                "apt-get update -qq",
                "apt-get install -y -qq --no-install-recommends chromium",
            ],
        ),
        (
            "ubuntu",
            "installing Playwright's Chromium: {bin}/playwright install --with-deps chromium",
            ["playwright install --with-deps chromium"],
        ),
    ],
)
def test_make_chromium_installs_one(tmp_path: Path, os_id: str, says: str, runs: list[str]) -> None:
    """Nothing found: one line says what is installed, then the installer runs (here fakes
    that install nothing, so the script ends saying no Chromium works)."""
    tools = tmp_path / "tools"
    log = tmp_path / "ran.log"
    for name in ("apt-get", "playwright"):
        script(tools / name, f'#!/bin/sh\necho "{name} $*" >> {log}\n')
    script(tools / "fc-list", "#!/bin/sh\necho /usr/share/fonts/DejaVuSans.ttf\n")
    for name in ("id", "grep", "env", "cat"):
        found = shutil.which(name)
        assert found is not None
        (tools / name).symlink_to(found)
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "python").symlink_to(sys.executable)
    (venv / "playwright").symlink_to(tools / "playwright")
    (tmp_path / "os-release").write_text(f"ID={os_id}\n", encoding="utf-8")
    env = {
        "PATH": str(tools),
        "OS_RELEASE": str(tmp_path / "os-release"),
        "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "none"),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    if os.geteuid() != 0:
        script(tools / "sudo", '#!/bin/sh\nexec "$@"\n')
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "tools/ensure-chromium"), str(venv)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.stdout.splitlines() == [says.format(bin=venv)]
    assert log.read_text(encoding="utf-8").splitlines() == runs
    assert result.stderr.splitlines()[-1] == "no working Chromium after installing"
    assert result.returncode == 1
