"""The `job` command: a job ad read into a role of the bank, shown, and written as a role file.

Building the parser imports nothing heavy; the command loads the bank only when it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from skillgap.errors import ExitCode

JOB_HELP = "a job ad (a text or Markdown file, - for standard input)"


def cmd_job(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from skillgap.app.job import read_job_ad
    from skillgap.cli.options import load_bank
    from skillgap.escape import one_line
    from skillgap.export.json_docs import job_json
    from skillgap.export.text import render_job
    from skillgap.formats.job_role import role_yaml

    bank = load_bank(args)
    reading = read_job_ad(args.file, bank)
    if args.json:
        print(json.dumps(job_json(reading, bank), indent=2, ensure_ascii=True))
    else:
        sys.stdout.write(render_job(job_json(reading, bank)))
    if args.output:
        from skillgap.app.files import write_atomically

        write_atomically(Path(args.output), role_yaml(reading, bank), force=args.force)
        print(f"wrote {one_line(args.output)}", file=sys.stderr)
    return ExitCode.OK


def register(sub: Any) -> None:
    """Add `job` to the main parser's subparsers."""
    help = "read a job ad into a role: the skills it asks for, how deep, which are essential"
    p = sub.add_parser(
        "job", help=help, description=help,
        epilog="example: skillgap job ad.md -o roles/30-job.yaml; then: skillgap score"
        " answers.yaml --job ad.md",
    )  # fmt: skip
    p.set_defaults(func=cmd_job)
    p.add_argument("file", metavar="FILE", help=JOB_HELP)
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument(
        "-o", "--output", metavar="ROLE.yaml",
        help="also write the role as a role file of the bank format (skillgap validate accepts"
        " it in a bank's roles/)",
    )  # fmt: skip
    p.add_argument("--force", action="store_true", help="overwrite ROLE.yaml if it exists")
