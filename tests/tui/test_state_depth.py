"""QuizState with knowledge checks and the adaptive quiz, without an App: check outcomes kept
through answers, notes and resume; the adaptive quiz's moves forward and back; Quick mode's
marks only for its questions."""

from __future__ import annotations

from datetime import datetime, timezone

from skillgap.core.quiz import QuizState
from tests.tui.depth import checks_bank

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


def test_a_check_outcome_survives_a_new_level_a_note_and_a_resume() -> None:
    bank = checks_bank()
    state = QuizState(bank, "full", started_at=T0)
    linux = bank.questions["linux"]
    state.answer(3)
    pending = state.check_for(linux)
    assert pending is not None and state.current is linux  # waits for its check
    index, check = pending
    state.record_check(linux, index, check.answer)
    assert state.current is not None and state.current.id == "docker"
    state.back()
    state.answer(4)  # a new level keeps the outcome: no second check
    assert state.current is not None and state.current.id == "docker"
    assert state.back()
    state.set_note("runs our fleet")
    kept = state.answers.get("linux")
    assert kept is not None and kept.check is not None and kept.check.passed
    assert kept.note == "runs our fleet" and state.check_for(linux) is None
    resumed = QuizState.from_session(bank, state.to_session())
    again = resumed.answers.get("linux")
    assert again is not None and again.check == kept.check
    # The same assessment asks the same check; unasked, it is asked again after a resume.
    fresh = QuizState(bank, "full", started_at=T0)
    fresh.answer(3)
    asked = fresh.check_for(linux)
    after_resume = QuizState.from_session(bank, fresh.to_session()).check_for(linux)
    assert asked is not None and asked == after_resume == pending


def test_checks_off_or_a_claim_below_3_asks_none() -> None:
    bank = checks_bank()
    state = QuizState(bank, "full", checks_on=False)
    state.answer(4)
    assert state.check_for(bank.questions["linux"]) is None
    state = QuizState(bank, "full")
    state.answer(2)
    assert state.check_for(bank.questions["linux"]) is None


def test_the_adaptive_quiz_moves_past_and_back_over_questions_not_asked() -> None:
    bank = checks_bank()
    state = QuizState(bank, "full")
    state.answer(0)  # Linux 0: Docker is left out; Kubernetes (on Docker) is still asked
    assert state.current is not None and state.current.id == "kubernetes"
    assert state.not_asked == {"docker": "linux"}
    assert state.asked() == 5
    assert state.back() and state.current is not None and state.current.id == "linux"
    state.answer(2)  # no longer 0: Docker is asked next
    assert state.current is not None and state.current.id == "docker"
    assert state.not_asked == {}
    off = QuizState(bank, "full", adaptive_on=False)
    off.answer(0)
    assert off.current is not None and off.current.id == "docker" and off.not_asked == {}


def test_quick_mode_marks_only_its_own_questions() -> None:
    bank = checks_bank()
    state = QuizState(bank, "quick")
    assert [q.id for q in state.questions] == ["linux", "scanning"]
    state.answer(0)
    assert state.not_asked == {}  # Docker and Kubernetes are not in a quick quiz
