"""`skillgap job`: reading a 10 KB job ad and building its role, against loading the bundled
bank (target <= 0.5x).

Figure 12: app.job.read_job_ad on a 10 KB Markdown ad (the six test ads of tests/data/jobs,
one after another until 10 KB), the keyword index built afresh each time as the command does,
vs formats.bank.load_bank of the bundled bank (parsed and validated, no cache): the ratio of the
medians. Run:

    .venv/bin/python benchmarks/bench_job.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import ROOT, paired_ratio, report

from skillgap.app.job import read_job_ad
from skillgap.formats.bank import bundled_bank_dir, load_bank

TARGET = 0.5
AD_BYTES = 10 * 1024


def ten_kb_ad() -> str:
    ads = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/jobs").iterdir())]
    text = ""
    while len(text.encode()) < AD_BYTES:
        text += "\n".join(ads) + "\n"
    return text.encode()[:AD_BYTES].decode("utf-8", "ignore")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    bank_dir = bundled_bank_dir()
    bank = load_bank(bank_dir)
    with tempfile.TemporaryDirectory() as tmp:
        ad = Path(tmp) / "ad.md"
        ad.write_text(ten_kb_ad(), encoding="utf-8")
        reading = read_job_ad(str(ad), bank)
        print(f"a {ad.stat().st_size:,}-byte ad: {len(reading.role.requirements)} requirements")
        subject_s, floor_s, ratio = paired_ratio(
            lambda: read_job_ad(str(ad), bank), lambda: load_bank(bank_dir), runs
        )
    ok = report("12. a 10 KB job ad read into a role", subject_s, floor_s, ratio, TARGET,
                "of loading the bundled bank")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
