"""The bank cache: the same Bank as loading the files, and never stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from skillgap.formats import bank
from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.bank_cache import load_bank_cached
from tests.conftest import BUNDLED_BANK, MINI_BANK


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
