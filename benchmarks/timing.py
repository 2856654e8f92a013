"""Timing for the benchmark scripts: the best of k runs (the least disturbed by other work)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the scripts run from anywhere, against this checkout
    sys.path.insert(0, str(ROOT))


def best_of(f, repeat: int, warm: bool = False) -> float:
    """Seconds of the fastest of ``repeat`` calls (after one untimed call if ``warm``)."""
    if warm:
        f()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)
