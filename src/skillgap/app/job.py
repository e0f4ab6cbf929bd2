"""A job ad, read from a file or standard input into a role of the bank (core.job), and that
role written in the public bank format, so `skillgap validate` accepts it in a bank's roles/.

Reading an ad refuses, each in one line naming the file: an ad over the size cap, a binary
file, text that is not UTF-8, an empty ad, and an ad in which no keyword of the bank matched.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

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


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON's escapes, which YAML shares, for quotes,
    backslashes and control characters; every other character as it is (YAML has no escape
    for a UTF-16 surrogate pair, which JSON's ASCII form would write)."""
    return json.dumps(text, ensure_ascii=False)


def role_yaml(reading: JobReading, bank: Bank) -> str:
    """The role as a file of the public bank format, each requirement commented with the
    ad's words that asked for it."""
    role = reading.role
    out = [
        "# yaml-language-server: $schema=../schema/role.schema.json",
        "# Read from a job ad by skillgap job: each requirement names the ad's words for it.",
        "role:",
        f"  id: {role.id}",
        f"  name: {_quoted(role.name)}",
        f"  summary: {_quoted(role.summary)}",
        "requirements:",
    ]
    for match, req in zip(reading.matches, role.requirements, strict=True):
        fields = [f"target: {req.target}", f"weight: {req.weight:g}"]
        if req.essential:
            fields.append("essential: true")
        if req.any_of:
            fields.insert(0, f"any_of: [{', '.join(req.any_of)}]")
            if req.title:
                fields.append(f"title: {_quoted(req.title)}")
        lines = ", ".join(str(n) for n in match.lines)
        words = ", ".join(one_line(p) for p in match.phrases)
        out.append(f"  # {words} (line{'s' if len(match.lines) > 1 else ''} {lines})")
        out.append(f"  {req.question_id}: {{{', '.join(fields)}}}")
    if reading.unknown:
        out.append("# Not understood: " + ", ".join(one_line(w) for w in reading.unknown))
    return "\n".join(out) + "\n"


def job_json(reading: JobReading, bank: Bank) -> dict[str, Any]:
    """`skillgap job --json`: the role, each requirement with the ad's words and lines, and the
    words not understood."""
    role = reading.role
    return {
        "role": {"id": role.id, "name": role.name, "summary": role.summary},
        "requirements": [
            {
                "id": match.requirement_id,
                "questions": list(match.question_ids),
                "title": req.title or " / ".join(bank.questions[q].title for q in req.question_ids),
                "target": req.target,
                "weight": req.weight,
                "essential": req.essential,
                "phrases": list(match.phrases),
                "lines": list(match.lines),
            }
            for match, req in zip(reading.matches, role.requirements, strict=True)
        ],
        "not_understood": list(reading.unknown),
    }
