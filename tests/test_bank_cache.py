"""The bank cache: the same Bank as loading the files, and never stale."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from skillgap.formats import bank
from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.bank_cache import CACHE_FORMAT, load_bank_cached
from tests.conftest import BUNDLED_BANK, DATA, MINI_BANK


def test_a_cached_bank_equals_the_loaded_one(tmp_path: Path) -> None:
    for source in (MINI_BANK, BUNDLED_BANK):
        first = load_bank_cached(source, tmp_path)
        again = load_bank_cached(source, tmp_path)
        assert first == again == load_bank(source)
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_the_cache_is_used_when_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank_cached(MINI_BANK, tmp_path)

    def refuse(directory: Path) -> None:
        raise AssertionError("parsed the files again")

    monkeypatch.setattr(bank, "load_bank", refuse)
    assert load_bank_cached(MINI_BANK, tmp_path).name == "Mini bank"


def test_an_edited_file_is_loaded_afresh(tmp_path: Path) -> None:
    bank_dir = tmp_path / "bank"
    shutil.copytree(MINI_BANK, bank_dir)
    load_bank_cached(bank_dir, tmp_path / "cache")
    bank_yaml = bank_dir / "bank.yaml"
    bank_yaml.write_text(bank_yaml.read_text().replace("Mini bank", "Edited bank"))
    os.utime(bank_yaml, ns=(1, 1))  # even with an old modification time, the size differs
    assert load_bank_cached(bank_dir, tmp_path / "cache").name == "Edited bank"


def test_a_broken_bank_is_reported_not_cached(tmp_path: Path) -> None:
    bank_dir = tmp_path / "bank"
    shutil.copytree(MINI_BANK, bank_dir)
    (bank_dir / "roles" / "10-ops.yaml").write_text("role: [\n")
    with pytest.raises(BankError):
        load_bank_cached(bank_dir, tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*.json"))


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"key": 1}', b"[]", b'{"key":{},"bank":7}']
)
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    load_bank_cached(MINI_BANK, tmp_path)
    (cached,) = tmp_path.glob("*.json")
    cached.write_bytes(damage)
    assert load_bank_cached(MINI_BANK, tmp_path) == load_bank(MINI_BANK)
    assert cached.read_bytes() != damage


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert load_bank_cached(MINI_BANK, blocker / "cache").name == "Mini bank"


def test_a_missing_bank_folder_is_the_loaders_error(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="bank folder not found"):
        load_bank_cached(tmp_path / "nowhere", tmp_path / "cache")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"quick":true', '"quick":1'),  # a bool where an int would pass isinstance
        ('"kind":"rating"', '"kind":"essay"'),  # a Literal outside its values
        ('"weight":', '"weight":"heavy","w":'),  # a str where a float belongs
    ],
)
def test_a_cache_with_a_wrong_type_is_loaded_afresh(tmp_path: Path, old: str, new: str) -> None:
    load_bank_cached(MINI_BANK, tmp_path)
    (cached,) = tmp_path.glob("*.json")
    text = cached.read_text()
    assert old in text
    cached.write_text(text.replace(old, new, 1))
    assert load_bank_cached(MINI_BANK, tmp_path) == load_bank(MINI_BANK)
    assert old in cached.read_text()


GROUPS_BANK = DATA / "banks" / "groups"


def test_groups_experience_and_ready_at_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fields the cache's first format lacked: a tuple of members, a bool, a float."""
    loaded = load_bank(GROUPS_BANK)
    assert load_bank_cached(GROUPS_BANK, tmp_path) == loaded

    def refuse(directory: Path) -> None:
        raise AssertionError("parsed the files again")

    monkeypatch.setattr(bank, "load_bank", refuse)
    cached = load_bank_cached(GROUPS_BANK, tmp_path)
    assert cached == loaded
    assert cached.groups == loaded.groups
    group = cached.groups["security-certification"]
    assert group.any_of == ("cissp", "ceh", "gsec") and group.title == "A security certification"
    assert cached.questions["years"].experience is True
    assert cached.questions["cissp"].experience is False
    assert [r.ready_at for r in cached.roles] == [80.0, 75.0]
    assert all(isinstance(r.ready_at, float) for r in cached.roles)


def first_format(document: dict[str, Any]) -> dict[str, Any]:
    """`document` as the cache's first format wrote it: no experience, any_of, title or
    ready_at (and the group, which it could not hold, as a plain requirement)."""
    data = document["bank"]
    for _qid, question in data["questions"]:
        del question["experience"]
    for role in data["roles"]:
        del role["ready_at"]
        for requirement in role["requirements"]:
            del requirement["any_of"], requirement["title"]
    return document


@pytest.mark.parametrize("old_key", [True, False], ids=["format-1-key", "current-key"])
def test_a_cache_written_before_the_new_fields_is_loaded_afresh(
    tmp_path: Path, old_key: bool
) -> None:
    """A format-1 cache is stale by its key; one under the current key that lacks the fields
    (written by a development build) fails to decode: either way, the bank is read again."""
    load_bank_cached(GROUPS_BANK, tmp_path)
    (cached,) = tmp_path.glob("*.json")
    document = first_format(json.loads(cached.read_text()))
    if old_key:
        document["key"]["format"] = 1
    cached.write_text(json.dumps(document))
    assert load_bank_cached(GROUPS_BANK, tmp_path) == load_bank(GROUPS_BANK)
    rewritten = json.loads(cached.read_text())
    assert rewritten["key"]["format"] == CACHE_FORMAT == 5
    assert "ready_at" in rewritten["bank"]["roles"][0]


# -- hostile caches and hostile file names (issue 15): anything odd falls back to the files ----


def _cached_file(tmp_path: Path) -> Path:
    load_bank_cached(MINI_BANK, tmp_path)
    (cached,) = tmp_path.glob("*.json")
    return cached


def test_a_deeply_nested_cache_is_loaded_afresh(tmp_path: Path) -> None:
    """Before: json.loads raised RecursionError, which nothing caught, and the TUI stopped."""
    cached = _cached_file(tmp_path)
    cached.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    assert load_bank_cached(MINI_BANK, tmp_path) == load_bank(MINI_BANK)
    assert json.loads(cached.read_text())["key"]["format"] == CACHE_FORMAT


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_cache_holding_nan_is_loaded_afresh(tmp_path: Path, constant: str) -> None:
    """Before: a weight of NaN decoded as a float and went on into every fit."""
    cached = _cached_file(tmp_path)
    text = cached.read_text()
    assert '"weight":' in text
    cached.write_text(text.replace('"weight":', f'"weight":{constant},"w":', 1))
    reloaded = load_bank_cached(MINI_BANK, tmp_path)
    assert reloaded == load_bank(MINI_BANK)
    assert all(r.weight == r.weight for role in reloaded.roles for r in role.requirements)


def test_a_file_name_that_is_not_utf8_is_cached_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    """Before: writing the cache raised UnicodeEncodeError (not an OSError) on the name's
    surrogates, so the TUI could not start and every try left a `.bank-*.tmp` behind."""
    bank_dir = tmp_path / "bank"
    shutil.copytree(MINI_BANK, bank_dir)
    (section,) = sorted((bank_dir / "sections").glob("*.yaml"))[:1]
    section.rename(bank_dir / "sections" / os.fsdecode(b"10-caf\xe9.yaml"))
    cache_dir = tmp_path / "cache"
    first = load_bank_cached(bank_dir, cache_dir)
    assert first == load_bank(bank_dir)
    assert [p.name for p in cache_dir.iterdir() if p.name.startswith(".")] == []
    (cached,) = cache_dir.glob("*.json")
    assert cached.read_bytes().isascii()
    mtime = cached.stat().st_mtime_ns
    assert load_bank_cached(bank_dir, cache_dir) == first
    assert cached.stat().st_mtime_ns == mtime  # read from the cache, not rewritten


def test_a_cache_write_that_fails_midway_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    assert load_bank_cached(MINI_BANK, tmp_path).name == "Mini bank"
    assert list(tmp_path.iterdir()) == []
