"""Reading YAML that comes from outside: safe, bounded, and able to say where a value was.

Loading is `safe_load` with libyaml's CSafeLoader where available; tags that build Python
objects are refused by the safe loader. Each file is size-capped before it is read, and a file
that uses anchors is checked for alias expansion before its data is handed on, so a hostile
file fails fast instead of eating memory. Line numbers are looked up only when there is an
error to report, so the common path pays nothing for them.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader  # type: ignore[assignment]

from yaml.constructor import ConstructorError, SafeConstructor

MAX_FILE_BYTES = 2 * 1024 * 1024
#: Nodes a document may expand to once aliases are followed.
MAX_EXPANDED_NODES = 200_000

PathPart = str | int
_ANCHOR = re.compile(r"(?:^|[\s\[\{,:-])&[^\s\[\]{},]")


class YamlFileError(Exception):
    """A file that could not be read as safe YAML. `line` is 1-based, or None."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class YamlText:
    path: Path
    text: str


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> YamlText:
    """Read a file as UTF-8 text, refusing one over the size cap before reading it.

    Only a regular file is read, checked on the opened file itself: a named pipe (or a link
    to one) is opened without blocking and refused, never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise YamlFileError(path, None, "not a regular file")
            if info.st_size > max_bytes:
                raise YamlFileError(
                    path, None, f"file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes"
                )
            raw = f.read(max_bytes + 1)
    except YamlFileError:
        raise
    except FileNotFoundError:
        raise YamlFileError(path, None, "file not found") from None
    except IsADirectoryError:
        raise YamlFileError(path, None, "is a folder, not a file") from None
    except OSError as exc:
        raise YamlFileError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise YamlFileError(path, None, f"file is over the limit of {max_bytes:,} bytes")
    if b"\x00" in raw:
        raise YamlFileError(path, None, "is a binary file, not YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(path, line, "is not valid UTF-8 text") from None
    return YamlText(path, text)


_SCALARS = {
    "int": ("a whole number", SafeConstructor.construct_yaml_int),
    "float": ("a number", SafeConstructor.construct_yaml_float),
    "bool": ("true or false", SafeConstructor.construct_yaml_bool),
    "timestamp": ("a date", SafeConstructor.construct_yaml_timestamp),
    "binary": ("base64 data", SafeConstructor.construct_yaml_binary),
}


def _guarded(kind: str, construct: Any) -> Any:
    """A scalar constructor whose failure (a date that does not exist, `!!float abc`, an
    integer of thousands of digits) is a YAML error at the value's line, not a crash."""

    def guarded(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            value = str(node.value)
            if "integer string conversion" in str(exc):
                reason = f"it has {len(value):,} digits; the limit is 4,300"
            else:  # a KeyError or AttributeError from inside PyYAML says nothing useful
                reason = str(exc) if isinstance(exc, ValueError) else ""
            shown = repr(value[:40] + ("..." if len(value) > 40 else ""))
            why = f" ({reason})" if reason else ""
            raise ConstructorError(
                None,
                None,
                f"{shown} is not {kind}{why}; quote it if you meant text",
                node.start_mark,
            ) from None

    return guarded


class _Loader(SafeLoader):
    """The safe loader, with scalar values that cannot be built reported as YAML errors."""


for _tag, (_kind, _construct) in _SCALARS.items():
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _guarded(_kind, _construct))


def parse(source: YamlText) -> Any:
    if _ANCHOR.search(source.text):
        _check_alias_expansion(source)
    # Most of a large load is the cyclic GC scanning the fresh node tree; nothing in it is
    # cyclic garbage, so pausing the collector halves the time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return yaml.load(source.text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        at = source.text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlFileError(
            source.path, at, f"invalid YAML: character U+{char:04X} is not allowed ({exc.reason})"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlFileError(source.path, line, _describe(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(source.path, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlFileError(source.path, None, "nested too deeply") from None
    finally:
        if was_enabled:
            gc.enable()


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip()
        return f"YAML tag {tag} is not allowed (only plain YAML data is read)"
    context = f"{exc.context}, " if exc.context else ""
    return f"invalid YAML: {context}{problem}"


def _compose(source: YamlText) -> yaml.Node | None:
    try:
        return yaml.compose(source.text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    except RecursionError:
        return None


def _check_alias_expansion(source: YamlText) -> None:
    node = _compose(source)
    if node is None:
        return  # the load that follows reports the syntax error
    sizes: dict[int, int] = {}

    def expanded(n: yaml.Node, depth: int) -> int:
        key = id(n)
        if key in sizes:
            return sizes[key]
        if depth > 500:
            raise YamlFileError(source.path, n.start_mark.line + 1, "nested too deeply")
        total = 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                total += expanded(k, depth + 1) + expanded(v, depth + 1)
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                total += expanded(item, depth + 1)
        sizes[key] = total
        if total > MAX_EXPANDED_NODES:
            raise YamlFileError(
                source.path,
                n.start_mark.line + 1,
                f"aliases expand to over {MAX_EXPANDED_NODES:,} values; refusing to load",
            )
        return total

    expanded(node, 0)


class LineIndex:
    """Lines of the values in one file, for its error messages: the file is composed once,
    on the first look-up, and each mapping's keys are indexed on first use, so reporting
    thousands of problems in one file costs one parse, not one per problem."""

    def __init__(self, source: YamlText) -> None:
        self.source = source
        self._composed = False
        self._root: yaml.Node | None = None
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def _node(self) -> yaml.Node | None:
        if not self._composed:
            self._root = _compose(self.source)
            self._composed = True
        return self._root

    def _entries(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        found = self._keys.get(id(node))
        if found is None:
            found = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    found.setdefault(key_node.value, (key_node, value_node))  # the first, as before
            self._keys[id(node)] = found
        return found

    def line(self, path: Sequence[PathPart], at_key: bool = False) -> int | None:
        """The 1-based line of the value at `path` (or of its key, with `at_key`).

        Where the path runs out (a missing field), the line of the deepest node found."""
        node = self._node()
        if node is None:
            return None
        line = node.start_mark.line + 1
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                entry = self._entries(node).get(str(part))
                if entry is None:
                    return line
                key_node, value_node = entry
                line = (key_node if last and at_key else value_node).start_mark.line + 1
                node = value_node
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def line_of(source: YamlText, path: Sequence[PathPart], at_key: bool = False) -> int | None:
    """The 1-based line of the value at `path` (or of its key, with `at_key`); parses the file
    each call, so a caller with several look-ups in one file keeps a `LineIndex` instead."""
    return LineIndex(source).line(path, at_key)
