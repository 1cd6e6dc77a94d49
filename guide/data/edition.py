"""The edition being built: one per year, named by it (`2026`); mike sets its name in the
environment of the build (guide/tools/editions.py deploys them)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

# mike builds each edition with its name in this variable (mike.mkdocs_utils.docs_version_var,
# which tests/test_editions.py compares); the guide plugin reads it and moves site_url into the
# edition's folder, as mike's plugin does (guide/site/features.py, edition_settings).
EDITION_VAR = "MIKE_DOCS_VERSION"


EDITION = re.compile(r"20\d\d")  # an edition's name: its year


class EditionError(ValueError):
    """A wrong edition name, or a mkdocs.yml without mike's edition selector."""


def edition_name(value: str) -> str:
    """`value` if it names an edition (a year such as 2026), else an EditionError."""
    if not EDITION.fullmatch(value):
        raise EditionError(f"edition {value!r}: editions are named by their year, e.g. 2026")
    return value


def current_edition(environ: Mapping[str, str] = os.environ) -> str | None:
    """The edition being built (mike sets MIKE_DOCS_VERSION), None for a plain build."""
    value = environ.get(EDITION_VAR)
    return None if value is None else edition_name(value)


def alias_of(version: object, *, source: object) -> str:
    """The alias readers land on, from mkdocs.yml's `extra.version` (read from `source`)."""
    if not isinstance(version, Mapping) or version.get("provider") != "mike":
        raise EditionError(f"{source}: extra.version.provider must be 'mike'")
    alias = version.get("default")
    if not isinstance(alias, str) or not alias or EDITION.fullmatch(alias):
        raise EditionError(f"{source}: extra.version.default must be one alias, e.g. latest")
    return alias
