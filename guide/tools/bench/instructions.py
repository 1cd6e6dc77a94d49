"""Instructions of one full build of the guide and one of the stock build, counted by
Valgrind's cachegrind: a figure beside the build-time budget that other work on the machine
does not move. The budget is in CPU seconds, whose ratio moves by 0.1 to 0.2 between two runs
of the same trees here (MAINTAINING.md "Budgets"); the instructions of a build do not change
from one run to the next. Opt-in (`--only instructions`): Valgrind runs a build about 25 times
slower, some two minutes each here."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from guide.site.build import mkdocs_build

VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")
_REFS = re.compile(r"^==\d+== I\s+refs:\s+([\d,]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Instructions:
    guide: int
    stock: int

    @property
    def ratio(self) -> float:
        return self.guide / self.stock


class NoInstructionCount(Exception):
    """Valgrind's log of a build holds no instruction count."""


def instruction_count(log: str) -> int:
    """The instructions cachegrind counted, from its summary in `log` ("==123== I refs: 1,234")."""
    found = _REFS.findall(log)
    if len(found) != 1:
        raise NoInstructionCount(f"{len(found)} instruction counts in Valgrind's log, not 1")
    return int(found[0].replace(",", ""))


def build_instructions(guide: Path, stock: Path, workdir: Path) -> Instructions | None:
    """One full build of each mkdocs.yml under cachegrind; None when Valgrind is not installed."""
    if shutil.which(VALGRIND[0]) is None:
        return None
    counts = []
    for name, config_file in (("guide", guide), ("stock", stock)):
        built = mkdocs_build(
            workdir / f"instructions-{name}",
            config_file=config_file,
            capture=True,
            unset_env=("SITE_URL",),
            strict=False,
            quiet=True,
            prefix=VALGRIND,
        )
        counts.append(instruction_count(built.stdout))
    return Instructions(*counts)
