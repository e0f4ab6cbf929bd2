"""Hardening (issue 15): a damaged database is reported and never written, and nothing saved is
lost. Each test here failed before its fix."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from skillgap.core.model import Bank
from skillgap.store import DB_NAME, Store, StoreCorrupt, StoreError
from tests.conftest import MINI_BANK
from tests.test_store_faults import _answers_file, _cli_error, _db_with_reports


def _page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def test_a_damaged_page_is_found_before_the_first_write(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    path = _db_with_reports(folder, mini_bank, 40)
    data = bytearray(path.read_bytes())
    page = _page_size(path)
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = random.Random(15).randbytes(page)
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    code, err = _cli_error(
        capsys, "--data-dir", str(folder), "score", "--save", str(_answers_file(tmp_path))
    )
    assert code == 2, err
    assert str(path) in err and "damaged" in err and err.count("\n") == 1
    assert path.read_bytes() == damaged
    # The Store API refuses too, before any write transaction.
    with Store.open(folder) as s, pytest.raises(StoreCorrupt, match="damaged"):
        s.set_setting("k", "v")
    assert path.read_bytes() == damaged


def test_an_empty_file_beside_a_full_wal_is_damaged_not_new(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source"
    folder = tmp_path / "data"
    folder.mkdir()
    with Store.open(source) as s:
        conn = sqlite3.connect(source / DB_NAME)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        s.set_setting("k", "v")  # committed to the WAL, not yet to the main file
        wal = (source / f"{DB_NAME}-wal").read_bytes()
        conn.close()
    assert wal
    path = folder / DB_NAME
    path.write_bytes(b"")
    (folder / f"{DB_NAME}-wal").write_bytes(wal)
    with pytest.raises(StoreCorrupt, match="-wal"):
        Store.open(folder)
    code, err = _cli_error(
        capsys, "--data-dir", str(folder), "score", "--save", str(_answers_file(tmp_path))
    )
    assert code == 2 and str(path) in err and err.count("\n") == 1, err
    assert path.read_bytes() == b""
    assert (folder / f"{DB_NAME}-wal").read_bytes() == wal


def test_a_lone_surrogate_in_one_import_names_that_file_and_imports_the_rest(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_export_import import _doc

    text = json.dumps(_doc(mini_bank))
    assert "a note" in text
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    bad.write_text(text.replace("a note", "a \\ud800 note"), encoding="utf-8")
    good.write_text(text, encoding="utf-8")
    folder = tmp_path / "data"
    code, err = _cli_error(
        capsys, "--data-dir", str(folder), "report", "import", str(bad), str(good)
    )
    assert code == 2, err
    assert "Traceback" not in err
    assert f"{bad}:" in err and f"imported {good} as report 1" in err, err
    with Store.open(folder) as s:
        assert s.count_reports() == 1


@pytest.mark.parametrize("value", ["1" * 26, "²", str(2**63)])
def test_report_list_limit_out_of_range_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        _cli_error(capsys, "report", "list", "--limit", value)
    err = capsys.readouterr().err
    assert exit.value.code == 2, err
    assert "is not a number of reports" in err and "Traceback" not in err
    assert "internal error" not in err


@pytest.mark.parametrize("version", [-1, -(2**31)])
def test_a_negative_schema_version_is_not_a_skillgap_database(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str], version: int
) -> None:
    folder = tmp_path / "data"
    path = _db_with_reports(folder, mini_bank, 2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt, match="not a skillgap database"):
        Store.open(folder)
    code, err = _cli_error(capsys, "--data-dir", str(folder), "report", "list")
    assert code == 2 and str(path) in err and err.count("\n") == 1, err
    assert path.read_bytes() == before


def test_a_data_folder_that_is_a_broken_link_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.symlink_to(tmp_path / "gone" / "data")
    code, err = _cli_error(capsys, "--data-dir", str(folder), "report", "list")
    assert code == 1, err
    assert "broken link" in err and "a file" not in err and str(folder) in err
    assert folder.is_symlink() and not (tmp_path / "gone").exists()


class _FullDisk:
    """A connection whose writes fail as SQLite does when the disk is full."""

    def __init__(self, conn: sqlite3.Connection, fail_on: str) -> None:
        self._conn = conn
        self._fail_on = fail_on

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.startswith(self._fail_on):
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = sqlite3.SQLITE_FULL
            exc.sqlite_errorname = "SQLITE_FULL"
            raise exc
        return self._conn.execute(sql, *args)


@pytest.mark.parametrize("fail_on", ["INSERT", "COMMIT"])
def test_a_full_disk_is_reported_as_a_full_disk(
    tmp_path: Path, mini_bank: Bank, fail_on: str
) -> None:
    from tests.test_store import GROWN, scored

    with Store.open(tmp_path / "data") as s:
        s.save_report(*scored(mini_bank, GROWN))
        real = s._conn
        s._conn = _FullDisk(real, fail_on)  # type: ignore[assignment]
        with pytest.raises(StoreError) as caught:
            s.save_report(*scored(mini_bank, GROWN))
        s._conn = real
        message = str(caught.value)
        assert "disk is full" in message and "no transaction" not in message, message
        assert "cannot save the report" in message and "free some space" in message
        assert s.count_reports() == 1


def test_a_database_at_its_page_limit_says_the_disk_is_full(
    tmp_path: Path, mini_bank: Bank
) -> None:
    from tests.test_store import GROWN, scored

    with Store.open(tmp_path / "data") as s:
        pages = s._conn.execute("PRAGMA page_count").fetchone()[0]
        s._conn.execute(f"PRAGMA max_page_count = {pages + 1}")
        with pytest.raises(StoreError, match="the disk is full") as caught:
            for _ in range(50):
                s.save_report(*scored(mini_bank, GROWN))
        assert "free some space" in str(caught.value)


_FSIZE = """
import resource, signal, sys
from pathlib import Path
from typing import Any
from skillgap.formats.bank import load_bank
from skillgap.store import Store, StoreError
from tests.test_store import GROWN, scored
folder = Path(sys.argv[1])
bank = load_bank(Path(sys.argv[2]))
Store.open(folder).close()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (70_000, resource.RLIM_INFINITY))
with Store.open(folder) as s:
    try:
        for _ in range(1000):
            s.save_report(*scored(bank, GROWN))
    except StoreError as exc:
        print(exc)
"""


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGXFSZ"), reason="POSIX only")
def test_the_file_size_limit_is_named(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import MINI_BANK, ROOT

    out = subprocess.run(
        [sys.executable, "-c", _FSIZE, str(tmp_path / "data"), str(MINI_BANK)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    ).stdout
    assert "cannot save the report" in out and "file-size limit" in out, out


def _read_only_folder(tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    _db_with_reports(folder, mini_bank, 2)
    import skillgap.app.reports as reports
    import skillgap.store.database as database

    monkeypatch.setattr(database, "folder_writable", lambda directory: False)
    monkeypatch.setattr(reports, "_told_read_only", False)
    return folder


def test_a_read_only_data_folder_still_lists_shows_and_exports(
    tmp_path: Path,
    mini_bank: Bank,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _read_only_folder(tmp_path, mini_bank, monkeypatch)
    before = (folder / DB_NAME).read_bytes()
    data = ["--data-dir", str(folder)]
    from skillgap.cli.main import main

    out_file = tmp_path / "report-1.md"
    for argv in (
        ["report", "list"],
        ["report", "show", "1"],
        ["report", "export", "1", "-o", str(out_file)],
    ):
        code = main(["--questions", str(MINI_BANK), *data, *argv])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert "unable to open" not in captured.err
    assert out_file.read_text(encoding="utf-8")
    with Store.open(folder) as s:
        assert s.read_only and s.count_reports() == 2
        with pytest.raises(StoreError, match="read-only"):
            s.set_setting("k", "v")
    code, err = _cli_error(
        capsys, "--data-dir", str(folder), "score", "--save", str(_answers_file(tmp_path))
    )
    assert code == 1 and "read-only" in err and "unable to open" not in err, err
    assert (folder / DB_NAME).read_bytes() == before


def test_a_read_only_data_folder_is_noted_once(
    tmp_path: Path,
    mini_bank: Bank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from skillgap.app.reports import open_store

    folder = _read_only_folder(tmp_path, mini_bank, monkeypatch)
    open_store(folder).close()
    open_store(folder).close()
    err = capsys.readouterr().err
    assert err.count("read-only") == 1 and str(folder) in err, err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to any folder")
def test_a_truly_read_only_folder_is_read(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    _db_with_reports(folder, mini_bank, 2)
    folder.chmod(0o500)
    try:
        with Store.open(folder) as s:
            assert s.read_only and s.count_reports() == 2
    finally:
        folder.chmod(0o700)


# -- damaged report rows --------------------------------------------------------------------

#: A report row edited outside skillgap: SQLite keeps any type in any column.
DAMAGED_SUMMARIES = {
    "wrong types": ("scores", "[[1, 2, 3]]"),
    "a huge number": ("scores", '[["ops", "Ops", 1e999]]'),
    "more met than total": ("scores", '[["ops", "Ops", 50, 3, 1]]'),
    "deeply nested": ("scores", "[" * 100_000),
    "a blob": ("scores", b"\xff\xfe"),
    "not a time": ("created_at", "yesterday"),
    "bank a blob": ("bank_name", b"\x00"),
}


def _damage_row(path: Path, column: str, value: object, report_id: int = 2) -> None:
    table, key = (
        ("report_data", "report_id") if column in ("answers", "result") else ("reports", "id")
    )
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, report_id))
    conn.close()


def _three_reports_one_damaged(
    tmp_path: Path, bank: Bank, column: str, value: object
) -> tuple[Path, Path]:
    folder = tmp_path / "data"
    path = _db_with_reports(folder, bank, 3)
    _damage_row(path, column, value)
    return folder, path


@pytest.mark.parametrize(
    ("column", "value"), DAMAGED_SUMMARIES.values(), ids=DAMAGED_SUMMARIES.keys()
)
def test_a_damaged_summary_names_its_report_and_the_others_still_list(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str], column: str, value: object
) -> None:
    folder, path = _three_reports_one_damaged(tmp_path, mini_bank, column, value)
    before = path.read_bytes()
    with Store.open(folder) as s:
        with pytest.raises(StoreCorrupt, match="report 2 ") as caught:
            s.list_reports()
        assert caught.value.report_id == 2
        damaged: list[StoreCorrupt] = []
        # Left out and named; pages count it, so the next page starts after it.
        page = s.list_reports(limit=2, damaged=damaged)
        rest = s.list_reports(limit=2, offset=2, damaged=damaged)
        assert sorted(r.id for r in page + rest) == [1, 3]
        assert [e.report_id for e in damaged] == [2]
        if column == "scores":  # the previous one of report 3 is the damaged one
            assert s.previous_reports([3], damaged) == {}
            assert [e.report_id for e in damaged] == [2, 2]
    code, err = _cli_error(capsys, "--data-dir", str(folder), "report", "list")
    assert code == 2 and "report 2" in err and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("result", '{"bank": 5}'),
        ("result", "1" * 5000),
        ("answers", '{"linux": {"value": 1e999, "level": 3}}'),
        ("answers", "[" * 100_000),
        ("bank_version", b"\x00\xff"),
        ("created_at", 7),
    ],
    ids=["wrong type", "huge integer", "huge number", "deeply nested", "blob", "time a number"],
)
def test_a_damaged_report_is_one_line_naming_it_and_exit_2(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str], column: str, value: object
) -> None:
    folder, _ = _three_reports_one_damaged(tmp_path, mini_bank, column, value)
    with Store.open(folder) as s:
        with pytest.raises(StoreCorrupt, match="report 2 ") as caught:
            s.get_report(2)
        assert caught.value.report_id == 2
        assert s.get_report(3).id == 3
    code, err = _cli_error(capsys, "--data-dir", str(folder), "report", "show", "2")
    assert code == 2 and "report 2" in err and err.count("\n") == 1, err
    assert "internal error" not in err


def test_a_report_whose_data_row_is_gone_is_damaged_not_missing(
    tmp_path: Path, mini_bank: Bank
) -> None:
    folder = tmp_path / "data"
    path = _db_with_reports(folder, mini_bank, 2)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM report_data WHERE report_id = 2")
    conn.close()
    with Store.open(folder) as s, pytest.raises(StoreCorrupt, match="report 2 is damaged"):
        s.get_report(2)


# -- a report is read back before it is saved -----------------------------------------------


def _past_the_limits(bank: Bank) -> Bank:
    """A bank no validator passes (a hostile bank cache could hold one): its name is longer
    than the report reader reads, so a report of it would never show again."""
    import dataclasses

    from skillgap.formats import limits

    return dataclasses.replace(bank, name="n" * (limits.MAX_BANK_NAME + 1))


def test_a_report_that_would_not_read_back_is_not_saved(tmp_path: Path, mini_bank: Bank) -> None:
    from skillgap.core.quiz import QuizState
    from skillgap.store import ReportUnreadable
    from tests.test_store import GROWN, scored

    bank = _past_the_limits(mini_bank)
    with Store.open(tmp_path / "data") as s:
        session = QuizState(bank, "full").to_session()
        s.save_session(session)
        for save in (s.save_report, s.finish_session):
            with pytest.raises(ReportUnreadable, match="would not read back") as caught:
                save(*scored(bank, GROWN))
            message = str(caught.value)
            assert "bank.name" in message and "nothing was saved" in message, message
            assert caught.value.exit_code == 2
        assert s.count_reports() == 0
        assert s.load_session() == session  # the quiz in progress is kept


def test_score_save_says_not_saved_when_it_would_not_read_back(
    tmp_path: Path,
    mini_bank: Bank,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import skillgap.formats.bank as bank_module

    monkeypatch.setattr(bank_module, "load_bank", lambda directory: _past_the_limits(mini_bank))
    folder = tmp_path / "data"
    code, err = _cli_error(
        capsys, "--data-dir", str(folder), "score", "--save", str(_answers_file(tmp_path))
    )
    assert code == 2, err
    assert "would not read back" in err and "saved as report" not in err
    assert err.count("\n") == 1, err
    with Store.open(folder) as s:
        assert s.count_reports() == 0
