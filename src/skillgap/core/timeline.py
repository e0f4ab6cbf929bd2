"""The learning plan as a week-by-week schedule, with the projected fit of each role after each
week. Pure functions, no I/O.

The weeks take the steps of Learn next in its order (advice.next_steps: the one ranking), with
the plan's learning steps first, then its planned ones; steps marked not relevant are left
out, and done steps count as reached before week 1. Each step takes its `effort_hours`; one
longer than what is left of a week carries on into the next.

A week's projected fit is the fit (scoring.fit's terms) of the levels of the steps finished by
its end; a finished step only ever adds to it, so it never falls from week to week. The
schedule goes on until every target is met or the weeks run out, so with enough hours every
role reaches 100, exactly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from skillgap.core.advice import next_steps
from skillgap.core.model import Bank, NextStep, PlanEntry, Requirement
from skillgap.core.plan import skip_ids

#: Hours below this are rounding left over, not work.
_EPSILON = 1e-9


@dataclass(frozen=True)
class WorkItem:
    """The hours one step takes in one week."""

    question_id: str
    title: str
    from_level: int
    to_level: int
    #: Hours spent on the step this week.
    hours: float
    #: The step's whole estimate.
    step_hours: float
    #: The step is finished this week (else it carries on into the next).
    finished: bool


@dataclass(frozen=True)
class Week:
    #: 1-based.
    number: int
    items: tuple[WorkItem, ...]
    #: Projected fit per role at the end of the week, by role id.
    scores: dict[str, float]
    #: The roles ready at the end of the week (every essential at target, fit >= ready_at).
    ready: frozenset[str] = frozenset()

    @property
    def hours(self) -> float:
        return sum(item.hours for item in self.items)


@dataclass(frozen=True)
class Timeline:
    hours_per_week: float
    #: Fit per role before week 1 (done steps counted), by role id.
    start: dict[str, float]
    #: Role names by role id, in the bank's order.
    role_names: dict[str, str]
    #: Weeks with work in them; fewer than asked for when everything is done sooner.
    weeks: tuple[Week, ...]
    #: Questions whose plan step is done, counted as reached before week 1.
    done: tuple[str, ...]
    #: Every step the advice has is scheduled within the weeks asked for.
    complete: bool
    #: The step in progress or next when the weeks ran out (None when complete).
    next_step: NextStep | None = None
    #: The roles ready before week 1.
    start_ready: frozenset[str] = frozenset()
    #: The role Learn next aims for; None for both.
    target_role: str | None = None

    def ready_week(self, role_id: str) -> int | None:
        """The first week at whose end the role is ready (0: ready already), or None when it
        is not within the weeks planned."""
        if role_id in self.start_ready:
            return 0
        for week in self.weeks:
            if role_id in week.ready:
                return week.number
        return None

    @property
    def end(self) -> dict[str, float]:
        """Projected fit per role at the end of the last week."""
        return dict(self.weeks[-1].scores) if self.weeks else dict(self.start)

    def series(self, role_id: str) -> list[float]:
        """The role's fit before week 1 and after each week, for charts."""
        return [self.start.get(role_id, 0.0), *(w.scores.get(role_id, 0.0) for w in self.weeks)]


def schedule(
    bank: Bank,
    levels: Mapping[str, int],
    hours_per_week: float,
    weeks: int,
    plan: Mapping[str, PlanEntry] | None = None,
    target_role: str | None = None,
) -> Timeline:
    """The plan for a person at `levels` (question id -> level, e.g. a report's answers via
    scoring.level_map), learning `hours_per_week`, over at most `weeks` weeks, aiming for
    `target_role` (None: both roles)."""
    if not hours_per_week > 0:
        raise ValueError("hours per week must be more than 0")
    if weeks < 1:
        raise ValueError("a plan needs at least one week")
    plan = plan or {}
    now = {qid: levels.get(qid, 0) for qid in bank.questions}
    done = []
    for qid, entry in plan.items():
        target = entry.target
        if entry.status == "done" and qid in now and target is not None and now[qid] < target:
            now[qid] = target
            done.append(qid)
    first = [
        {qid: e.target for qid, e in plan.items() if e.status == status}
        for status in ("learning", "planned")
    ]
    queue = deque(next_steps(bank, now, skip_ids(plan), target_role=target_role, first=first))
    projection = _Projection(bank, now)
    start, start_ready = projection.scores(), projection.ready()
    out: list[Week] = []
    items: list[WorkItem] = []
    left = hours_per_week
    step: NextStep | None = None
    remaining = 0.0
    while len(out) < weeks:
        if step is None:
            if not queue:
                break
            step = queue.popleft()
            remaining = step.hours
        spend = min(left, remaining)
        remaining -= spend
        left -= spend
        finished = remaining <= _EPSILON * max(1.0, step.hours)
        items.append(
            WorkItem(
                step.question_id,
                step.title,
                step.from_level,
                step.to_level,
                spend,
                step.hours,
                finished,
            )
        )
        if finished:
            projection.raised(step.question_id, step.to_level)
            step = None
        if left <= _EPSILON * hours_per_week:
            out.append(Week(len(out) + 1, tuple(items), projection.scores(), projection.ready()))
            items, left = [], hours_per_week
    if items and len(out) < weeks:
        out.append(Week(len(out) + 1, tuple(items), projection.scores(), projection.ready()))
    if step is None and queue:
        step = queue[0]
    return Timeline(
        hours_per_week=hours_per_week,
        start=start,
        role_names={role.id: role.name for role in bank.roles},
        weeks=tuple(out),
        done=tuple(sorted(done)),
        complete=step is None,
        next_step=step,
        start_ready=start_ready,
        target_role=target_role,
    )


class _Projection:
    """Each role's fit and readiness as levels rise, kept up to date per raised question
    instead of summed again each week: scoring.fit's terms, where a raise only ever adds (so
    the fit never falls), and exactly 100 once every requirement of the role is met."""

    def __init__(self, bank: Bank, levels: dict[str, int]) -> None:
        self.roles = bank.roles
        self.levels = dict(levels)
        self.terms: dict[str, list[tuple[int, Requirement]]] = {}
        self.earned: list[float] = []
        self.unmet: list[int] = []
        self.unmet_essentials: list[int] = []
        for index, role in enumerate(bank.roles):
            for req in role.requirements:
                for qid in req.question_ids:
                    self.terms.setdefault(qid, []).append((index, req))
            self.earned.append(sum(r.weight * r.credit(r.level(levels)) for r in role.requirements))
            self.unmet.append(sum(1 for r in role.requirements if r.level(levels) < r.target))
            self.unmet_essentials.append(
                sum(1 for r in role.requirements if r.essential and r.level(levels) < r.target)
            )

    def raised(self, qid: str, level: int) -> None:
        terms = self.terms.get(qid, ())
        before = [req.level(self.levels) for _, req in terms]
        self.levels[qid] = max(self.levels.get(qid, 0), level)
        for (index, req), old in zip(terms, before, strict=True):
            new = req.level(self.levels)
            self.earned[index] += req.weight * (req.credit(new) - req.credit(old))
            if old < req.target <= new:
                self.unmet[index] -= 1
                if req.essential:
                    self.unmet_essentials[index] -= 1

    def scores(self) -> dict[str, float]:
        out = {}
        for index, role in enumerate(self.roles):
            total = role.total_weight
            if total <= 0:
                out[role.id] = 0.0
            elif self.unmet[index] == 0:
                out[role.id] = 100.0
            else:
                out[role.id] = min(100.0, 100.0 * self.earned[index] / total)
        return out

    def ready(self) -> frozenset[str]:
        scores = self.scores()
        return frozenset(
            role.id
            for index, role in enumerate(self.roles)
            if self.unmet_essentials[index] == 0 and scores[role.id] >= role.ready_at - 1e-9
        )
