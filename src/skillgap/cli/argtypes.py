"""Every argparse type of the command line: a value the shell gave, checked, or one line
saying what was expected. Building the parser imports nothing heavy."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def report_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 2**63 - 1 or not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a report id (see: skillgap report list)")
    return value


def limit(text: str) -> int:
    # ASCII digits only ("²".isdigit() is true), and no more than SQLite's LIMIT can take.
    if not (text.isascii() and text.isdigit()) or int(text) > 2**63 - 2:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of reports (0 for all)")
    return int(text)


def _checked(parse: Callable[[str], T]) -> Callable[[str], T]:
    """A core parser (ValueError with the message) as an argparse type."""

    def argtype(text: str) -> T:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    argtype.__name__ = parse.__name__
    return argtype


def hours_per_week(text: str) -> float:
    from skillgap.core.plan import parse_hours_per_week

    return _checked(parse_hours_per_week)(text)


def weeks(text: str) -> int:
    from skillgap.core.plan import parse_weeks

    return _checked(parse_weeks)(text)
