"""What the global options name: the bank (`--questions`) and the data folder (`--data-dir`)."""

from __future__ import annotations

import sys

from skillgap.escape import one_line

TYPE_CHECKING = False  # cli.main imports this module: --version stays free of typing, argparse
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import TextIO

    from skillgap.core.model import Bank
    from skillgap.store import Store


#: Text output to a pipe or a file is this wide unless $COLUMNS says otherwise: scripts that
#: read it get the same lines whatever terminal they run in.
DEFAULT_WIDTH = 80
#: Narrower than this, text output is laid out as if it were this wide (and then cut).
MIN_WIDTH = 20


def output_width() -> int:
    """How wide text output may be: $COLUMNS when it is a number, else the terminal's width
    when standard output is one (shutil.get_terminal_size), else DEFAULT_WIDTH."""
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif is_terminal(sys.stdout):
        import shutil

        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns or DEFAULT_WIDTH
    else:
        width = DEFAULT_WIDTH
    return max(MIN_WIDTH, width)


def is_terminal(stream: TextIO | None) -> bool:
    """Whether `stream` is a terminal (False for a closed or missing one)."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def bank_dir(args: argparse.Namespace) -> Path:
    from pathlib import Path

    from skillgap.paths import default_bank_dir

    questions = getattr(args, "questions", None)
    return Path(questions) if questions else default_bank_dir()


def load_bank(args: argparse.Namespace, directory: Path | None = None) -> Bank:
    """The bank the options name (BankError, listing every problem, when it does not load)."""
    from skillgap.formats.bank import load_bank as load

    return load(directory or bank_dir(args))


def current_bank(args: argparse.Namespace) -> Bank | None:
    """The bank, for question titles and answer labels; reports show without it."""
    from skillgap.formats.bank import BankError

    try:
        return load_bank(args)
    except BankError:
        print(
            "skillgap: note: the bank in"
            f" {one_line(str(bank_dir(args)))} does not load; showing question ids",
            file=sys.stderr,
        )
        return None


def target_role(args: argparse.Namespace, bank: Bank) -> str | None:
    """The role `--role` names (None for "both"), else the role saved in the TUI, else both.
    A role the bank does not have is a usage error naming the choices; reading the saved
    choice never creates a data folder."""
    from skillgap.app.settings import BOTH
    from skillgap.app.settings import target_role as saved
    from skillgap.errors import UsageError

    chosen: str | None = getattr(args, "role", None)
    if chosen is not None:
        if chosen == BOTH:
            return None
        if bank.role(chosen) is None:
            from skillgap.formats.fields import did_you_mean

            roles = [r.id for r in bank.roles]
            hint = did_you_mean(chosen, [*roles, BOTH], cutoff=0.5)
            raise UsageError(
                f"--role: '{one_line(chosen)}' is not a role of this bank{hint}"
                f" (roles: {', '.join([*roles, BOTH])})"
            )
        return chosen
    from pathlib import Path

    from skillgap.store import DB_NAME, StoreError, default_data_dir

    data_dir = getattr(args, "data_dir", None)
    folder = Path(data_dir) if data_dir else default_data_dir()
    if not (folder / DB_NAME).is_file():
        return None
    try:
        with open_store(args) as store:
            return saved(store, bank)
    except StoreError:
        return None


def open_store(args: argparse.Namespace) -> Store:
    from skillgap.app.reports import open_store as open_in

    return open_in(getattr(args, "data_dir", None))
