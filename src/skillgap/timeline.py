"""The learning plan as a week-by-week schedule, with the projected fit of each role after each
week. Pure functions, no I/O.

Steps come in advice order: after each step the advice is made again from the projected
levels, so the next step reflects what the last one changed, and prerequisites come first.
Learning steps of the plan go first, then planned ones, then the rest of the advice; steps
marked not relevant are left out, and done steps count as reached before week 1. Each step
takes its `effort_hours`; one longer than what is left of a week carries on into the next.

A week's projected fit is scoring.fit on the levels of the steps finished by its end, so it
never falls from week to week; the schedule goes on until every target is met or the weeks
run out, so with enough hours every role reaches 100.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from skillgap.advice import next_steps
from skillgap.model import Bank, NextStep, PlanEntry
from skillgap.plan import skip_ids
from skillgap.scoring import fit

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

    def scores() -> dict[str, float]:
        return {role.id: fit(role, now) for role in bank.roles}

    start = scores()
    out: list[Week] = []
    items: list[WorkItem] = []
    left = hours_per_week
    step: NextStep | None = None
    remaining = 0.0
    while len(out) < weeks:
        if step is None:
            step = _next(bank, now, skip, plan)
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
            now[step.question_id] = max(now[step.question_id], step.to_level)
            step = None
        if left <= _EPSILON * hours_per_week:
            out.append(Week(len(out) + 1, tuple(items), scores()))
            items, left = [], hours_per_week
    if items and len(out) < weeks:
        out.append(Week(len(out) + 1, tuple(items), scores()))
    if step is None and len(out) >= weeks:
        step = _next(bank, now, skip, plan)
    return Timeline(
        hours_per_week=hours_per_week,
        start=start,
        role_names={role.id: role.name for role in bank.roles},
        weeks=tuple(out),
        done=tuple(sorted(done)),
        complete=step is None,
        next_step=step,
    )


def _next(
    bank: Bank, levels: dict[str, int], skip: frozenset[str], plan: Mapping[str, PlanEntry]
) -> NextStep | None:
    """The first step of the advice from `levels`: toward a learning step of the plan if
    any is short of its target, else a planned one, else the best of the rest."""
    for status in ("learning", "planned"):
        wanted = {
            qid
            for qid, e in plan.items()
            if e.status == status
            and qid not in skip
            and (e.target is None or levels.get(qid, 0) < e.target)
        }
        if wanted:
            steps = next_steps(bank, levels, skip=bank.questions.keys() - wanted)
            if steps:
                return steps[0]
    steps = next_steps(bank, levels, skip)
    return steps[0] if steps else None
