"""The SQLite file under the store: opening it safely, its schema and migrations, and turning
SQLite's errors into one clear line.

A file that is damaged, is not a skillgap database, or comes from a newer skillgap is refused
before anything is written to it. The schema is versioned with `PRAGMA user_version`;
MIGRATIONS[n] takes it from version n to n + 1.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from skillgap.errors import ExitCode, SkillgapError

DB_NAME = "skillgap.db"
BUSY_TIMEOUT_MS = 10_000


class StoreError(SkillgapError):
    """The store cannot do what was asked; str() is one line naming the file. Exit 1 for a
    runtime failure (the folder cannot be written), 2 for bad input."""


class ReportNotFound(StoreError):
    exit_code = ExitCode.USAGE
    hint = "see: skillgap report list"


class StoreCorrupt(StoreError):
    """The file is damaged or is not a skillgap database; it is left as it is. A damaged
    report row carries its id: the rest of the file can still be read."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, report_id: int | None = None) -> None:
        super().__init__(message)
        self.report_id = report_id


class ReportUnreadable(StoreError):
    """A report that would not read back once saved (`report show`'s reader refuses it, e.g. a
    bank past the limits of formats/limits.py through a hostile cache): nothing is saved."""

    exit_code = ExitCode.USAGE


class StoreTooNew(StoreError):
    """The file was written by a newer skillgap; it is left as it is."""

    exit_code = ExitCode.USAGE


class ReportFileError(StoreError):
    """A report file to import is unreadable or not a valid report."""

    exit_code = ExitCode.USAGE


# -- schema -----------------------------------------------------------------------------------

# MIGRATIONS[n] takes the schema from version n to n + 1. Append, never edit a released one.
_V1 = """
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused after a delete
    created_at   TEXT NOT NULL,  -- UTC ISO 8601, microseconds, fixed width: text order = time
    bank_name    TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    -- Denormalised for listing: [[role_id, role_name, score], ...] in the bank's role order.
    scores       TEXT NOT NULL
);
-- Covering: listing the newest N reads N index entries and nothing else.
CREATE INDEX reports_by_time ON reports (created_at DESC, id DESC, bank_name, bank_version, scores);
CREATE INDEX reports_by_bank ON reports (bank_name, created_at, id);
-- The full report, kept apart so the summary rows stay small and dense.
CREATE TABLE report_data (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    answers   TEXT NOT NULL,  -- JSON, formats.report_json.answers_to_json
    result    TEXT NOT NULL   -- JSON, formats.report_json.result_to_json, as computed then
);
CREATE TABLE session (
    only         INTEGER PRIMARY KEY CHECK (only = 1),
    bank_name    TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    mode         TEXT NOT NULL,
    answers      TEXT NOT NULL,
    position     INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        # executescript would COMMIT the open transaction; run statement by statement instead.
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return migrate


# Version 2: the learning plan, kept across assessments, one row per question of a bank.
_V2 = """
CREATE TABLE plan (
    bank_name   TEXT NOT NULL,
    question_id TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'learning', 'done', 'not_relevant')),
    target      INTEGER CHECK (target BETWEEN 0 AND 4),  -- NULL: not known
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (bank_name, question_id)
) WITHOUT ROWID;
"""

# Version 3: each report's quiz mode, so lists compare a Quick report with the Quick one before
# it. Reports saved before were scored over every question: 'full'. Both indexes are rebuilt
# with the mode: listing stays a covering scan, the previous report of a mode one range.
_V3 = """
ALTER TABLE reports ADD COLUMN mode TEXT NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'quick'));
DROP INDEX reports_by_time;
CREATE INDEX reports_by_time
    ON reports (created_at DESC, id DESC, bank_name, bank_version, scores, mode);
DROP INDEX reports_by_bank;
CREATE INDEX reports_by_bank ON reports (bank_name, mode, created_at, id);
"""

# Version 4: how the quiz in progress started ('last': from the last report's answers, or
# 'fresh'), so a resumed quiz starts as chosen; a quiz saved before started fresh. And the one
# window holding the quiz in progress (store/lock.py): its saves are conditional on this row.
_V4 = """
ALTER TABLE session
    ADD COLUMN start TEXT NOT NULL DEFAULT 'fresh' CHECK (start IN ('fresh', 'last'));
CREATE TABLE quiz_holder (
    only     INTEGER PRIMARY KEY CHECK (only = 1),
    token    TEXT NOT NULL,     -- one per quiz screen: store/lock.py
    pid      INTEGER NOT NULL,
    since    TEXT NOT NULL,     -- UTC ISO 8601, when it took the quiz
    seen_at  TEXT NOT NULL,     -- its last save
    released INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1))
);
"""

# Version 5: the person's name or handle on each report (issue 19), '' when it has none (every
# report saved before). Not in the listing index: lists do not show it.
_V5 = """
ALTER TABLE reports ADD COLUMN name TEXT NOT NULL DEFAULT '';
"""

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _script(_V1),
    _script(_V2),
    _script(_V3),
    _script(_V4),
    _script(_V5),
]
_TABLES = {"reports", "report_data", "session", "settings", "plan", "quiz_holder"}


def schema_version() -> int:
    """The schema version this skillgap writes."""
    return len(MIGRATIONS)


# -- opening --------------------------------------------------------------------------------


def connect(directory: Path) -> tuple[Path, sqlite3.Connection, bool]:
    """Open (creating if needed) the database in `directory`, checked and migrated forward.
    The third value is True when it was opened read-only: the folder cannot be written, but
    the reports already saved can still be read (and exported)."""
    path = directory / DB_NAME
    make_dir(directory)
    if not folder_writable(directory) and _has_data(path):
        check_file(path)
        return path, open_read_only(path), True
    check_file(path)
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise translate(exc, path, "cannot open") from None
    try:
        prepare(conn, path)
    except StoreError as exc:
        conn.close()
        text = str(exc).lower()
        cannot_write = any(w in text for w in ("unable to open", "readonly", "read-only"))
        if type(exc) is not StoreError or not cannot_write or not _has_data(path):
            raise
        try:  # e.g. the folder refuses the -wal and -shm files: read what is saved
            return path, open_read_only(path), True
        except StoreError:
            raise exc from None
    except BaseException:
        conn.close()
        raise
    return path, conn, False


def folder_writable(directory: Path) -> bool:
    return os.access(directory, os.W_OK | os.X_OK)


def _has_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def open_read_only(path: Path) -> sqlite3.Connection:
    """The database opened for reading only (sqlite URI mode=ro), checked like any other. In a
    folder where SQLite cannot create the -shm file, and with no -wal pending, it is read as
    immutable: nothing can write to it there."""
    from urllib.parse import quote

    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    wal = Path(f"{path}-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    last: sqlite3.Error | None = None
    for suffix in ("", "&immutable=1"):
        if suffix and pending:
            break
        try:
            conn = sqlite3.connect(
                uri + suffix,
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = check_version(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            last = exc
            continue
        except BaseException:
            conn.close()
            raise
        if version < schema_version():
            conn.close()
            raise StoreError(
                f"{path}: the data folder is read-only and the database is from an older"
                " skillgap; it cannot be updated here. The file was not changed."
            )
        return conn
    assert last is not None
    raise translate(last, path, "cannot open it read-only")


# -- opening ----------------------------------------------------------------------------


def prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Set the connection up, refusing a file it cannot use, and migrate it forward."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = check_version(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        if version == 0:
            # A new file. An existing one keeps the journal mode it has: converting it is
            # a write, and a file not yet known to be sound is never written to.
            mode = retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
            if str(mode[0]).lower() != "wal":
                raise StoreError(f"{path}: cannot switch to WAL mode (got {mode[0]})")
        if version < schema_version():
            if version > 0:
                check_integrity(conn, path)  # migrating writes: an old file is checked first
            migrate(conn, path)
    except sqlite3.Error as exc:
        raise translate(exc, path, "cannot open") from None


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse to write to a file SQLite finds damaged (`PRAGMA quick_check`). Reads only."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(
            f"{path} is damaged ({exc}); move it away to start afresh. It was not changed."
        ) from None
    problems = [str(row[0]) for row in rows if str(row[0]) != "ok"]
    if problems:
        raise StoreCorrupt(
            f"{path} is damaged ({problems[0]}); move it away to start afresh. It was not changed."
        )


def check_version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, refusing one this skillgap cannot use. Reads only."""
    # One read transaction, so the version and the tables come from the same moment: read
    # apart, another process's migration could commit in between and make a new file look
    # like someone else's database.
    conn.execute("BEGIN")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        } - {"sqlite_sequence"}
    finally:
        conn.execute("COMMIT")
    if version > schema_version():
        raise StoreTooNew(
            f"{path} was written by a newer skillgap (schema {version}; this one"
            f" knows up to {schema_version()}); upgrade skillgap. The file was not changed."
        )
    if version < 0:
        raise StoreCorrupt(
            f"{path} is damaged or not a skillgap database (schema version {version});"
            " move it away or use --data-dir. The file was not changed."
        )
    if version == 0 and tables:
        raise StoreCorrupt(
            f"{path} is not a skillgap database (it holds other tables);"
            " move it away or use --data-dir. The file was not changed."
        )
    if version == schema_version() and not tables >= _TABLES:
        raise StoreCorrupt(f"{path} is damaged: tables are missing. It was not changed.")
    return version


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date, one transaction, re-checked under the write lock so two
    processes opening a new file at once do not both migrate it."""
    with transaction(conn):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > schema_version():
            raise StoreTooNew(f"{path} was written by a newer skillgap")
        if version < 0:
            raise StoreCorrupt(f"{path} is not a skillgap database (schema version {version})")
        for step in range(version, schema_version()):
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")


@contextmanager
def transaction(conn: sqlite3.Connection, durable: bool = True) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at the start so concurrent writers queue, not fail."""
    if not durable:
        # A session update survives a killed process without an fsync; reports get one.
        conn.execute("PRAGMA synchronous = NORMAL")
    try:
        retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                # The first error is the one to report (SQLite may have rolled back itself).
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
    finally:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")


def make_dir(directory: Path) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        if directory.is_symlink():
            try:
                target = f" (to {os.readlink(directory)})"
            except OSError:
                target = ""
            raise StoreError(
                f"{directory}: cannot use it as the data folder: it is a broken link{target}"
            ) from None
        raise StoreError(f"{directory}: cannot use it as the data folder: it is a file") from None
    except OSError as exc:
        raise StoreError(
            f"{directory}: cannot create the data folder: {exc.strerror or exc}"
        ) from None
    if not directory.is_dir():
        raise StoreError(f"{directory}: cannot use it as the data folder: not a folder")


_MAGIC = b"SQLite format 3\x00"


def check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is plainly not a database or is cut short.
    A missing file is created empty with owner-only permissions (SQLite fills it in)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        try:
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the database: {exc.strerror or exc}") from None
        return
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a database file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the database: {exc.strerror or exc}") from None
    try:
        size = os.fstat(fd).st_size
        header = os.read(fd, 100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the database: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    wal = Path(f"{path}-wal")
    if size == 0:
        if wal.exists() and wal.stat().st_size > 0:
            # SQLite would take the file as new and reset the WAL, losing what it holds.
            raise StoreCorrupt(
                f"{path} is damaged: it is empty but {wal.name} holds data (saved reports may"
                " be in it); restore the database file beside it. Neither file was changed."
            )
        return  # created but never written: nothing to lose
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise StoreCorrupt(
            f"{path} is not a SQLite database (damaged or replaced); move it away to start"
            " afresh. The file was not changed."
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = pages > 0 and header[24:28] == header[92:96]
    pending = any(
        Path(f"{path}{suffix}").exists() and Path(f"{path}{suffix}").stat().st_size > 0
        for suffix in ("-wal", "-journal")
    )
    # With a WAL or journal pending the file may legitimately be short until recovery.
    if header_size_valid and not pending and size < pages * page_size:
        raise StoreCorrupt(
            f"{path} is damaged: it is cut short ({size:,} of {pages * page_size:,} bytes);"
            " move it away to start afresh. The file was not changed."
        )


def translate(exc: sqlite3.Error, path: Path, doing: str) -> StoreError:
    message = str(exc) or type(exc).__name__
    lowered = message.lower()
    if any(word in lowered for word in ("malformed", "not a database", "corrupt")):
        return StoreCorrupt(
            f"{path} is damaged ({message}); {doing}. Move it away to start afresh;"
            " it was not changed."
        )
    code = getattr(exc, "sqlite_errorname", None) or ""
    if code == "SQLITE_FULL" or "disk is full" in lowered:
        return StoreError(
            f"{path}: {doing}: the disk is full (or the database reached its size limit);"
            f" free some space and try again. Nothing was written ({message})"
        )
    if code.startswith("SQLITE_IOERR_") and code[13:] in ("WRITE", "FSYNC", "TRUNCATE"):
        return StoreError(
            f"{path}: {doing}: the file could not be written (a full disk, the file-size"
            f" limit, or a failing disk); nothing was saved ({message})"
        )
    if "locked" in lowered or "busy" in lowered:
        return StoreError(f"{path}: {doing}: the database is busy in another skillgap ({message})")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"{path}: {doing}: the database is read-only ({message})")
    return StoreError(f"{path}: {doing}: {message}")


def retry_busy(action: Callable[[], Any], timeout: float = BUSY_TIMEOUT_MS / 1000) -> Any:
    """Run `action`, retrying while the database is locked: SQLite's busy handler does not
    cover every case (taking a lock while another connection converts the file to WAL)."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
