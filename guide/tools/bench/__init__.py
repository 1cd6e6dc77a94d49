"""`python -m guide bench`: the guide's budgets, each reported with a met / NOT met line.

- Build time of the full site and of one language, as a ratio to a stock build of the same
  pages, timed alternately in the same run (`timing`, builds by `guide.site.build.timed_build`).
- First view: the bytes a phone's browser (Debian's Chromium, fresh cache) receives, gzipped as
  a static host serves them, for the home, a topic, a powiat and the glossary page of every
  language, before any interaction; the same for the stock build, as a ratio (`firstview`).
- Lighthouse (npm package pinned in tools/lighthouse), mobile: performance, accessibility,
  best practices and SEO of the home, a topic and a powiat page of every language
  (`lighthouse`).
- Scale: full builds over synthetic regions of 20, 80 and 380 powiats (`synthetic`), the
  exponent of the growth past the fixed cost and the time of the largest (`scale`).
- Opt-in, `--only instructions`: the instructions of one full build of each under Valgrind,
  a ratio the machine's load does not move, reported beside the build-time budget
  (`instructions`).

The stock build (`stock`) is stock Material for MkDocs with static-i18n (search and i18n
plugins, no hooks, no overrides, no extra CSS or JS) over the same pages, the generated powiat
pages written out as plain Markdown. The budgets are in `budgets`, the report in `report`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Collection
from contextlib import ExitStack
from pathlib import Path

from guide import ROOT
from guide.tools.bench.budgets import LIGHTHOUSE_PAGES
from guide.tools.bench.firstview import first_views, page_paths, served_build
from guide.tools.bench.instructions import NoInstructionCount, build_instructions
from guide.tools.bench.lighthouse import ensure_lighthouse, lighthouse
from guide.tools.bench.report import (
    report_build_times,
    report_first_views,
    report_instructions,
    report_lighthouse,
    report_scale,
)
from guide.tools.bench.scale import SCALE_POWIATS, scale_times
from guide.tools.bench.stock import stock_project
from guide.tools.bench.timing import build_times

PARTS = ("build", "first-view", "lighthouse", "scale", "instructions")
DEFAULT_PARTS = PARTS[:-1]  # the instructions take minutes more: only when asked for


class BenchBuildFailed(Exception):
    """A build the benchmark needs failed; the message says which."""


def progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr)


def run_bench(*, parts: Collection[str], rounds: int, lighthouse_runs: int) -> bool:
    """Measure `parts` (of PARTS) and print their reports; whether every budget was met.

    Raises BenchBuildFailed when the guide's or the stock build fails.
    """
    met: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        guide_yml = ROOT / "mkdocs.yml"
        stock_yml = stock_project(workdir / "stock")
        try:
            if "build" in parts:
                progress(f"timing builds, {rounds} rounds")
                met.append(
                    report_build_times(build_times(guide_yml, stock_yml, workdir, rounds=rounds))
                )
            if "instructions" in parts:
                progress("counting the instructions of a build of each under Valgrind")
                try:
                    report_instructions(build_instructions(guide_yml, stock_yml, workdir))
                except NoInstructionCount as error:
                    raise BenchBuildFailed(f"under Valgrind: {error}") from error
            if "scale" in parts:
                sizes = ", ".join(map(str, SCALE_POWIATS))
                progress(f"timing builds of {sizes} powiats, {rounds} rounds")
                met.append(report_scale(scale_times(guide_yml, workdir, rounds=rounds)))
            if "first-view" in parts or "lighthouse" in parts:
                progress("building the guide to serve it")
                guide = stack.enter_context(served_build(guide_yml, workdir / "site-guide"))
        except subprocess.CalledProcessError as error:
            raise BenchBuildFailed(f"build failed: {error}") from error
        if "first-view" in parts:
            progress("building the stock site; first views in Chromium")
            try:
                stock = stack.enter_context(served_build(stock_yml, workdir / "site-stock"))
            except subprocess.CalledProcessError as error:
                raise BenchBuildFailed(f"stock build failed: {error}") from error
            paths = [path for _, _, path in page_paths()]
            met.append(report_first_views(first_views(guide, paths), first_views(stock, paths)))
        if "lighthouse" in parts:
            ensure_lighthouse()
            progress(f"Lighthouse, {lighthouse_runs} run(s) per page")
            results = {
                path: lighthouse(guide.url + path, runs=lighthouse_runs)
                for _, kind, path in page_paths()
                if kind in LIGHTHOUSE_PAGES
            }
            met.append(report_lighthouse(results, runs=lighthouse_runs))
    if met:
        print(f"\n{sum(met)} of {len(met)} budget groups met")
    return all(met)
