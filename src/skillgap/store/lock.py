"""Which skillgap window has the quiz in progress open, so two windows on one data folder never
overwrite each other's answers.

The holder is one row of the database (`quiz_holder`: a token per quiz screen, its process id
and when it took the quiz). Every save of the quiz in progress is conditional on that row still
naming the saver's token, checked in the same write transaction (`Store.save_session`): a window
whose quiz was taken over by another gets `QuizTakenOver` and saves nothing more.

Whether a holder is still alive is an `flock` on a small file of its own, `locks/<token>.lock`
in the data folder, held for as long as its window has the quiz open. The kernel drops it when
the process ends, however it ends, so the quiz of a window that crashed or was killed is never
blocked: the next window takes it without asking. Where `fcntl` does not exist (Windows) a
holder counts as alive until `STALE` after its last save.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from skillgap.store.database import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: The folder of the data folder holding one lock file per window with the quiz open.
LOCKS = "locks"
#: Without flock: how long after its last save a holder still counts as alive.
STALE = timedelta(minutes=15)


@dataclass(frozen=True)
class Holder:
    """The window that has the quiz in progress open."""

    token: str
    pid: int
    #: When it took the quiz, and when it last saved an answer.
    since: datetime
    seen_at: datetime


class QuizHeld(StoreError):
    """The quiz in progress is open in another skillgap that is still running."""

    def __init__(self, message: str, holder: Holder) -> None:
        super().__init__(message)
        self.holder = holder


class QuizTakenOver(StoreError):
    """Another skillgap has taken the quiz in progress over: this one saves nothing more."""


def lock_path(folder: Path, token: str) -> Path:
    if not token or not token.isalnum():
        raise ValueError("a holder token is letters and digits")
    return folder / LOCKS / f"{token}.lock"


class LiveLock:
    """The flock that says a window with the quiz open is alive (held until `release`)."""

    def __init__(self, folder: Path, token: str) -> None:
        self.path = lock_path(folder, token)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock (a no-op without fcntl, or when already held). A folder where the
        file cannot be made is not an error: the holder then counts as alive by its last
        save, as without fcntl."""
        if self._fd is not None or fcntl is None:
            return
        try:
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(fd)  # closing drops the flock


def is_alive(folder: Path, holder: Holder, now: datetime) -> bool:
    """Whether `holder`'s window is still running: its lock file is locked (by any process,
    this one included). A lock file that is gone or free is a window that ended; a free one is
    removed."""
    if fcntl is None:
        return now - holder.seen_at < STALE
    path = lock_path(folder, holder.token)
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return now - holder.seen_at < STALE  # cannot tell: by its last save
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return now - holder.seen_at < STALE
    else:
        with contextlib.suppress(OSError):
            path.unlink()  # a window that died without releasing it
        return False
    finally:
        os.close(fd)
