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
from skillgap.core.model import Answers, Bank, Result
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
    return read_job_text(read_ad(name, stdin), bank, index, name=name)


def read_job_text(
    text: str, bank: Bank, index: KeywordIndex | None = None, *, name: str = "the job ad"
) -> JobReading:
    """The role the ad `text` (pasted, or read by read_ad) asks for; JobAdError for an ad
    empty, over the size cap, or in which nothing names a question."""
    shown = ad_name(name)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_JOB_AD_BYTES:
        raise JobAdError(f"{shown}: the job ad is over {MAX_JOB_AD_BYTES // (1 << 20)} MiB")
    if not text.strip():
        raise JobAdError(f"{shown}: the job ad is empty")
    if not any(q.keywords for q in bank.questions.values()):
        raise JobAdError(
            f"{shown}: the bank's questions list no keywords, so no job ad can match"
            " (see keywords in questions/README.md)"
        )
    reading = read_job(text, bank, index)
    if not reading.matches:
        unknown = ", ".join(one_line(w) for w in reading.unknown[:SHOWN_UNKNOWN])
        also = f"; not understood: {unknown}" if unknown else ""
        raise JobAdError(f"{shown}: nothing in the job ad matches a skill of the bank{also}")
    return reading


def edited(
    reading: JobReading,
    bank: Bank,
    *,
    dropped: frozenset[str] = frozenset(),
    targets: dict[str, int] | None = None,
) -> JobReading:
    """The reading with the requirements `dropped` (by requirement id) left out and each of
    `targets` (requirement id -> 1-4) set; a target is raised to the first level the question
    can stand at (a certification held is 4), as core.job reads one."""
    targets = targets or {}
    matches, requirements = [], []
    for match, req in zip(reading.matches, reading.role.requirements, strict=True):
        if match.requirement_id in dropped:
            continue
        wanted = targets.get(match.requirement_id)
        if wanted is not None:
            reachable = sorted(
                {lvl for q in match.question_ids for lvl in bank.questions[q].reachable_levels()}
            )
            target = max(1, next((lvl for lvl in reachable if lvl >= wanted), reachable[-1]))
            match = dataclasses.replace(match, target=target)
            req = dataclasses.replace(req, target=target)
        matches.append(match)
        requirements.append(req)
    summary = f"Read from a job ad by skillgap job: {len(matches)} requirements."
    role = dataclasses.replace(reading.role, requirements=tuple(requirements), summary=summary)
    return JobReading(role, tuple(matches), reading.unknown)


def job_fit(bank: Bank, reading: JobReading, answers: Answers | None) -> Result | None:
    """`answers` (the newest report's: app.assessment.previous_report) scored with the job's
    role beside the bank's and aimed at it (its fit, ready or not, essentials missing, Learn
    next); None without answers, or when the job asks for nothing (every requirement
    dropped)."""
    from skillgap.core.scoring import score

    if answers is None or not reading.role.requirements:
        return None
    return score(bank_with_job(bank, reading), answers, target_role=reading.role.id)


def save_job_role(
    reading: JobReading, bank: Bank, data_dir: Path, *, replace: bool = False
) -> Path:
    """Write the job's role (formats.job_role) to `data_dir`/roles/<id>.yaml, atomically;
    an existing file is refused (UsageError) unless `replace`."""
    from skillgap.app.files import write_atomically
    from skillgap.formats.job_role import role_yaml

    folder = data_dir / "roles"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = one_line(exc.strerror or str(exc))
        raise JobAdError(f"{one_line(str(folder))}: cannot make the folder ({reason})") from None
    path = folder / f"{reading.role.id}.yaml"
    write_atomically(path, role_yaml(reading, bank), force=replace)
    return path


def bank_with_job(bank: Bank, reading: JobReading) -> Bank:
    """The bank with the job's role beside its own, last."""
    return dataclasses.replace(bank, roles=(*bank.roles, reading.role))
