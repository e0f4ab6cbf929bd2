"""The learning plan: steps a person chose from their results, each with a status kept across
assessments (in the store, by bank and question id). Pure functions, no I/O.

- planned / learning: the person means to learn it, or is learning it now. The timeline
  schedules these first (learning, then planned), in advice order.
- done: the person says they reached the step's target level. The timeline counts it as
  reached before week 1 (the next assessment confirms it or not).
- not_relevant: dropped from the next steps (`skip_ids`), never from role fit.

After a new assessment, `progress` says what moved on planned and learning steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from skillgap.core.model import (
    PLAN_STATUSES,
    Answers,
    Bank,
    NextStep,
    PlanEntry,
    PlanStatus,
)

#: Store settings for the timeline: hours of learning a week, and how many weeks to show.
HOURS_SETTING = "plan_hours_per_week"
WEEKS_SETTING = "plan_weeks"
DEFAULT_HOURS_PER_WEEK = 5.0
DEFAULT_WEEKS = 26
MAX_WEEKS = 520
#: Hours in a week: a plan cannot ask for more.
MAX_HOURS_PER_WEEK = 168.0

STATUS_LABELS: dict[PlanStatus, str] = {
    "planned": "planned",
    "learning": "learning",
    "done": "done",
    "not_relevant": "not relevant",
}

Plan = Mapping[str, PlanEntry]


def parse_hours_per_week(text: str) -> float:
    """Hours of learning a week as a person types them ("5", "2.5", "5h", "5 h"): more than 0,
    at most 168. ValueError, saying so, for anything else."""
    try:
        value = float(text.strip().removesuffix("h").strip())
    except ValueError:
        value = float("nan")
    if not 0 < value <= MAX_HOURS_PER_WEEK:  # also refuses nan
        raise ValueError(f"{text!r} is not a number of hours a week (more than 0, at most 168)")
    return value


def parse_weeks(text: str) -> int:
    """A number of weeks to plan, 1 to MAX_WEEKS; ValueError, saying so, for anything else."""
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise ValueError(f"{text!r} is not a number of weeks (1-{MAX_WEEKS})")
    return int(text)


def parse_status(text: str) -> PlanStatus:
    """A status from its id or its label ("not relevant"); ValueError otherwise."""
    wanted = text.strip().lower().replace(" ", "_").replace("-", "_")
    for status in PLAN_STATUSES:
        if wanted == status:
            return status
    raise ValueError(f"{text!r} is not a plan status ({', '.join(PLAN_STATUSES)})")


def entry_for(
    step: NextStep, status: PlanStatus = "planned", at: datetime | None = None
) -> PlanEntry:
    """A plan entry for a step of the advice (the Results screen's "add to plan")."""
    return PlanEntry(step.question_id, status, step.to_level, at)


def skip_ids(plan: Plan) -> frozenset[str]:
    """Question ids marked not relevant: pass as `skip` to scoring.score / advice.next_steps."""
    return frozenset(qid for qid, e in plan.items() if e.status == "not_relevant")


@dataclass(frozen=True)
class StepProgress:
    """How one planned or learning step moved between two assessments."""

    question_id: str
    title: str
    status: PlanStatus
    #: The step's target level; None when the entry does not say.
    target: int | None
    before: int
    after: int

    @property
    def moved(self) -> bool:
        return self.after != self.before

    @property
    def reached(self) -> bool:
        """The new answers reach the step's target: the step is done."""
        return self.target is not None and self.after >= self.target


def progress(
    plan: Plan, before: Answers, after: Answers, bank: Bank | None = None
) -> list[StepProgress]:
    """What moved on planned and learning steps from `before` (the previous report's answers)
    to `after` (the new ones): level before -> after, and whether the target is reached.
    Ordered learning first, then planned, each by question id; titles from `bank` if given."""
    rows = []
    for entry in plan.values():
        if entry.status not in ("planned", "learning"):
            continue
        question = bank.questions.get(entry.question_id) if bank is not None else None
        rows.append(
            StepProgress(
                question_id=entry.question_id,
                title=question.title if question is not None else entry.question_id,
                status=entry.status,
                target=entry.target,
                before=before.level(entry.question_id),
                after=after.level(entry.question_id),
            )
        )
    rows.sort(key=lambda r: (r.status != "learning", r.question_id))
    return rows


def reached_entries(rows: list[StepProgress], at: datetime | None = None) -> list[PlanEntry]:
    """Entries to save as done: the steps of `rows` whose target the new answers reach."""
    return [PlanEntry(r.question_id, "done", r.target, at) for r in rows if r.reached]
