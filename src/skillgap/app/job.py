"""A job ad, read from a file or standard input into a role of the bank (core.job), and that
role written in the public bank format, so `skillgap validate` accepts it in a bank's roles/.

Reading an ad refuses, each in one line naming the file: an ad over the size cap, a binary
file, text that is not UTF-8, an empty ad, and an ad in which no keyword of the bank matched.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import BinaryIO

from skillgap.core.job import JobReading, KeywordIndex, read_job
from skillgap.core.model import Bank
from skillgap.errors import UsageError
from skillgap.escape import one_line
from skillgap.formats.limits import MAX_JOB_AD_BYTES

#: Words not understood that an error for an ad with no match names, at most.
SHOWN_UNKNOWN = 8


class JobAdError(UsageError):
    """A job ad that cannot be read: too big, binary, not UTF-8, empty, or nothing in it
    recognisable."""


def ad_name(name: str) -> str:
    return "standard input" if name == "-" else one_line(name)


def read_ad(name: str, stdin: BinaryIO | None = None) -> str:
    """The text of the ad at `name` ("-" for standard input), at most MAX_JOB_AD_BYTES of UTF-8
    text; JobAdError otherwise."""
    shown = ad_name(name)
    try:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read(MAX_JOB_AD_BYTES + 1)
        else:
            path = Path(name)
            if path.is_dir():
                raise JobAdError(f"{shown}: is a folder, not a job ad (a text or Markdown file)")
            with path.open("rb") as f:
                data = f.read(MAX_JOB_AD_BYTES + 1)
    except FileNotFoundError:
        raise JobAdError(f"{shown}: file not found") from None
    except OSError as exc:
        reason = one_line(exc.strerror or str(exc))
        raise JobAdError(f"{shown}: cannot read it ({reason})") from None
    if len(data) > MAX_JOB_AD_BYTES:
        raise JobAdError(f"{shown}: the job ad is over {MAX_JOB_AD_BYTES // (1 << 20)} MiB")
    if b"\x00" in data:
        raise JobAdError(f"{shown}: a binary file, not a job ad (a text or Markdown file)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JobAdError(f"{shown}: not UTF-8 text (byte {exc.start + 1} is not)") from None
    if not text.strip():
        raise JobAdError(f"{shown}: the job ad is empty")
    return text


def read_job_ad(
    name: str, bank: Bank, stdin: BinaryIO | None = None, index: KeywordIndex | None = None
) -> JobReading:
    """The role the ad at `name` asks for; JobAdError when nothing in it names a question."""
    text = read_ad(name, stdin)
    if not any(q.keywords for q in bank.questions.values()):
        raise JobAdError(
            f"{ad_name(name)}: the bank's questions list no keywords, so no job ad can match"
            " (see keywords in questions/README.md)"
        )
    reading = read_job(text, bank, index)
    if not reading.matches:
        unknown = ", ".join(one_line(w) for w in reading.unknown[:SHOWN_UNKNOWN])
        also = f"; not understood: {unknown}" if unknown else ""
        raise JobAdError(
            f"{ad_name(name)}: nothing in the job ad matches a skill of the bank{also}"
        )
    return reading


def bank_with_job(bank: Bank, reading: JobReading) -> Bank:
    """The bank with the job's role beside its own, last."""
    return dataclasses.replace(bank, roles=(*bank.roles, reading.role))
