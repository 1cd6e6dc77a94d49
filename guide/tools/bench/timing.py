"""Build time of the guide against the stock build, timed alternately in the same run."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from guide.data.languages import default_language, language_codes
from guide.site.build import timed_build


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
            times["guide"].append(timed_build(guide, workdir / "time-guide", only_language=only))
            times["stock"].append(timed_build(stock, workdir / "time-stock", only_language=only))
        rows.append(
            BuildTime(label, statistics.median(times["guide"]), statistics.median(times["stock"]))
        )
    return rows
