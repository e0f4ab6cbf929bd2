"""What the TUI reads from the store around one assessment: the settings a quiz starts with,
the last report (so checks vary, and a Quick quiz carries its other answers over), and the plan
and the score when it finishes. No Textual here.

Every read tolerates a store that cannot be read: the quiz then runs with the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from skillgap.app.settings import person_name, quiz_flags, target_role
from skillgap.core.model import Answers, Bank, PlanEntry, Result

if TYPE_CHECKING:
    from skillgap.core import plan as plans
    from skillgap.core.quiz import Mode, QuizState, Session, Start
    from skillgap.core.report import Report
    from skillgap.store import Store, StoreCorrupt

# The welcome screen reads `flags` before its first paint: the quiz state (and with it the
# answers reader and YAML) and the plan are imported only by the functions that use them.


def previous_report(
    store: Store, bank: Bank, damaged: list[StoreCorrupt] | None = None
) -> Report | None:
    """The newest readable report of `bank` (its answers, id and what it carried), or None. A
    damaged report is passed over; given a `damaged` list, its error is added there, so the
    caller can say so (the TUI does, in one line naming its id)."""
    from skillgap.store import StoreCorrupt, StoreError

    found: list[StoreCorrupt] = []
    try:
        for summary in store.list_reports(limit=20, damaged=found):
            if summary.bank_name == bank.name:
                try:
                    return store.get_report(summary.id)
                except StoreCorrupt as exc:
                    found.append(exc)
    except StoreError:
        return None
    finally:
        if damaged is not None:
            damaged += found
    return None


def previous_answers(
    store: Store, bank: Bank, damaged: list[StoreCorrupt] | None = None
) -> Answers | None:
    """The answers of the newest readable report of `bank`, or None (see previous_report)."""
    report = previous_report(store, bank, damaged)
    return report.answers if report is not None else None


def new_quiz(
    store: Store,
    bank: Bank,
    mode: Mode,
    damaged: list[StoreCorrupt] | None = None,
    start: Start | None = None,
) -> QuizState:
    """A new quiz; a Quick one carries the newest report's answers to the questions it does
    not ask (QuizState.carried). With that report, it starts from its answers (`start`
    "last") or fresh; None leaves the choice to the person (the quiz screen asks once)."""
    from skillgap.core.quiz import QuizState

    checks_on, adaptive_on = quiz_flags(store)
    report = previous_report(store, bank, damaged)
    return QuizState(
        bank,
        mode,
        checks_on=checks_on,
        adaptive_on=adaptive_on,
        previous=report.answers if report else None,
        previous_id=report.id if report else None,
        previous_carried=dict(report.result.carried) if report else {},
        previous_at=report.created_at if report else None,
        start=start,
    )


def resumed_quiz(
    store: Store, bank: Bank, session: Session, damaged: list[StoreCorrupt] | None = None
) -> QuizState:
    from skillgap.core.quiz import QuizState

    checks_on, adaptive_on = quiz_flags(store)
    report = previous_report(store, bank, damaged)
    return QuizState.from_session(
        bank,
        session,
        checks_on=checks_on,
        adaptive_on=adaptive_on,
        previous=report.answers if report else None,
        previous_id=report.id if report else None,
        previous_carried=dict(report.result.carried) if report else {},
        previous_at=report.created_at if report else None,
    )


def get_plan(store: Store, bank: Bank) -> dict[str, PlanEntry]:
    from skillgap.store import StoreError

    try:
        return store.get_plan(bank.name)
    except StoreError:
        return {}


def finish_parts(
    store: Store, bank: Bank, previous: Answers | None, answers: Answers
) -> tuple[frozenset[str], list[plans.StepProgress], list[PlanEntry]]:
    """For scoring a finished quiz: the questions the plan marks not relevant, what moved on
    planned and learning steps since the last report, and the plan entries it reaches."""
    from skillgap.core import plan as plans

    plan = get_plan(store, bank)
    if not plan:
        return frozenset(), [], []
    rows = plans.progress(plan, previous or Answers(), answers, bank) if previous else []
    return plans.skip_ids(plan), rows, plans.reached_entries(rows, datetime.now(timezone.utc))


@dataclass(frozen=True)
class Finished:
    """A finished quiz, scored: what the report keeps, and what moved on the plan."""

    #: The quiz's answers and those it carried over.
    answers: Answers
    result: Result
    #: What moved on planned and learning steps since the last report.
    progress: list[plans.StepProgress]
    #: The plan entries the new answers reach (done).
    updates: list[PlanEntry]
    #: The person's name or handle the report carries (settings; "" when unset).
    name: str = ""


def finish_quiz(store: Store, bank: Bank, state: QuizState) -> Finished:
    """Score a finished quiz: a Full one over every question, a Quick one over the questions
    it asked and those it carried over (the rest are not assessed), carried answers marked
    with the report they come from. Learn next aims for the role chosen (settings)."""
    from skillgap.core.scoring import score

    answers = state.scored_answers()
    skip, progress, updates = finish_parts(store, bank, state.previous, answers)
    result = score(
        bank,
        answers,
        skip=skip,
        not_asked=state.not_asked,
        target_role=target_role(store, bank),
        assessed=state.assessed_ids(),
    )
    left_out = set(result.not_assessed)  # no answer then or now: not "no change"
    progress = [row for row in progress if row.question_id not in left_out]
    return Finished(
        answers,
        replace(result, carried=dict(state.carried)),
        progress,
        updates,
        person_name(store),
    )


def plan_of(store: object, bank: Bank, result: Result) -> dict[str, PlanEntry]:
    """The plan of the result's bank ({} for another bank's report, or an unreadable store)."""
    from skillgap.store import Store

    if result.bank_name != bank.name or not isinstance(store, Store):
        return {}
    return get_plan(store, bank)


def rescored(store: object, bank: Bank, result: Result, answers: Answers) -> Result | None:
    """The result with Learn next made again without the steps the plan marks not relevant
    (role fit unchanged; a Quick result's not-assessed questions stay out), or None when it is
    another bank's report."""
    from skillgap.core.advice import next_steps
    from skillgap.core.plan import skip_ids
    from skillgap.core.scoring import level_map

    if result.bank_name != bank.name or result.bank_version != bank.version:
        return None
    skip = skip_ids(plan_of(store, bank, result))
    steps = next_steps(
        bank,
        level_map(bank, answers),
        skip,
        target_role=result.target_role,
        assessed=assessed_of(bank, result),
    )
    return replace(result, next_steps=tuple(steps))


def assessed_of(bank: Bank, result: Result) -> frozenset[str] | None:
    """The questions a result assessed (None: every one, a Full quiz's)."""
    if result.mode != "quick":
        return None
    left_out = set(result.not_assessed)
    return frozenset(qid for qid in bank.questions if qid not in left_out)
