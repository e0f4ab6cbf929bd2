"""The `plan` command: a saved report's learning plan as a week-by-week timeline.

Building the parser imports nothing heavy; the command loads the bank and the store only
when it runs. Failures are StoreError subclasses or UsageError, turned into one line on stderr
by `cli.run_command`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from skillgap.model import Bank
    from skillgap.store import Report, Store
    from skillgap.timeline import Timeline

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


def saved_settings(store: Store) -> tuple[float, int]:
    """Hours a week and weeks for the plan: the saved settings, else the defaults."""
    from skillgap.plan import DEFAULT_HOURS_PER_WEEK, DEFAULT_WEEKS, HOURS_SETTING, WEEKS_SETTING

    hours = _setting(store.get_setting(HOURS_SETTING), _hours) or DEFAULT_HOURS_PER_WEEK
    weeks = _setting(store.get_setting(WEEKS_SETTING), _weeks) or DEFAULT_WEEKS
    return hours, weeks


def timeline_for(
    store: Store,
    report: Report,
    bank: Bank | None,
    hours: float | None = None,
    weeks: int | None = None,
) -> Timeline | None:
    """The learning plan of a saved report with the stored plan statuses, or None when `bank`
    is not the report's bank (the advice needs the bank it was made with)."""
    from skillgap.scoring import level_map
    from skillgap.timeline import schedule

    if bank is None or bank.name != report.bank_name:
        return None
    saved_hours, saved_weeks = saved_settings(store)
    plan = store.get_plan(bank.name)
    levels = level_map(bank, report.answers)
    return schedule(bank, levels, hours or saved_hours, weeks or saved_weeks, plan)


def cmd_plan(args: argparse.Namespace) -> int:
    import json

    from skillgap.cli import UsageError
    from skillgap.plan_render import render_timeline_text, timeline_json
    from skillgap.report_cli import current_bank, open_store
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
        weeks = args.weeks or saved_settings(store)[1]
        timeline = timeline_for(store, report, bank, args.hours, weeks)
    if timeline is None:
        raise UsageError(
            f"report {report.id} was made with the bank {report.bank_name!r}; pass"
            " --questions DIR with that bank to plan from it"
        )
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
