"""`skillgap --version` against `python -c pass`: the command-line start-up floor."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from common import paired_ratio, report, run_process


def _command() -> str:
    """The installed `skillgap` script, as a user runs it."""
    beside = Path(sys.executable).with_name("skillgap")
    return str(beside) if beside.exists() else (shutil.which("skillgap") or "skillgap")


def main() -> bool:
    subject, floor, ratio = paired_ratio(
        run_process(_command(), "--version"),
        run_process(sys.executable, "-c", "pass"),
        runs=15,
    )
    return report("--version vs python -c pass", subject, floor, ratio, 2.0, "python -c pass")


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
