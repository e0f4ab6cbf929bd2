"""Comparing two saved reports: pure functions, no I/O.

Scores are compared per role and per section, matched by id, so a role or section present in
only one report shows as added or removed. Answers are compared question by question; a question
no longer in the bank is kept and marked, never dropped. A Quick report's questions not assessed
(neither asked nor carried over) are no answer to compare: they are left out of the changes, the
sections and the plan, and listed apart; a carried answer keeps its "from report N". Fits of a
Quick and a Full report are still shown side by side, and `modes_differ` says they are not alike.
"Steps done" are the older report's next steps that the newer answers reach; with the learning
plan, "plan" says what moved on its planned and learning steps (plan.progress).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from skillgap.core.model import Answer, Bank, NextStep, PlanEntry
from skillgap.core.plan import StepProgress, progress
from skillgap.core.report import Report
from skillgap.core.wording import describe_answer, question_title


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
    #: The report each side's answer was carried over from by a Quick quiz (None: given then).
    old_carried: int | None = None
    new_carried: int | None = None

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
    #: Questions left out of `answers` because a Quick report did not assess them, by the
    #: report that did not (old first): not "changed to not answered".
    old_not_assessed: tuple[str, ...] = ()
    new_not_assessed: tuple[str, ...] = ()
    #: Their titles, by question id.
    titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def same_bank(self) -> bool:
        return self.old.bank_name == self.new.bank_name

    @property
    def modes_differ(self) -> bool:
        """One report is a Quick quiz's and the other a Full one's: their fits are over
        different questions."""
        return self.old.result.mode != self.new.result.mode


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
    left_out = set(old.result.not_assessed) | set(new.result.not_assessed)
    rows = progress(plan, old.answers, new.answers, bank) if plan else []
    old_left, new_left = _not_assessed(old, new), _not_assessed(new, old)
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
        plan=tuple(row for row in rows if row.question_id not in left_out),
        old_not_assessed=old_left,
        new_not_assessed=new_left,
        titles={qid: question_title(bank, qid, new.result) for qid in (*old_left, *new_left)},
    )


def _not_assessed(report: Report, other: Report) -> tuple[str, ...]:
    """The questions `report` did not assess that `other` has an answer to (those it would
    otherwise show as changed to or from "not answered")."""
    return tuple(
        qid
        for qid in report.result.not_assessed
        if report.answers.get(qid) is None and other.answers.get(qid) is not None
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
            if (old_score is None and sid in before and old.result.mode == "quick") or (
                new_score is None and sid in after and new.result.mode == "quick"
            ):
                continue  # a Quick report assessed nothing of it: not "added" or "removed"
            title = (after.get(sid) or before[sid]).title
            changes.append(ScoreChange(rid, title, old_score, new_score, section_id=sid))
    return tuple(changes)


def _answer_changes(old: Report, new: Report, bank: Bank | None) -> tuple[AnswerChange, ...]:
    before, after = old.answers.by_question, new.answers.by_question
    order = [qid for s in bank.sections for qid in s.question_ids] if bank else []
    order += [qid for qid in [*after, *before] if qid not in order]
    left_out = set(old.result.not_assessed) | set(new.result.not_assessed)
    changes = []
    for qid in dict.fromkeys(order):
        a, b = before.get(qid), after.get(qid)
        if a is None and b is None:
            continue
        if (a is None or b is None) and qid in left_out:
            continue  # not assessed in one of them: no answer to compare, not "not answered"
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
                title=question_title(bank, qid, new.result)
                if bank is None or qid in bank.questions
                else question_title(None, qid, old.result),
                old=a,
                new=b,
                old_text=describe_answer(bank, a),
                new_text=describe_answer(bank, b),
                gone=bank is not None and qid not in bank.questions,
                old_carried=old.result.carried.get(qid),
                new_carried=new.result.carried.get(qid),
            )
        )
    return tuple(changes)
