"""The `skillgap` command. Headless commands never import Textual, and `--version` imports
nothing beyond this module (not even argparse), so both stay fast."""

from __future__ import annotations

import os
import sys

from skillgap import __version__
from skillgap.errors import ExitCode, SkillgapError, UsageError

# cli.options and escape (which compiles regular expressions) are imported where a command
# needs them: `--version` imports neither.

TYPE_CHECKING = False  # importing `typing` for it would cost --version a third of its time
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import NoReturn


# -- commands ---------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from skillgap.cli.options import load_bank

    bank = load_bank(args, Path(args.dir) if args.dir else None)
    counts = f"{len(bank.questions)} questions, {len(bank.sections)} sections"
    print(f"ok: {counts}, {len(bank.roles)} roles")
    return ExitCode.OK


def cmd_answers_template(args: argparse.Namespace) -> int:
    from skillgap.cli.options import load_bank
    from skillgap.escape import one_line
    from skillgap.formats.answers import template

    text = template(load_bank(args))
    if args.output and args.output != "-":
        from pathlib import Path

        from skillgap.app.files import write_atomically

        write_atomically(Path(args.output), text, force=args.force)
        print(f"wrote {one_line(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def cmd_score(args: argparse.Namespace) -> int:
    import json

    from skillgap.cli.options import load_bank, output_width, target_role
    from skillgap.core.scoring import score
    from skillgap.escape import one_line
    from skillgap.export.json_docs import result_json
    from skillgap.export.text import render_text
    from skillgap.formats.answers import load_answers

    bank = load_bank(args)
    from pathlib import Path

    if not Path(args.answers).exists():
        raise UsageError(
            f"{one_line(args.answers)}: file not found; write one to fill in with: "
            f"skillgap answers-template -o {one_line(args.answers)}"
        )
    answers = load_answers(Path(args.answers), bank)
    if args.job is not None:
        from skillgap.app.job import bank_with_job, read_job_ad

        if args.role is not None or args.save:
            option = "--role" if args.role is not None else "--save"
            raise UsageError(f"--job cannot be used with {option}: the job's role is the target")
        reading = read_job_ad(args.job, bank)
        bank = bank_with_job(bank, reading)
        result = score(bank, answers, target_role=reading.role.id)
    else:
        result = score(bank, answers, target_role=target_role(args, bank))
    if args.json:
        print(json.dumps(result_json(result), indent=2, ensure_ascii=True))
    else:
        sys.stdout.write(render_text(result, bank, width=output_width()))
    if args.save:
        from skillgap.cli.report import save_result

        sys.stdout.flush()
        save_result(args, answers, result)
    return ExitCode.OK


def cmd_tui(args: argparse.Namespace) -> int:
    import gc

    # Start-up makes some 300,000 objects that live as long as the app (Textual's modules,
    # the bank); collecting while making them is wasted work. `run` freezes them and turns
    # collection back on before the first screen.
    gc.disable()
    try:
        from skillgap.cli.options import bank_dir
        from skillgap.tui.app import run

        return run(bank_dir=bank_dir(args), data_dir=args.data_dir)
    finally:
        gc.enable()


# -- parser -----------------------------------------------------------------------------------


def _suggest(message: str) -> str:
    """argparse's "invalid choice" message, rewritten to name the nearest choice: "unknown
    command" for a command or subcommand, "--format: 'pdf' is not one of ..." for an option."""
    import re

    from skillgap.formats.fields import did_you_mean

    found = re.search(r"argument ([^:]*): invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if not found:
        return message
    argument, wrong = found.group(1), found.group(2)
    choices = re.findall(r"'([^']*)'", found.group(3))
    hint = did_you_mean(wrong, choices, cutoff=0.5)
    if argument in ("COMMAND", "SUBCOMMAND"):
        return f"unknown command '{wrong}'{hint} (commands: {', '.join(choices)})"
    return f"{argument}: '{wrong}' is not one of {', '.join(choices)}{hint}"


ROLE_HELP = (
    "the role Learn next aims for: a role id (devops, devsecops) or both"
    " (default: the one chosen in the app, else both)"
)

#: The options that come before any command; given alone, they open the TUI.
GLOBAL_OPTIONS = ("--questions", "--data-dir")


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with `commands=False`, only the options that open the TUI."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            self.exit(ExitCode.USAGE, f"{self.prog}: error: {_suggest(message)}\n")

    parser = Parser(
        prog="skillgap",
        description="Skill-gap self-assessment for DevOps and DevSecOps engineers. "
        "With no command, opens the interactive assessment.",
        epilog="example: skillgap score answers.yaml --json",
    )
    parser.add_argument("--version", action="version", version=f"skillgap {__version__}")
    parser.add_argument(
        "--questions",
        metavar="DIR",
        default=os.environ.get("SKILLGAP_QUESTIONS") or None,
        help="question bank folder (default: $SKILLGAP_QUESTIONS, else the bundled bank)",
    )
    # What the global options say, as they are parsed: a subcommand's --help reads it (its
    # own parser starts from a namespace of its own).
    given = argparse.Namespace(data_dir=os.environ.get("SKILLGAP_DATA_DIR") or None)

    class Remember(argparse.Action):
        def __call__(
            self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
            values: object, option_string: str | None = None,
        ) -> None:  # fmt: skip
            setattr(namespace, self.dest, values)
            setattr(given, self.dest, values)

    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        action=Remember,
        default=given.data_dir,
        help="where reports are saved (default: $SKILLGAP_DATA_DIR, else your user data folder)",
    )
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, func: Callable[[argparse.Namespace], int], help: str, example: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, epilog=f"example: {example}")
        p.set_defaults(func=func)
        return p

    p = command("validate", cmd_validate, "check a question bank and report every problem",
                "skillgap validate ./my-bank")  # fmt: skip
    p.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="bank folder (default: --questions, else the bundled bank)",
    )

    p = command("answers-template", cmd_answers_template,
                "write a YAML answers file listing every question, to fill in",
                "skillgap answers-template -o answers.yaml")  # fmt: skip
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = command("score", cmd_score, "score an answers file against every role",
                "skillgap score answers.yaml --json")  # fmt: skip
    p.add_argument("answers", metavar="ANSWERS", help="answers file (see answers-template)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument("--save", action="store_true", help="also save the result as a report")
    p.add_argument("--role", metavar="ID", help=ROLE_HELP)
    p.add_argument(
        "--job", metavar="FILE",
        help="also score against the role read from this job ad (- for standard input; see"
        " skillgap job), and aim Learn next at it",
    )  # fmt: skip
    from skillgap.cli.team import checked_name

    p.add_argument(
        "--name", metavar="NAME", type=checked_name,
        help="with --save, the name or handle the report carries (default: skillgap name's)",
    )  # fmt: skip

    from skillgap.cli import job, plan, report, serve, team

    job.register(sub)
    report.register(sub)
    plan.register(sub, given)
    serve.register(sub)
    team.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else list(argv)) == ["--version"]:
        print(f"skillgap {__version__}")  # the fast path: no argparse, no Textual, no YAML
        return ExitCode.OK
    # Opening the TUI needs no subcommand parsers: building them all costs start-up ~10 ms.
    parser = build_parser(commands=not _opens_tui(argv))
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_tui)
    return run_command(func, args)


def _opens_tui(argv: Sequence[str] | None) -> bool:
    """Whether `argv` is only global options with their values: no command, no --help."""
    args = list(sys.argv[1:] if argv is None else argv)
    while args:
        option = args.pop(0)
        if option.split("=", 1)[0] not in GLOBAL_OPTIONS:
            return False
        if "=" not in option:
            if not args or args[0].startswith("-"):
                return False  # a missing value: the full parser says so
            args.pop(0)
    return True


def run_command(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command, turning every expected failure into its lines on stderr and its exit
    code (errors.SkillgapError); anything else is an internal error, still one line."""
    from skillgap.escape import one_line, safe

    try:
        return func(args)
    except SkillgapError as exc:
        # Each line made safe once more, whatever built it: a file name with an escape sequence
        # or a newline in it prints as visible escapes, never raw.
        lines = (safe(line).replace("\n", "\\u000a") for line in exc.lines())
        print(*lines, sep="\n", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # Output piped into a command that stopped reading (| head): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except Exception as exc:
        if os.environ.get("SKILLGAP_DEBUG"):
            raise
        print(
            f"skillgap: internal error: {type(exc).__name__}: {one_line(str(exc))}"
            " (set SKILLGAP_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return ExitCode.FAILURE
