"""The `plan` command: a saved report's learning plan as a week-by-week timeline.

Building the parser imports nothing heavy; the command loads the bank and the store only
when it runs. Failures are StoreError subclasses or UsageError, turned into one line on stderr
by `cli.run_command`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

EXIT_OK = 0
#: Repeated from plan.py so building the parser imports nothing more.
MAX_WEEKS = 520
MAX_HOURS_PER_WEEK = 168.0


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= MAX_HOURS_PER_WEEK:  # also refuses nan
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of hours a week (more than 0, at most 168)"
        )
    return value


def _weeks(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of weeks (1-{MAX_WEEKS})")
    return int(text)


def cmd_plan(args: argparse.Namespace) -> int:
    import json

    from skillgap.cli import UsageError
    from skillgap.plan import (
        DEFAULT_HOURS_PER_WEEK,
        DEFAULT_WEEKS,
        HOURS_SETTING,
        WEEKS_SETTING,
    )
    from skillgap.plan_render import render_timeline_text, timeline_json
    from skillgap.report_cli import current_bank, open_store
    from skillgap.scoring import level_map
    from skillgap.store import StoreError
    from skillgap.timeline import schedule

    with open_store(args) as store:
        if args.id is None:
            newest = store.list_reports(limit=1)
            if not newest:
                raise StoreError(
                    "no saved reports yet, so there is no plan: finish an assessment,"
                    " or: skillgap score ANSWERS --save"
                )
            report_id = newest[0].id
        else:
            report_id = args.id
        report = store.get_report(report_id)
        plan = store.get_plan(report.bank_name)
        hours = args.hours or _setting(store.get_setting(HOURS_SETTING), _hours)
        weeks = args.weeks or _setting(store.get_setting(WEEKS_SETTING), _weeks)
    hours = hours or DEFAULT_HOURS_PER_WEEK
    weeks = weeks or DEFAULT_WEEKS
    bank = current_bank(args)
    if bank is None or bank.name != report.bank_name:
        raise UsageError(
            f"report {report.id} was made with the bank {report.bank_name!r}; pass"
            " --questions DIR with that bank to plan from it"
        )
    timeline = schedule(bank, level_map(bank, report.answers), hours, weeks, plan)
    if args.json:
        print(json.dumps(timeline_json(timeline, report.id), indent=2, ensure_ascii=False))
    else:
        when = report.created_at.strftime("%Y-%m-%d %H:%M UTC")
        heading = f"Learning plan from report {report.id} ({when}), up to {weeks} week(s)"
        sys.stdout.write(render_timeline_text(timeline, heading))
    return EXIT_OK


def _setting(text: str | None, parse: Callable[[str], T]) -> T | None:
    """A setting read with the option's own parser; None when unset or not valid."""
    try:
        return parse(text) if text is not None else None
    except argparse.ArgumentTypeError:
        return None


def register(sub: Any) -> None:
    """Add `plan` to the main parser's subparsers."""
    from skillgap.report_cli import _report_id

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
        "id", nargs="?", type=_report_id, metavar="REPORT_ID", help="default: the newest report"
    )
    p.add_argument(
        "--hours", type=_hours, metavar="H", help="hours of learning a week (default: 5)"
    )
    p.add_argument(
        "--weeks", type=_weeks, metavar="W", help=f"weeks to plan, 1-{MAX_WEEKS} (default: 26)"
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
