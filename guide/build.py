"""Atomic site build: build into a temporary directory, replace the site only on success."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from guide import ROOT


def mkdocs_build(
    site_dir: Path,
    *,
    config_file: Path = ROOT / "mkdocs.yml",
    only_language: str | None = None,
    capture: bool = False,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a strict `mkdocs build` into `site_dir`; raise CalledProcessError on failure.

    With `capture`, the whole log (stdout and stderr in order) is in `.stdout`/`.output`.
    `extra_env` adds variables to the build's environment (the edition being deployed).
    """
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra_env or {})
    if only_language:
        env["GUIDE_LANG"] = only_language
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config_file),
            "-d",
            str(site_dir),
        ],
        check=True,
        cwd=config_file.parent,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )


def build_atomically(site_dir: Path, *, config_file: Path = ROOT / "mkdocs.yml") -> None:
    """Build next to `site_dir`, then swap it in; a failed build leaves `site_dir` untouched."""
    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        mkdocs_build(staging, config_file=config_file)
        previous = site_dir.with_name(site_dir.name + ".previous")
        if site_dir.exists():
            site_dir.rename(previous)
        staging.rename(site_dir)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
