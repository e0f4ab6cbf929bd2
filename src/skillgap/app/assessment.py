"""What the TUI reads from the store around one assessment: the settings a quiz starts with,
the last report's answers (so checks vary), and the plan when it finishes. No Textual here.

Every read tolerates a store that cannot be read: the quiz then runs with the defaults.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from skillgap.app.settings import quiz_flags
from skillgap.core.model import Answers, Bank, PlanEntry, Result

if TYPE_CHECKING:
    from skillgap.core import plan as plans
    from skillgap.core.quiz import Mode, QuizState, Session
    from skillgap.store import Store

# The welcome screen reads `flags` before its first paint: the quiz state (and with it the
# answers reader and YAML) and the plan are imported only by the functions that use them.


def previous_answers(store: Store, bank: Bank) -> Answers | None:
    """The answers of the newest report of `bank`, or None."""
    from skillgap.store import StoreError

    try:
        for summary in store.list_reports(limit=20):
            if summary.bank_name == bank.name:
                return store.get_report(summary.id).answers
    except StoreError:
        return None
    return None


def new_quiz(store: Store, bank: Bank, mode: Mode) -> QuizState:
    from skillgap.core.quiz import QuizState

    checks_on, adaptive_on = quiz_flags(store)
    return QuizState(
        bank,
        mode,
        checks_on=checks_on,
        adaptive_on=adaptive_on,
        previous=previous_answers(store, bank),
    )


def resumed_quiz(store: Store, bank: Bank, session: Session) -> QuizState:
    from skillgap.core.quiz import QuizState

    checks_on, adaptive_on = quiz_flags(store)
    return QuizState.from_session(
        bank,
        session,
        checks_on=checks_on,
        adaptive_on=adaptive_on,
        previous=previous_answers(store, bank),
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


def plan_of(store: object, bank: Bank, result: Result) -> dict[str, PlanEntry]:
    """The plan of the result's bank ({} for another bank's report, or an unreadable store)."""
    from skillgap.store import Store

    if result.bank_name != bank.name or not isinstance(store, Store):
        return {}
    return get_plan(store, bank)


def rescored(store: object, bank: Bank, result: Result, answers: Answers) -> Result | None:
    """The result with Learn next made again without the steps the plan marks not relevant
    (role fit unchanged), or None when it is another bank's report."""
    from skillgap.core.advice import next_steps
    from skillgap.core.plan import skip_ids
    from skillgap.core.scoring import level_map

    if result.bank_name != bank.name or result.bank_version != bank.version:
        return None
    skip = skip_ids(plan_of(store, bank, result))
    return replace(result, next_steps=tuple(next_steps(bank, level_map(bank, answers), skip)))
