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


def compile_bytecode() -> None:
    """Compile skillgap's bytecode, as `pip install` does. An editable install writes it on
    first import, unless PYTHONDONTWRITEBYTECODE is set (it is on some machines, this one
    among them): then every process would compile the package from source, ~40 ms that no
    installed copy pays, and every start-up figure would be off by that much."""
    import compileall

    compileall.compile_dir(ROOT / "src" / "skillgap", quiet=1)


compile_bytecode()


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
    """Median subject time, median floor time and their ratio, alternating the two so slow
    spells of the machine fall on both alike.

    The ratio is of the medians, not the median of run-by-run ratios: here one run of a
    process can take up to twice as long as the next, independently of the run beside it, so
    pairing cancels little, and a ratio of two noisy times is skewed upwards."""
    return paired_medians(_timed(subject), _timed(floor), runs)


def paired_medians(
    subject: Callable[[], float], floor: Callable[[], float], runs: int = 7
) -> tuple[float, float, float]:
    """`paired_ratio` for functions that measure themselves and return seconds."""
    subject()
    floor()
    a, b = [], []
    for _ in range(runs):
        a.append(subject())
        b.append(floor())
    subject_s, floor_s = statistics.median(a), statistics.median(b)
    return subject_s, floor_s, subject_s / floor_s


def _timed(func: Callable[[], object]) -> Callable[[], float]:
    def timed() -> float:
        start = time.perf_counter()
        func()
        return time.perf_counter() - start

    return timed


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
