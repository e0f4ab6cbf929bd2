"""Comparing two saved reports: pure functions, no I/O.

Scores are compared per role and per section, matched by id, so a role or section present in
only one report shows as added or removed. Answers are compared question by question; a question
no longer in the bank is kept and marked, never dropped. "Steps done" are the older report's
next steps that the newer answers reach; with the learning plan, "plan" says what moved on its
planned and learning steps (plan.progress).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skillgap.core.model import Answer, Bank, NextStep, PlanEntry
from skillgap.core.plan import StepProgress, progress
from skillgap.core.report import Report
from skillgap.escape import one_line
from skillgap.export.report import describe_answer, percent, question_title
from skillgap.formats.report_json import timestamp


@dataclass(frozen=True)
class ScoreChange:
    """A role's fit, or a section's score within a role, in both reports (None: absent)."""

    role_id: str
    name: str
    old: float | None
    new: float | None
    section_id: str = ""

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    title: str
    old: Answer | None
    new: Answer | None
    old_text: str
    new_text: str
    #: The question is not in the current version of the bank.
    gone: bool

    @property
    def level_delta(self) -> int:
        return (self.new.level if self.new else 0) - (self.old.level if self.old else 0)


@dataclass(frozen=True)
class ReportDiff:
    old: Report
    new: Report
    roles: tuple[ScoreChange, ...]
    sections: tuple[ScoreChange, ...]
    answers: tuple[AnswerChange, ...]
    steps_done: tuple[NextStep, ...]
    #: Planned and learning steps of the plan: level before -> after, target reached or not.
    plan: tuple[StepProgress, ...] = ()

    @property
    def same_bank(self) -> bool:
        return self.old.bank_name == self.new.bank_name


def diff_reports(
    old: Report,
    new: Report,
    bank: Bank | None = None,
    plan: Mapping[str, PlanEntry] | None = None,
) -> ReportDiff:
    """What changed from `old` to `new`. `bank` (the current one) names questions and answers;
    it is ignored when it is not the bank the reports were made with. `plan`: the learning
    plan of the new report's bank, for what moved on its steps."""
    if bank is not None and bank.name not in (old.bank_name, new.bank_name):
        bank = None
    return ReportDiff(
        old=old,
        new=new,
        roles=_role_changes(old, new),
        sections=_section_changes(old, new),
        answers=_answer_changes(old, new, bank),
        steps_done=tuple(
            step
            for step in old.result.next_steps
            if new.answers.level(step.question_id) >= step.to_level
        ),
        plan=tuple(progress(plan, old.answers, new.answers, bank)) if plan else (),
    )


def _role_changes(old: Report, new: Report) -> tuple[ScoreChange, ...]:
    olds = {r.role_id: r for r in old.result.roles}
    news = {r.role_id: r for r in new.result.roles}
    ids = list(dict.fromkeys([*news, *olds]))
    return tuple(
        ScoreChange(
            rid,
            (news.get(rid) or olds[rid]).name,
            olds[rid].score if rid in olds else None,
            news[rid].score if rid in news else None,
        )
        for rid in ids
    )


def _section_changes(old: Report, new: Report) -> tuple[ScoreChange, ...]:
    changes = []
    olds = {r.role_id: r for r in old.result.roles}
    news = {r.role_id: r for r in new.result.roles}
    for rid in dict.fromkeys([*news, *olds]):
        before = {s.section_id: s for s in olds[rid].sections} if rid in olds else {}
        after = {s.section_id: s for s in news[rid].sections} if rid in news else {}
        for sid in dict.fromkeys([*after, *before]):
            old_score = before[sid].score if sid in before else None
            new_score = after[sid].score if sid in after else None
            if old_score is None and new_score is None:
                continue  # the role asks nothing in this section
            title = (after.get(sid) or before[sid]).title
            changes.append(ScoreChange(rid, title, old_score, new_score, section_id=sid))
    return tuple(changes)


def _answer_changes(old: Report, new: Report, bank: Bank | None) -> tuple[AnswerChange, ...]:
    before, after = old.answers.by_question, new.answers.by_question
    order = [qid for s in bank.sections for qid in s.question_ids] if bank else []
    order += [qid for qid in [*after, *before] if qid not in order]
    changes = []
    for qid in dict.fromkeys(order):
        a, b = before.get(qid), after.get(qid)
        if a is None and b is None:
            continue
        if (
            a is not None
            and b is not None
            and (a.value, a.level, a.note)
            == (
                b.value,
                b.level,
                b.note,
            )
        ):
            continue
        changes.append(
            AnswerChange(
                question_id=qid,
                title=question_title(qid, bank, new.result)
                if bank is None or qid in bank.questions
                else question_title(qid, None, old.result),
                old=a,
                new=b,
                old_text=describe_answer(a, bank),
                new_text=describe_answer(b, bank),
                gone=bank is not None and qid not in bank.questions,
            )
        )
    return tuple(changes)


# -- rendering --------------------------------------------------------------------------------


def _score(value: float | None) -> str:
    return "-" if value is None else percent(value)


def _delta(change: ScoreChange) -> str:
    delta = change.delta
    if delta is None:
        return "added" if change.old is None else "removed"
    return f"{delta:+.0f}" if round(delta) != 0 else "="


def render_diff_text(d: ReportDiff) -> str:
    old, new = d.old, d.new

    def head(r: Report) -> str:
        return f"report {r.id} ({r.created_at:%Y-%m-%d %H:%M} UTC)"

    out = [f"From {head(old)} to {head(new)}"]
    if (old.bank_name, old.bank_version) != (new.bank_name, new.bank_version):
        out.append(
            f"Bank: {one_line(old.bank_name)} {one_line(old.bank_version)}"
            f" -> {one_line(new.bank_name)} {one_line(new.bank_version)}"
            + ("" if d.same_bank else " (different banks: scores are not comparable)")
        )
    out += ["", "Fit"]
    width = max((len(one_line(c.name)) for c in d.roles), default=10)
    for c in d.roles:
        out.append(
            f"  {one_line(c.name):<{width}}  {_score(c.old):>4} -> {_score(c.new):>4}"
            f"  {_delta(c):>7}"
        )
    changed = [c for c in d.sections if c.delta is None or round(c.delta) != 0]
    out += ["", "By section" + ("" if changed else ": no change")]
    names = {c.role_id: c.name for c in d.roles}
    tw = max((len(one_line(c.name)) for c in changed), default=10)
    for rid in dict.fromkeys(c.role_id for c in changed):
        out.append(f"  {one_line(names.get(rid, rid))}")
        for c in (c for c in changed if c.role_id == rid):
            out.append(
                f"    {one_line(c.name):<{tw}}  {_score(c.old):>4} -> {_score(c.new):>4}"
                f"  {_delta(c):>7}"
            )
    out += ["", f"Answers changed: {len(d.answers) or 'none'}"]
    aw = max((len(one_line(a.title)) for a in d.answers), default=10)
    for a in d.answers:
        gone = " (no longer in the bank)" if a.gone else ""
        out.append(
            f"  {one_line(a.title):<{aw}}  {one_line(a.old_text)} -> {one_line(a.new_text)}{gone}"
        )
        if a.old is not None and a.new is not None and a.old.note != a.new.note:
            out.append(f"  {'':<{aw}}  note: {one_line(a.new.note) or '(removed)'}")
    out += ["", f"Steps done since: {len(d.steps_done) or 'none'}"]
    for step in d.steps_done:
        out.append(f"  {one_line(step.title)}: level {step.from_level} -> {step.to_level}")
    if d.plan:
        out += ["", "Your plan"]
        for row in d.plan:
            target = f" (target {row.target}{', reached' if row.reached else ''})"
            out.append(
                f"  {one_line(row.title)}, {row.status}: level {row.before} -> {row.after}"
                + (target if row.target is not None else "")
            )
    return "\n".join(out) + "\n"


def diff_json(d: ReportDiff) -> dict[str, Any]:
    def score(c: ScoreChange) -> dict[str, Any]:
        r1 = None if c.old is None else round(c.old, 1)
        r2 = None if c.new is None else round(c.new, 1)
        delta = None if c.delta is None else round(c.delta, 1)
        return {"old": r1, "new": r2, "change": delta}

    return {
        "old": {"id": d.old.id, "created_at": timestamp(d.old.created_at)},
        "new": {"id": d.new.id, "created_at": timestamp(d.new.created_at)},
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
