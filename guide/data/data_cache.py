"""The data files are read once per process (functools.cache in guide/data/offices.py, ui.py,
glossary.py, ...). `make serve` rebuilds in one process: after an edit of data/ or mkdocs.yml
the next build must read them again, so every build starts with `refresh` (hooks/data_files.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from guide import DATA_DIR, MKDOCS_YML

_checked: dict[Path, int] | None = None  # what the last clean check read


def _stamp() -> dict[Path, int]:
    files = [path for path in DATA_DIR.rglob("*") if path.is_file()] + [MKDOCS_YML]
    return {path: path.stat().st_mtime_ns for path in sorted(files)}


def clear_caches() -> None:
    """Forget everything the guide's modules cached (every functools.cache in guide/)."""
    for name, module in list(sys.modules.items()):
        if name != "guide" and not name.startswith("guide."):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


def refresh(check: Callable[[], Sequence[object]]) -> Sequence[object]:
    """When a data file changed since the last clean `check` (or none ran yet): clear the
    caches and run `check` again; returns its problems. Unchanged files: nothing to do."""
    global _checked
    stamp = _stamp()
    if stamp == _checked:
        return []
    clear_caches()
    problems = check()
    _checked = None if problems else stamp
    return problems
