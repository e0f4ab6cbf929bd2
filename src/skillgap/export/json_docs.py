"""Every public JSON document skillgap prints or writes, built here and nowhere else: `score
--json`, `report list --json`, `report diff --json`, `plan --json`, and the report export that
`report import` reads back (a public contract: keep every key)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from skillgap.core.model import NextStep, Result, RoleResult
from skillgap.formats.report_json import backing_to_json, report_to_json, timestamp

if TYPE_CHECKING:
    from skillgap.core.comparison import ReportDiff, ScoreChange
    from skillgap.core.job import JobReading
    from skillgap.core.model import Bank
    from skillgap.core.report import Report, ReportSummary
    from skillgap.core.timeline import Timeline


def step_json(step: NextStep) -> dict[str, Any]:
    return {
        "id": step.question_id,
        "title": step.title,
        "from_level": step.from_level,
        "to_level": step.to_level,
        "gain": {role_id: round(points, 2) for role_id, points in step.gain.items()},
        "hours": step.hours,
        "requires": list(step.requires),
        "needed_for": list(step.needed_for),
        "essential": step.essential,
        "resources": [{"title": r.title, "url": r.url, "kind": r.kind} for r in step.resources],
    }


def role_json(role: RoleResult) -> dict[str, Any]:
    return {
        "id": role.role_id,
        "name": role.name,
        "score": round(role.score, 1),
        "ready": role.ready,
        "sections": [
            {
                "id": s.section_id,
                "title": s.title,
                "score": None if s.score is None else round(s.score, 1),
            }
            for s in role.sections
            if s.score is not None
        ],
        "missing_essentials": list(role.missing_essentials),
        "gaps": [
            {"id": g.question_id, "level": g.level, "target": g.target, "essential": g.essential}
            for g in role.gaps
        ],
        "checked": None if role.backing is None else round(role.backing.checked, 1),
        "backing": None
        if role.backing is None
        else {k: round(v, 1) for k, v in backing_to_json(role.backing).items()},
        "essentials": None
        if role.essentials is None
        else {"met": role.essentials[0], "total": role.essentials[1]},
        "coverage": round(role.coverage, 3),
        "not_assessed": list(role.not_assessed),
    }


def result_json(result: Result) -> dict[str, Any]:
    """The `score --json` document (a public contract: see the README's Commands)."""
    return {
        "roles": [role_json(role) for role in result.roles],
        "next_steps": [step_json(step) for step in result.next_steps],
        "bank": {"name": result.bank_name, "version": result.bank_version},
        "unanswered": list(result.unanswered),
        "skipped": list(result.skipped),
        "claims": dict(result.claims),
        "not_asked": dict(result.not_asked),
        "mode": result.mode,
        "target_role": result.target_role,
        "not_assessed": list(result.not_assessed),
        "carried": dict(result.carried),
    }


def report_json(report: Report) -> dict[str, Any]:
    """The export document that `report import` reads back."""
    return report_to_json(report.id, report.created_at, report.answers, report.result, report.name)


def timeline_json(timeline: Timeline, report_id: int | None) -> dict[str, Any]:
    """The `skillgap plan --json` document (a public contract: see the README's Commands)."""
    return {
        "report": report_id,
        "hours_per_week": timeline.hours_per_week,
        "start": _rounded(timeline.start),
        "weeks": [
            {
                "week": week.number,
                "steps": [
                    {
                        "id": item.question_id,
                        "title": item.title,
                        "hours": round(item.hours, 2),
                        "from_level": item.from_level,
                        "to_level": item.to_level,
                        "finished": item.finished,
                    }
                    for item in week.items
                ],
                "scores": _rounded(week.scores),
            }
            for week in timeline.weeks
        ],
        "done": list(timeline.done),
        "complete": timeline.complete,
        "target_role": timeline.target_role,
        "ready_week": {rid: timeline.ready_week(rid) for rid in timeline.role_names},
    }


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {rid: round(score, 1) for rid, score in scores.items()}


def diff_json(d: ReportDiff) -> dict[str, Any]:
    def score(c: ScoreChange) -> dict[str, Any]:
        r1 = None if c.old is None else round(c.old, 1)
        r2 = None if c.new is None else round(c.new, 1)
        delta = None if c.delta is None else round(c.delta, 1)
        return {"old": r1, "new": r2, "change": delta}

    return {
        "old": {
            "id": d.old.id,
            "created_at": timestamp(d.old.created_at),
            "mode": d.old.result.mode,
            "not_assessed": list(d.old_not_assessed),
        },
        "new": {
            "id": d.new.id,
            "created_at": timestamp(d.new.created_at),
            "mode": d.new.result.mode,
            "not_assessed": list(d.new_not_assessed),
        },
        "roles": [{"id": c.role_id, "name": c.name, **score(c)} for c in d.roles],
        "sections": [
            {"role": c.role_id, "id": c.section_id, "title": c.name, **score(c)} for c in d.sections
        ],
        "answers": [
            {
                "id": a.question_id,
                "title": a.title,
                "old": None if a.old is None else a.old.level,
                "new": None if a.new is None else a.new.level,
                "old_answer": a.old_text,
                "new_answer": a.new_text,
                "in_bank": not a.gone,
                "old_carried_from": a.old_carried,
                "new_carried_from": a.new_carried,
            }
            for a in d.answers
        ],
        "steps_done": [
            {
                "id": s.question_id,
                "title": s.title,
                "from_level": s.from_level,
                "to_level": s.to_level,
            }
            for s in d.steps_done
        ],
        "plan": [
            {
                "id": p.question_id,
                "title": p.title,
                "status": p.status,
                "target": p.target,
                "before": p.before,
                "after": p.after,
                "reached": p.reached,
            }
            for p in d.plan
        ],
    }


def report_list_json(
    summaries: Sequence[ReportSummary], previous: Mapping[int, ReportSummary]
) -> list[dict[str, Any]]:
    """The `report list --json` document: each report with its quiz mode, its fit per role and
    the change since the previous report of the same bank and mode (`previous`, by report
    id)."""
    return [
        {
            "id": s.id,
            "created_at": timestamp(s.created_at),
            "bank": {"name": s.bank_name, "version": s.bank_version},
            "scores": {rid: round(score, 1) for rid, score in s.scores.items()},
            "change": score_changes(s, previous.get(s.id)),
            "mode": s.mode,
            "name": s.name,
        }
        for s in summaries
    ]


def score_changes(summary: ReportSummary, before: ReportSummary | None) -> dict[str, float | None]:
    """Points gained per role since the previous report of the same bank and mode (None: no
    previous report, or the role was not in it)."""
    return {
        rid: None
        if before is None or rid not in before.scores
        else round(score - before.scores[rid], 1)
        for rid, score in summary.scores.items()
    }


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
