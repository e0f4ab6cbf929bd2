"""`skillgap team`: a skills matrix from the reports a team shares, and `skillgap name`: the
name or handle the reports saved here carry.

`team` reads exported JSON reports only (app/team.py) and never opens the user's own database:
nothing is written there. A bad file (not a report, damaged, over the import cap) is named with
its reason and the command exits 2; with --skip-bad it goes on without it and says how many
were skipped.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from skillgap.errors import ExitCode, SkillgapError, UsageError
from skillgap.escape import one_line

if TYPE_CHECKING:
    import argparse

    from skillgap.app.team import BadFile

#: The formats `-o FILE` writes, by extension (the same as export.words.EXTENSIONS).
TEAM_FORMATS = ("text", "md", "html", "json")


class BadTeamFiles(SkillgapError):
    """One or more files given to `team` are not reports it can read: each named (exit 2)."""

    exit_code = ExitCode.USAGE

    def __init__(self, bad: list[BadFile]) -> None:
        super().__init__(f"{len(bad)} file(s) are not skillgap reports")
        self.bad = bad

    def lines(self) -> list[str]:
        return [
            *(f"skillgap: {one_line(b.message)}" for b in self.bad),
            f"skillgap: {len(self.bad)} bad file(s); nothing was aggregated (--skip-bad goes on"
            " without them)",
        ]


def cmd_team(args: argparse.Namespace) -> int:
    from pathlib import Path

    from skillgap.app.team import read_team, team_notes
    from skillgap.cli.options import load_bank, target_role
    from skillgap.core.team import build_team
    from skillgap.export.team import render_team, write_team_json

    bank = load_bank(args)
    # Both roles unless --role names one: the role saved in the app is not read, since
    # opening the store may migrate it, and team writes nothing to the user's database.
    role = target_role(args, bank) if args.role is not None else None
    fmt = "json" if args.json else "text"
    if args.output and args.output != "-":
        fmt = _format_for(args.output)
    files = read_team(args.paths, bank)
    bad = list(files.bad)
    if bad and not args.skip_bad:
        raise BadTeamFiles(bad)
    for b in bad:
        print(f"skillgap: skipped: {one_line(b.message)}", file=sys.stderr)
    if bad:
        print(f"skillgap: skipped {len(bad)} bad file(s) (--skip-bad)", file=sys.stderr)
    if not files.members:
        raise UsageError("no report to aggregate: give exported JSON reports or a folder of them")
    team = build_team(bank, files.members, role, anonymous=args.anonymous)
    del files  # the levels live on in `team`; the rest can go before rendering
    notes = team_notes(team)
    if args.output and args.output != "-":
        from skillgap.app.files import write_atomically

        text = render_team(team, fmt, notes, len(bad))
        write_atomically(Path(args.output), text, force=args.force)
        print(f"wrote {one_line(args.output)}", file=sys.stderr)
    elif fmt == "json":
        write_team_json(team, sys.stdout, notes, len(bad))
    else:
        sys.stdout.write(render_team(team, fmt, notes, len(bad)))
    return ExitCode.OK


def _format_for(output: str) -> str:
    from skillgap.export.words import format_for_path

    fmt = format_for_path(output)
    if fmt is None:
        raise UsageError(
            f"-o {one_line(output)}: name a .html, .md, .json or .txt file (the format comes"
            " from its extension)"
        )
    return fmt


def cmd_name(args: argparse.Namespace) -> int:
    """Show, set or clear the name or handle saved reports carry."""
    from skillgap.app.settings import person_name, save_person_name
    from skillgap.cli.options import open_store

    with open_store(args) as store:
        if args.clear or args.name is not None:
            try:
                name = save_person_name(store, "" if args.clear else args.name)
            except ValueError as exc:
                raise UsageError(f"name: {exc}") from None
            if name:
                print(f"reports saved from now on carry the name {one_line(name)}", file=sys.stderr)
            else:
                print("reports saved from now on carry no name", file=sys.stderr)
            return ExitCode.OK
        name = person_name(store)
    print(name if name else "(no name: reports are saved without one)")
    return ExitCode.OK


def checked_name(text: str) -> str:
    """A name given on the command line (`score --save --name`), as argparse's type."""
    import argparse

    from skillgap.formats.report_json import check_person_name

    try:
        return check_person_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: Any) -> None:
    """Add `team` and `name` to the main parser's subparsers."""
    help = "a skills matrix from the JSON reports a team shares"
    p = sub.add_parser(
        "team",
        help=help,
        description=help + ": per question the people at each level, the bus factor, mentors,"
        " each person's fit and the team's Learn next. Nothing is saved.",
        epilog="example: skillgap team reports/ --role devsecops -o team.html",
    )
    p.set_defaults(func=cmd_team)
    p.add_argument(
        "paths", nargs="+", metavar="FILE_OR_DIR",
        help="exported JSON reports (skillgap report export ID -o x.json); a folder means every"
        " *.json in it",
    )  # fmt: skip
    p.add_argument(
        "--role", metavar="ID",
        help="the role the bus factor and the team's Learn next are for: a role id or both"
        " (default: both)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE, its format from the extension (.html, .md, .json, .txt)",
    )  # fmt: skip
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.add_argument(
        "--anonymous", action="store_true", help='"person 1".."person n" in place of names'
    )
    p.add_argument(
        "--skip-bad", action="store_true",
        help="go on without files that are not reports (and say how many were skipped)",
    )  # fmt: skip

    help = "show or set the name or handle your saved reports carry (empty by default)"
    p = sub.add_parser(
        "name",
        help=help,
        description=help + ". Exports carry it and `report import` keeps it; `skillgap team`"
        " counts one person once by it.",
        epilog='example: skillgap name "Ada L."',
    )
    p.set_defaults(func=cmd_name)
    p.add_argument("name", nargs="?", metavar="NAME", help="the name to save (none: show it)")
    p.add_argument("--clear", action="store_true", help="save reports without a name again")
