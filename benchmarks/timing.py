"""Timing for the benchmark scripts: best wall time of several runs in one process."""
from __future__ import annotations

import time


def best_seconds(run, repeats: int = 5, before=None) -> float:
    """The shortest of ``repeats`` timed calls of ``run()``; ``before()`` (untimed) resets caches."""
    best = float("inf")
    for _ in range(repeats):
        if before is not None:
            before()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best
