"""The data files in every build: checked first, and read again after an edit.

A problem in a data file the build reads stops `make build` or `make serve` with every line
`python -m guide check-data` prints for the files' own validation (file:line: what is wrong,
a powiat without a required office type at the powiat's line), not a traceback from deep in a
hook. (check-data's cross-checks, such as the glossary against the termbase, stay its own and
do not stop a preview.)
`make serve` rebuilds in one process and watches data/: guide/data/data_cache.py clears what
guide/ cached when a data file changed, so an edited office name shows after the rebuild.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide import DATA_DIR
from guide.data.checks import LOADERS, load_problems, map_problems
from guide.data.data_cache import refresh
from guide.data.offices import load_directory
from guide.data.yamlfile import DataError
from guide.site import hook_order


def _load_data() -> list[DataError]:
    """Read (and so validate) every data file the build uses; every problem, if any."""
    try:
        for _, _, load in LOADERS:
            load()
    except DataError as error:
        return load_problems() or [error]
    return map_problems(load_directory())  # the powiaty/ map draws every powiat


@event_priority(hook_order.FIRST)  # before any hook reads a data file
def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    problems = refresh(_load_data)
    if problems:
        listed = "\n".join(str(problem) for problem in problems)
        raise PluginError(f"{listed}\n{len(problems)} problem(s) in the data files")
    return config


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(DATA_DIR))
    return server
