"""Timing helper shared by the benchmark scripts (imported as a sibling module)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(
    repeat: int, run: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> float:
    """Fastest of *repeat* runs, in seconds of *clock* (wall time by default)."""
    times = []
    for _ in range(repeat):
        started = clock()
        run()
        times.append(clock() - started)
    return min(times)
