"""How the build grows with the region: full builds over synthetic data folders of 20, 80 and
380 powiats (`synthetic`), fitted to t(n) = fixed + c * n^k; the exponent k is the budget."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from pathlib import Path

from guide.site.build import timed_build
from guide.tools.bench.synthetic import synthetic_data

SCALE_POWIATS = (20, 80, 380)


@dataclass(frozen=True)
class ScalePoint:
    powiats: int
    seconds: float


@dataclass(frozen=True)
class Growth:
    """t(n) = fixed + per * n ** exponent through three measured points."""

    fixed: float
    per: float
    exponent: float


def growth(points: list[ScalePoint]) -> Growth:
    """The curve through three points (n1 < n2 < n3); an exponent of 0 when the times do not
    grow faster than a logarithm (nothing measurable past the fixed cost)."""
    (n1, t1), (n2, t2), (n3, t3) = sorted((p.powiats, p.seconds) for p in points)

    def spread(k: float) -> float:
        """(n3^k - n1^k) / (n2^k - n1^k), increasing in k; its limit at 0 is a log ratio."""
        if k == 0:
            return math.log(n3 / n1) / math.log(n2 / n1)
        return float((n3**k - n1**k) / (n2**k - n1**k))

    if t2 <= t1 or (t3 - t1) / (t2 - t1) <= spread(0):
        return Growth(fixed=t1, per=0.0, exponent=0.0)
    wanted, low, high = (t3 - t1) / (t2 - t1), 0.0, 8.0
    for _ in range(100):
        middle = (low + high) / 2
        low, high = (middle, high) if spread(middle) < wanted else (low, middle)
    k = (low + high) / 2
    per = (t2 - t1) / (n2**k - n1**k)
    return Growth(fixed=t1 - per * n1**k, per=per, exponent=k)


def scale_times(config: Path, workdir: Path, *, rounds: int) -> list[ScalePoint]:
    """Median CPU seconds of `rounds` full builds of `config` at each of SCALE_POWIATS."""
    points = []
    for powiats in SCALE_POWIATS:
        data = synthetic_data(workdir / f"scale-data-{powiats}", powiats)
        times = [
            timed_build(
                config, workdir / f"scale-site-{powiats}", extra_env={"GUIDE_DATA_DIR": str(data)}
            )
            for _ in range(rounds)
        ]
        points.append(ScalePoint(powiats, statistics.median(times)))
    return points
