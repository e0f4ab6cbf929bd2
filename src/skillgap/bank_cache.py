"""A cache of validated banks, so that start-up does not pay for parsing YAML again.

Parsing and validating the bundled bank costs about a tenth of a second; reading it back from
JSON costs a few milliseconds. The cache is keyed by every file's name, size and modification
time (and skillgap's version), so any edit to a bank loads and validates it afresh. It lives in
the user cache folder (`SKILLGAP_CACHE_DIR` overrides); if it cannot be read or written, the
bank is simply loaded from its files. `skillgap validate` never uses it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import typing
from functools import cache
from pathlib import Path
from typing import Any

from skillgap import __version__
from skillgap.model import Bank

CACHE_FORMAT = 1


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
    digest = hashlib.sha256(key["dir"].encode()).hexdigest()[:32]
    path = folder / f"{digest}.json"
    try:
        cached = json.loads(path.read_bytes())
        if cached["key"] == key:
            return _decode(Bank, cached["bank"])  # type: ignore[no-any-return]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing, stale or damaged: load afresh and rewrite it
    loaded = _load(directory)
    _write(path, {"key": key, "bank": _encode(loaded)})
    return loaded


def _load(directory: Path) -> Bank:
    # The loader, and YAML with it, is imported only when the cache cannot serve.
    from skillgap import bank

    return bank.load_bank(directory)


def _key(directory: Path) -> dict[str, Any]:
    root = directory.resolve(strict=True)
    files = [root / "bank.yaml"]
    for folder in ("sections", "roles"):
        files += sorted(p for p in (root / folder).iterdir() if p.suffix in (".yaml", ".yml"))
    stamps = []
    for path in files:
        stat = path.stat()
        stamps.append([str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns])
    return {"format": CACHE_FORMAT, "skillgap": __version__, "dir": str(root), "files": stamps}


def _write(path: Path, document: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bank-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


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
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, data: Any) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        fields = _hints(hint)  # type: ignore[arg-type]
        return hint(**{name: _decode(fields[name], data[name]) for name in fields})  # type: ignore[operator]
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        return {_decode(key_type, k): _decode(value_type, v) for k, v in data}
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        return tuple(_decode(item_type, item) for item in data)
    if origin is typing.Literal:
        if data not in typing.get_args(hint):
            raise TypeError(f"{data!r} is not one of {typing.get_args(hint)}")
        return data
    if hint is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if not isinstance(data, hint) or (hint is int and isinstance(data, bool)):
        raise TypeError(f"expected {hint}, got {type(data).__name__}")
    return data
