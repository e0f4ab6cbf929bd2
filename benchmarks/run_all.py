"""`make bench`: every benchmark, each figure a ratio against a floor measured in the same run.

Prints the figures and which targets hold; exits 1 if any target is missed. Not part of
`make test`: timings on a shared machine are evidence, not assertions.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_cli.py",
    "bench_bank.py",
    "bench_reports.py",
    "bench_tui.py",
    "bench_serve.py",
    "bench_team.py",
    "bench_job.py",
]


def main() -> int:
    failed = []
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        code = subprocess.run([sys.executable, str(HERE / script)], cwd=HERE).returncode
        if code:
            failed.append(script)
    print("all targets hold" if not failed else f"targets missed in: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
