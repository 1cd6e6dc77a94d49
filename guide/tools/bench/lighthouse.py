"""Lighthouse (npm package pinned in tools/lighthouse), mobile, of the served guide."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from typing import Any

from guide import ROOT
from guide.tools.bench.budgets import LIGHTHOUSE_BUDGETS
from guide.tools.chromium import CHROMIUM_ARGS, reader_chromium

LIGHTHOUSE_DIR = ROOT / "tools" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
# Headless, and nothing that reaches for the network: this machine's network is closed and
# Chromium stalls on background connections without these.
LIGHTHOUSE_CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]


@dataclass(frozen=True)
class Lighthouse:
    url: str
    scores: dict[str, int]
    failing: dict[str, list[str]] = field(default_factory=dict)
    # Lighthouse's measure of this machine's CPU speed: a loaded machine scores lower, and
    # its longer main-thread tasks (x4 for the mobile CPU) lower the performance score.
    benchmark_index: int = 0
    lcp_seconds: float = 0.0  # largest contentful paint, Lighthouse's simulated phone


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse (tools/lighthouse/package-lock.json) when missing."""
    if not LIGHTHOUSE_CLI.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR)], check=True
        )


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The weighted audits of `category` in a Lighthouse JSON report that did not pass."""
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
    env = dict(os.environ, CHROME_PATH=str(reader_chromium()))
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
    return lighthouse_result(url, json.loads(result.stdout))


def lighthouse_result(url: str, report: dict[str, Any]) -> Lighthouse:
    """Scores, failing audits and CPU benchmark index of a Lighthouse JSON report."""
    scores = {
        name: round(100 * (report["categories"][name]["score"] or 0)) for name in LIGHTHOUSE_BUDGETS
    }
    failing = {
        name: failing_audits(report, name)
        for name, budget in LIGHTHOUSE_BUDGETS.items()
        if scores[name] < budget
    }
    benchmark = round(report["environment"]["benchmarkIndex"])
    lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    return Lighthouse(url, scores, failing, benchmark, round(lcp, 2))
