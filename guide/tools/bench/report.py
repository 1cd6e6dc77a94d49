"""The met / NOT met lines of `python -m guide bench`, one group per budget."""

from __future__ import annotations

import statistics

from guide.tools.bench.budgets import (
    FIRST_VIEW_BUDGET,
    HOOK_BUDGET,
    KB,
    LCP_BUDGET,
    LIGHTHOUSE_BUDGETS,
    SCALE_EXPONENT_BUDGET,
    SCALE_LARGEST_SECONDS,
)
from guide.tools.bench.firstview import FirstView
from guide.tools.bench.instructions import VALGRIND, Instructions
from guide.tools.bench.lighthouse import Lighthouse
from guide.tools.bench.scale import ScalePoint, growth
from guide.tools.bench.timing import BuildTime


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def report_build_times(rows: list[BuildTime]) -> bool:
    print(f"\n{'build time (CPU)':30} {'guide':>8} {'stock':>8} {'ratio':>7}")
    for row in rows:
        print(f"{row.label:30} {row.guide:7.2f}s {row.stock:7.2f}s {row.ratio:7.2f}")
    met = rows[0].ratio <= HOOK_BUDGET
    print(f"budget: full build at most {HOOK_BUDGET:.2f} x stock: {verdict(met)}")
    return met


def report_instructions(found: Instructions | None) -> None:
    """Reported beside the build-time budget, not a budget of its own."""
    if found is None:
        print(f"\ninstructions: not counted, {VALGRIND[0]} is not installed (Debian: valgrind)")
        return
    print(f"\n{'build (instructions, cachegrind)':30} {'guide':>8} {'stock':>8} {'ratio':>7}")
    print(
        f"{'full build (all languages)':30} {found.guide / 1e9:7.2f}G {found.stock / 1e9:7.2f}G "
        f"{found.ratio:7.2f}"
    )


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
    print(f"\n{title:30} " + " ".join(f"{name[:6]:>6}" for name in names) + "    LCP")
    for path, result in results.items():
        scores = " ".join(f"{result.scores[name]:6d}" for name in names)
        print(f"/{path:29} {scores} {result.lcp_seconds:5.2f}s")
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
    slow = {path: r for path, r in results.items() if r.lcp_seconds > LCP_BUDGET}
    print(f"budget: lighthouse LCP <= {LCP_BUDGET:.1f} s: {verdict(not slow)}")
    for path, result in slow.items():
        print(f"  /{path}: {result.lcp_seconds:.2f} s")
    return all_met and not slow


def report_scale(points: list[ScalePoint]) -> bool:
    print(f"\n{'full build over N powiats (CPU)':34} {'seconds':>8}")
    for point in points:
        print(f"{point.powiats:34d} {point.seconds:7.2f}s")
    fit = growth(points)
    print(f"fit: {fit.fixed:.2f} s fixed + {fit.per:.4f} s x N^{fit.exponent:.2f}")
    linear = fit.exponent <= SCALE_EXPONENT_BUDGET
    largest = max(points, key=lambda point: point.powiats)
    fast = largest.seconds <= SCALE_LARGEST_SECONDS
    budget = SCALE_EXPONENT_BUDGET
    print(f"budget: exponent past the fixed cost at most {budget}: {verdict(linear)}")
    print(
        f"budget: {largest.powiats} powiats in at most {SCALE_LARGEST_SECONDS:.0f} s: "
        f"{verdict(fast)}"
    )
    return linear and fast
