"""The `plan` command: a saved report's learning plan as a week-by-week timeline.

Building the parser imports nothing heavy; the command loads the bank and the store only
when it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgap.cli import argtypes
from skillgap.cli.options import current_bank, open_store, output_width, target_role
from skillgap.errors import ExitCode, UsageError
from skillgap.escape import one_line

if TYPE_CHECKING:
    import sqlite3

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
        if args.job is not None:
            from skillgap.app.job import bank_with_job, read_job_ad

            if role is not None:
                raise UsageError("--job cannot be used with --role: the job's role is the aim")
            if bank is None:
                raise UsageError("--job needs the bank to load: see skillgap validate")
            reading = read_job_ad(args.job, bank)
            bank, role = bank_with_job(bank, reading), reading.role.id
        elif role is not None and bank is not None:
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
        sys.stdout.write(render_timeline_text(timeline, heading, width=output_width()))
    return ExitCode.OK


def register(sub: Any, given: argparse.Namespace | None = None) -> None:
    """Add `plan` to the main parser's subparsers. `given` holds the global options as parsed
    so far (`--data-dir`): `plan --help` shows the defaults saved there."""
    help = "a saved report's learning plan, week by week, with projected fit per role"
    p = sub.add_parser(
        "plan",
        help=help,
        description=help + ". Steps come in advice order (prerequisites first); steps marked"
        " not relevant are left out.",
        epilog="example: skillgap plan --hours 5 --weeks 12",
        add_help=False,
    )
    p.set_defaults(func=cmd_plan)
    p.add_argument(
        "-h", "--help", action=HelpWithDefaults, given=given,
        help="show this help message, with the defaults saved in the app, and exit",
    )  # fmt: skip
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
    p.add_argument(
        "--job", metavar="FILE",
        help="plan for the role read from this job ad (- for standard input; see skillgap job)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


class HelpWithDefaults(argparse.Action):
    """`plan --help`: the help, each default said as the value the plan will use: the one
    saved in the app (read without writing), else the built-in one."""

    def __init__(
        self, option_strings: list[str], dest: str = argparse.SUPPRESS,
        given: argparse.Namespace | None = None, help: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)
        self.given = given

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
        values: object, option_string: str | None = None,
    ) -> None:  # fmt: skip
        data_dir = getattr(self.given, "data_dir", None)
        hours, weeks, role = saved_defaults(data_dir)
        said = {
            "--hours": f"hours of learning a week, e.g. 5 or 2.5h (default: {hours})",
            "--weeks": f"weeks to plan, 1-{MAX_WEEKS} (default: {weeks})",
            "--role": "the role the plan aims for: a role id (devops, devsecops) or both"
            f" (default: {role})",
        }
        for action in parser._actions:  # argparse keeps them there, public in all but name
            for option in action.option_strings:
                if option in said:
                    action.help = said[option]
        parser.print_help()
        parser.exit()


#: Repeated from core.plan so that `plan --help` imports nothing more without saved data.
BUILT_IN_HOURS, BUILT_IN_WEEKS = 5.0, 26


def saved_defaults(data_dir: str | None) -> tuple[str, str, str]:
    """The plan's defaults as `plan --help` says them: hours a week, weeks and the role aimed
    for, each "6, your saved setting" or "5, built in". Read from the store opened read-only,
    never created or written; a store that is missing, damaged, from another version or
    unreadable for any reason gives the built-in defaults: help never fails."""
    hours = f"{BUILT_IN_HOURS:g}, built in"
    weeks = f"{BUILT_IN_WEEKS}, built in"
    role = "both, built in"
    try:
        saved = _read_saved(data_dir)
    except Exception:  # whatever the store holds, --help prints
        return hours, weeks, role
    if saved[0] is not None:
        hours = f"{saved[0]:g}, your saved setting"
    if saved[1] is not None:
        weeks = f"{saved[1]}, your saved setting"
    if saved[2] is not None:
        role = f"{one_line(saved[2])}, your choice in the app"
    return hours, weeks, role


def _read_saved(data_dir: str | None) -> tuple[float | None, int | None, str | None]:
    """(hours a week, weeks, role id) as saved, each None when not saved or not valid."""
    from skillgap.app.settings import BOTH, TARGET_ROLE_SETTING
    from skillgap.core.plan import (
        HOURS_SETTING,
        WEEKS_SETTING,
        parse_hours_per_week,
        parse_weeks,
    )
    from skillgap.store import DB_NAME, Store, default_data_dir

    path = (Path(data_dir) if data_dir else default_data_dir()) / DB_NAME
    if not path.is_file():
        return None, None, None
    with Store(path, _peek(path), read_only=True) as store:
        raw_hours, raw_weeks, raw_role = (
            store.get_setting(key) for key in (HOURS_SETTING, WEEKS_SETTING, TARGET_ROLE_SETTING)
        )

    def parsed(text: str | None, parse: Any) -> Any:
        try:
            return parse(text) if text is not None else None
        except ValueError:
            return None

    role = raw_role if raw_role not in (None, BOTH) else None
    return parsed(raw_hours, parse_hours_per_week), parsed(raw_weeks, parse_weeks), role


def _peek(path: Path) -> sqlite3.Connection:
    """The database opened to read, leaving the folder as it was: with nothing waiting in its
    write-ahead log, as immutable (no -shm or -wal file is made); else read-only, as the store
    opens a folder it cannot write (store.database.open_read_only)."""
    import sqlite3
    from urllib.parse import quote

    from skillgap.store.database import check_version, open_read_only

    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return open_read_only(path)
    uri = f"file:{quote(str(path.absolute()))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        check_version(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn
