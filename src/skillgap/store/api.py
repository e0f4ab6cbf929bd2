"""Saved reports, the quiz in progress, the learning plan and settings, in one SQLite file in
the data folder (store/database.py opens, checks and migrates the file).

Every write is one transaction; the file is in WAL mode with a busy timeout, so several
instances can save at once and a killed process loses at most the write it was making. The
schema is versioned with `PRAGMA user_version` and migrated forward. A file that is damaged, is
not a skillgap database, or comes from a newer skillgap is reported and never written to.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from skillgap.core.model import PLAN_STATUSES, Answers, PlanEntry, Result
from skillgap.core.quiz import STARTS, Session
from skillgap.core.report import Report, ReportSummary
from skillgap.escape import one_line
from skillgap.formats.json_reader import FormatError, kind_of, show
from skillgap.formats.report_json import (
    answers_from_json,
    answers_to_json,
    check_person_name,
    dumps,
    result_from_json,
    result_to_json,
    timestamp,
)
from skillgap.store.database import (
    ReportNotFound,
    ReportUnreadable,
    StoreCorrupt,
    StoreError,
    check_integrity,
    connect,
    transaction,
    translate,
)
from skillgap.store.lock import Holder, LiveLock, QuizHeld, QuizTakenOver, is_alive

SESSION_MODES = ("quick", "full")
#: The columns a ReportSummary is read from (Store._summary), all in the reports_by_time index.
_SUMMARY = "id, created_at, bank_name, bank_version, scores, mode, name"


def default_data_dir() -> Path:
    """$SKILLGAP_DATA_DIR, else the platform's user data folder for skillgap."""
    env = os.environ.get("SKILLGAP_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("skillgap", appauthor=False))


# -- the store --------------------------------------------------------------------------------


class Store:
    """One open database. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool = False) -> None:
        self.path = path
        self._conn = conn
        #: Opened for reading only (the data folder cannot be written): saving fails clearly.
        self.read_only = read_only
        self._lock = threading.RLock()
        self._checked = False  # PRAGMA quick_check passed: this file may be written
        #: The live locks of the quiz holders this Store made (store/lock.py), by token.
        self._live: dict[str, LiveLock] = {}

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Store:
        """Open (creating if needed) the database in `data_dir`, migrating it forward."""
        directory = Path(data_dir) if data_dir is not None else default_data_dir()
        path, conn, read_only = connect(directory)
        return cls(path, conn, read_only)

    def close(self) -> None:
        with self._lock:
            for live in self._live.values():
                live.release()
            self._live.clear()
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise translate(exc, self.path, doing) from None

    @contextmanager
    def _transaction(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        with transaction(self._conn, durable) as conn:
            yield conn

    @contextmanager
    def _write(self, doing: str, durable: bool = True) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise StoreError(
                f"{self.path}: {doing}: the data folder {self.path.parent} is read-only"
                " (saved reports can still be listed, shown and exported)"
            )
        with self._lock, self._errors(doing):
            if not self._checked:
                # Once per Store, before its first write: a damaged file is never written.
                check_integrity(self._conn, self.path)
                self._checked = True
            with self._transaction(durable) as conn:
                yield conn

    @contextmanager
    def _read(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors(doing):
            yield self._conn

    # -- reports ----------------------------------------------------------------------------

    def save_report(
        self,
        answers: Answers,
        result: Result,
        created_at: datetime | None = None,
        name: str = "",
    ) -> int:
        """Save a report; `name` is the person's name or handle ("" for none)."""
        self.check_reads_back(answers, result)
        with self._write("cannot save the report") as conn:
            return _insert_report(conn, answers, result, created_at, name)

    def check_reads_back(self, answers: Answers, result: Result) -> None:
        """Refuse (ReportUnreadable) a report whose JSON the reader of get_report and
        `report show` would not read back, before anything is written: saved, it could never
        be shown, exported or compared. Once per save, a few milliseconds for a large bank."""
        try:
            answers_from_json(json.loads(dumps(answers_to_json(answers))))
            result_text = dumps(result_to_json(result))
            result_text.encode("utf-8")  # a lone surrogate cannot be stored as text
            result_from_json(json.loads(result_text))
        except (FormatError, ValueError, TypeError, RecursionError) as exc:
            raise ReportUnreadable(
                f"{self.path}: cannot save the report: it would not read back"
                f" ({one_line(str(exc))}); nothing was saved"
            ) from None

    def import_report(
        self, answers: Answers, result: Result, created_at: datetime, name: str = ""
    ) -> tuple[int, bool]:
        """Save a report read from a file unless the same one (time, bank, answers) is here,
        keeping the person's `name`. Returns its id and whether it was added."""
        self.check_reads_back(answers, result)
        answers_text = dumps(answers_to_json(answers))
        with self._write("cannot import the report") as conn:
            row = conn.execute(
                "SELECT id FROM reports JOIN report_data ON report_id = id"
                " WHERE created_at = ? AND bank_name = ? AND answers = ?",
                (timestamp(created_at), result.bank_name, answers_text),
            ).fetchone()
            if row is not None:
                return int(row[0]), False
            return _insert_report(conn, answers, result, created_at, name), True

    def list_reports(
        self, limit: int | None = None, offset: int = 0, damaged: list[StoreCorrupt] | None = None
    ) -> list[ReportSummary]:
        """Summaries, newest first (created_at, then id). Reads only the summary columns. A
        damaged row raises StoreCorrupt naming its id; given a `damaged` list, it is left out
        and its error added there instead (`limit` and `offset` count it all the same, so pages
        stay whole)."""
        with self._read("cannot list reports") as conn:
            rows = conn.execute(
                f"SELECT {_SUMMARY} FROM reports"
                " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                (-1 if limit is None else max(0, limit), max(0, offset)),
            ).fetchall()
        return self._summaries(rows, damaged)

    def previous_reports(
        self, report_ids: Iterable[int], damaged: list[StoreCorrupt] | None = None
    ) -> dict[int, ReportSummary]:
        """For each id, the summary of the report of the same bank and mode (Quick or Full)
        saved just before it, for "change since last time". Ids with no earlier report are
        left out, and so are those whose earlier report is damaged when `damaged` is given
        (as list_reports)."""
        ids = list(dict.fromkeys(report_ids))
        if not ids:
            return {}
        with self._read("cannot list reports") as conn:
            pairs = []
            for chunk in _chunks(ids, 500):
                pairs += conn.execute(
                    # A row-value comparison, so the search is one range of reports_by_bank.
                    "SELECT r.id, (SELECT p.id FROM reports p WHERE p.bank_name = r.bank_name"
                    " AND p.mode = r.mode AND (p.created_at, p.id) < (r.created_at, r.id)"
                    " ORDER BY p.bank_name DESC, p.mode DESC, p.created_at DESC, p.id DESC"
                    " LIMIT 1)"
                    f" FROM reports r WHERE r.id IN ({_marks(chunk)})",
                    chunk,
                ).fetchall()
            previous = {int(rid): int(pid) for rid, pid in pairs if pid is not None}
            rows = []
            for chunk in _chunks(sorted(set(previous.values())), 500):
                rows += conn.execute(
                    f"SELECT {_SUMMARY} FROM reports WHERE id IN ({_marks(chunk)})",
                    chunk,
                ).fetchall()
        by_id = {s.id: s for s in self._summaries(rows, damaged)}
        return {rid: by_id[pid] for rid, pid in previous.items() if pid in by_id}

    def _summaries(
        self, rows: list[tuple[Any, ...]], damaged: list[StoreCorrupt] | None
    ) -> list[ReportSummary]:
        if damaged is None:
            return list(map(self._summary, rows))
        found = []
        for row in rows:
            try:
                found.append(self._summary(row))
            except StoreCorrupt as exc:
                damaged.append(exc)
        return found

    def _summary(self, row: tuple[Any, ...]) -> ReportSummary:
        """One row of the reports table, every column checked: a file edited or damaged
        outside skillgap may hold any type in any column (SQLite does not enforce them)."""
        rid, created, bank_name, bank_version, scores_text, mode, person = row
        scores: dict[str, float] = {}
        names: dict[str, str] = {}
        essentials: dict[str, tuple[int, int]] = {}
        try:
            # [role id, name, fit] and, since essentials are recorded, [..., met, total]. Exact
            # types (no bool), and a range test that NaN, infinity and huge numbers all fail.
            entries = json.loads(scores_text) if type(scores_text) is str else None
            if type(entries) is not list:
                raise ValueError("not a list")
            for role_id, name, score, *counts in entries:
                if type(role_id) is not str or type(name) is not str:
                    raise ValueError("a role id or name is not text")
                if type(score) not in (int, float) or not 0 <= score <= 100:
                    raise ValueError("a fit is not a number 0-100")
                scores[role_id] = float(score)
                names[role_id] = name
                if counts:
                    met, total = counts
                    if type(met) is not int or type(total) is not int or not 0 <= met <= total:
                        raise ValueError("essentials are not whole numbers, met of total")
                    essentials[role_id] = (met, total)
            if type(bank_name) is not str or type(bank_version) is not str:
                raise ValueError("the bank is not text")
            if type(person) is not str or (person and person != check_person_name(person)):
                raise ValueError("the name is not a name")
        except (ValueError, TypeError, OverflowError, RecursionError):
            raise StoreCorrupt(f"{self.path}: report {rid} has a damaged summary", rid) from None
        return ReportSummary(
            id=rid,
            created_at=self._time(created, f"report {rid}", rid),
            bank_name=bank_name,
            bank_version=bank_version,
            scores=scores,
            role_names=names,
            mode="quick" if mode == "quick" else "full",
            essentials=essentials,
            name=person,
        )

    def count_reports(self) -> int:
        with self._read("cannot count reports") as conn:
            return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])

    def get_report(self, report_id: int) -> Report:
        """The report in full, read with the reader `report import` uses (every field
        checked). A damaged row raises StoreCorrupt naming the report; nothing is changed."""
        with self._read(f"cannot read report {report_id}") as conn:
            row = conn.execute(
                "SELECT id, created_at, bank_name, bank_version, answers, result, name"
                " FROM reports LEFT JOIN report_data ON report_id = id WHERE id = ?",
                (report_id,),
            ).fetchone()
        if row is None:
            raise ReportNotFound(f"{self.path}: there is no report {report_id}")
        rid, created, bank_name, bank_version, answers_text, result_text, name = row
        what = f"report {rid}"
        try:
            if answers_text is None or result_text is None:
                raise ValueError("its answers and result are missing")
            answers = answers_from_json(json.loads(answers_text))
            result = result_from_json(json.loads(result_text))
            if not (isinstance(bank_name, str) and isinstance(bank_version, str)):
                raise ValueError("its bank is not text")
            if not isinstance(name, str):
                raise ValueError("its name is not text")
            name = check_person_name(name)
        except (FormatError, ValueError, TypeError, RecursionError) as exc:
            raise StoreCorrupt(f"{self.path}: {what} is damaged ({exc})", rid) from None
        created_at = self._time(created, what, rid)
        return Report(int(rid), created_at, bank_name, bank_version, answers, result, name)

    def delete_report(self, report_id: int) -> None:
        with self._write(f"cannot delete report {report_id}") as conn:
            if conn.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount == 0:
                raise ReportNotFound(f"{self.path}: there is no report {report_id}")
            conn.execute("DELETE FROM report_data WHERE report_id = ?", (report_id,))

    # -- the quiz in progress ---------------------------------------------------------------

    def save_session(self, session: Session, holder: str | None = None) -> None:
        """Replace the quiz in progress. Called on every answer: one small row, no fsync.
        Given the `holder` token of the window saving (hold_quiz), nothing is written unless
        that window still holds the quiz: QuizTakenOver says another one took it over."""
        if session.mode not in SESSION_MODES:
            raise ValueError(f"session mode must be one of {SESSION_MODES}")
        if session.start not in STARTS:
            raise ValueError(f"session start must be one of {STARTS}")
        row = (
            session.bank_name,
            session.bank_version,
            session.mode,
            dumps(answers_to_json(session.answers)),
            session.position,
            timestamp(session.started_at),
            timestamp(session.updated_at),
            session.start,
        )
        with self._write("cannot save the quiz in progress", durable=False) as conn:
            if holder is not None:
                self._still_held(conn, holder)
                conn.execute(
                    "UPDATE quiz_holder SET seen_at = ? WHERE only = 1",
                    (timestamp(session.updated_at),),
                )
            conn.execute(
                "INSERT OR REPLACE INTO session (only, bank_name, bank_version, mode, answers,"
                " position, started_at, updated_at, start) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )

    def load_session(self) -> Session | None:
        """The quiz in progress, or None. A row that cannot be read is left in place, unused."""
        with self._read("cannot read the quiz in progress") as conn:
            row = conn.execute(
                "SELECT bank_name, bank_version, mode, answers, position, started_at,"
                " updated_at, start FROM session WHERE only = 1"
            ).fetchone()
        if row is None:
            return None
        bank_name, bank_version, mode, answers_text, position, started, updated, start = row
        try:
            return Session(
                bank_name=bank_name,
                bank_version=bank_version,
                mode=mode if mode in SESSION_MODES else "full",
                answers=answers_from_json(json.loads(answers_text)),
                position=int(position),
                started_at=self._time(started, "the quiz in progress"),
                updated_at=self._time(updated, "the quiz in progress"),
                start="last" if start == "last" else "fresh",
            )
        except (FormatError, ValueError, TypeError, RecursionError, StoreError):
            return None

    def clear_session(self) -> None:
        with self._write("cannot clear the quiz in progress") as conn:
            conn.execute("DELETE FROM session")

    def finish_session(
        self,
        answers: Answers,
        result: Result,
        plan_updates: Iterable[PlanEntry] = (),
        holder: str | None = None,
        name: str = "",
    ) -> int:
        """Save the finished quiz as a report and clear it, in one transaction, with any plan
        entries to update (plan.reached_entries: steps the new answers reach are done). A
        report that would not read back is refused and the quiz kept in progress. Given the
        `holder` token, nothing is saved once another window has taken the quiz over. `name`:
        the person's name or handle the report carries (app.settings.person_name)."""
        self.check_reads_back(answers, result)
        with self._write("cannot save the report") as conn:
            if holder is not None:
                self._still_held(conn, holder)
            report_id = _insert_report(conn, answers, result, None, name)
            conn.execute("DELETE FROM session")
            _upsert_plan(conn, result.bank_name, plan_updates)
            if holder is not None:
                conn.execute("UPDATE quiz_holder SET released = 1 WHERE token = ?", (holder,))
            return report_id

    # -- who has the quiz in progress open (store/lock.py) ----------------------------------

    def hold_quiz(self, token: str, *, take_over: bool = False) -> None:
        """Make the window of `token` (letters and digits, one per quiz screen) the one that
        may save the quiz in progress. QuizHeld when another skillgap still running has it
        open, unless `take_over`: that one's next save then fails (QuizTakenOver). The quiz
        of a window that ended, however it ended, is taken without asking."""
        live = self._live.get(token) or LiveLock(self.path.parent, token)
        live.acquire()  # before the row names it: whoever reads the row sees it alive
        self._live[token] = live
        moment = datetime.now(timezone.utc)
        try:
            with self._write("cannot open the quiz in progress") as conn:
                current = self._holder(conn)
                if (
                    current is not None
                    and current.token != token
                    and not take_over
                    and is_alive(self.path.parent, current, moment)
                ):
                    raise QuizHeld(held_message(current), current)
                conn.execute(
                    "INSERT OR REPLACE INTO quiz_holder (only, token, pid, since, seen_at,"
                    " released) VALUES (1, ?, ?, ?, ?, 0)",
                    (token, os.getpid(), timestamp(moment), timestamp(moment)),
                )
        except BaseException:
            self._live.pop(token).release()
            raise

    def quiz_holder(self) -> Holder | None:
        """The skillgap still running that has the quiz in progress open, or None (nobody,
        or a window that closed or died). This Store's own windows count too."""
        with self._read("cannot read who has the quiz open") as conn:
            holder = self._holder(conn)
        if holder is None or not is_alive(self.path.parent, holder, datetime.now(timezone.utc)):
            return None
        return holder

    def holds_quiz(self, token: str) -> bool:
        """Whether the window of `token` still holds the quiz in progress (no other window
        took it over since). One small read: a quiz screen asks every few seconds."""
        with self._read("cannot read who has the quiz open") as conn:
            row = conn.execute("SELECT token FROM quiz_holder WHERE only = 1").fetchone()
        return row is not None and row[0] == token

    def release_quiz(self, token: str) -> None:
        """The window of `token` closes the quiz (it stays in progress, to resume)."""
        live = self._live.pop(token, None)
        try:
            if not self.read_only:
                with self._write("cannot release the quiz in progress") as conn:
                    conn.execute("UPDATE quiz_holder SET released = 1 WHERE token = ?", (token,))
        finally:
            if live is not None:
                live.release()

    def _holder(self, conn: sqlite3.Connection) -> Holder | None:
        """The holder row, unless released or unreadable (then nobody holds the quiz)."""
        row = conn.execute(
            "SELECT token, pid, since, seen_at FROM quiz_holder WHERE only = 1 AND released = 0"
        ).fetchone()
        if row is None:
            return None
        token, pid, since, seen_at = row
        try:
            return Holder(
                str(token),
                int(pid),
                self._time(since, "the quiz holder"),
                self._time(seen_at, "the quiz holder"),
            )
        except (StoreError, TypeError, ValueError):
            return None

    def _still_held(self, conn: sqlite3.Connection, token: str) -> None:
        row = conn.execute("SELECT token, pid, since FROM quiz_holder WHERE only = 1").fetchone()
        if row is not None and row[0] != token:
            raise QuizTakenOver(
                f"the quiz in progress was taken over by another skillgap (process {row[1]});"
                " this window no longer saves its answers"
            )
        if row is None:
            raise QuizTakenOver(
                "the quiz in progress is no longer held by this window; reopen it to carry on"
            )

    # -- the learning plan ------------------------------------------------------------------

    def get_plan(self, bank_name: str) -> dict[str, PlanEntry]:
        """The plan for one bank, by question id (every status, not relevant included)."""
        with self._read("cannot read the plan") as conn:
            rows = conn.execute(
                "SELECT question_id, status, target, updated_at FROM plan WHERE bank_name = ?"
                " ORDER BY question_id",
                (bank_name,),
            ).fetchall()
        plan = {}
        for qid, status, target, updated in rows:
            if status not in PLAN_STATUSES:
                continue  # the CHECK constraint keeps these out; never trust a file blindly
            plan[qid] = PlanEntry(
                qid,
                status,
                int(target) if target is not None else None,
                self._time(updated, "plan"),
            )
        return plan

    def set_plan(self, bank_name: str, entries: Iterable[PlanEntry]) -> None:
        """Add or update plan entries, one transaction. An entry with no target keeps the one
        stored; one with no time is stamped now."""
        with self._write("cannot save the plan") as conn:
            _upsert_plan(conn, bank_name, entries)

    def remove_from_plan(self, bank_name: str, question_ids: Iterable[str]) -> None:
        with self._write("cannot save the plan") as conn:
            conn.executemany(
                "DELETE FROM plan WHERE bank_name = ? AND question_id = ?",
                [(bank_name, qid) for qid in question_ids],
            )

    # -- settings ---------------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        with self._read("cannot read settings") as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self._write("cannot save settings") as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def get_flag(self, key: str, default: bool = True) -> bool:
        """An on/off setting ("on" / "off"), e.g. checks.CHECKS_SETTING or
        adaptive.ADAPTIVE_SETTING; `default` when unset or unreadable."""
        value = self.get_setting(key)
        return default if value not in ("on", "off") else value == "on"

    def set_flag(self, key: str, on: bool) -> None:
        self.set_setting(key, "on" if on else "off")

    def _time(self, text: str, what: str, report_id: int | None = None) -> datetime:
        try:
            moment = datetime.fromisoformat(text)
        except (TypeError, ValueError):
            raise StoreCorrupt(
                f"{self.path}: {what} has a damaged time"
                f" {show(text) if isinstance(text, str) else f'({kind_of(text)}, not text)'}",
                report_id,
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment


def held_message(holder: Holder) -> str:
    """One line saying where the quiz in progress is open."""
    since = holder.since.astimezone().strftime("%H:%M")
    return (
        f"the quiz in progress is open in another skillgap window (process {holder.pid},"
        f" since {since})"
    )


# -- helpers ----------------------------------------------------------------------------------


def _upsert_plan(conn: sqlite3.Connection, bank_name: str, entries: Iterable[PlanEntry]) -> None:
    rows = []
    for e in entries:
        if e.status not in PLAN_STATUSES:
            raise ValueError(f"plan status must be one of {PLAN_STATUSES}")
        if e.target is not None and not 0 <= e.target <= 4:
            raise ValueError("a plan target must be a level 0-4")
        when = e.updated_at if e.updated_at is not None else datetime.now(timezone.utc)
        rows.append((bank_name, e.question_id, e.status, e.target, timestamp(when)))
    conn.executemany(
        "INSERT INTO plan (bank_name, question_id, status, target, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (bank_name, question_id) DO UPDATE SET"
        " status = excluded.status, target = coalesce(excluded.target, plan.target),"
        " updated_at = excluded.updated_at",
        rows,
    )


def _insert_report(
    conn: sqlite3.Connection,
    answers: Answers,
    result: Result,
    created_at: datetime | None,
    name: str = "",
) -> int:
    moment = created_at if created_at is not None else datetime.now(timezone.utc)
    scores = dumps([[r.role_id, r.name, r.score, *(r.essentials or ())] for r in result.roles])
    cursor = conn.execute(
        "INSERT INTO reports (created_at, bank_name, bank_version, scores, mode, name)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            timestamp(moment),
            result.bank_name,
            result.bank_version,
            scores,
            "quick" if result.mode == "quick" else "full",
            check_person_name(name),
        ),
    )
    report_id = cursor.lastrowid
    assert report_id is not None
    conn.execute(
        "INSERT INTO report_data (report_id, answers, result) VALUES (?, ?, ?)",
        (report_id, dumps(answers_to_json(answers)), dumps(result_to_json(result))),
    )
    return report_id


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


def _chunks(items: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
