"""Validating a 10,000-question bank (100 files) against plain CSafeLoader parsing of the same
files; then scoring and ranking advice for 10,000 answers against that validation."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml
from common import paired_ratio, report
from generate_bank import generate

from skillgap.core.model import Answer, Answers
from skillgap.core.scoring import score
from skillgap.formats.bank import load_bank


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "bank")
        files = [root / "bank.yaml", *sorted((root / "sections").glob("*.yaml"))]
        files += sorted((root / "roles").glob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def parse_only() -> None:
            for path in files:
                yaml.load(path.read_text(), Loader=yaml.CSafeLoader)

        def validate() -> None:
            load_bank(root)

        subject, floor, ratio = paired_ratio(validate, parse_only, runs=5)
        ok = report(
            f"validate 10,000 questions ({size / 1e6:.1f} MB)", subject, floor, ratio, 1.5,
            "CSafeLoader parse",
        )  # fmt: skip

        bank = load_bank(root)
        answers = Answers({qid: Answer(qid, n % 5, n % 5) for n, qid in enumerate(bank.questions)})

        def score_and_rank() -> None:
            score(bank, answers)

        subject, floor, ratio = paired_ratio(score_and_rank, validate, runs=5)
        ok &= report(
            "score + rank 10,000 answers", subject, floor, ratio, 1.5, "validating the bank"
        )
        return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
