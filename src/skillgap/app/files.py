"""Writing the files a person asks for (exports, answers templates): the whole file or nothing,
and a message that says what to do when it cannot be written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from skillgap.errors import ExitCode, SkillgapError, UsageError
from skillgap.escape import one_line


class CannotWrite(SkillgapError):
    """The file named cannot be written. Exit 2 when its folder does not exist (the path is
    wrong: the message says to create the folder), else 1 (the system refused: permissions,
    a full disk, a file where the folder should be)."""

    def __init__(self, path: Path, exc: OSError) -> None:
        folder = path.parent
        missing = not folder.exists()
        if missing:
            why = f" (the folder {one_line(str(folder))} does not exist; create it first)"
        elif not folder.is_dir():
            why = f" ({one_line(str(folder))} is a file, not a folder)"
        else:
            why = ""
        super().__init__(
            f"{one_line(str(path))}: cannot write: {one_line(str(exc.strerror or exc))}{why}"
        )
        self.exit_code = ExitCode.USAGE if missing else ExitCode.FAILURE


def write_atomically(path: Path, text: str, *, force: bool = True) -> None:
    """Write the whole file or nothing: a temporary file beside it, renamed into place. With
    `force=False` an existing file is refused (UsageError) and left as it is.

    A symbolic link at `path` is replaced by the file, never written through: the rename
    replaces the link itself, so its target (which may not exist, or be someone else's file)
    is left as it is. A link counts as existing even when it points nowhere."""
    if not force and (path.exists() or path.is_symlink()):
        what = "a link" if path.is_symlink() else "a file"
        raise UsageError(
            f"{one_line(str(path))} already exists ({what}); pass --force to overwrite it"
        )
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise CannotWrite(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, 0o644 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise CannotWrite(path, exc) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
