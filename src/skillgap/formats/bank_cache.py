"""A cache of validated banks, so that start-up does not pay for parsing YAML again.

Parsing and validating the bundled bank costs about a tenth of a second; reading it back from
JSON costs a few milliseconds. The cache is keyed by every file's name, size and modification
time (and skillgap's version), so any edit to a bank loads and validates it afresh. It lives in
the user cache folder (`SKILLGAP_CACHE_DIR` overrides); if it cannot be read or written, the
bank is simply loaded from its files. `skillgap validate` never uses it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
import typing
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from skillgap import __version__
from skillgap.core.model import Bank

#: The shape of a cached bank; bumped whenever the model's dataclasses gain or change a field,
#: so a cache written before is loaded afresh rather than read against the new fields.
#: 2: Question.experience, Requirement.any_of and .title, Role.ready_at. 3: Question.source.
#: 4: Question.advise; MarketFigure.period, Role.tables (MarketTable), Role.views (SourceView).
#: 5: Question.keywords.
CACHE_FORMAT = 5


def default_cache_dir() -> Path:
    env = os.environ.get("SKILLGAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("skillgap", appauthor=False)) / "banks"


def load_bank_cached(directory: Path, cache_dir: Path | None = None) -> Bank:
    """`load_bank(directory)`, from the cache when no file of the bank has changed."""
    folder = cache_dir or default_cache_dir()
    try:
        key = _key(directory)
    except OSError:
        return _load(directory)  # let the loader report what is wrong
    # A name per bank folder; two folders sharing one only rewrite each other's cache.
    path = folder / f"{zlib.crc32(key['dir'].encode()):08x}.json"
    try:
        cached = json.loads(path.read_bytes(), parse_constant=_refuse_constant)
        if cached["key"] == key:
            return _decoder(Bank)(cached["bank"])  # type: ignore[no-any-return]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass  # missing, stale, damaged or hostile: load afresh and rewrite it
    loaded = _load(directory)
    _write(path, {"key": key, "bank": _encode(loaded)})
    return loaded


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are never in a bank (the validator refuses them): a cache holding one
    was not written by skillgap, so it is not trusted."""
    raise ValueError(f"{name} in a bank cache")


def _load(directory: Path) -> Bank:
    # The loader, and YAML with it, is imported only when the cache cannot serve.
    from skillgap.formats import bank

    return bank.load_bank(directory)


def _key(directory: Path) -> dict[str, Any]:
    root = directory.resolve(strict=True)
    files = [root / "bank.yaml"]
    for folder in ("sections", "roles"):
        files += sorted(p for p in (root / folder).iterdir() if p.suffix in (".yaml", ".yml"))
    stamps = []
    for path in files:
        stat = path.stat()
        stamps.append([_name(path.relative_to(root)), stat.st_size, stat.st_mtime_ns])
    return {"format": CACHE_FORMAT, "skillgap": __version__, "dir": _name(root), "files": stamps}


def _name(path: Path) -> str:
    """A path as text that JSON can hold: a name that is not UTF-8 (its bytes are surrogates
    in Python) is written with its escapes, so it keys the cache like any other."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _write(path: Path, document: dict[str, Any]) -> None:
    try:
        # Encoded before any file is made, so a value JSON cannot hold leaves nothing behind.
        data = json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bank-", suffix=".tmp")
    except (OSError, ValueError, RecursionError):
        return  # a cache that cannot be written only costs time
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# -- dataclasses <-> JSON, driven by the model's type hints -----------------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return [[_encode(k), _encode(v)] for k, v in value.items()]  # keeps int keys as ints
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function that turns JSON data back into `hint`, checking every value's type. Built
    once per type from the model's hints, so decoding a bank walks no type hints."""
    origin = typing.get_origin(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        cls: type = hint
        fields = [(name, _decoder(h)) for name, h in typing.get_type_hints(cls).items()]

        def decode_dataclass(data: Any) -> Any:
            return cls(**{name: decode(data[name]) for name, decode in fields})

        return decode_dataclass
    if origin is dict:
        decode_key, decode_value = (_decoder(h) for h in typing.get_args(hint))
        return lambda data: {decode_key(k): decode_value(v) for k, v in data}
    if origin is tuple:
        decode_item = _decoder(typing.get_args(hint)[0])
        return lambda data: tuple(decode_item(item) for item in data)
    if origin is typing.Literal:
        allowed = typing.get_args(hint)

        def decode_literal(data: Any) -> Any:
            if data not in allowed:
                raise TypeError(f"{data!r} is not one of {allowed}")
            return data

        return decode_literal
    expected = (int, float) if hint is float else hint

    def decode_plain(data: Any) -> Any:
        if not isinstance(data, expected) or (isinstance(data, bool) and hint is not bool):
            raise TypeError(f"expected {hint}, got {type(data).__name__}")
        return float(data) if hint is float else data

    return decode_plain
