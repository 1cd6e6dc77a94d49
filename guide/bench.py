"""`make bench`: the guide's budgets, each reported with a met / NOT met line.

- Build time of the full site and of one language, as a ratio to a stock build of the same
  pages, timed alternately in the same run.
- First view: the bytes a phone's browser (Debian's Chromium, fresh cache) receives, gzipped as
  a static host serves them, for the home, a topic, a powiat and the glossary page of every
  language, before any interaction; the same for the stock build, as a ratio.
- Lighthouse (npm package pinned in tools/lighthouse), mobile: performance, accessibility,
  best practices and SEO of the home, a topic and a powiat page of every language.

The stock build is stock Material for MkDocs with static-i18n (search and i18n plugins, no
hooks, no overrides, no extra CSS or JS) over the same pages, the generated powiat pages
written out as plain Markdown. Exit codes: 0 every budget met, 1 a budget not met, 2 usage,
3 a build failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config

from guide import DOCS_DIR, ROOT
from guide.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, chromium
from guide.powiat_pages import powiat_pages
from guide.serve import Sent, SiteServer, serve_site
from guide.site import default_language, i18n_config, language_codes, site_language_prefix

OK, NOT_MET, USAGE, BUILD_FAILED = 0, 1, 2, 3

# Against a truly stock build (no hooks, overrides, CSS or JS): the guide's work per page (CSP
# hashes, search index, QR codes, office boxes) and 84 generated pages may cost at most half more.
HOOK_BUDGET = 1.50
FIRST_VIEW_BUDGET = 80 * 1024  # bytes on the wire before the reader does anything
LIGHTHOUSE_BUDGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}

# The pages measured in every language (paths inside the language's tree).
FIRST_VIEW_PAGES = {
    "home": "",
    "topic": "work/",
    "powiat": "powiaty/gdansk/",
    "glossary": "glossary/",
}
LIGHTHOUSE_PAGES = ("home", "topic", "powiat")

LIGHTHOUSE_DIR = ROOT / "tools" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
# Headless, and nothing that reaches for the network: this machine's network is closed and
# Chromium stalls on background connections without these.
LIGHTHOUSE_CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
# The first view is complete when the server has sent nothing for this long after the
# load event (a service worker's installation counts: it is on the reader's data plan too).
QUIET_SECONDS = 1.5

KB = 1024


# --- The stock project -------------------------------------------------------------------


class _Env:
    """A `!ENV [NAME, null]` value in a written mkdocs.yml."""

    def __init__(self, name: str) -> None:
        self.name = name


class _StockDumper(yaml.SafeDumper):
    pass


def _represent_env(dumper: yaml.SafeDumper, value: _Env) -> yaml.Node:
    return dumper.represent_sequence("!ENV", [value.name, None], flow_style=True)


_StockDumper.add_representer(_Env, _represent_env)


def stock_project(workdir: Path) -> Path:
    """Stock Material + static-i18n over the same pages; returns its mkdocs.yml.

    The generated powiat pages are written out as Markdown files; the configuration inherits
    the guide's (site, theme options, Markdown extensions, nav, languages) and drops what the
    guide adds: hooks, overrides, extra CSS and JS, plugins other than search and i18n.
    """
    docs = workdir / "docs"
    shutil.copytree(DOCS_DIR, docs)
    theme = load_config(str(ROOT / "mkdocs.yml")).theme
    for lang in language_codes():
        for page in powiat_pages(theme, lang, site_language_prefix(lang)):
            target = docs / lang / page.src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
    (workdir / "no-overrides").mkdir()
    i18n = dict(i18n_config())
    i18n["build_only_locale"] = _Env("GUIDE_LANG")
    stock = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "hooks": [],
        "extra_css": [],
        "extra_javascript": [],
        "theme": {"custom_dir": "no-overrides"},
        "plugins": ["search", {"i18n": i18n}],
        "extra": {"version": None},
    }
    config = workdir / "mkdocs.yml"
    config.write_text(
        yaml.dump(stock, Dumper=_StockDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config


def run_build(
    config: Path, site: Path, *, only: str | None = None, site_url: str | None = None
) -> float:
    """`mkdocs build` of `config` into `site`; the seconds it took."""
    env = {k: v for k, v in os.environ.items() if k not in ("GUIDE_LANG", "SITE_URL")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if only:
        env["GUIDE_LANG"] = only
    if site_url:
        env["SITE_URL"] = site_url
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=env,
        cwd=config.parent,
    )
    return time.perf_counter() - start


# --- Build time --------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildTime:
    label: str
    guide: float
    stock: float

    @property
    def ratio(self) -> float:
        return self.guide / self.stock


def build_times(guide: Path, stock: Path, workdir: Path, *, rounds: int) -> list[BuildTime]:
    """Median of `rounds` alternate builds, full site and one language."""
    rows = []
    one = language_codes()[1] if len(language_codes()) > 1 else default_language()
    for label, only in (("full build (all languages)", None), (f"one language ({one})", one)):
        times: dict[str, list[float]] = {"guide": [], "stock": []}
        for _ in range(rounds):
            times["guide"].append(run_build(guide, workdir / "time-guide", only=only))
            times["stock"].append(run_build(stock, workdir / "time-stock", only=only))
        rows.append(
            BuildTime(label, statistics.median(times["guide"]), statistics.median(times["stock"]))
        )
    return rows


# --- First view --------------------------------------------------------------------------


@dataclass(frozen=True)
class FirstView:
    url: str
    sent: tuple[Sent, ...]

    @property
    def size(self) -> int:
        return sum(item.size for item in self.sent)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(item.path for item in self.sent if item.status == 404)


def page_paths() -> Iterator[tuple[str, str, str]]:
    """(language, page kind, site path) of every page whose first view is measured."""
    for lang in language_codes():
        for kind, path in FIRST_VIEW_PAGES.items():
            yield lang, kind, site_language_prefix(lang) + path


def first_views(server: SiteServer, paths: Sequence[str]) -> dict[str, FirstView]:
    """Open each path in a new phone-sized browser context (empty cache) and wait until the
    network has been quiet after the load event; what the server sent meanwhile."""
    views = {}
    with chromium() as browser:
        for path in paths:
            context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
            page = context.new_page()
            server.take_log()
            response = page.goto(server.url + path, wait_until="load")
            if response is None or response.status != 200:
                status = response.status if response else None
                raise LookupError(f"{server.url}{path}: not served (status {status})")
            page.wait_for_load_state("networkidle")
            server.wait_quiet(QUIET_SECONDS)
            views[path] = FirstView(server.url + path, tuple(server.take_log()))
            context.close()
    return views


# --- Lighthouse --------------------------------------------------------------------------


@dataclass(frozen=True)
class Lighthouse:
    url: str
    scores: dict[str, int]
    failing: dict[str, list[str]] = field(default_factory=dict)
    # Lighthouse's measure of this machine's CPU speed: a loaded machine scores lower, and
    # its longer main-thread tasks (x4 for the mobile CPU) lower the performance score.
    benchmark_index: int = 0


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse (tools/lighthouse/package-lock.json) when missing."""
    if not LIGHTHOUSE_CLI.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR)], check=True
        )


def _failing_audits(report: dict[str, Any], category: str) -> list[str]:
    audits = report["audits"]
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            shown = audit.get("displayValue")
            failing.append(f"{ref['id']} ({shown})" if shown else ref["id"])
    return failing


def lighthouse(url: str, *, runs: int) -> Lighthouse:
    """The run with the median performance score of `runs` Lighthouse runs of `url`."""
    results = sorted((lighthouse_run(url) for _ in range(runs)), key=performance)
    return results[len(results) // 2]


def performance(result: Lighthouse) -> int:
    return result.scores["performance"]


def lighthouse_run(url: str) -> Lighthouse:
    """Lighthouse's mobile run (its default form factor and simulated throttling) of `url`."""
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE_CLI),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(LIGHTHOUSE_BUDGETS)}",
            f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}",
        ],
        check=True,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    scores = {
        name: round(100 * (report["categories"][name]["score"] or 0)) for name in LIGHTHOUSE_BUDGETS
    }
    failing = {
        name: _failing_audits(report, name)
        for name, budget in LIGHTHOUSE_BUDGETS.items()
        if scores[name] < budget
    }
    benchmark = round(report["environment"]["benchmarkIndex"])
    return Lighthouse(url, scores, failing, benchmark)


# --- Report ------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def report_build_times(rows: list[BuildTime]) -> bool:
    print(f"\n{'build time':30} {'guide':>8} {'stock':>8} {'ratio':>7}")
    for row in rows:
        print(f"{row.label:30} {row.guide:7.2f}s {row.stock:7.2f}s {row.ratio:7.2f}")
    met = rows[0].ratio <= HOOK_BUDGET
    print(f"budget: full build at most {HOOK_BUDGET:.2f} x stock: {verdict(met)}")
    return met


def report_first_views(guide: dict[str, FirstView], stock: dict[str, FirstView]) -> bool:
    print(f"\n{'first view (gzip, KB)':34} {'guide':>7} {'stock':>7} {'ratio':>6}  404s")
    for path, view in guide.items():
        base = stock[path]
        ratio = view.size / base.size
        missing = len(view.missing)
        print(
            f"/{path:33} {view.size / KB:7.1f} {base.size / KB:7.1f} {ratio:6.2f}  {missing or ''}"
        )
    over = {path: view for path, view in guide.items() if view.size > FIRST_VIEW_BUDGET}
    print(f"budget: first view at most {FIRST_VIEW_BUDGET // KB} KB: {verdict(not over)}")
    for path, view in over.items():
        largest = sorted(view.sent, key=lambda item: item.size, reverse=True)[:4]
        heaviest = ", ".join(f"{item.path} {item.size / KB:.1f} KB" for item in largest)
        print(f"  /{path}: {view.size / KB:.1f} KB; largest: {heaviest}")
    for path, view in guide.items():
        if view.missing:
            print(f"  /{path}: 404 for {', '.join(sorted(set(view.missing)))}")
    return not over


def report_lighthouse(results: dict[str, Lighthouse], *, runs: int) -> bool:
    names = list(LIGHTHOUSE_BUDGETS)
    title = f"lighthouse (mobile, median of {runs})"
    print(f"\n{title:30} " + " ".join(f"{name[:6]:>6}" for name in names))
    for path, result in results.items():
        print(f"/{path:29} " + " ".join(f"{result.scores[name]:6d}" for name in names))
    index = statistics.median(result.benchmark_index for result in results.values())
    print(f"(Lighthouse's CPU benchmark index of this machine, median: {index:.0f})")
    all_met = True
    for name, budget in LIGHTHOUSE_BUDGETS.items():
        below = {path: r for path, r in results.items() if r.scores[name] < budget}
        sign = ">=" if name == "performance" else "="
        print(f"budget: lighthouse {name} {sign} {budget}: {verdict(not below)}")
        for path, result in below.items():
            print(f"  /{path}: {result.scores[name]}: {'; '.join(result.failing[name])}")
        all_met = all_met and not below
    return all_met


# --- Main --------------------------------------------------------------------------------


@contextmanager
def served_build(config: Path, site: Path) -> Iterator[SiteServer]:
    """Build `config` for the address it is served at (canonical links as when deployed)."""
    site.mkdir(parents=True, exist_ok=True)
    with serve_site(site) as server:
        run_build(config, site, site_url=server.url)
        yield server


PARTS = ("build", "first-view", "lighthouse")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1")
    return value


def progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m guide.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rounds", type=positive, default=5, help="builds timed per variant")
    parser.add_argument(
        "--lighthouse-runs",
        type=positive,
        default=3,
        help="Lighthouse runs per page (the median counts)",
    )
    parser.add_argument(
        "--only", choices=PARTS, action="append", help="measure only this (repeatable)"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return OK if exit.code == 0 else USAGE
    parts = args.only or list(PARTS)
    met: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        guide_yml = ROOT / "mkdocs.yml"
        stock_yml = stock_project(workdir / "stock")
        try:
            if "build" in parts:
                progress(f"timing builds, {args.rounds} rounds")
                met.append(
                    report_build_times(
                        build_times(guide_yml, stock_yml, workdir, rounds=args.rounds)
                    )
                )
            if "first-view" in parts or "lighthouse" in parts:
                progress("building the guide to serve it")
                guide = stack.enter_context(served_build(guide_yml, workdir / "site-guide"))
        except subprocess.CalledProcessError as error:
            print(f"build failed: {error}")
            return BUILD_FAILED
        if "first-view" in parts:
            progress("building the stock site; first views in Chromium")
            try:
                stock = stack.enter_context(served_build(stock_yml, workdir / "site-stock"))
            except subprocess.CalledProcessError as error:
                print(f"stock build failed: {error}")
                return BUILD_FAILED
            paths = [path for _, _, path in page_paths()]
            met.append(report_first_views(first_views(guide, paths), first_views(stock, paths)))
        if "lighthouse" in parts:
            ensure_lighthouse()
            progress(f"Lighthouse, {args.lighthouse_runs} run(s) per page")
            results = {
                path: lighthouse(guide.url + path, runs=args.lighthouse_runs)
                for _, kind, path in page_paths()
                if kind in LIGHTHOUSE_PAGES
            }
            met.append(report_lighthouse(results, runs=args.lighthouse_runs))
    print(f"\n{sum(met)} of {len(met)} budget groups met")
    return OK if all(met) else NOT_MET


if __name__ == "__main__":
    raise SystemExit(main())
