"""Faults: damaged and newer files are reported and left untouched; an unusable data folder
fails saving but not scoring; concurrent writers lose nothing; SIGKILL mid-save loses nothing
that was committed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from skillgap.cli.main import main
from skillgap.core.model import Bank
from skillgap.store import DB_NAME, Store, StoreCorrupt, StoreError, StoreTooNew, schema_version
from tests.conftest import MINI_BANK
from tests.test_store import GROWN, scored

ROOT = Path(__file__).resolve().parents[1]


def _answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text("answers:\n  linux: 3\n  docker: 2\n  cissp: studying\n", encoding="utf-8")
    return path


def _db_with_reports(folder: Path, bank: Bank, count: int = 30) -> Path:
    with Store.open(folder) as s:
        for _ in range(count):
            s.save_report(*scored(bank, GROWN))
    # Checkpoint and leave no WAL behind, so the main file holds everything.
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return folder / DB_NAME


def _cli_error(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["--questions", str(MINI_BANK), *argv])
    err = capsys.readouterr().err
    return code, err


# -- damaged, foreign and newer files ---------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: os.urandom(len(b)), id="garbage"),
        pytest.param(lambda b: b"not a database at all\n" * 50, id="text"),
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:50], id="truncated-header"),
        pytest.param(lambda b: b[:4096] + os.urandom(len(b) - 4096), id="garbage-pages"),
    ],
)
def test_a_damaged_file_is_reported_and_left_untouched(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str], damage: object
) -> None:
    folder = tmp_path / "data"
    path = _db_with_reports(folder, mini_bank)
    damaged = damage(path.read_bytes())  # type: ignore[operator]
    path.write_bytes(damaged)
    outcomes = []
    for argv in (["report", "list"], ["report", "show", "1"], ["score", "--save"]):
        if argv[0] == "score":
            argv = [*argv, str(_answers_file(tmp_path))]
        code, err = _cli_error(capsys, "--data-dir", str(folder), *argv)
        outcomes.append((code, err))
        assert path.read_bytes() == damaged, argv
    for code, err in outcomes:
        assert code == 2, err
        assert err.startswith("skillgap: ") and err.count("\n") == 1, err
        assert str(path) in err and "Traceback" not in err
    assert "damaged" in outcomes[0][1] or "not a SQLite database" in outcomes[0][1]


def test_a_newer_file_is_reported_and_left_untouched(
    tmp_path: Path, mini_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    path = _db_with_reports(folder, mini_bank, 3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew):
        Store.open(folder)
    code, err = _cli_error(capsys, "--data-dir", str(folder), "report", "list")
    assert code == 2
    assert "newer skillgap" in err and str(path) in err and err.count("\n") == 1
    code, err = _cli_error(
        capsys, "--data-dir", str(folder), "score", "--save", str(_answers_file(tmp_path))
    )
    assert code == 2 and "newer skillgap" in err
    assert path.read_bytes() == before


def test_another_programs_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt, match="not a skillgap database"):
        Store.open(tmp_path)
    assert path.read_bytes() == before


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"")
    with Store.open(tmp_path) as s:
        assert s.count_reports() == 0


# -- an unusable data folder ------------------------------------------------------------------


@pytest.mark.parametrize("where", ["under-a-file", "is-a-file"])
def test_an_unwritable_data_dir_fails_saving_but_not_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    folder = blocker / "data" if where == "under-a-file" else blocker
    answers = str(_answers_file(tmp_path))
    with pytest.raises(StoreError, match=str(folder)):
        Store.open(folder)

    code = main(["--questions", str(MINI_BANK), "--data-dir", str(folder), "score", answers])
    out, err = capsys.readouterr()
    assert code == 0 and "Ops engineer" in out and err == ""

    argv = ["--questions", str(MINI_BANK), "--data-dir", str(folder), "score", "--json", "--save"]
    code = main([*argv, answers])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("skillgap: ") and err.count("\n") == 1 and str(folder) in err
    assert '"roles"' in out  # the result was still shown before saving failed
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"

    code, err = _cli_error(capsys, "--data-dir", str(folder), "report", "list")
    assert code == 1 and str(folder) in err and err.count("\n") == 1


# -- several writers, and SIGKILL ---------------------------------------------------------------

_SAVER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from skillgap.formats.bank import load_bank
    from skillgap.store import Store
    from tests.test_store import GROWN, scored

    folder, count, start = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    bank = load_bank(Path(sys.argv[4]))
    answers, result = scored(bank, GROWN)
    while time.time() < start:
        time.sleep(0.001)
    store = Store.open(folder)
    i = 0
    while count == 0 or i < count:
        report_id = store.save_report(answers, result)
        print(report_id, flush=True)  # after the commit: this report is saved
        i += 1
    store.close()
    """
)


def _saver(folder: Path, count: int, start: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _SAVER, str(folder), str(count), str(start), str(MINI_BANK)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_four_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"  # not created yet: they race to create it too
    start = time.time() + 1.0
    procs = [_saver(folder, 25, start) for _ in range(4)]
    ids: list[int] = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        ids += [int(line) for line in out.split()]
    assert len(ids) == 100 and len(set(ids)) == 100
    with Store.open(folder) as s:
        assert s.count_reports() == 100
        assert {r.id for r in s.list_reports()} == set(ids)
    assert _integrity(folder / DB_NAME) == "ok"


@pytest.mark.slow
def test_four_score_save_commands_at_once(tmp_path: Path) -> None:
    answers = _answers_file(tmp_path)
    folder = tmp_path / "data"
    env = {**os.environ, "SKILLGAP_DATA_DIR": str(folder)}
    cmd = [sys.executable, "-m", "skillgap", "--questions", str(MINI_BANK), "score", "--json"]
    procs = [
        subprocess.Popen(
            [*cmd, "--save", str(answers)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    saved = set()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.lstrip().startswith("{")
        assert err.startswith("saved as report ")
        saved.add(int(err.split()[-1]))
    assert len(saved) == 4
    with Store.open(folder) as s:
        assert {r.id for r in s.list_reports()} == saved


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_mid_save_keeps_the_database_whole(
    tmp_path: Path, seed: int, mini_bank: Bank
) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()
    proc = _saver(folder, 0, 0)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # it is saving in a loop now
    assert first.strip().isdigit(), proc.stderr.read() if proc.stderr else ""
    time.sleep(random.Random(seed).uniform(0.05, 0.6))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    printed = {int(first)} | {int(line) for line in out.split() if line.strip().isdigit()}
    assert _integrity(folder / DB_NAME) == "ok"
    with Store.open(folder) as s:
        present = {r.id for r in s.list_reports()}
        assert printed <= present
        assert len(present - printed) <= 1  # at most the save being made when it died
        for report_id in present:
            s.get_report(report_id)
        s.save_report(*scored(mini_bank, GROWN))  # and it is still writable
