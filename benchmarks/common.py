"""Shared helpers for the benchmarks: medians of repeated runs and ratio reports.

Absolute times drift 20-40% between runs on a shared machine; a ratio against a floor measured
in the same run holds much better, so every figure is printed as one.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def median_seconds(func: Callable[[], object], runs: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_ratio(
    subject: Callable[[], object], floor: Callable[[], object], runs: int = 7
) -> tuple[float, float, float]:
    """Median subject time, median floor time and the median of the pairwise ratios,
    alternating the two so drift affects both alike."""
    subject()
    floor()
    a, b, ratios = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        subject()
        ta = time.perf_counter() - start
        start = time.perf_counter()
        floor()
        tb = time.perf_counter() - start
        a.append(ta)
        b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def run_process(*args: str) -> Callable[[], object]:
    def go() -> object:
        return subprocess.run(args, check=True, capture_output=True)

    return go


def report(
    name: str, subject_s: float, floor_s: float, ratio: float, target: float, floor: str
) -> bool:
    ok = ratio <= target
    verdict = "holds" if ok else "MISSED"
    print(
        f"{name}: {ratio:.2f}x {floor} (target <= {target:g}x: {verdict}); "
        f"median {subject_s * 1000:.1f} ms vs {floor_s * 1000:.1f} ms"
    )
    return ok
