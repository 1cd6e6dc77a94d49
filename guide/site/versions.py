"""Version checks for the packages whose internals the guide uses (static-i18n in
guide/site/static_i18n.py, mike in guide/tools/editions.py): the range of releases each adapter was
checked against, and the attributes it needs, looked up in the installed package. The exact
versions are pinned in one place only, requirements.lock."""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Iterable

Release = tuple[int, ...]


def release(version: str) -> Release:
    """The numeric release of a version string: "1.3.1" -> (1, 3, 1), "2.0.0rc1" -> (2, 0, 0)."""
    match = re.match(r"\d+(\.\d+)*", version)
    if match is None:
        raise ValueError(f"{version!r} is not a version number")
    return tuple(int(part) for part in match[0].split("."))


def installed_version(distribution: str) -> str:
    return importlib.metadata.version(distribution)


def _dotted(numbers: Release) -> str:
    return ".".join(map(str, numbers))


def version_problem(
    distribution: str,
    installed: str,
    *,
    at_least: Release,
    below: Release,
    adapter: str,
    needs: Iterable[tuple[object, str]] = (),
) -> str | None:
    """What is wrong with `installed` for `adapter`, or None: outside [at_least, below), or
    missing one of the attributes `needs` names as (owner, attribute name)."""
    if not at_least <= release(installed) < below:
        return (
            f"{distribution} {installed} is installed, but {adapter} is checked against "
            f"{_dotted(at_least)} or later, below {_dotted(below)}: install the version in "
            f"requirements.lock, or check {adapter} and its tests against the new version "
            "and widen its range"
        )
    missing = [
        f"{getattr(owner, '__name__', type(owner).__name__)}.{name}"
        for owner, name in needs
        if not hasattr(owner, name)
    ]
    if missing:
        return (
            f"{distribution} {installed} has no {', '.join(missing)}, which {adapter} uses: "
            "install the version in requirements.lock"
        )
    return None
