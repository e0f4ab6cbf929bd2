"""Answers and Results as plain JSON data, losslessly, and back again with every field checked
(json_reader.py holds the checked reading itself).

The store keeps reports in this form and `report export`/`report import` exchange it, so the
reader treats its input as untrusted: every type, range, id and length is checked, and any
problem is a `FormatError` naming the field, never another exception.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from skillgap.core.model import (
    CLAIM_STATUSES,
    DEFAULT_READY_AT,
    LEVELS,
    Answer,
    Answers,
    Backing,
    CheckOutcome,
    ClaimStatus,
    Gap,
    NextStep,
    Resource,
    Result,
    RoleResult,
    SectionScore,
)
from skillgap.formats import limits
from skillgap.formats.json_reader import (
    MAX_ITEMS,
    FormatError,
    Reader,
    kind_of,
    show,
)

#: The version of the exported report document; `report import` accepts this and older.
#: 2 added knowledge-check outcomes on answers, each role's backing, claims and not-asked marks
#: (all optional when reading, so version 1 documents read as they always did). 3 added each
#: role's ready_at, coverage, essentials met of total and requirements not assessed, each
#: step's essential mark, and the result's mode, target role, questions not assessed and
#: answers carried from earlier reports. 4 added the person's name or handle (optional: older
#: documents read with an empty name).
REPORT_SCHEMA_VERSION = 4
#: The longest name or handle a report carries.
MAX_PERSON_NAME = 100
REPORT_KIND = "skillgap-report"

MAX_IMPORT_BYTES = 5 * 1024 * 1024
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})",
    re.ASCII,  # \d is 0-9 only, not every script's digits
)


# -- writing ----------------------------------------------------------------------------------


def timestamp(moment: datetime) -> str:
    """UTC ISO 8601 with microseconds and a fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("a report time must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def answers_to_json(answers: Answers) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for qid, answer in answers.by_question.items():
        value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
        entry: dict[str, Any] = {"value": value, "level": answer.level}
        if answer.note:
            entry["note"] = answer.note
        if answer.check is not None:
            entry["check"] = check_to_json(answer.check)
        out[qid] = entry
    return out


def check_to_json(check: CheckOutcome) -> dict[str, Any]:
    return {
        "index": check.index,
        "prompt": check.prompt,
        "chosen": check.chosen,
        "answer": check.answer,
        "passed": check.passed,
        "explain": check.explain,
        "source": check.source,
    }


def backing_to_json(backing: Backing) -> dict[str, float]:
    return {
        "checked": backing.checked,
        "missed": backing.missed,
        "unchecked": backing.unchecked,
        "below_3": backing.below_3,
    }


def _resource(r: Resource) -> dict[str, str]:
    return {"title": r.title, "url": r.url, "kind": r.kind}


def result_to_json(result: Result) -> dict[str, Any]:
    """Every field of a Result, floats unrounded, so reading it back gives an equal Result."""
    return {
        "bank": {"name": result.bank_name, "version": result.bank_version},
        "roles": [
            {
                "id": role.role_id,
                "name": role.name,
                "score": role.score,
                "sections": [
                    {"id": s.section_id, "title": s.title, "score": s.score, "weight": s.weight}
                    for s in role.sections
                ],
                "gaps": [
                    {
                        "id": g.question_id,
                        "level": g.level,
                        "target": g.target,
                        "weight": g.weight,
                        "essential": g.essential,
                    }
                    for g in role.gaps
                ],
                **({} if role.backing is None else {"backing": backing_to_json(role.backing)}),
                "ready_at": role.ready_at,
                "coverage": role.coverage,
                **(
                    {}
                    if role.essentials is None
                    else {"essentials": {"met": role.essentials[0], "total": role.essentials[1]}}
                ),
                "not_assessed": list(role.not_assessed),
            }
            for role in result.roles
        ],
        "next_steps": [
            {
                "id": step.question_id,
                "title": step.title,
                "from_level": step.from_level,
                "to_level": step.to_level,
                "gain": dict(step.gain),
                "hours": step.hours,
                "requires": list(step.requires),
                "needed_for": list(step.needed_for),
                "resources": [_resource(r) for r in step.resources],
                "essential": step.essential,
            }
            for step in result.next_steps
        ],
        "unanswered": list(result.unanswered),
        "skipped": list(result.skipped),
        "claims": dict(result.claims),
        "not_asked": dict(result.not_asked),
        "mode": result.mode,
        "target_role": result.target_role,
        "not_assessed": list(result.not_assessed),
        "carried": dict(result.carried),
    }


def dumps(data: Any) -> str:
    """Compact JSON for storage."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


_LEVEL = (min(LEVELS), max(LEVELS))
_MAX_WEIGHT = limits.MAX_REPORT_WEIGHT


def read_timestamp(reader: Reader) -> datetime:
    """A strict ISO 8601 time with an explicit offset (Z or +HH:MM), returned in UTC."""
    text = reader.text(40)
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        raise reader.fail(f"{show(text)} is not an ISO 8601 time like 2024-05-01T09:30:00.000000Z")
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    micro = int((match.group(7) or "0").ljust(6, "0"))
    offset = match.group(8)
    try:
        if offset == "Z":
            tz = timezone.utc
        else:
            sign = -1 if offset[0] == "-" else 1
            hours, minutes = int(offset[1:3]), int(offset[4:6])
            if hours > 23 or minutes > 59:
                raise ValueError("offset out of range")
            tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
        moment = datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
        utc = moment.astimezone(timezone.utc)
    except (ValueError, OverflowError) as exc:
        raise reader.fail(f"{show(text)} is not a valid time ({exc})") from None
    if not 1970 <= utc.year <= 9999:
        raise reader.fail(f"{show(text)} is out of range (1970-9999)")
    return utc


def read_answers(reader: Reader) -> Answers:
    found: dict[str, Answer] = {}
    for qid, entry in reader.mapping():
        fields = entry.obj(("value", "level"), ("note", "check"))
        raw = fields["value"].value
        value: int | str | tuple[str, ...] | None
        if raw is None:
            value = None
        elif isinstance(raw, int) and not isinstance(raw, bool):
            value = fields["value"].integer(*_LEVEL)
        elif isinstance(raw, str):
            value = fields["value"].ident()
        elif isinstance(raw, list):
            value = fields["value"].ids()
        else:
            raise fields["value"].fail(
                f"must be a level, an option id, a list of option ids or null, not {kind_of(raw)}"
            )
        level = fields["level"].integer(*_LEVEL)
        note = fields["note"].text() if "note" in fields else ""
        check = fields["check"].optional(read_check) if "check" in fields else None
        found[qid] = Answer(qid, value, level, note, check)
    return Answers(found)


def read_check(reader: Reader) -> CheckOutcome:
    f = reader.obj(("index", "prompt", "chosen", "answer"), ("passed", "explain", "source"))
    check = CheckOutcome(
        index=f["index"].integer(0, limits.MAX_CHECKS),
        prompt=f["prompt"].text(),
        chosen=f["chosen"].text(),
        answer=f["answer"].text(),
        explain=f["explain"].text() if "explain" in f else "",
        source=f["source"].text() if "source" in f else "",
    )
    if "passed" in f and f["passed"].flag() != check.passed:
        raise f["passed"].fail("does not match whether the chosen option is the answer")
    return check


def read_claim(reader: Reader) -> ClaimStatus:
    text = reader.text(20)
    for status in CLAIM_STATUSES:
        if text == status:
            return status
    raise reader.fail(f"must be one of {', '.join(CLAIM_STATUSES)}; got {show(text)}")


def _read_role(reader: Reader) -> RoleResult:
    f = reader.obj(
        ("id", "name", "score", "sections", "gaps"),
        ("backing", "ready_at", "coverage", "essentials", "not_assessed"),
    )
    sections = []
    for item in f["sections"].items():
        s = item.obj(("id", "title", "score", "weight"))
        sections.append(
            SectionScore(
                s["id"].ident(),
                s["title"].text(),
                s["score"].optional(lambda r: r.number(0, 100)),
                s["weight"].number(0, _MAX_WEIGHT),
            )
        )
    gaps = []
    for item in f["gaps"].items():
        g = item.obj(("id", "level", "target", "weight", "essential"))
        gaps.append(
            Gap(
                g["id"].ident(),
                g["level"].integer(*_LEVEL),
                g["target"].integer(1, max(LEVELS)),
                g["weight"].number(0, _MAX_WEIGHT),
                g["essential"].flag(),
            )
        )
    backing = None
    if "backing" in f:
        b = f["backing"].obj(("checked", "missed", "unchecked", "below_3"))
        backing = Backing(**{key: b[key].number(0, 100) for key in b})
    essentials = None
    if "essentials" in f:
        e = f["essentials"].obj(("met", "total"))
        total = e["total"].integer(0, MAX_ITEMS)
        essentials = (e["met"].integer(0, total), total)
    return RoleResult(
        f["id"].ident(),
        f["name"].text(),
        f["score"].number(0, 100),
        tuple(sections),
        tuple(gaps),
        backing,
        ready_at=f["ready_at"].number(0, 100) if "ready_at" in f else DEFAULT_READY_AT,
        coverage=f["coverage"].number(0, 1) if "coverage" in f else 1.0,
        essentials=essentials,
        not_assessed=f["not_assessed"].ids() if "not_assessed" in f else (),
    )


def _read_step(reader: Reader) -> NextStep:
    f = reader.obj(
        ("id", "title", "from_level", "to_level", "gain", "hours", "requires", "resources"),
        ("needed_for", "essential"),
    )
    resources = []
    for item in f["resources"].items():
        r = item.obj(("title",), ("url", "kind"))
        resources.append(
            Resource(
                r["title"].text(),
                r["url"].text() if "url" in r else "",
                r["kind"].text(limits.MAX_RESOURCE_KIND) if "kind" in r else "",
            )
        )
    return NextStep(
        question_id=f["id"].ident(),
        title=f["title"].text(),
        from_level=f["from_level"].integer(*_LEVEL),
        to_level=f["to_level"].integer(*_LEVEL),
        gain={rid: g.number(-100, 100) for rid, g in f["gain"].mapping()},
        hours=f["hours"].number(0, limits.MAX_REPORT_HOURS),
        requires=f["requires"].ids(),
        resources=tuple(resources),
        needed_for=f["needed_for"].ids() if "needed_for" in f else (),
        essential=f["essential"].flag() if "essential" in f else False,
    )


def read_result(reader: Reader) -> Result:
    f = reader.obj(
        ("bank", "roles", "next_steps", "unanswered", "skipped"),
        ("claims", "not_asked", "mode", "target_role", "not_assessed", "carried"),
    )
    bank = f["bank"].obj(("name", "version"))
    return Result(
        bank_name=bank["name"].text(limits.MAX_BANK_NAME),
        bank_version=bank["version"].text(limits.MAX_BANK_VERSION),
        roles=tuple(_read_role(item) for item in f["roles"].items()),
        next_steps=tuple(_read_step(item) for item in f["next_steps"].items(limits.MAX_STEPS)),
        unanswered=f["unanswered"].ids(),
        skipped=f["skipped"].ids(),
        claims={qid: read_claim(r) for qid, r in f["claims"].mapping()} if "claims" in f else {},
        not_asked={qid: r.ident() for qid, r in f["not_asked"].mapping()}
        if "not_asked" in f
        else {},
        mode=_read_mode(f["mode"]) if "mode" in f else "full",
        target_role=f["target_role"].optional(Reader.ident) if "target_role" in f else None,
        not_assessed=f["not_assessed"].ids() if "not_assessed" in f else (),
        carried={qid: r.integer(1, 2**63 - 1) for qid, r in f["carried"].mapping()}
        if "carried" in f
        else {},
    )


def _read_mode(reader: Reader) -> str:
    mode = reader.text(10)
    if mode not in ("full", "quick"):
        raise reader.fail("must be full or quick")
    return mode


def answers_from_json(data: Any, where: str = "answers") -> Answers:
    return read_answers(Reader(data, where))


def result_from_json(data: Any, where: str = "result") -> Result:
    return read_result(Reader(data, where))


# -- the exported report document -------------------------------------------------------------


@dataclass(frozen=True)
class ReportData:
    """A report as read from a document, before the store gives it an id."""

    created_at: datetime
    answers: Answers
    result: Result
    #: The id it had where it was exported from, for messages only.
    source_id: int | None = None
    #: The person's name or handle; "" when the report has none.
    name: str = ""


def report_to_json(
    report_id: int | None,
    created_at: datetime,
    answers: Answers,
    result: Result,
    name: str = "",
) -> dict[str, Any]:
    """The `report show --format json` / export document, which `report import` reads back.
    `name` (the person's name or handle) is written only when there is one."""
    from skillgap import __version__

    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "kind": REPORT_KIND,
        "skillgap_version": __version__,
        "id": report_id,
        **({"name": name} if name else {}),
        "created_at": timestamp(created_at),
        "answers": answers_to_json(answers),
        "result": result_to_json(result),
    }


def report_from_json(data: Any) -> ReportData:
    """Read an exported report document, checking every field. Raises FormatError."""
    f = read_document(data)
    source_id = f["id"].optional(lambda r: r.integer(1, 2**63 - 1)) if "id" in f else None
    answers = read_report_answers(f["answers"])
    return ReportData(
        created_at=read_timestamp(f["created_at"]),
        answers=answers,
        result=read_result(f["result"]),
        source_id=source_id,
        name=read_person_name(f["name"]) if "name" in f else "",
    )


def read_document(data: Any) -> dict[str, Reader]:
    """The top of an exported report document: its kind and schema version checked (a newer
    one is refused, saying to upgrade), its fields to read. Raises FormatError."""
    root = Reader(data)
    if isinstance(data, dict) and data.get("kind", REPORT_KIND) != REPORT_KIND:
        raise FormatError("kind", f"is {show(data.get('kind'))}; this is not a skillgap report")
    if isinstance(data, dict) and "schema_version" in data:
        version = Reader(data["schema_version"], "schema_version").integer(0, 2**31)
        if version > REPORT_SCHEMA_VERSION:
            raise FormatError(
                "schema_version",
                f"is {version}, from a newer skillgap; this one reads up to "
                f"{REPORT_SCHEMA_VERSION}: upgrade skillgap to import it",
            )
        if version < 1:
            raise FormatError("schema_version", f"is {version}; it must be at least 1")
    f = root.obj(
        ("schema_version", "created_at", "answers", "result"),
        ("kind", "skillgap_version", "id", "name"),
    )
    if "skillgap_version" in f:
        f["skillgap_version"].text(100)
    return f


def read_report_answers(reader: Reader) -> Answers:
    """A report document's answers, each level consistent with its value."""
    answers = read_answers(reader)
    for qid, answer in answers.by_question.items():
        if answer.value is None and answer.level != 0:
            raise FormatError(f"answers.{qid}.level", "must be 0 for a skipped question")
        if isinstance(answer.value, int) and answer.level != answer.value:
            raise FormatError(f"answers.{qid}.level", "must equal a rating's value")
    return answers


def read_person_name(reader: Reader) -> str:
    """A person's name or handle: one line of text, trimmed, at most MAX_PERSON_NAME."""
    return check_person_name(reader.text(MAX_PERSON_NAME * 4), reader.fail)


def check_person_name(text: str, fail: Callable[[str], Exception] = ValueError) -> str:
    """`text` trimmed, refused (by `fail(message)`, ValueError by default) when it holds a
    line break or another control character, or is longer than MAX_PERSON_NAME."""
    name = text.strip()
    if len(name) > MAX_PERSON_NAME:
        raise fail(f"is {len(name)} characters; a name has at most {MAX_PERSON_NAME}")
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in name):
        raise fail("holds a control character or a line break; a name is one line")
    return name
