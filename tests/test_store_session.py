"""The quiz in progress across windows: how it started (schema 4), and which window holds it
(store/lock.py): a second window is told, may take it over, and the first then saves nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from skillgap.core.answering import make_answer
from skillgap.core.model import Answers, Bank
from skillgap.core.quiz import Session
from skillgap.formats.report_json import answers_to_json, dumps
from skillgap.store import DB_NAME, QuizHeld, QuizTakenOver, Store, database, schema_version
from skillgap.store.lock import LOCKS

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def session(bank: Bank, level: int = 2, start: str = "fresh") -> Session:
    answer = make_answer(bank.questions["linux"], level)
    return Session(
        bank.name,
        bank.version,
        "full",
        Answers({"linux": answer}),
        1,
        T0,
        T0,
        start,  # type: ignore[arg-type]
    )


def test_the_start_choice_round_trips(tmp_path: Path, mini_bank: Bank) -> None:
    with Store.open(tmp_path) as store:
        store.save_session(session(mini_bank, start="last"))
        loaded = store.load_session()
        assert loaded is not None and loaded.start == "last"
        store.save_session(session(mini_bank, start="fresh"))
        assert store.load_session().start == "fresh"  # type: ignore[union-attr]
        with pytest.raises(ValueError):
            store.save_session(session(mini_bank, start="sideways"))


def test_a_version_3_file_keeps_its_quiz_in_progress_which_started_fresh(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = database.MIGRATIONS
    monkeypatch.setattr(database, "MIGRATIONS", released[:3])
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with conn:  # a quiz in progress as skillgap with schema 3 saved it
        conn.execute(
            "INSERT INTO session VALUES (1, ?, ?, 'quick', ?, 1, ?, ?)",
            (
                mini_bank.name,
                mini_bank.version,
                dumps(answers_to_json(session(mini_bank, 3).answers)),
                T0.isoformat(),
                T0.isoformat(),
            ),
        )
    conn.close()
    monkeypatch.setattr(database, "MIGRATIONS", released)
    with Store.open(tmp_path) as store:
        loaded = store.load_session()
        assert loaded is not None and loaded.start == "fresh" and loaded.mode == "quick"
        assert loaded.answers.level("linux") == 3
        assert store.quiz_holder() is None
        store.hold_quiz("a1")
        store.save_session(session(mini_bank, start="last"), holder="a1")
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE session SET start = 'other'")
    conn.close()


def test_a_second_window_is_told_and_may_take_over(tmp_path: Path, mini_bank: Bank) -> None:
    with Store.open(tmp_path) as first, Store.open(tmp_path) as second:
        first.hold_quiz("first")
        first.save_session(session(mini_bank, 1), holder="first")
        holder = second.quiz_holder()
        assert holder is not None and holder.token == "first"
        with pytest.raises(QuizHeld, match="open in another skillgap window"):
            second.hold_quiz("second")
        first.save_session(session(mini_bank, 2), holder="first")  # still the first's
        assert first.holds_quiz("first") and not second.holds_quiz("second")
        second.hold_quiz("second", take_over=True)
        assert second.holds_quiz("second") and not first.holds_quiz("first")
        with pytest.raises(QuizTakenOver, match="taken over"):
            first.save_session(session(mini_bank, 4), holder="first")
        assert second.load_session().answers.level("linux") == 2  # type: ignore[union-attr]
        second.save_session(session(mini_bank, 3), holder="second")
        second.release_quiz("second")  # closed: the first, taken over, still may not save
        with pytest.raises(QuizTakenOver):
            first.save_session(session(mini_bank, 4), holder="first")
        from skillgap.core.scoring import score

        answers = session(mini_bank, 4).answers
        with pytest.raises(QuizTakenOver):
            first.finish_session(answers, score(mini_bank, answers), holder="first")
        assert first.count_reports() == 0
        assert first.load_session().answers.level("linux") == 3  # type: ignore[union-attr]
        assert first.quiz_holder() is None  # released: a third window takes it without asking
        first.hold_quiz("third")


def test_a_window_that_closed_its_store_holds_nothing(tmp_path: Path, mini_bank: Bank) -> None:
    first = Store.open(tmp_path)
    first.hold_quiz("first")
    first.close()  # the process ends: its lock goes with it, the row still names it
    with Store.open(tmp_path) as second:
        assert second.quiz_holder() is None
        second.hold_quiz("second")  # no question asked
        assert not (tmp_path / LOCKS / "first.lock").exists()


def test_the_quiz_of_a_killed_process_is_never_blocked(tmp_path: Path, mini_bank: Bank) -> None:
    """A skillgap killed with its quiz open (no release, no close) blocks nobody."""
    script = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        from skillgap.store import Store
        store = Store.open(Path({str(tmp_path)!r}))
        store.hold_quiz("doomed")
        print("held", flush=True)
        sys.stdin.read()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with Store.open(tmp_path) as store:
            holder = store.quiz_holder()
            assert holder is not None and holder.pid == child.pid
            with pytest.raises(QuizHeld, match=f"process {child.pid}"):
                store.hold_quiz("mine")
            child.kill()
            child.wait(timeout=10)
            assert store.quiz_holder() is None
            store.hold_quiz("mine")
            store.save_session(session(mini_bank), holder="mine")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)


def test_a_holder_token_is_letters_and_digits(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store, pytest.raises(ValueError):
        store.hold_quiz("../escape")
