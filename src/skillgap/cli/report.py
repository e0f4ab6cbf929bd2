"""The `report` subcommands (list, show, export, diff, delete, import) and `score --save`.

Everything here reads and writes through `Store`; failures are StoreError subclasses that carry
their exit code, turned into one line on stderr by `cli.run_command`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgap.app.files import write_atomically
from skillgap.app.reports import (
    check_importable,
    previous_in_page,
    read_report_file,
    timeline_for,
)
from skillgap.cli import argtypes
from skillgap.cli.options import current_bank, is_terminal, open_store, output_width
from skillgap.errors import ExitCode, UsageError
from skillgap.escape import one_line, safe

if TYPE_CHECKING:
    from skillgap.core.model import Answers, Bank, Result
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline
    from skillgap.store import Store

#: `report list` shows this many by default; --limit 0 shows all.
DEFAULT_LIST_LIMIT = 50
#: The same as export.FORMATS, repeated so building the parser imports nothing more.
FORMATS = ("text", "md", "html", "json")


def save_result(args: argparse.Namespace, answers: Answers, result: Result) -> int:
    """`score --save`: store the scored answers as a report; says so on stderr."""
    from skillgap.app.settings import person_name

    with open_store(args) as store:
        name = getattr(args, "name", None)
        name = person_name(store) if name is None else name
        report_id = store.save_report(answers, result, name=name)
    print(f"saved as report {report_id}", file=sys.stderr)
    return report_id


# -- commands ---------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from skillgap.export.json_docs import report_list_json

    limit = args.limit
    if limit is None:
        limit = 0 if args.json else DEFAULT_LIST_LIMIT
    with open_store(args) as store:
        # One more than shown says whether there are more, without counting them all.
        summaries = store.list_reports(limit=limit + 1 if limit else None)
        previous = previous_in_page(store, summaries)
    more = bool(limit) and len(summaries) > limit
    summaries = summaries[:limit] if limit else summaries
    if args.json:
        doc = report_list_json(summaries, previous)
        print(json.dumps(doc, indent=2, ensure_ascii=True))
        return ExitCode.OK
    from skillgap.export.text import render_report_list

    sys.stdout.write(render_report_list(summaries, previous, more, width=output_width()))
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    from skillgap.export.report import render_report

    with open_store(args) as store:
        report = store.get_report(args.id)
        bank = current_bank(args) if args.format != "json" else None
        timeline = _timeline(store, report, bank, args.format)
    if args.format == "text":
        # Fitted to the terminal; `report export` writes a text file as it always has.
        from skillgap.export.text import render_report_text

        sys.stdout.write(render_report_text(report, bank, width=output_width()))
    else:
        sys.stdout.write(render_report(report, bank, args.format, timeline))
    return ExitCode.OK


def _timeline(store: Store, report: Report, bank: Bank | None, fmt: str) -> Timeline | None:
    """The learning plan for the Markdown and HTML formats (saved hours a week and weeks)."""
    if fmt not in ("md", "html"):
        return None
    return timeline_for(store, report, bank)


def cmd_export(args: argparse.Namespace) -> int:
    from skillgap.export.report import render_report
    from skillgap.export.words import format_for_path

    output = Path(args.output)
    fmt = args.format or format_for_path(output)
    if fmt is None:
        raise UsageError(
            f"{one_line(str(output))}: cannot tell the format from the extension; use .md,"
            " .html, .json or"
            f" .txt, or pass --format ({', '.join(FORMATS)})"
        )
    if (output.exists() or output.is_symlink()) and not args.force:
        # A link counts as existing even when it points nowhere (app.files.write_atomically).
        what = " (a link)" if output.is_symlink() else ""
        raise UsageError(
            f"{one_line(str(output))} already exists{what}; pass --force to overwrite it"
        )
    with open_store(args) as store:
        report = store.get_report(args.id)
        bank = current_bank(args) if fmt != "json" else None
        text = render_report(report, bank, fmt, _timeline(store, report, bank, fmt))
    check_importable(text, fmt, report.id)
    write_atomically(output, text)
    print(f"wrote report {report.id} to {one_line(str(output))}", file=sys.stderr)
    return ExitCode.OK


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from skillgap.core.comparison import diff_reports
    from skillgap.export.json_docs import diff_json
    from skillgap.export.text import render_diff_text

    with open_store(args) as store:
        old, new = store.get_report(args.old), store.get_report(args.new)
        plan = store.get_plan(new.bank_name)
    d = diff_reports(old, new, current_bank(args), plan)
    if args.json:
        print(json.dumps(diff_json(d), indent=2, ensure_ascii=True))
    else:
        sys.stdout.write(render_diff_text(d, width=output_width()))
    return ExitCode.OK


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete one report, after asking on a terminal; --yes deletes without asking, and
    without a terminal to ask on, nothing is deleted without it."""
    if not args.yes and not is_terminal(sys.stdin):
        raise UsageError(
            f"report delete asks before deleting, and there is no terminal to ask on; pass"
            f" --yes to delete report {args.id} without asking"
        )
    with open_store(args) as store:
        if not args.yes and not _confirm(_delete_question(store, args.id)):
            print(f"report {args.id} not deleted", file=sys.stderr)
            return ExitCode.FAILURE
        store.delete_report(args.id)
    print(f"deleted report {args.id}", file=sys.stderr)
    return ExitCode.OK


def _delete_question(store: Store, report_id: int) -> str:
    """ "Delete report 3 of 2026-11-02? [y/N] ", for a report that is there (ReportNotFound,
    exit 2, for one that is not); a damaged one can still be deleted."""
    from skillgap.store import StoreCorrupt

    try:
        report = store.get_report(report_id)
    except StoreCorrupt:
        return f"Delete report {report_id} (it cannot be read)? [y/N] "
    return f"Delete report {report_id} of {report.created_at:%Y-%m-%d}? [y/N] "


def _confirm(question: str) -> bool:
    """Ask on the terminal (the question on stderr, so stdout stays the command's); only
    y or yes says yes. End of input and Ctrl+C say no."""
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise
    if not answer.endswith("\n"):
        sys.stderr.write("\n")  # end of input: the next line starts at the margin
    return answer.strip().lower() in ("y", "yes")


def cmd_import(args: argparse.Namespace) -> int:
    from skillgap.store import ReportFileError

    code = ExitCode.OK
    with open_store(args) as store:
        for name in args.files:
            path = Path(name)
            try:
                report = read_report_file(path)
            except ReportFileError as exc:
                print(*map(safe, exc.lines()), sep="\n", file=sys.stderr)
                code = ExitCode.USAGE
                continue
            report_id, added = store.import_report(
                report.answers, report.result, report.created_at, report.name
            )
            if added:
                print(f"imported {one_line(str(path))} as report {report_id}", file=sys.stderr)
            else:
                print(
                    f"{one_line(str(path))}: already saved as report {report_id}", file=sys.stderr
                )
    return code


# -- parser -----------------------------------------------------------------------------------


def register(sub: Any) -> None:
    """Add `report` and its subcommands to the main parser's subparsers."""
    report = sub.add_parser(
        "report",
        help="saved reports: list, show, export, diff, delete, import",
        description="Saved reports: every finished assessment, and every `score --save`.",
        epilog="example: skillgap report list",
    )
    report.set_defaults(func=lambda args: _usage(report))
    commands = report.add_subparsers(dest="report_command", metavar="SUBCOMMAND")

    def command(name: str, func: Any, help: str, example: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = commands.add_parser(
            name, help=help, description=help, epilog=f"example: {example}"
        )
        p.set_defaults(func=func)
        return p

    p = command("list", cmd_list, "saved reports, newest first, with the change since the "
                "previous one", "skillgap report list --json")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON for scripts (all reports)")
    p.add_argument(
        "--limit",
        type=argtypes.limit,
        metavar="N",
        help=f"show the newest N (default {DEFAULT_LIST_LIMIT}, or all with --json; 0: all)",
    )

    p = command("show", cmd_show, "show one report", "skillgap report show 3 --format md")
    p.add_argument("id", type=argtypes.report_id, metavar="ID")
    p.add_argument("--format", choices=FORMATS, default="text", help="default: text")

    p = command("export", cmd_export, "write one report to a file, format from its extension"
                " (.md, .html, .json, .txt)", "skillgap report export 3 -o r.html")  # fmt: skip
    p.add_argument("id", type=argtypes.report_id, metavar="ID")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="file to write")
    p.add_argument("--format", choices=FORMATS, help="override the format from the extension")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = command("diff", cmd_diff, "score and answer changes between two reports",
                "skillgap report diff 1 4")  # fmt: skip
    p.add_argument("old", type=argtypes.report_id, metavar="OLD")
    p.add_argument("new", type=argtypes.report_id, metavar="NEW")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")

    p = command("delete", cmd_delete, "delete one report (asks first on a terminal)",
                "skillgap report delete 3 --yes")  # fmt: skip
    p.add_argument("id", type=argtypes.report_id, metavar="ID")
    p.add_argument(
        "-y", "--yes", action="store_true",
        help="delete without asking (needed when standard input is not a terminal)",
    )  # fmt: skip

    p = command("import", cmd_import, "import reports exported as JSON, keeping their times",
                "skillgap report import report-3.json")  # fmt: skip
    p.add_argument("files", nargs="+", metavar="FILE")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return ExitCode.USAGE
