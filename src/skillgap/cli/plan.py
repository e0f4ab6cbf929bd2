"""The `plan` command: a saved report's learning plan as a week-by-week timeline.

Building the parser imports nothing heavy; the command loads the bank and the store only
when it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from skillgap.cli import argtypes
from skillgap.cli.options import current_bank, open_store, target_role
from skillgap.errors import ExitCode, UsageError

ROLE_HELP = (
    "the role the plan aims for: a role id (devops, devsecops) or both"
    " (default: the one chosen in the app, else both)"
)
#: Repeated from core.plan so building the parser imports nothing more.
MAX_WEEKS = 520


def cmd_plan(args: argparse.Namespace) -> int:
    import json

    from skillgap.app.reports import timeline_for
    from skillgap.app.settings import BOTH, plan_settings
    from skillgap.export.json_docs import timeline_json
    from skillgap.export.text import render_timeline_text
    from skillgap.store import StoreError

    with open_store(args) as store:
        if args.id is None:
            newest = store.list_reports(limit=1)
            if not newest:
                raise StoreError(
                    "no saved reports yet, so there is no plan: finish an assessment,"
                    " or: skillgap score ANSWERS --save"
                )
        report = store.get_report(newest[0].id if args.id is None else args.id)
        bank = current_bank(args)
        weeks = args.weeks or plan_settings(store)[1]
        role = args.role
        if role is not None and bank is not None:
            role = target_role(args, bank) or BOTH  # checks the id against the bank
        timeline = timeline_for(store, report, bank, args.hours, weeks, role)
    if timeline is None:
        raise UsageError(
            f"report {report.id} was made with the bank {report.bank_name!r}; pass"
            " --questions DIR with that bank to plan from it"
        )
    if args.json:
        print(json.dumps(timeline_json(timeline, report.id), indent=2, ensure_ascii=True))
    else:
        when = report.created_at.strftime("%Y-%m-%d %H:%M UTC")
        heading = f"Learning plan from report {report.id} ({when}), up to {weeks} week(s)"
        sys.stdout.write(render_timeline_text(timeline, heading))
    return ExitCode.OK


def register(sub: Any) -> None:
    """Add `plan` to the main parser's subparsers."""
    help = "a saved report's learning plan, week by week, with projected fit per role"
    p = sub.add_parser(
        "plan",
        help=help,
        description=help + ". Steps come in advice order (prerequisites first); steps marked"
        " not relevant are left out.",
        epilog="example: skillgap plan --hours 5 --weeks 12",
    )
    p.set_defaults(func=cmd_plan)
    p.add_argument(
        "id", nargs="?", type=argtypes.report_id, metavar="REPORT_ID",
        help="default: the newest report",
    )  # fmt: skip
    p.add_argument(
        "--hours", type=argtypes.hours_per_week, metavar="H",
        help="hours of learning a week, e.g. 5 or 2.5h (default: the saved setting, else 5)",
    )  # fmt: skip
    p.add_argument(
        "--weeks", type=argtypes.weeks, metavar="W",
        help=f"weeks to plan, 1-{MAX_WEEKS} (default: the saved setting, else 26)",
    )  # fmt: skip
    p.add_argument("--role", metavar="ID", help=ROLE_HELP)
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
