"""Atomic site build: build into a temporary directory, replace the site only on success.

The engine is MkDocs, or ProperDocs where it is installed instead (`make build
ENGINE=properdocs`, MAINTAINING.md "Engines and the exit plan"); `python -m guide.site.build
--compare A B` says whether two builds are the same site.
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import os
import posixpath
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from guide import ROOT
from guide.site.offline import PACK_JSON

# ProperDocs answers `import mkdocs.*` itself and is never installed next to MkDocs.
ENGINE = "properdocs" if importlib.util.find_spec("properdocs") else "mkdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def mkdocs_build(
    site_dir: Path,
    *,
    config_file: Path = ROOT / "mkdocs.yml",
    only_language: str | None = None,
    capture: bool = False,
    extra_env: Mapping[str, str] | None = None,
    unset_env: Collection[str] = (),
    strict: bool = True,
    quiet: bool = False,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run a strict `mkdocs build` (ENGINE) into `site_dir`; raise CalledProcessError on failure.

    With `capture`, the whole log (stdout and stderr in order) is in `.stdout`/`.output`.
    `extra_env` adds variables to the build's environment (the edition being deployed),
    `unset_env` removes inherited ones; `strict=False` and `quiet` are for `python -m guide
    bench`, whose stock build is not warning-free; `prefix`: a command that runs the build
    (the bench's Valgrind, guide/tools/bench/instructions.py).
    """
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG" and k not in unset_env}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra_env or {})
    if only_language:
        env["GUIDE_LANG"] = only_language
    return subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            ENGINE,
            "build",
            *(["--strict"] if strict else []),
            *(["-q"] if quiet else []),
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


def timed_build(
    config_file: Path,
    site_dir: Path,
    *,
    only_language: str | None = None,
    site_url: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> float:
    """Build `config_file` into `site_dir` quietly, not strictly, with SITE_URL set to
    `site_url` or unset (the configured address) and `extra_env` added; the CPU seconds
    (user and system) the build process took: unlike the wall-clock time, they hardly change
    with other work on the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    mkdocs_build(
        site_dir,
        config_file=config_file,
        only_language=only_language,
        extra_env={**(extra_env or {}), **({"SITE_URL": site_url} if site_url else {})},
        unset_env=("SITE_URL",),
        strict=False,
        quiet=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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


def _same_but_engine(name: str, a: bytes, b: bytes) -> bool:
    """Two versions of a file that differ only where the engine is named: an HTML page's
    <meta name="generator">, and the offline pack's download size, which counts the pages."""
    if name.endswith(".html"):
        return GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b)
    if name == posixpath.basename(PACK_JSON):
        left, right = (json.loads(side) for side in (a, b))
        return bool({**left, "bytes": None} == {**right, "bytes": None})
    return False


def site_differences(left: Path, right: Path) -> list[str]:
    """Files that differ between two built sites, or exist in only one; HTML files are
    compared without their <meta name="generator"> (it names the engine and its version),
    the offline pack without its size (which counts those pages)."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        found.extend(prefix + name for name in comparison.funny_files)
        for name in comparison.diff_files:
            a, b = (Path(side, name).read_bytes() for side in (comparison.left, comparison.right))
            if not _same_but_engine(name, a, b):
                found.append(prefix + name)
        for name, sub in sorted(comparison.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


def main(argv: list[str]) -> int:
    """`python -m guide.site.build --compare A B`: exit 1 and list the files when A and B differ."""
    if len(argv) != 3 or argv[0] != "--compare":
        print("usage: python -m guide.site.build --compare SITE_A SITE_B", file=sys.stderr)
        return 2
    differences = site_differences(Path(argv[1]), Path(argv[2]))
    for name in differences:
        print(f"differs: {name}")
    print(f"{len(differences)} file(s) differ between {argv[1]} and {argv[2]}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
