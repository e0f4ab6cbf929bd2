"""Scoring answers against roles: pure functions, no I/O.

A requirement's credit is min(level / target, 1); a role's fit is the weighted mean of its
credits on a 0-100 scale. Raising any answer never lowers any score.

The score is self-rated. Knowledge checks do not change it: each role's `backing` says how much
of it passed checks back (see checks.backing).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from skillgap.core.advice import next_steps
from skillgap.core.checks import backing, claim_statuses
from skillgap.core.model import (
    Answers,
    Bank,
    Gap,
    Requirement,
    Result,
    Role,
    RoleResult,
    SectionScore,
)


def fit(role: Role, levels: dict[str, int]) -> float:
    """A role's fit, 0-100, for the given levels (question id -> level; absent = 0)."""
    total = role.total_weight
    if total <= 0:
        return 0.0
    earned = sum(r.weight * r.credit(levels.get(r.question_id, 0)) for r in role.requirements)
    return min(100.0, 100.0 * earned / total)


def level_map(bank: Bank, answers: Answers) -> dict[str, int]:
    return {qid: answers.level(qid) for qid in bank.questions}


def score_role(bank: Bank, role: Role, levels: dict[str, int]) -> RoleResult:
    by_section: dict[str, list[Requirement]] = {}
    gaps: list[Gap] = []
    for req in role.requirements:
        question = bank.questions.get(req.question_id)
        if question is None:
            continue
        by_section.setdefault(question.section_id, []).append(req)
        level = levels.get(req.question_id, 0)
        if level < req.target:
            gaps.append(Gap(req.question_id, level, req.target, req.weight, req.essential))
    sections = []
    for section in bank.sections:
        reqs = by_section.get(section.id, [])
        weight = sum(r.weight for r in reqs)
        score = (
            100.0 * sum(r.weight * r.credit(levels.get(r.question_id, 0)) for r in reqs) / weight
            if weight > 0
            else None
        )
        sections.append(SectionScore(section.id, section.title, score, weight))
    gaps.sort(
        key=lambda g: (not g.essential, -g.weight * (g.target - g.level) / g.target, g.question_id)
    )
    return RoleResult(role.id, role.name, fit(role, levels), tuple(sections), tuple(gaps))


def score(
    bank: Bank,
    answers: Answers,
    *,
    skip: Collection[str] = (),
    not_asked: Mapping[str, str] | None = None,
) -> Result:
    """Score `answers` against every role in `bank`, with next steps.

    `skip`: question ids left out of the next steps (plan steps marked not relevant; role fit
    still counts them). `not_asked`: the adaptive quiz's marks (adaptive.not_asked), kept on
    the result for display; they do not change a score, since unanswered counts as 0.
    """
    levels = level_map(bank, answers)
    statuses = claim_statuses(answers)
    roles = tuple(
        replace(score_role(bank, role, levels), backing=backing(role, answers, statuses))
        for role in bank.roles
    )
    unanswered = tuple(qid for qid in bank.questions if answers.get(qid) is None)
    skipped = tuple(
        qid for qid in bank.questions if (a := answers.get(qid)) is not None and a.skipped
    )
    return Result(
        bank_name=bank.name,
        bank_version=bank.version,
        roles=roles,
        next_steps=tuple(next_steps(bank, levels, skip)),
        unanswered=unanswered,
        skipped=skipped,
        claims={qid: statuses[qid] for qid in bank.questions if qid in statuses},
        not_asked={
            qid: pid
            for qid, pid in (not_asked or {}).items()
            if qid in bank.questions and answers.get(qid) is None
        },
    )
