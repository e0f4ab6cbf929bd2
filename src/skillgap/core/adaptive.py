"""The adaptive quiz: which questions need not be asked, and about how long each mode takes.
Pure functions, no I/O.

A question is not asked when it has no answer and a prerequisite it needs at level 2 or more was
answered 0 (not skipped: a skip says nothing about the skill). Without that skill practised the
question cannot be past awareness, which is not worth a question of its own; only direct
prerequisites count, so one 0 hides only the questions built straight on it (in the bundled bank
at most three). An unanswered question already counts as 0, so the scores are exactly those of
answering each one 0; the person can still open one and answer it, and then it is asked like
any other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from skillgap.core.model import CHECK_LEVEL, Answers, Bank, Question

#: The store setting that turns the adaptive quiz on ("on", the default) or off ("off").
ADAPTIVE_SETTING = "adaptive"

#: Rough time to read and answer one question, and one knowledge check.
SECONDS_PER_QUESTION = 15
SECONDS_PER_CHECK = 20


#: A prerequisite needed at this level or more, answered 0, leaves its question out.
HIDING_LEVEL = 2


def not_asked(bank: Bank, answers: Answers) -> dict[str, str]:
    """Questions the adaptive quiz skips: question id -> the prerequisite it needs first (the
    first in its `requires`, needed at level 2 or more, that was answered 0)."""
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
    for qid, question in bank.questions.items():
        if answered(qid):
            continue
        for pid, needed in question.requires.items():
            if needed >= HIDING_LEVEL and pid in bank.questions and zero(pid):
                blocked[qid] = pid
                break
    return blocked


def hidden_by(bank: Bank) -> dict[str, tuple[str, ...]]:
    """For each question, the questions a 0 on it would leave out of the adaptive quiz."""
    hides: dict[str, list[str]] = {}
    for qid, question in bank.questions.items():
        for pid, needed in question.requires.items():
            if needed >= HIDING_LEVEL and pid in bank.questions:
                hides.setdefault(pid, []).append(qid)
    return {pid: tuple(qids) for pid, qids in hides.items()}


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
        fewest = sum(
            1
            for q in questions
            if not any(p in bank.questions and lvl >= HIDING_LEVEL for p, lvl in q.requires.items())
        )
    else:
        fewest = len(ids)
    with_checks = sum(1 for q in questions if q.checks) if checks else 0
    return Estimate(fewest, len(ids), 0, with_checks)
