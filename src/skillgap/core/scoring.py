"""Scoring answers against roles: pure functions, no I/O.

A requirement's credit is min(level / target, 1), where a group's level is its best member's; a
role's fit is the weighted mean of the credits of its **assessed** requirements, 0-100. A
requirement is assessed when one of its questions was answered, skipped on purpose or carried
from an earlier report; a Full quiz assesses everything (unanswered counts as 0), a Quick quiz
leaves out what it neither asked nor carried. Each role reports its coverage (assessed weight
over total weight). Raising any answer never lowers any fit.

Ready = every essential at its target and the fit at or above the role's `ready_at`.

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


def is_assessed(requirement: Requirement, assessed: Collection[str] | None) -> bool:
    """Whether a requirement counts in the fit: always, unless `assessed` (the question ids
    that were) names none of its questions."""
    return assessed is None or any(qid in assessed for qid in requirement.question_ids)


def fit(role: Role, levels: Mapping[str, int], assessed: Collection[str] | None = None) -> float:
    """A role's fit, 0-100, for `levels` (question id -> level; absent = 0), over the
    requirements `assessed` covers (all of them when it is None)."""
    total = earned = 0.0
    for req in role.requirements:
        if is_assessed(req, assessed):
            total += req.weight
            earned += req.weight * req.credit(req.level(levels))
    return min(100.0, 100.0 * earned / total) if total > 0 else 0.0


def coverage(role: Role, assessed: Collection[str] | None = None) -> float:
    """The share of the role's weight that `assessed` covers, 0-1."""
    total = role.total_weight
    if assessed is None or total <= 0:
        return 1.0
    return sum(r.weight for r in role.requirements if is_assessed(r, assessed)) / total


def level_map(bank: Bank, answers: Answers) -> dict[str, int]:
    return {qid: answers.level(qid) for qid in bank.questions}


def score_role(
    bank: Bank, role: Role, levels: Mapping[str, int], assessed: Collection[str] | None = None
) -> RoleResult:
    by_section: dict[str, list[Requirement]] = {}
    gaps: list[Gap] = []
    not_assessed: list[str] = []
    essentials_met = essentials_total = 0
    for req in role.requirements:
        question = bank.questions.get(req.question_ids[0])
        if question is None:
            continue
        level = req.level(levels)
        if req.essential:
            essentials_total += 1
        if not is_assessed(req, assessed):
            not_assessed.append(req.question_id)
            continue
        by_section.setdefault(question.section_id, []).append(req)
        if level < req.target:
            gaps.append(Gap(req.question_id, level, req.target, req.weight, req.essential))
        elif req.essential:
            essentials_met += 1
    sections = []
    for section in bank.sections:
        reqs = by_section.get(section.id, [])
        weight = sum(r.weight for r in reqs)
        score = (
            100.0 * sum(r.weight * r.credit(r.level(levels)) for r in reqs) / weight
            if weight > 0
            else None
        )
        sections.append(SectionScore(section.id, section.title, score, weight))
    gaps.sort(
        key=lambda g: (not g.essential, -g.weight * (g.target - g.level) / g.target, g.question_id)
    )
    return RoleResult(
        role.id,
        role.name,
        fit(role, levels, assessed),
        tuple(sections),
        tuple(gaps),
        ready_at=role.ready_at,
        coverage=coverage(role, assessed),
        essentials=(essentials_met, essentials_total),
        not_assessed=tuple(not_assessed),
    )


def score(
    bank: Bank,
    answers: Answers,
    *,
    skip: Collection[str] = (),
    not_asked: Mapping[str, str] | None = None,
    target_role: str | None = None,
    assessed: Collection[str] | None = None,
) -> Result:
    """Score `answers` against every role in `bank`, with next steps for `target_role` (None:
    both roles).

    `skip`: question ids left out of the next steps (plan steps marked not relevant; role fit
    still counts them). `not_asked`: the adaptive quiz's marks (adaptive.not_asked), kept on
    the result for display; they do not change a score, since unanswered counts as 0.
    `assessed`: for a Quick quiz, the question ids asked or carried from an earlier report;
    the rest are not assessed (out of the fit, never missing). None: a Full quiz.
    """
    levels = level_map(bank, answers)
    statuses = claim_statuses(answers)
    roles = tuple(
        replace(
            score_role(bank, role, levels, assessed),
            backing=backing(role, answers, statuses, assessed),
        )
        for role in bank.roles
    )
    known = set(bank.questions) if assessed is None else set(assessed)
    unanswered = tuple(qid for qid in bank.questions if qid in known and answers.get(qid) is None)
    skipped = tuple(
        qid for qid in bank.questions if (a := answers.get(qid)) is not None and a.skipped
    )
    return Result(
        bank_name=bank.name,
        bank_version=bank.version,
        roles=roles,
        next_steps=tuple(
            next_steps(bank, levels, skip, target_role=target_role, assessed=assessed)
        ),
        unanswered=unanswered,
        skipped=skipped,
        claims={qid: statuses[qid] for qid in bank.questions if qid in statuses},
        not_asked={
            qid: pid
            for qid, pid in (not_asked or {}).items()
            if qid in bank.questions and answers.get(qid) is None
        },
        mode="full" if assessed is None else "quick",
        target_role=target_role,
        not_assessed=tuple(qid for qid in bank.questions if qid not in known),
    )
