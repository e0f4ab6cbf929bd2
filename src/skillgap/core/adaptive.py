"""The adaptive quiz: which questions need not be asked, and about how long each mode takes.
Pure functions, no I/O.

A question is not asked when it has no answer and one of its prerequisites was answered 0
(not skipped: a skip says nothing about the skill) or is itself not asked. An unanswered
question already counts as 0, so the scores are exactly those of answering each one 0; the
person can still open one and answer it, and then it is asked like any other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from skillgap.core.model import CHECK_LEVEL, Answers, Bank, Question
from skillgap.core.prerequisites import depths

#: The store setting that turns the adaptive quiz on ("on", the default) or off ("off").
ADAPTIVE_SETTING = "adaptive"

#: Rough time to read and answer one question, and one knowledge check.
SECONDS_PER_QUESTION = 15
SECONDS_PER_CHECK = 20


def not_asked(bank: Bank, answers: Answers) -> dict[str, str]:
    """Questions the adaptive quiz skips: question id -> the prerequisite it needs first (the
    first in its `requires` that was answered 0 or is itself not asked)."""
    return _blocked(bank, lambda qid: answers.get(qid) is not None, _zero(answers))


def _zero(answers: Answers) -> Callable[[str], bool]:
    def zero(qid: str) -> bool:
        answer = answers.get(qid)
        return answer is not None and not answer.skipped and answer.level == 0

    return zero


def _blocked(
    bank: Bank, answered: Callable[[str], bool], zero: Callable[[str], bool]
) -> dict[str, str]:
    blocked: dict[str, str] = {}
    # Prerequisites first: a question's chain below it is longer than any of its prerequisites'.
    depth = depths({qid: q.requires for qid, q in bank.questions.items()})
    for qid in sorted(bank.questions, key=lambda q: depth.get(q, 0)):
        if answered(qid):
            continue
        for pid in bank.questions[qid].requires:
            if pid in bank.questions and (pid in blocked or zero(pid)):
                blocked[qid] = pid
                break
    return blocked


def asked(questions: Iterable[Question], blocked: Collection[str]) -> list[Question]:
    """`questions` (a quiz, in order) without those the adaptive quiz does not ask."""
    return [q for q in questions if q.id not in blocked]


@dataclass(frozen=True)
class Estimate:
    """About how long a quiz takes: a range of questions asked and of checks."""

    fewest_questions: int
    most_questions: int
    fewest_checks: int
    most_checks: int

    @property
    def fewest_minutes(self) -> int:
        return _minutes(self.fewest_questions, self.fewest_checks)

    @property
    def most_minutes(self) -> int:
        return _minutes(self.most_questions, self.most_checks)

    def describe(self) -> str:
        """Like "about 5 min" or "about 4-9 min"."""
        low, high = self.fewest_minutes, self.most_minutes
        return f"about {low} min" if low >= high else f"about {low}-{high} min"


def _minutes(questions: int, checks: int) -> int:
    seconds = questions * SECONDS_PER_QUESTION + checks * SECONDS_PER_CHECK
    return max(1, math.ceil(seconds / 60))


def estimate(
    bank: Bank,
    questions: Collection[Question],
    *,
    adaptive: bool = True,
    checks: bool = True,
    previous: Answers | None = None,
) -> Estimate:
    """About how long a quiz of `questions` takes, for the welcome screen.

    With `previous` answers (the last report), the estimate is what the same answers would
    ask: questions whose prerequisites were answered 0 are left out (adaptive), and a check
    is counted for each earlier claim of 3+ on a question with checks. Without them it is a
    range: at least the questions with no prerequisite (adaptive) and no checks, at most every
    question and a check for each question that has checks.
    """
    ids = {q.id for q in questions}
    if previous is not None:
        # What the same answers would ask, answered from the start in quiz order.
        skipped = _blocked(bank, lambda qid: False, _zero(previous)) if adaptive else {}
        count = len(ids - skipped.keys())
        claims = sum(
            1
            for q in questions
            if q.id not in skipped and q.checks and previous.level(q.id) >= CHECK_LEVEL
        )
        return Estimate(count, count, claims if checks else 0, claims if checks else 0)
    if adaptive:
        fewest = sum(1 for q in questions if not any(p in bank.questions for p in q.requires))
    else:
        fewest = len(ids)
    with_checks = sum(1 for q in questions if q.checks) if checks else 0
    return Estimate(fewest, len(ids), 0, with_checks)
