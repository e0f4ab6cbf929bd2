"""Checking loaded YAML data field by field, collecting problems that name file, line and field.

A `Field` is one value in a file with the path that leads to it. Checks record problems on the
file's `FileChecker` instead of raising, so one pass reports everything; lines are looked up
once per file, and only when something is wrong.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from skillgap.core.model import MAX_ID_LENGTH
from skillgap.errors import ExitCode, SkillgapError
from skillgap.escape import one_line
from skillgap.formats import limits
from skillgap.formats.yamlfile import LineIndex, PathPart, YamlText

_PLAIN_KEY = re.compile(r"[\w-]+")
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_TEXT_LENGTH = limits.MAX_TEXT
#: Problems reported of one file; past them, one line says how many more there are.
MAX_PROBLEMS_PER_FILE = 100


def is_kebab(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and _KEBAB.fullmatch(text) is not None


def id_problem(text: str) -> str | None:
    """Why `text` cannot be an id (too long, not kebab-case), or None when it can."""
    if _KEBAB.fullmatch(text) and len(text) > MAX_ID_LENGTH:
        return f"id is {len(text):,} characters long; the limit is {MAX_ID_LENGTH}"
    if not is_kebab(text):
        return (
            f"id {text!r} must be kebab-case: lower-case letters, digits and single hyphens"
            f" (at most {MAX_ID_LENGTH} characters), e.g. 'web-app-security'"
        )
    return None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """The hint `; did you mean 'x'?` naming the choice closest to `word`, or "" when none is
    close enough (difflib's ratio, `cutoff` 0-1): every "did you mean" is worded here."""
    import difflib  # only once something is misspelt: start-up paths need not load it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def format(self) -> str:
        """One line, safe to print: text from a file never carries escape sequences."""
        where = one_line(f"{self.file}:{self.line}" if self.line else self.file)
        message = one_line(self.message)
        return (
            f"{where}: {one_line(self.field)}: {message}" if self.field else f"{where}: {message}"
        )


class InvalidFile(SkillgapError):
    """A file that cannot be used, with every problem found: printed as one `FILE:LINE:
    message` line each, exit 2."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = tuple(problems)

    def lines(self) -> list[str]:
        return [p.format() for p in self.problems]


def field_name(path: Sequence[PathPart]) -> str:
    name = ""
    for part in path:
        if isinstance(part, int):
            name += f"[{part}]"
            continue
        shown = part if _PLAIN_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        name += f".{shown}" if name else shown
    return name


def describe_value(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value; quote it if you meant text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return type(value).__name__


class FileChecker:
    def __init__(self, source: YamlText, data: Any, display: str | None = None) -> None:
        self.source = source
        self.data = data
        self.display = display or str(source.path)
        self._errors: list[tuple[tuple[PathPart, ...], bool, str]] = []
        self._lines = LineIndex(source)

    @property
    def has_problems(self) -> bool:
        return bool(self._errors)

    def error(self, path: Sequence[PathPart], message: str, at_key: bool = False) -> None:
        self._errors.append((tuple(path), at_key, message))

    def line(self, path: Sequence[PathPart], at_key: bool = False) -> int | None:
        return self._lines.line(path, at_key)

    def problems(self) -> list[Problem]:
        """The first `MAX_PROBLEMS_PER_FILE` problems, then one line counting the rest."""
        found = [
            Problem(self.display, self.line(path, at_key), field_name(path), message)
            for path, at_key, message in self._errors[:MAX_PROBLEMS_PER_FILE]
        ]
        more = len(self._errors) - MAX_PROBLEMS_PER_FILE
        if more > 0:
            found.append(
                Problem(self.display, None, "", f"and {more:,} more problems in this file")
            )
        return found

    def root_field(self) -> Field:
        return Field(self, (), self.data)

    def root(
        self, allowed: Sequence[str], required: Sequence[str] = (), what: str = "a file"
    ) -> Field | None:
        """The top-level mapping. A file with none of the expected fields is one problem,
        not one per field: it is most likely not the kind of file it was taken for."""
        field = self.root_field()
        if self.data is None:
            self.error((), "the file is empty")
            return None
        if isinstance(self.data, dict) and self.data and not any(k in self.data for k in allowed):
            found = ", ".join(repr(str(k))[:40] for k in list(self.data)[:3])
            self.error(
                (), f"not {what}: expected {' and '.join(allowed)} at the top; found {found}"
            )
            return None
        return field if field.check_mapping(allowed, required) else None

    def field(self, path: Sequence[PathPart]) -> Field | None:
        value = self.data
        for part in path:
            in_dict = isinstance(value, dict) and part in value
            in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
            if not (in_dict or in_list):
                return None
            value = value[part]
        return Field(self, tuple(path), value)


@dataclass(frozen=True)
class Field:
    checker: FileChecker
    path: tuple[PathPart, ...]
    value: Any

    def error(self, message: str, at_key: bool = False) -> None:
        self.checker.error(self.path, message, at_key)

    # -- shape --------------------------------------------------------------------------------

    def is_mapping(self) -> bool:
        if isinstance(self.value, dict):
            if len(self.value) > limits.MAX_ITEMS:
                self.error(f"has {len(self.value):,} entries; the limit is {limits.MAX_ITEMS:,}")
            return True
        self.error(f"must be a mapping (key: value lines); got {describe_value(self.value)}")
        return False

    def is_number(self) -> bool:
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    def check_mapping(self, allowed: Sequence[str], required: Sequence[str] = ()) -> bool:
        if not self.is_mapping():
            return False
        for key in self.value:
            if key not in allowed:
                # "unknown field; did you mean 'x'? allowed here: ..." or "unknown field; allowed
                # here: ...": the hint brings its own "; ", and without one the ";" stands alone.
                hint = did_you_mean(str(key), allowed) or ";"
                self.checker.error(
                    (*self.path, str(key)),
                    f"unknown field{hint} allowed here: {', '.join(allowed)}",
                    at_key=True,
                )
        for key in required:
            if key not in self.value:
                self.error(f"missing required field '{key}'")
        return True

    def check_list(self, non_empty: bool = False, max_items: int | None = None) -> bool:
        if not isinstance(self.value, list):
            self.error(f"must be a list; got {describe_value(self.value)}")
            return False
        if non_empty and not self.value:
            self.error("must not be empty")
        limit = limits.MAX_ITEMS if max_items is None else max_items
        if len(self.value) > limit:
            self.error(f"has {len(self.value):,} items; the limit is {limit:,}")
        return True

    def child(self, key: str, required: bool = False) -> Field | None:
        if isinstance(self.value, dict) and key in self.value:
            return Field(self.checker, (*self.path, key), self.value[key])
        if required and isinstance(self.value, dict):
            self.error(f"missing required field '{key}'")
        return None

    def items(self) -> Iterator[Field]:
        if isinstance(self.value, list):
            for i, item in enumerate(self.value):
                yield Field(self.checker, (*self.path, i), item)

    def entries(self, report: bool = True) -> Iterator[tuple[str, Field]]:
        """Mapping entries whose keys are text; other keys are reported, unless `report` is
        False (a second pass over a mapping already read, which said so once)."""
        if not isinstance(self.value, dict):
            return
        for key, value in self.value.items():
            field = Field(self.checker, (*self.path, key), value)
            if isinstance(key, str):
                yield key, field
            elif report:
                field.error(f"key must be a question id (text); got {describe_value(key)}", True)

    def int_keyed(self, allowed: Iterable[int]) -> Iterator[tuple[int, Field]]:
        allowed = list(allowed)
        if not isinstance(self.value, dict):
            return
        for key, value in self.value.items():
            field = Field(self.checker, (*self.path, str(key)), value)
            if isinstance(key, int) and not isinstance(key, bool) and key in allowed:
                yield key, field
            else:
                span = f"{allowed[0]}-{allowed[-1]}"
                field.error(f"key must be a level {span}; got {describe_value(key)}", at_key=True)

    def int_keyed_text(self, allowed: Iterable[int]) -> Iterator[tuple[int, str]]:
        for key, field in self.int_keyed(allowed):
            text = field.as_text()
            if text:
                yield key, text

    # -- scalars ------------------------------------------------------------------------------

    def as_text(
        self, required: bool = True, numbers_ok: bool = False, max_length: int | None = None
    ) -> str:
        value = self.value
        if numbers_ok and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.error(f"must be text; got {describe_value(value)}")
            return ""
        if required and not value.strip():
            self.error("must not be empty")
            return ""
        text = value.strip()
        limit = limits.MAX_TEXT if max_length is None else max_length
        if len(text) > limit:
            self.error(f"is {len(text):,} characters; the limit is {limit:,}")
            return ""
        return text

    def text(
        self,
        key: str,
        required: bool = False,
        numbers_ok: bool = False,
        max_length: int | None = None,
    ) -> str:
        field = self.child(key, required=required)
        if field is None:
            return ""
        return field.as_text(numbers_ok=numbers_ok, max_length=max_length)

    def text_list(self, key: str) -> tuple[str, ...]:
        field = self.child(key)
        if field is None or not field.check_list():
            return ()
        return tuple(t for item in field.items() if (t := item.as_text()))

    def ident(self, key: str) -> str:
        field = self.child(key, required=True)
        if field is None:
            return ""
        text = field.as_text()
        problem = id_problem(text) if text else None
        if problem is not None:
            field.error(problem)
            return ""
        return text

    def version(self, key: str, max_length: int | None = None) -> str:
        field = self.child(key, required=True)
        if field is None:
            return ""
        if isinstance(field.value, (int, float)) and not isinstance(field.value, bool):
            field.error(f'must be text; write it in quotes: {key}: "{field.value}"')
            return ""
        return field.as_text(max_length=max_length)

    def flag(self, key: str, default: bool = False) -> bool:
        field = self.child(key)
        if field is None:
            return default
        if not isinstance(field.value, bool):
            field.error(f"must be true or false; got {describe_value(field.value)}")
            return default
        return field.value

    def level(self, allowed: range) -> int | None:
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool) and value in allowed:
            return value
        span = f"{allowed.start}-{allowed.stop - 1}"
        self.error(f"must be a level {span}; got {describe_value(value)}")
        return None

    def percent(self) -> float | None:
        """A percent above 0 and at most 100, such as a role's `ready_at`."""
        value = self.value
        if self.is_number() and math.isfinite(value) and 0 < value <= 100:
            return float(value)
        self.error(f"must be a percent above 0 and at most 100; got {describe_value(value)}")
        return None

    def positive_number(self, high: float) -> float | None:
        """A number above 0 and at most `high` (a weight, hours: limits.py)."""
        value = self.value
        if self.is_number() and math.isfinite(value) and 0 < value <= high:
            return float(value)
        self.error(f"must be a number > 0 (at most {high:,.0f}); got {describe_value(value)}")
        return None
