"""Reading untrusted JSON: strict parsing, and a `Reader` that checks every value's type,
range and length on the way in, so any problem is one `FormatError` naming the field."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from skillgap.formats import limits

#: From the one table a bank is validated against (limits.py), so a report of any valid bank
#: reads back.
MAX_ID_LENGTH = limits.MAX_ID
MAX_TEXT_LENGTH = limits.MAX_TEXT
MAX_ITEMS = limits.MAX_ITEMS

_ID = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
T = TypeVar("T")


class FormatError(ValueError):
    """Data that is not a well-formed report, answers or result; says which field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Reader:
    """One value in untrusted data, with the path that leads to it for messages."""

    value: Any
    where: str = ""

    def fail(self, message: str) -> FormatError:
        return FormatError(self.where, message)

    def at(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.where}[{key}]"
        if not _ID.fullmatch(key):
            return f"{self.where}[{show(key)}]"
        return f"{self.where}.{key}" if self.where else key

    def obj(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Reader]:
        if not isinstance(self.value, dict):
            raise self.fail(f"must be an object, not {kind_of(self.value)}")
        for key in self.value:
            if key not in required and key not in optional:
                raise FormatError(self.at(key), "is not a field this format has")
        for key in required:
            if key not in self.value:
                raise FormatError(self.at(key), "is missing")
        return {key: Reader(value, self.at(key)) for key, value in self.value.items()}

    def mapping(self) -> list[tuple[str, Reader]]:
        """An object with caller-defined keys: each key must be an id."""
        if not isinstance(self.value, dict):
            raise self.fail(f"must be an object, not {kind_of(self.value)}")
        if len(self.value) > MAX_ITEMS:
            raise self.fail(f"has more than {MAX_ITEMS:,} entries")
        for key in self.value:
            Reader(key, self.at(key)).ident()
        return [(key, Reader(value, self.at(key))) for key, value in self.value.items()]

    def items(self, max_items: int = MAX_ITEMS) -> list[Reader]:
        if not isinstance(self.value, list):
            raise self.fail(f"must be a list, not {kind_of(self.value)}")
        if len(self.value) > max_items:
            raise self.fail(f"has more than {max_items:,} items")
        return [Reader(v, self.at(i)) for i, v in enumerate(self.value)]

    def text(self, max_length: int = MAX_TEXT_LENGTH) -> str:
        if not isinstance(self.value, str):
            raise self.fail(f"must be text, not {kind_of(self.value)}")
        if len(self.value) > max_length:
            raise self.fail(f"is longer than {max_length:,} characters")
        return self.value

    def ident(self) -> str:
        text = self.text(MAX_ID_LENGTH)
        if not _ID.fullmatch(text):
            raise self.fail(f"{show(text)} is not a valid id (lower-case letters, digits, hyphens)")
        return text

    def ids(self) -> tuple[str, ...]:
        return tuple(item.ident() for item in self.items())

    def integer(self, low: int, high: int) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.fail(f"must be a whole number, not {kind_of(self.value)}")
        if not low <= self.value <= high:
            raise self.fail(f"must be {low}-{high}; got {self.value}")
        return self.value

    def number(self, low: float, high: float) -> float:
        if not isinstance(self.value, (int, float)) or isinstance(self.value, bool):
            raise self.fail(f"must be a number, not {kind_of(self.value)}")
        value = float(self.value)
        if not math.isfinite(value) or not low <= value <= high:
            raise self.fail(f"must be a number {low:g}-{high:g}; got {show(self.value)}")
        return value

    def optional(self, read: Callable[[Reader], T]) -> T | None:
        return None if self.value is None else read(self)

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(f"must be true or false, not {kind_of(self.value)}")
        return self.value


def show(value: Any, limit: int = 40) -> str:
    """A value from untrusted input, quoted for a one-line message: every control or
    non-ASCII character escaped, and cut short."""
    text = json.dumps(value[:limit] if isinstance(value, str) else value, ensure_ascii=True)
    if isinstance(value, str) and len(value) > limit:
        text = text[:-1] + '..."'
    return text if len(text) <= limit + 20 else text[: limit + 17] + "..."


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def loads(text: str | bytes) -> Any:
    """Parse JSON strictly: no NaN or Infinity, no duplicate keys, no absurd nesting or numbers.
    Raises FormatError."""

    def no_constants(name: str) -> Any:
        raise FormatError("", f"{name} is not allowed in a report")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise FormatError("", f"the key {show(key)} appears twice in one object")
            out[key] = value
        return out

    try:
        return json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except FormatError:
        raise
    except RecursionError:
        raise FormatError("", "is nested too deeply") from None
    except UnicodeDecodeError:
        raise FormatError("", "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise FormatError("", f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise FormatError("", f"is not valid JSON ({exc})") from None
