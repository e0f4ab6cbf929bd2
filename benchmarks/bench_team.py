"""`skillgap team`: 1,000 exported reports aggregated, against `json.loads` of the same files
(target <= 3x), and 10,000 people without running out of memory (peak RSS).

Figures:
10. reading 1,000 exported JSON reports of the bundled bank (as `report export` writes them,
   indented) and aggregating them (app.team.read_team, core.team.build_team, the --json
   document), vs reading the same files and `json.loads` of each (each dropped before the
   next): the ratio of the medians;
11. the whole `skillgap team DIR --json` of 10,000 people in a fresh process: its wall time and
   its own peak memory (VmHWM), beside a process that only imports skillgap and loads the bank.

The reports: 200 distinct scored answer sets, written under 1,000 (or 10,000) files, each with
its own name (a tenth of the names repeated: those people's older reports are left out) and
time. Run:

    .venv/bin/python benchmarks/bench_team.py [--runs N] [--people N]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from common import paired_ratio

from skillgap.core.model import Bank
from skillgap.formats.bank import bundled_bank_dir, load_bank

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def documents(bank: Bank, count: int = 200, seed: int = 19) -> list[dict[str, Any]]:
    from skillgap.core.answering import make_answer
    from skillgap.core.model import Answers
    from skillgap.core.scoring import score
    from skillgap.formats.report_json import report_to_json

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
                value = [o.id for o in question.options if rng.random() < 0.3]
            answers[question.id] = make_answer(question, value)
        given = Answers(answers)
        out.append(report_to_json(None, T0, given, score(bank, given), "x"))
    return out


def write_team(folder: Path, docs: list[dict[str, Any]], people: int) -> int:
    """`people` files; every tenth is an older report of someone else. Returns total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(people):
        doc = dict(docs[i % len(docs)])
        person = i if i % 10 else max(0, i - 5)
        doc["name"] = f"Person {person:05d}"
        doc["created_at"] = (T0 + timedelta(minutes=i)).isoformat(timespec="microseconds")
        text = json.dumps(doc, indent=2, ensure_ascii=True) + "\n"
        (folder / f"report-{i:05d}.json").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def aggregate(folder: Path, bank: Bank) -> dict[str, Any]:
    from skillgap.app.team import read_team
    from skillgap.core.team import build_team
    from skillgap.export.team import team_json

    files = read_team([folder], bank)
    assert not files.bad, files.bad[:1]
    return team_json(build_team(bank, files.members))


def floor(folder: Path) -> None:
    """Each file read and parsed, each document dropped before the next as the team drops
    them: kept in a list, their millions of objects would make the collector's passes the
    floor's largest cost (about 1.1 s of 2.1 here) and flatter the ratio."""
    for path in sorted(folder.glob("*.json")):
        json.loads(path.read_bytes())


_PEAK = """
import json, sys, time
sys.path.insert(0, {src!r})
start = time.perf_counter()
from pathlib import Path
from skillgap.formats.bank import load_bank
bank = load_bank(Path({bank!r}))
if {full}:
    from skillgap.cli.main import main
    import contextlib, os
    with open({out!r}, "w") as sink, contextlib.redirect_stdout(sink):
        code = main(["team", {folder!r}, "--json"])
    assert code == 0
    people = -1
else:
    people = 0
wall = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({{"wall": wall, "peak_kib": peak, "people": people}}))
"""


def peak(folder: Path, full: bool) -> dict[str, Any]:
    out = folder.parent / "team.json"
    code = _PEAK.format(
        src=str(ROOT / "src"),
        bank=str(bundled_bank_dir()),
        folder=str(folder),
        full=full,
        out=str(out),
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found: dict[str, Any] = json.loads(done.stdout)
    if full:
        document = json.loads(out.read_text())
        found["people"] = len(document["people"])
        found["mib"] = out.stat().st_size / 2**20
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=10_000)
    options = parser.parse_args(argv)
    bank = load_bank(bundled_bank_dir())
    docs = documents(bank)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        thousand = Path(tmp) / "1000"
        size = write_team(thousand, docs, 1000)
        print(f"bank: {bank.name} ({len(bank.questions)} questions)")
        print(f"setup: 1,000 reports, {size / 2**20:.1f} MiB")
        doc = aggregate(thousand, bank)
        print(f"  people counted: {len(doc['people'])} (a tenth are older reports)")
        subject_s, floor_s, ratio = paired_ratio(
            lambda: aggregate(thousand, bank), lambda: floor(thousand), options.runs
        )
        holds = ratio <= TARGET
        ok = ok and holds
        print(
            f"10. team of 1,000 reports vs json.loads of the files: {ratio:.2f}x"
            f" ({subject_s * 1000:.0f} ms vs {floor_s * 1000:.0f} ms), target <= {TARGET}x:"
            f" {'holds' if holds else 'MISSED'}"
        )
        many = Path(tmp) / "many"
        start = time.perf_counter()
        size = write_team(many, docs, options.people)
        print(
            f"setup: {options.people:,} reports, {size / 2**20:.0f} MiB,"
            f" written in {time.perf_counter() - start:.1f} s"
        )
        base = peak(many, full=False)
        full = peak(many, full=True)
        print(
            f"11. skillgap team of {options.people:,} reports ({full['people']:,} people) in a"
            f" fresh process: {full['wall']:.1f} s, peak {full['peak_kib'] / 1024:.0f} MiB,"
            f" a {full['mib']:.0f} MiB document"
            f" (importing skillgap and loading the bank: {base['peak_kib'] / 1024:.0f} MiB)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
