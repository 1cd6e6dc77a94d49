"""`make bench`: the guide's build time as a ratio to a stock build of the same pages.

The stock build uses the same mkdocs.yml, theme and pages, with the generated powiat pages
written out as plain Markdown and no hooks; both are timed alternately in the same run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config import load_config

from guide import DOCS_DIR, ROOT
from guide.powiat_pages import powiat_pages
from guide.site import default_language, language_codes

HOOK_BUDGET = 1.10  # the hooks may add at most 10% to a full build


def stock_project(workdir: Path) -> Path:
    """A copy of the site with the generated pages as files and no hooks; its mkdocs.yml."""
    docs = workdir / "docs"
    shutil.copytree(DOCS_DIR, docs)
    theme = load_config(str(ROOT / "mkdocs.yml")).theme
    for lang in language_codes():
        prefix = "" if lang == default_language() else f"{lang}/"
        for page in powiat_pages(theme, lang, prefix):
            target = docs / lang / page.src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
    for name in ("overrides", "data"):
        (workdir / name).symlink_to(ROOT / name)
    config = workdir / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nhooks: []\n", encoding="utf-8")
    return config


def timed_build(config: Path, site: Path, *, only: str | None) -> float:
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if only:
        env["GUIDE_LANG"] = only
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=env,
        cwd=config.parent,
    )
    return time.perf_counter() - start


def main(rounds: int = 5) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        stock = stock_project(workdir / "stock")
        guide = ROOT / "mkdocs.yml"
        rows = []
        for label, only in (("full build (4 languages)", None), ("one language (uk)", "uk")):
            times: dict[str, list[float]] = {"guide": [], "stock": []}
            for _ in range(rounds):
                times["guide"].append(timed_build(guide, workdir / "site-guide", only=only))
                times["stock"].append(timed_build(stock, workdir / "site-stock", only=only))
            ours, base = statistics.median(times["guide"]), statistics.median(times["stock"])
            rows.append((label, ours, base, ours / base))
    print(f"{'build':28} {'guide':>8} {'stock':>8} {'ratio':>7}")
    for label, ours, base, ratio in rows:
        print(f"{label:28} {ours:7.2f}s {base:7.2f}s {ratio:7.2f}")
    full_ratio = rows[0][3]
    verdict = "met" if full_ratio <= HOOK_BUDGET else "NOT met"
    print(f"hook budget (full build ratio <= {HOOK_BUDGET:.2f}): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
