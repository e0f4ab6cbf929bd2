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

    from skillgap.app.job import job_json, read_job_ad, role_yaml
    from skillgap.cli.options import load_bank
    from skillgap.escape import one_line

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


def render_job(document: dict[str, Any]) -> str:
    """The text of `skillgap job`: the role, one line per requirement, what was not understood."""
    from skillgap.escape import one_line

    role = document["role"]
    requirements = document["requirements"]
    unknown = document["not_understood"]
    essentials = sum(1 for r in requirements if r["essential"])
    lines = [
        f"{one_line(role['name'])} (role {role['id']}): {len(requirements)} requirements,"
        f" {essentials} essential",
        "",
    ]
    width = max(len(one_line(r["title"])) for r in requirements)
    width = min(width, 40)
    for r in requirements:
        title = one_line(r["title"])
        title = title if len(title) <= width else title[: width - 1] + "…"
        marks = f"target {r['target']} · weight {r['weight']:g}"
        if r["essential"]:
            marks += " · essential"
        words = ", ".join(one_line(p) for p in r["phrases"])
        where = ", ".join(str(n) for n in r["lines"])
        lines.append(f"  {title:<{width}}  {marks}")
        plural = "s" if len(r["lines"]) > 1 else ""
        lines.append(f"  {'':<{width}}  from: {words} (line{plural} {where})")
    lines.append("")
    if unknown:
        lines.append("Not understood: " + ", ".join(one_line(w) for w in unknown))
    else:
        lines.append("Not understood: nothing (every tool-like word was placed)")
    return "\n".join(lines) + "\n"


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
