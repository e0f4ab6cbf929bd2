"""The quiz state of a re-assessment (core/quiz.py): last time's answers offered first, a kept
answer keeping its note, and a claim kept at 3+ checked again with another check."""

from __future__ import annotations

from datetime import datetime, timezone

from skillgap.core import checks
from skillgap.core.answering import make_answer
from skillgap.core.model import Answers, Bank
from skillgap.core.quiz import QuizState
from tests.tui.depth import checks_bank

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def last_time(bank: Bank) -> Answers:
    linux = bank.questions["linux"]
    asked = checks.choose_check(linux, checks.assessment_seed(T0))
    assert asked is not None
    index, check = asked
    answer = checks.with_outcome(
        make_answer(linux, 3, "I run the fleet"), checks.outcome(linux, index, check.answer)
    )
    docker = make_answer(bank.questions["docker"], None)  # skipped last time
    return Answers({"linux": answer, "docker": docker})


def test_last_time_is_offered_only_when_starting_from_it() -> None:
    bank = checks_bank()
    previous = last_time(bank)
    fresh = QuizState(bank, "full", previous=previous, previous_id=1, start="fresh")
    assert fresh.last_answer(bank.questions["linux"]) is None
    undecided = QuizState(bank, "full", previous=previous, previous_id=1)
    assert undecided.start is None and undecided.last_answer(bank.questions["linux"]) is None
    state = QuizState(bank, "full", previous=previous, previous_id=1, start="last")
    last = state.last_answer(bank.questions["linux"])
    assert last is not None and last.level == 3 and last.check is None
    assert state.last_answer(bank.questions["docker"]) is None  # skipped: nothing to keep
    assert QuizState(bank, "full").start == "fresh"  # no report: nothing to choose


def test_a_kept_answer_keeps_its_note_and_is_checked_with_another_check() -> None:
    bank = checks_bank()
    previous = last_time(bank)
    state = QuizState(bank, "full", previous=previous, previous_id=1, start="last")
    state.answer(3)  # kept
    kept = state.answers.get("linux")
    assert kept is not None and kept.note == "I run the fleet" and kept.check is None
    pending = state.check_for(bank.questions["linux"])
    assert pending is not None
    assert pending[1].prompt != previous.get("linux").check.prompt  # type: ignore[union-attr]


def test_a_changed_answer_starts_without_last_times_note() -> None:
    bank = checks_bank()
    state = QuizState(bank, "full", previous=last_time(bank), previous_id=1, start="last")
    state.answer(2)
    assert state.answers.get("linux").note == ""  # type: ignore[union-attr]


def test_the_start_survives_the_session() -> None:
    bank = checks_bank()
    previous = last_time(bank)
    state = QuizState(bank, "quick", previous=previous, previous_id=1, start="last")
    session = state.to_session()
    assert session.start == "last"
    again = QuizState.from_session(bank, session, previous=previous, previous_id=1)
    assert again.start == "last" and again.from_last
