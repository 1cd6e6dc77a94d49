"""Command line of the guide. Exit codes: 0 success, 1 a check found problems,
2 wrong usage, 3 the site build failed."""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from guide import ROOT
from guide.build import build_atomically
from guide.checks import check_data
from guide.gminy import GMINY_YML, dump_gminy, gminy_from_terc
from guide.offices import load_directory

OK, PROBLEMS, USAGE, BUILD_FAILED = 0, 1, 2, 3

Command = Callable[[argparse.Namespace], int]


def cmd_build(args: argparse.Namespace) -> int:
    """Build every language strictly into SITE_DIR (default site/), replacing it only on success."""
    try:
        build_atomically(Path(args.site_dir))
    except subprocess.CalledProcessError:
        print(f"build failed: {args.site_dir} was left as it was")
        return BUILD_FAILED
    return OK


def cmd_check_data(args: argparse.Namespace) -> int:
    """Validate data/powiaty.yml, data/gminy.yml and data/ui.yml; print every problem."""
    problems = check_data()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the data files")
        return PROBLEMS
    print("data OK")
    return OK


def cmd_gminy_from_terc(args: argparse.Namespace) -> int:
    """Regenerate data/gminy.yml from a GUS TERC dump (JSON list of units)."""
    directory = load_directory()
    slugs = {powiat.teryt: powiat.slug for powiat in directory.powiaty}
    GMINY_YML.write_text(dump_gminy(gminy_from_terc(Path(args.terc), slugs)), encoding="utf-8")
    print(f"wrote {GMINY_YML}")
    return OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m guide", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Command) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=handler.__doc__, description=handler.__doc__)
        sub.set_defaults(handler=handler)
        return sub

    add("build", cmd_build).add_argument("site_dir", nargs="?", default=str(ROOT / "site"))
    add("check-data", cmd_check_data)
    add("gminy-from-terc", cmd_gminy_from_terc).add_argument(
        "terc", nargs="?", default=str(ROOT.parent / "shared/data/terc-pomorskie-2024-01-01.json")
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler: Command = args.handler
    return handler(args)
