"""The report store: round trips, ordering, the quiz in progress, settings, migrations.

Helpers here (`answers_for`, `scored`) are shared by the other report test files.
"""

from __future__ import annotations

import json
import sqlite3
import stat
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from skillgap.core.answering import make_answer
from skillgap.core.model import Answers, Bank, Result
from skillgap.core.quiz import Session
from skillgap.core.scoring import score
from skillgap.store import (
    DB_NAME,
    ReportNotFound,
    Store,
    StoreError,
    StoreTooNew,
    database,
    default_data_dir,
    schema_version,
)
from skillgap.store import api as store_module

T0 = datetime(2024, 5, 1, 9, 30, 0, 123456, tzinfo=timezone.utc)


def answers_for(bank: Bank, values: dict[str, Any], notes: dict[str, str] | None = None) -> Answers:
    notes = notes or {}
    return Answers(
        {
            qid: make_answer(bank.questions[qid], value, notes.get(qid, ""))
            for qid, value in values.items()
        }
    )


def scored(bank: Bank, values: dict[str, Any], notes: dict[str, str] | None = None) -> Any:
    answers = answers_for(bank, values, notes)
    return answers, score(bank, answers)


def save_as_released(path: Path, answers: Answers, result: Result, created_at: datetime) -> int:
    """Save a report into an older file (schema 1 or 2) as skillgap 0.1.0 did: the reports
    table had no mode then, so the store of today cannot write it there."""
    from skillgap.formats.report_json import answers_to_json, dumps, result_to_json, timestamp

    conn = sqlite3.connect(path)
    with conn:
        scores = dumps([[r.role_id, r.name, r.score] for r in result.roles])
        cursor = conn.execute(
            "INSERT INTO reports (created_at, bank_name, bank_version, scores) VALUES (?, ?, ?, ?)",
            (timestamp(created_at), result.bank_name, result.bank_version, scores),
        )
        report_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO report_data (report_id, answers, result) VALUES (?, ?, ?)",
            (report_id, dumps(answers_to_json(answers)), dumps(result_to_json(result))),
        )
    conn.close()
    return report_id


BEGINNER = {"linux": 1, "docker": 1, "cissp": "none"}
GROWN = {"linux": 3, "docker": 2, "kubernetes": 2, "cissp": "studying", "background": ["dev"]}


@pytest.fixture
def store(_isolated_data_dir: Path) -> Any:
    with Store.open(_isolated_data_dir) as opened:
        yield opened


def test_open_creates_a_private_folder_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    with Store.open(folder) as s:
        assert s.path == folder / DB_NAME
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(s.path.stat().st_mode) == 0o600
        conn = sqlite3.connect(s.path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        conn.close()


def test_default_data_dir_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"
    monkeypatch.delenv("SKILLGAP_DATA_DIR")
    assert default_data_dir().name.lower() == "skillgap"


def test_save_and_get_round_trip(store: Store, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, GROWN, {"linux": "ran <b>prod</b> | 'quoted'"})
    report_id = store.save_report(answers, result, created_at=T0)
    report = store.get_report(report_id)
    assert report.id == report_id
    assert report.created_at == T0
    assert (report.bank_name, report.bank_version) == ("Mini bank", "0.1")
    assert report.answers == answers
    assert report.result == result
    assert report.answers.get("background") is not None
    assert report.answers.by_question["background"].value == ("dev",)


def test_created_at_defaults_to_now_in_utc(store: Store, mini_bank: Bank) -> None:
    before = datetime.now(timezone.utc)
    report = store.get_report(store.save_report(*scored(mini_bank, BEGINNER)))
    assert before <= report.created_at <= datetime.now(timezone.utc)
    assert report.created_at.utcoffset() == timedelta(0)


def test_created_at_keeps_microseconds_and_converts_to_utc(store: Store, mini_bank: Bank) -> None:
    local = datetime(2024, 5, 1, 11, 30, 0, 7, tzinfo=timezone(timedelta(hours=2)))
    report = store.get_report(store.save_report(*scored(mini_bank, BEGINNER), created_at=local))
    assert report.created_at == local
    assert report.created_at.tzinfo == timezone.utc
    assert report.created_at.microsecond == 7
    with pytest.raises(ValueError):
        store.save_report(*scored(mini_bank, BEGINNER), created_at=datetime(2024, 1, 1))


def test_list_is_newest_first_by_time_then_id(store: Store, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, BEGINNER)
    a = store.save_report(answers, result, created_at=T0 + timedelta(days=1))
    b = store.save_report(answers, result, created_at=T0)
    c = store.save_report(answers, result, created_at=T0 + timedelta(days=1))  # same time as a
    d = store.save_report(answers, result, created_at=T0 + timedelta(microseconds=1))
    assert [s.id for s in store.list_reports()] == [c, a, d, b]
    assert [s.id for s in store.list_reports(limit=2)] == [c, a]
    assert [s.id for s in store.list_reports(limit=2, offset=2)] == [d, b]
    assert store.count_reports() == 4


def test_summary_has_scores_and_role_names_in_bank_order(store: Store, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, GROWN)
    store.save_report(answers, result, created_at=T0)
    (summary,) = store.list_reports()
    assert list(summary.scores) == ["ops", "secops"]
    assert summary.scores == {r.role_id: r.score for r in result.roles}
    assert summary.role_names == {"ops": "Ops engineer", "secops": "SecOps engineer"}
    assert summary.created_at == T0
    assert (summary.bank_name, summary.bank_version) == ("Mini bank", "0.1")


def test_previous_reports_match_the_same_bank(store: Store, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, BEGINNER)
    other: Result = result.__class__(**{**result.__dict__, "bank_name": "Other bank"})
    first = store.save_report(answers, result, created_at=T0)
    foreign = store.save_report(answers, other, created_at=T0 + timedelta(hours=1))
    second = store.save_report(*scored(mini_bank, GROWN), created_at=T0 + timedelta(hours=2))
    previous = store.previous_reports([second, foreign, first])
    assert previous[second].id == first
    assert foreign not in previous and first not in previous
    assert store.previous_reports([]) == {}


def test_get_and_delete_unknown_report(store: Store, mini_bank: Bank) -> None:
    with pytest.raises(ReportNotFound, match="no report 42"):
        store.get_report(42)
    with pytest.raises(ReportNotFound):
        store.delete_report(42)


def test_delete_removes_report_and_scores_and_ids_are_not_reused(
    store: Store, mini_bank: Bank
) -> None:
    first = store.save_report(*scored(mini_bank, BEGINNER))
    second = store.save_report(*scored(mini_bank, GROWN))
    store.delete_report(second)
    assert [s.id for s in store.list_reports()] == [first]
    with pytest.raises(ReportNotFound):
        store.get_report(second)
    third = store.save_report(*scored(mini_bank, GROWN))
    assert third > second
    conn = sqlite3.connect(store.path)
    orphans = "SELECT count(*) FROM report_data WHERE report_id NOT IN (SELECT id FROM reports)"
    assert conn.execute(orphans).fetchone()[0] == 0
    conn.close()


def test_import_report_skips_an_identical_one(store: Store, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, GROWN)
    first = store.save_report(answers, result, created_at=T0)
    assert store.import_report(answers, result, T0) == (first, False)
    new_id, added = store.import_report(answers, result, T0 + timedelta(seconds=1))
    assert added and new_id != first


def test_session_round_trip_replace_and_clear(store: Store, mini_bank: Bank) -> None:
    assert store.load_session() is None
    answers = answers_for(mini_bank, {"linux": 2})
    session = Session("Mini bank", "0.1", "quick", answers, 1, T0, T0 + timedelta(seconds=5))
    store.save_session(session)
    assert store.load_session() == session
    later = Session(
        "Mini bank",
        "0.1",
        "quick",
        answers.with_answer(make_answer(mini_bank.questions["scanning"], None)),
        2,
        T0,
        T0 + timedelta(seconds=9),
    )
    store.save_session(later)
    assert store.load_session() == later
    store.clear_session()
    assert store.load_session() is None
    with pytest.raises(ValueError):
        store.save_session(Session("b", "1", "slow", answers, 0, T0, T0))


def test_session_survives_reopening(mini_bank: Bank, tmp_path: Path) -> None:
    session = Session("Mini bank", "0.1", "full", answers_for(mini_bank, {"docker": 3}), 2, T0, T0)
    with Store.open(tmp_path) as s:
        s.save_session(session)
    with Store.open(tmp_path) as s:
        assert s.load_session() == session


def test_finish_session_saves_report_and_clears_session(store: Store, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, GROWN)
    store.save_session(Session("Mini bank", "0.1", "full", answers, 5, T0, T0))
    report_id = store.finish_session(answers, result)
    assert store.load_session() is None
    assert store.get_report(report_id).answers == answers


def test_finish_session_is_one_transaction(
    store: Store, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers, result = scored(mini_bank, GROWN)
    session = Session("Mini bank", "0.1", "full", answers, 5, T0, T0)
    store.save_session(session)

    def broken(*args: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "result_to_json", broken)
    with pytest.raises(RuntimeError):
        store.finish_session(answers, result)
    assert store.load_session() == session
    assert store.count_reports() == 0


def test_a_damaged_session_row_is_ignored_not_deleted(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    conn.execute(
        "INSERT INTO session VALUES (1, 'b', '1', 'full', '{not json', 0, 'x', 'y', 'fresh')"
    )
    conn.commit()
    conn.close()
    assert store.load_session() is None
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT count(*) FROM session").fetchone()[0] == 1
    conn.close()


def test_settings(store: Store) -> None:
    assert store.get_setting("theme") is None
    store.set_setting("theme", "dark")
    store.set_setting("theme", "light")
    assert store.get_setting("theme") == "light"


def test_usable_from_another_thread(store: Store, mini_bank: Bank) -> None:
    ids: list[int] = []
    worker = threading.Thread(target=lambda: ids.append(store.save_report(*scored(mini_bank, {}))))
    worker.start()
    worker.join()
    assert store.get_report(ids[0]).id == ids[0]


# -- migrations -------------------------------------------------------------------------------


def _next(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE reports ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE reports SET label = 'migrated ' || id")


def test_migrates_an_older_file_forward_keeping_reports(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path) as s:
        report_id = s.save_report(*scored(mini_bank, GROWN), created_at=T0)
    current = schema_version()
    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS, _next])
    with Store.open(tmp_path) as s:
        assert s.get_report(report_id).created_at == T0
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current + 1
    assert conn.execute("SELECT label FROM reports").fetchone()[0] == f"migrated {report_id}"
    conn.close()


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path) as s:
        s.save_report(*scored(mini_bank, GROWN), created_at=T0)

    def broken(conn: sqlite3.Connection) -> None:
        _next(conn)
        raise sqlite3.OperationalError("migration bug")

    current = schema_version()
    released = database.MIGRATIONS
    monkeypatch.setattr(database, "MIGRATIONS", [*released, broken])
    with pytest.raises(StoreError, match="migration bug"):
        Store.open(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    columns = [row[1] for row in conn.execute("PRAGMA table_info(reports)")]
    assert "label" not in columns
    conn.close()
    monkeypatch.setattr(database, "MIGRATIONS", released)
    with Store.open(tmp_path) as s:
        assert s.count_reports() == 1


def test_a_version_2_file_gains_the_mode_its_reports_were_full(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports saved before the mode column were scored over every question: Full. A Quick
    report saved after is compared with the Quick one before it, not with them."""
    released = database.MIGRATIONS
    monkeypatch.setattr(database, "MIGRATIONS", released[:2])
    Store.open(tmp_path).close()
    old = [
        save_as_released(tmp_path / DB_NAME, *scored(mini_bank, values), created_at=T0 + gap)
        for values, gap in ((BEGINNER, timedelta(0)), (GROWN, timedelta(days=1)))
    ]
    monkeypatch.setattr(database, "MIGRATIONS", released)
    with Store.open(tmp_path) as s:
        assert [r.mode for r in s.list_reports()] == ["full", "full"]
        answers = answers_for(mini_bank, {"linux": 3})
        quick = score(mini_bank, answers, assessed={"linux", "scanning"})
        new = s.save_report(answers, quick, created_at=T0 + timedelta(days=2))
        assert [(r.id, r.mode) for r in s.list_reports(limit=1)] == [(new, "quick")]
        assert s.previous_reports([new, old[1]]) == {old[1]: s.list_reports()[2]}
        again = s.save_report(answers, quick, created_at=T0 + timedelta(days=3))
        assert s.previous_reports([again])[again].id == new
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE reports SET mode = 'other'")
    indexes = {row[1] for row in conn.execute("PRAGMA index_list(reports)")}
    assert {"reports_by_time", "reports_by_bank"} <= indexes
    plan = " ".join(
        str(row[3])
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id, created_at, bank_name, bank_version, scores, mode"
            " FROM reports ORDER BY created_at DESC, id DESC LIMIT 50"
        )
    )
    assert "COVERING INDEX reports_by_time" in plan  # listing reads the index alone
    conn.close()


def test_a_file_from_a_newer_skillgap_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    with pytest.raises(StoreTooNew, match="newer skillgap"):
        Store.open(tmp_path)


def test_summaries_carry_each_roles_essentials(mini_bank: Bank, tmp_path: Path) -> None:
    """History shows "essentials k of n" beside the fit from the summary alone; a report saved
    before essentials were recorded lists none."""
    answers, result = scored(mini_bank, GROWN)
    with Store.open(tmp_path) as store:
        rid = store.save_report(answers, result, T0)
        (summary,) = store.list_reports()
        assert summary.id == rid
        assert summary.essentials == {r.role_id: r.essentials for r in result.roles}
        conn = sqlite3.connect(tmp_path / DB_NAME)
        with conn:
            conn.execute(
                "UPDATE reports SET scores = ? WHERE id = ?",
                (json.dumps([[r.role_id, r.name, r.score] for r in result.roles]), rid),
            )
        conn.close()
        (old,) = store.list_reports()
        assert old.essentials == {} and old.scores == summary.scores
