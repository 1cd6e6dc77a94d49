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
from guide.tools.chromium import find_chromium, is_shell, main

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


# Playwright's headless shells, in the folders of its releases before 1.49 and since.
OLD_SHELL = "chromium_headless_shell-1140/chrome-linux/headless_shell"
NEW_SHELL = "chromium_headless_shell-1200/chrome-headless-shell-linux64/chrome-headless-shell"


def test_debian_package_comes_first(tmp_path: Path, playwright_build: Path) -> None:
    chromium = script(tmp_path / "bin/chromium", ANSWERS)
    env = {"PATH": str(chromium.parent), "PLAYWRIGHT_BROWSERS_PATH": str(playwright_build)}
    assert find_chromium(env, verify=True) == chromium


def test_the_headless_shell_comes_first(tmp_path: Path, playwright_build: Path) -> None:
    """Debian's shell, then Playwright's newest shell, then the full browsers; Lighthouse's
    (`shell=False`) is a full browser."""
    chromium = script(tmp_path / "bin/chromium", ANSWERS)
    for shell in (OLD_SHELL, NEW_SHELL):
        script(playwright_build / shell, ANSWERS)
    env = {"PATH": str(chromium.parent), "PLAYWRIGHT_BROWSERS_PATH": str(playwright_build)}
    assert find_chromium(env) == playwright_build / NEW_SHELL
    assert find_chromium(env, shell=False) == chromium
    debian_shell = script(tmp_path / "bin/chromium-headless-shell", ANSWERS)
    assert find_chromium(env, verify=True) == debian_shell
    assert find_chromium(env, shell=False) == chromium
    assert [is_shell(p) for p in (debian_shell, playwright_build / OLD_SHELL, chromium)] == [
        True,
        True,
        False,
    ]
    (playwright_build / NEW_SHELL).unlink()
    debian_shell.unlink()
    assert find_chromium(env) == playwright_build / OLD_SHELL


@pytest.mark.parametrize(
    ("names", "args", "code", "says"),
    [
        (["chromium-headless-shell", "chromium"], ["--shell"], 0, "chromium-headless-shell"),
        (["chromium"], [], 0, "chromium"),
        (["chromium"], ["--shell"], 3, "is not a headless shell"),
        ([], [], 1, "no Chromium found"),
        (["chromium"], ["--other"], 2, "usage: python -m guide.tools.chromium [--shell]"),
    ],
)
def test_the_chromium_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    names: list[str],
    args: list[str],
    code: int,
    says: str,
) -> None:
    for name in names:
        script(tmp_path / "bin" / name, ANSWERS)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    monkeypatch.delenv("GUIDE_CHROMIUM", raising=False)
    assert main(args) == code
    out, err = capsys.readouterr()
    assert says in (out if code == 0 else err)


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


def _ensure_chromium(
    tmp_path: Path, os_id: str, *, found: str | None = None, apt_fails: bool = False
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """tools/ensure-chromium with fake installers on a fake PATH (`found`: a Chromium already
    there): what it said and what it ran."""
    tools = tmp_path / "tools"
    log = tmp_path / "ran.log"
    for name in ("apt-get", "playwright"):
        fails = "exit 1\n" if apt_fails and name == "apt-get" else ""
        script(tools / name, f'#!/bin/sh\necho "{name} $*" >> {log}\n{fails}')
    if found:
        script(tools / found, ANSWERS)
    script(tools / "fc-list", "#!/bin/sh\necho /usr/share/fonts/DejaVuSans.ttf\n")
    for name in ("id", "grep", "env", "cat"):
        which = shutil.which(name)
        assert which is not None
        (tools / name).symlink_to(which)
    venv = tmp_path / "venv"
    venv.mkdir()
    script(venv / "python", f'#!/bin/sh\nexec {sys.executable} "$@"\n')  # this venv's
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
    ran = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, [line.replace(str(venv), "{bin}") for line in ran]


@pytest.mark.parametrize(
    ("os_id", "says", "runs"),
    [
        (
            "debian",
            "installing with apt-get: chromium-headless-shell",
            [
                "apt-get update -qq",
                "apt-get install -y -qq --no-install-recommends chromium-headless-shell",
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
    result, ran = _ensure_chromium(tmp_path, os_id)
    assert result.stdout.splitlines() == [says.format(bin=tmp_path / "venv")]
    assert ran == runs
    assert result.stderr.splitlines()[-1] == "no working Chromium after installing"
    assert result.returncode == 1


def test_make_chromium_adds_the_headless_shell(tmp_path: Path) -> None:
    """A full browser found on Debian: its headless shell is installed beside it."""
    result, ran = _ensure_chromium(tmp_path, "debian", found="chromium")
    assert result.stdout.splitlines() == ["installing with apt-get: chromium-headless-shell"]
    assert ran[-1] == "apt-get install -y -qq --no-install-recommends chromium-headless-shell"
    assert result.returncode == 0


@pytest.mark.parametrize("os_id", ["debian", "ubuntu"])
def test_make_chromium_without_the_shell_uses_the_browser(tmp_path: Path, os_id: str) -> None:
    """The shell not installable (no network, no sudo) or not offered: the full browser found
    is used, and the tests still run."""
    result, ran = _ensure_chromium(tmp_path, os_id, found="chromium", apt_fails=True)
    assert result.returncode == 0, result.stderr
    if os_id == "debian":
        chromium = tmp_path / "tools" / "chromium"
        assert result.stderr.splitlines()[-1] == (
            f"apt-get could not install chromium-headless-shell: the tests drive {chromium}"
        )
    else:
        assert (ran, result.stdout, result.stderr) == ([], "", "")
