"""The adaptive quiz: questions built straight on a prerequisite answered 0 (needed at level 2
or more) are not asked, count as 0, and give exactly the scores of answering each of them 0."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.core.adaptive import asked, estimate, not_asked
from skillgap.core.answering import make_answer
from skillgap.core.model import Answer, Answers, Bank, Check
from skillgap.core.scoring import score
from tests.strategies import banks

FAST = settings(max_examples=40, deadline=None)


def _answers(bank: Bank, values: dict[str, int | None]) -> Answers:
    return Answers({qid: make_answer(bank.questions[qid], v) for qid, v in values.items()})


def test_dependents_of_a_prerequisite_answered_0_are_not_asked(mini_bank: Bank) -> None:
    # mini: docker needs linux 2, kubernetes needs docker 2. Only direct dependents are left
    # out: kubernetes is still asked (docker was not answered 0, only not asked).
    answers = _answers(mini_bank, {"linux": 0})
    assert not_asked(mini_bank, answers) == {"docker": "linux"}
    questions = asked(mini_bank.ordered_questions(), not_asked(mini_bank, answers))
    assert [q.id for q in questions] == ["linux", "kubernetes", "scanning", "cissp", "background"]


def test_a_prerequisite_needed_only_for_awareness_hides_nothing(mini_bank: Bank) -> None:
    questions = dict(mini_bank.questions)
    questions["docker"] = dataclasses.replace(questions["docker"], requires={"linux": 1})
    bank = dataclasses.replace(mini_bank, questions=questions)
    assert not_asked(bank, _answers(bank, {"linux": 0})) == {}


def test_in_the_bundled_bank_one_0_hides_at_most_three_questions() -> None:
    from skillgap.core.adaptive import hidden_by
    from skillgap.formats.bank import load_bank
    from skillgap.paths import bundled_bank_dir

    bank = load_bank(bundled_bank_dir())
    hides = hidden_by(bank)
    assert max(len(qids) for qids in hides.values()) <= 3, hides
    for pid, qids in hides.items():
        zero = _answers(bank, {pid: 0})
        assert set(not_asked(bank, zero)) == set(qids)


def test_only_an_answer_of_0_blocks_not_a_skip_or_a_low_level(mini_bank: Bank) -> None:
    assert not_asked(mini_bank, _answers(mini_bank, {"linux": None})) == {}
    assert not_asked(mini_bank, _answers(mini_bank, {"linux": 1})) == {}
    assert not_asked(mini_bank, Answers()) == {}
    assert not_asked(mini_bank, _answers(mini_bank, {"linux": 2, "docker": 0})) == {
        "kubernetes": "docker"
    }


def test_a_not_asked_question_can_still_be_answered(mini_bank: Bank) -> None:
    answers = _answers(mini_bank, {"linux": 0, "docker": 1})
    assert not_asked(mini_bank, answers) == {}  # docker answered: kubernetes is asked again
    answers = _answers(mini_bank, {"linux": 0, "kubernetes": 1})
    assert not_asked(mini_bank, answers) == {"docker": "linux"}


def test_the_result_keeps_the_marks_for_unanswered_questions_only(mini_bank: Bank) -> None:
    answers = _answers(mini_bank, {"linux": 0, "kubernetes": 1})
    marks = {"docker": "linux", "kubernetes": "docker", "nope": "linux"}
    result = score(mini_bank, answers, not_asked=marks)
    assert result.not_asked == {"docker": "linux"}
    assert "docker" in result.unanswered


@FAST
@given(st.data())
def test_skipping_gives_the_scores_of_answering_every_skipped_question_0(
    data: st.DataObject,
) -> None:
    bank = data.draw(banks())
    # Answer a random part of the bank, as a quiz part-way through would have.
    ids = sorted(bank.questions)
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True))
    answers = Answers(
        {qid: Answer(qid, lvl, lvl) for qid in chosen if (lvl := data.draw(st.integers(0, 4)))}
        | {qid: Answer(qid, 0, 0) for qid in chosen if data.draw(st.booleans())}
    )
    marks = not_asked(bank, answers)
    assert all(answers.get(qid) is None for qid in marks)
    for qid, pid in marks.items():
        assert bank.questions[qid].requires[pid] >= 2
        assert answers.level(pid) == 0 and answers.get(pid) is not None
    zeros = Answers({**answers.by_question, **{q: Answer(q, 0, 0) for q in marks}})
    inferred = score(bank, answers, not_asked=marks)
    answered = score(bank, zeros)
    assert [r.score for r in inferred.roles] == [r.score for r in answered.roles]
    assert [r.sections for r in inferred.roles] == [r.sections for r in answered.roles]
    assert inferred.next_steps == answered.next_steps


@FAST
@given(st.data())
def test_every_question_below_a_zero_is_marked(data: st.DataObject) -> None:
    """The inference is complete: an unanswered question with a prerequisite needed at level 2
    or more answered 0 is always marked, and nothing else is."""
    bank = data.draw(banks())
    zeros = data.draw(st.lists(st.sampled_from(sorted(bank.questions)), unique=True))
    answers = Answers({qid: Answer(qid, 0, 0) for qid in zeros})
    marks = not_asked(bank, answers)
    for qid, question in bank.questions.items():
        if answers.get(qid) is not None:
            continue
        blocked = any(p in zeros and lvl >= 2 for p, lvl in question.requires.items())
        assert (qid in marks) is blocked


# -- how long each mode takes -----------------------------------------------------------------


def test_estimate_without_a_previous_report_is_a_range(mini_bank: Bank) -> None:
    full = mini_bank.ordered_questions()
    adaptive = estimate(mini_bank, full)
    assert (adaptive.fewest_questions, adaptive.most_questions) == (4, 6)  # docker, k8s need linux
    plain = estimate(mini_bank, full, adaptive=False)
    assert plain.fewest_questions == plain.most_questions == 6
    assert plain.describe() == "about 2 min"
    quick = estimate(mini_bank, mini_bank.ordered_questions(quick=True))
    assert quick.most_questions == 2 and quick.describe() == "about 1 min"


def test_estimate_from_the_last_answers(mini_bank: Bank) -> None:
    check = Check("Q?", ("a", "b"), "a", "why", "src")
    questions = dict(mini_bank.questions)
    questions["scanning"] = dataclasses.replace(questions["scanning"], checks=(check,))
    questions["docker"] = dataclasses.replace(questions["docker"], checks=(check,))
    bank = dataclasses.replace(mini_bank, questions=questions)
    previous = _answers(bank, {"linux": 0, "docker": 4, "scanning": 3})
    guess = estimate(bank, bank.ordered_questions(), previous=previous)
    # docker is left out (linux was 0); one check, for scanning.
    assert (guess.most_questions, guess.most_checks) == (5, 1)
    assert guess.fewest_minutes == guess.most_minutes
    no_checks = estimate(bank, bank.ordered_questions(), previous=previous, checks=False)
    assert no_checks.most_checks == 0
    everything = estimate(bank, bank.ordered_questions(), previous=previous, adaptive=False)
    assert (everything.most_questions, everything.most_checks) == (6, 2)


@pytest.mark.parametrize(
    ("questions", "checks", "text"), [(52, 0, "about 13 min"), (0, 0, "about 1 min")]
)
def test_describe(questions: int, checks: int, text: str) -> None:
    from skillgap.core.adaptive import Estimate

    assert Estimate(questions, questions, checks, checks).describe() == text
    assert Estimate(10, 52, 0, 6).describe() == "about 3-15 min"
