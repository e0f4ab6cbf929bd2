"""Every failure skillgap reports to a person, and the exit code it ends with.

A `SkillgapError` is an expected failure: the command line prints its lines on stderr, never a
traceback, and exits with its code; the TUI shows its message.
"""

from __future__ import annotations


class ExitCode:
    """The exit codes skillgap ends with: plain ints, since `skillgap --version` imports this
    module and `enum` would cost it a fifth of its time."""

    OK = 0
    #: Something went wrong while running: the data folder cannot be written, a file vanished.
    FAILURE = 1
    #: Bad input or usage: a malformed bank, answers file or import, a wrong option.
    USAGE = 2
    #: Ctrl+C, as a shell reports it (128 + SIGINT).
    INTERRUPTED = 130


class SkillgapError(Exception):
    """An expected failure, reported as one line (`skillgap: message (hint)`)."""

    exit_code: int = ExitCode.FAILURE
    #: What to do next, said after the message on the command line ("see: skillgap report list").
    hint: str = ""

    def lines(self) -> list[str]:
        """What the command line prints for it on stderr."""
        hint = f" ({self.hint})" if self.hint else ""
        return [f"skillgap: {self}{hint}"]


class UsageError(SkillgapError):
    """Bad input or a wrong option."""

    exit_code = ExitCode.USAGE
