"""Register this folder in a venv as `make install` needs it (run with the venv's python).

A .pth file puts the folder on sys.path (the package is used from here, not copied), and a
small dist-info folder carries pyproject.toml's name, version and entry points, which is how
MkDocs (and ProperDocs) find the `guide` plugin of mkdocs.yml: what `pip install -e .` would
write, without a build backend in the lock file.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PTH = "pierwsze_kroki.pth"


def register(purelib: Path) -> Path:
    """Write the .pth file and the dist-info into `purelib`; returns the dist-info folder."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (purelib / PTH).write_text(f"{ROOT}\n", encoding="utf-8")
    name = project["name"].replace("-", "_")
    for old in purelib.glob(f"{name}-*.dist-info"):
        shutil.rmtree(old)
    info = purelib / f"{name}-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    groups = project.get("entry-points", {})
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{key} = {value}\n" for key, value in points.items()) + "\n"
            for group, points in groups.items()
        ),
        encoding="utf-8",
    )
    (info / "INSTALLER").write_text("make install\n", encoding="utf-8")
    return info


if __name__ == "__main__":
    register(Path(sysconfig.get_paths()["purelib"]))
    sys.exit(0)
