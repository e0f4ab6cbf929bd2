"""Listing saved reports: 10,000 reports against 10, the ratio of the medians (target <= 2x).

Figures, each the median of several runs against its floor (the same thing with 10 reports):
- `skillgap report list` run as a command, what a person waits for;
- the same command path in-process (open the store, list the newest page, the change since the
  previous report, render), without interpreter start-up;
- `Store.list_reports` alone, for a page of 10 and of 50.
With only 10 reports saved a page of 50 holds 10 rows, so the page-of-50 figures also count the
extra 40 rows rendered; the page-of-10 figure isolates how listing scales with the number stored.
Judged against the target: the command, and the same-size page. Run:

    .venv/bin/python benchmarks/bench_reports.py [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from skillgap.cli.report import cmd_list
from skillgap.core.model import Answers, Bank, Result
from skillgap.core.scoring import score
from skillgap.formats.bank import BankError, bundled_bank_dir, load_bank
from skillgap.store import Store
from skillgap.store.api import _insert_report  # bulk fill in one transaction, for speed

ROOT = Path(__file__).resolve().parents[1]
MINI_BANK = ROOT / "tests" / "data" / "banks" / "mini"
TARGET = 2.0


def _bank() -> Bank:
    try:
        return load_bank(bundled_bank_dir())  # realistic report sizes
    except BankError:
        return load_bank(MINI_BANK)


def _samples(bank: Bank, count: int, seed: int = 7) -> list[tuple[Answers, Result]]:
    from skillgap.core.answering import make_answer

    rng = random.Random(seed)
    out = []
    for _ in range(count):
        answers = {}
        for question in bank.questions.values():
            if question.kind == "rating":
                value: object = rng.randint(0, 4)
            elif question.kind == "choice":
                value = rng.choice(question.options).id
            else:
                value = [o.id for o in question.options if rng.random() < 0.4]
            answers[question.id] = make_answer(question, value, "evidence " * rng.randint(0, 5))
        chosen = Answers(answers)
        out.append((chosen, score(bank, chosen)))
    return out


def _fill(folder: Path, samples: list[tuple[Answers, Result]], count: int) -> None:
    """`count` reports at shuffled times, in one transaction (a benchmark shortcut: the product
    saves one report per transaction)."""
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    times = [start + timedelta(minutes=i) for i in range(count)]
    random.Random(count).shuffle(times)
    with Store.open(folder) as store, store._write("fill") as conn:
        for i, moment in enumerate(times):
            answers, result = samples[i % len(samples)]
            _insert_report(conn, answers, result, moment)


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm the page cache and the statement cache
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def _list_command(folder: Path) -> Callable[[], object]:
    args = argparse.Namespace(data_dir=str(folder), json=False, limit=None, questions=None)

    def run() -> object:
        with contextlib.redirect_stdout(io.StringIO()):
            return cmd_list(args)

    return run


def _process(folder: Path) -> Callable[[], object]:
    env = {**os.environ, "SKILLGAP_DATA_DIR": str(folder)}
    cmd = [sys.executable, "-m", "skillgap", "report", "list"]

    def run() -> object:
        return subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--large", type=int, default=10_000)
    options = parser.parse_args(argv)

    bank = _bank()
    samples = _samples(bank, 50)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        start = time.perf_counter()
        _fill(small, samples, 10)
        _fill(large, samples, options.large)
        fill_s = time.perf_counter() - start
        size_mb = (large / "skillgap.db").stat().st_size / 1e6
        print(f"bank: {bank.name} ({len(bank.questions)} questions)")
        print(f"setup: {options.large:,} reports in {fill_s:.2f} s, database {size_mb:.1f} MB")

        figures = []
        runs = max(5, options.runs // 2)
        figures.append(
            (
                "skillgap report list (process)",
                _median_ms(_process(small), runs),
                _median_ms(_process(large), runs),
                True,
            )
        )
        cmd_small = _median_ms(_list_command(small), options.runs)
        cmd_large = _median_ms(_list_command(large), options.runs)
        figures.append(("report list (in-process)", cmd_small, cmd_large, False))
        with Store.open(small) as s_small, Store.open(large) as s_large:
            for limit in (10, 50):
                figures.append(
                    (
                        f"Store.list_reports(limit={limit})",
                        _median_ms(lambda n=limit: s_small.list_reports(limit=n), options.runs * 5),
                        _median_ms(lambda n=limit: s_large.list_reports(limit=n), options.runs * 5),
                        limit == 10,
                    )
                )

    failed = False
    for name, a, b, judged in figures:
        ratio = b / a
        failed |= judged and ratio > TARGET
        verdict = f"(target <= {TARGET:g}x)" if judged else "(10 rows against 50, for reference)"
        print(
            f"{name:<32} 10: {a:7.3f} ms   {options.large:,}: {b:7.3f} ms"
            f"   ratio {ratio:.2f}x {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
