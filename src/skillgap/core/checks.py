"""Knowledge checks: which check to ask after a claim, recording the outcome on the answer,
and how much of each role's fit passed checks back. Pure functions, no I/O.

A claim is an answer at level 3 (CHECK_LEVEL) or more. When the question has checks, the quiz
asks one of them right after the claim. Which one is `choose_check(question, seed)`: the seed
comes from the assessment (`assessment_seed(started_at)`), so resuming a quiz asks the same
check and the next assessment usually asks another. The same seed orders its options
(`shuffled_options`, `answer_lines`): the bank often writes the answer first, so its order
would let a blind Enter on the first option pass; shuffled, with the answers spread evenly
over the lines, Enter on any one line passes about 1 check in n (n options), and no more.

The score stays self-rated. Checks only say how much of it is backed (see `backing`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone

from skillgap.core.model import (
    CHECK_LEVEL,
    Answer,
    Answers,
    Backing,
    Check,
    CheckOutcome,
    ClaimStatus,
    Question,
    Role,
)

#: The store setting that turns checks on ("on", the default) or off ("off").
CHECKS_SETTING = "checks"


def assessment_seed(started_at: datetime) -> int:
    """The seed for one assessment, from the time it started (kept in the Session, so a
    resumed quiz gets the same seed). A time in another zone, or a naive one (as the store
    reads it: UTC), gives the seed of the same moment in UTC, which is how the store keeps it."""
    if started_at.tzinfo is None:
        started_at = started_at.replace(tzinfo=timezone.utc)
    return _hash(started_at.astimezone(timezone.utc).isoformat())


def _hash(text: str) -> int:
    import hashlib  # here, not at the top: the welcome screen imports this module

    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def choose_check(
    question: Question, seed: int, asked_before: Collection[str] = ()
) -> tuple[int, Check] | None:
    """The check to ask for `question` in the assessment with `seed`: (its index, the check),
    or None when the question has none. The same seed always gives the same check.

    `asked_before` holds prompts asked in earlier assessments (the last report's outcomes):
    those are avoided while the question has another, so checks vary between assessments.
    """
    if not question.checks:
        return None
    indices = [i for i, c in enumerate(question.checks) if c.prompt not in asked_before]
    if not indices:
        indices = list(range(len(question.checks)))
    index = indices[_hash(f"{seed}:{question.id}") % len(indices)]
    return index, question.checks[index]


def shuffled_options(check: Check, seed: int, answer_line: int | None = None) -> tuple[str, ...]:
    """The options of `check` in the order the assessment with `seed` shows them: a shuffle
    of its own for each check, the same for the same seed (a resumed quiz, a re-rendered
    dialog), another for the next assessment. Where the bank wrote the answer says nothing.

    `answer_line` (0-based, from `answer_lines`) puts the answer on that line, the others
    still shuffled around it; without it the answer lands wherever the shuffle puts it.
    """
    import random  # here, not at the top: the welcome screen imports this module

    order = list(check.options)
    random.Random(f"{seed}:{check.prompt}").shuffle(order)
    if answer_line is not None and check.answer in order:
        line = answer_line % len(order)
        at = order.index(check.answer)
        order[at], order[line] = order[line], order[at]
    return tuple(order)


def answer_lines(asked: Sequence[Check], seed: int) -> tuple[int, ...]:
    """The line (0-based) each check's answer is shown on, for the checks one assessment
    would ask (one per question, in quiz order); pass each to `shuffled_options`.

    Shuffling each check on its own leaves the rest to luck: about one assessment in 18
    would still pass a blind Enter on 8 or more of 18 checks. So the lines are dealt from
    shuffled decks, one deck per number of options: each run of n checks with n options puts
    its answers on n different lines. Enter on any one line then passes at most ceil(k / n)
    of k such checks (a claim of 3+ everywhere meets them all), whatever the seed; which
    line a check gets still changes with the seed.
    """
    import random  # here, not at the top: the welcome screen imports this module

    deal = random.Random(f"{seed}:answer lines")
    decks: dict[int, list[int]] = {}
    lines: list[int] = []
    for check in asked:
        size = max(1, len(check.options))
        deck = decks.setdefault(size, [])
        if not deck:
            deck.extend(range(size))
            deal.shuffle(deck)
        lines.append(deck.pop())
    return tuple(lines)


def asked_before(previous: Answers | None, question_id: str) -> tuple[str, ...]:
    """The check prompt asked for `question_id` in an earlier assessment (pass the last
    report's answers), for `choose_check`'s `asked_before`."""
    answer = previous.get(question_id) if previous is not None else None
    return (answer.check.prompt,) if answer is not None and answer.check is not None else ()


def needs_check(question: Question, answer: Answer | None, enabled: bool = True) -> bool:
    """Whether the quiz should ask a check right after `answer`: checks are on, the answer
    claims level 3+, the question has checks, and none was asked for it yet."""
    return (
        enabled
        and answer is not None
        and answer.level >= CHECK_LEVEL
        and bool(question.checks)
        and answer.check is None
    )


def outcome(question: Question, index: int, chosen: str) -> CheckOutcome:
    """The outcome of asking check `index` of `question` and the person choosing `chosen`
    (one of its options, or "" for "I don't know")."""
    check = question.checks[index]
    if chosen and chosen not in check.options:
        raise ValueError(f"{chosen!r} is not an option of this check")
    return CheckOutcome(
        index=index,
        prompt=check.prompt,
        chosen=chosen,
        answer=check.answer,
        explain=check.explain,
        source=check.source,
    )


def with_outcome(answer: Answer, check: CheckOutcome | None) -> Answer:
    """`answer` carrying `check` (None to clear it)."""
    return replace(answer, check=check)


def claim_status(answer: Answer | None) -> ClaimStatus | None:
    """checked / missed / unchecked for a claim of level 3+; None for a lower answer (not a
    claim a check is asked for, so an outcome kept from a higher answer no longer counts)."""
    if answer is None or answer.level < CHECK_LEVEL:
        return None
    if answer.check is None:
        return "unchecked"
    return "checked" if answer.check.passed else "missed"


def claim_statuses(answers: Answers) -> dict[str, ClaimStatus]:
    """The status of every claim of level 3+, by question id."""
    return {
        qid: status
        for qid, answer in answers.by_question.items()
        if (status := claim_status(answer)) is not None
    }


def backing(
    role: Role,
    answers: Answers,
    statuses: Mapping[str, ClaimStatus],
    assessed: Collection[str] | None = None,
) -> Backing:
    """How `role`'s self-rated fit splits by what backs each answer.

    Each requirement contributes 100 * weight * credit / total weight points (together: the
    fit). Those points count as *checked* when the answer is a claim of 3+ backed by a passed
    check; *missed* or *unchecked* for a claim of 3+ whose check was missed or not asked; and
    *below_3* for a lower answer, which no check is asked for. "checked: X of Y points" is
    `checked` of the fit: only what a passed check backs, so X <= Y always.
    """
    parts = {"checked": 0.0, "missed": 0.0, "unchecked": 0.0, "below_3": 0.0}
    counted = [
        r
        for r in role.requirements
        if assessed is None or any(q in assessed for q in r.question_ids)
    ]
    total = sum(r.weight for r in counted)
    if total <= 0:
        return Backing()
    earned = 0.0
    for req in counted:
        # A group's points are its best member's, backed as that answer is.
        best = max(req.question_ids, key=answers.level)
        credit = req.weight * req.credit(answers.level(best))
        earned += credit
        if credit > 0:
            parts[statuses.get(best, "below_3")] += 100.0 * credit / total
    # The same sum as scoring.fit, so rounding never puts a part (`checked`) above the fit.
    fit = min(100.0, 100.0 * earned / total)
    return Backing(**{key: min(points, fit) for key, points in parts.items()})
