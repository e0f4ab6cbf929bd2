"""The learning plan as a week-by-week schedule, with the projected fit of each role after each
week. Pure functions, no I/O.

Steps come in advice order: after each step the advice is made again from the projected
levels, so the next step reflects what the last one changed, and prerequisites come first.
Learning steps of the plan go first, then planned ones, then the rest of the advice; steps
marked not relevant are left out, and done steps count as reached before week 1. Each step
takes its `effort_hours`; one longer than what is left of a week carries on into the next.

A week's projected fit is the fit (scoring.fit's terms) of the levels of the steps finished by
its end; a finished step only ever adds to it, so it never falls from week to week. The
schedule goes on until every target is met or the weeks run out, so with enough hours every
role reaches 100, exactly.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

from skillgap.core.advice import candidate, first_step, highest_targets, rank_key
from skillgap.core.model import Bank, NextStep, PlanEntry, Requirement
from skillgap.core.plan import skip_ids
from skillgap.core.scoring import fit

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
) -> Timeline:
    """The plan for a person at `levels` (question id -> level, e.g. a report's answers via
    scoring.level_map), learning `hours_per_week`, over at most `weeks` weeks."""
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
    skip = skip_ids(plan)
    start = {role.id: fit(role, now) for role in bank.roles}
    projection = _Projection(bank, now)
    advice = _Advice(bank, now, skip)
    out: list[Week] = []
    items: list[WorkItem] = []
    left = hours_per_week
    step: NextStep | None = None
    remaining = 0.0
    while len(out) < weeks:
        if step is None:
            step = _next(advice, plan)
            if step is None:
                break
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
            old = now[step.question_id]
            now[step.question_id] = max(old, step.to_level)
            projection.raised(step.question_id, old, now[step.question_id])
            advice.raised(step.question_id)
            step = None
        if left <= _EPSILON * hours_per_week:
            out.append(Week(len(out) + 1, tuple(items), projection.scores()))
            items, left = [], hours_per_week
    if items and len(out) < weeks:
        out.append(Week(len(out) + 1, tuple(items), projection.scores()))
    if step is None and len(out) >= weeks:
        step = _next(advice, plan)
    return Timeline(
        hours_per_week=hours_per_week,
        start=start,
        role_names={role.id: role.name for role in bank.roles},
        weeks=tuple(out),
        done=tuple(sorted(done)),
        complete=step is None,
        next_step=step,
    )


class _Projection:
    """Each role's fit as levels rise, kept up to date per raised question instead of summed
    again each week: scoring.fit's terms, where a raise only ever adds (so the fit never
    falls), and exactly 100 once every requirement of the role is met."""

    def __init__(self, bank: Bank, levels: dict[str, int]) -> None:
        self.roles = bank.roles
        self.terms: dict[str, list[tuple[int, Requirement]]] = {}
        self.earned: list[float] = []
        self.unmet: list[int] = []
        for index, role in enumerate(bank.roles):
            for req in role.requirements:
                self.terms.setdefault(req.question_id, []).append((index, req))
            self.earned.append(
                sum(r.weight * r.credit(levels.get(r.question_id, 0)) for r in role.requirements)
            )
            self.unmet.append(
                sum(1 for r in role.requirements if levels.get(r.question_id, 0) < r.target)
            )

    def raised(self, qid: str, old: int, new: int) -> None:
        for index, req in self.terms.get(qid, ()):
            self.earned[index] += req.weight * (req.credit(new) - req.credit(old))
            if old < req.target <= new:
                self.unmet[index] -= 1

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


class _Advice:
    """The first step of `advice.next_steps` as levels rise, one step at a time: candidates
    stay ranked in a heap, and only the question a step raised is ranked again (a step's rank
    depends on its own question alone). `advice.first_step` then puts prerequisites first."""

    def __init__(self, bank: Bank, levels: dict[str, int], skip: frozenset[str]) -> None:
        self.bank, self.levels, self.skip = bank, levels, skip
        self.highest = highest_targets(bank)
        self.heap: list[tuple[tuple[float, float, str], str, int]] = []
        for qid in self.highest:
            self.raised(qid)

    def raised(self, qid: str) -> None:
        """`qid`'s level changed: rank its next step."""
        target = self.highest.get(qid)
        if target is None or qid in self.skip:
            return
        step = candidate(self.bank, self.levels, qid, target)
        if step is not None:
            heapq.heappush(self.heap, (rank_key(step), qid, self.levels.get(qid, 0)))

    def best(self) -> NextStep | None:
        while self.heap:
            _, qid, level = self.heap[0]
            if self.levels.get(qid, 0) != level:
                heapq.heappop(self.heap)  # ranked at a level since passed
                continue
            step = candidate(self.bank, self.levels, qid, self.highest[qid])
            if step is None:
                heapq.heappop(self.heap)
                continue
            return first_step(self.bank, self.levels, step)
        return None

    def best_of(self, wanted: set[str]) -> NextStep | None:
        """The first step of next_steps with every question but `wanted` skipped."""
        steps = [
            step
            for qid in wanted
            if qid in self.highest
            and (step := candidate(self.bank, self.levels, qid, self.highest[qid])) is not None
        ]
        return first_step(self.bank, self.levels, min(steps, key=rank_key)) if steps else None


def _next(advice: _Advice, plan: Mapping[str, PlanEntry]) -> NextStep | None:
    """The first step of the advice from the current levels: toward a learning step of the
    plan if any is short of its target, else a planned one, else the best of the rest."""
    levels = advice.levels
    for status in ("learning", "planned"):
        wanted = {
            qid
            for qid, e in plan.items()
            if e.status == status
            and qid not in advice.skip
            and (e.target is None or levels.get(qid, 0) < e.target)
        }
        if wanted and (step := advice.best_of(wanted)) is not None:
            return step
    return advice.best()
