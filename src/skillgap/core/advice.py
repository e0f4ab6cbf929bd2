"""What to learn next: pure functions, no I/O.

For each question below a target in any role, one step is one more level: its gain is the
points that level adds to each role's fit. Steps are ranked by total points per hour of effort,
and a step whose prerequisites are unmet is preceded by steps that meet them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from skillgap.core.model import Bank, NextStep, Question, Role


def gain(role: Role, question_id: str, low: int, high: int) -> float:
    """Points of `role`'s fit gained by raising one answer from `low` to `high`."""
    total = role.total_weight
    requirement = role.requirement_by_question.get(question_id)
    if total <= 0 or requirement is None:
        return 0.0
    return 100.0 * requirement.weight * (requirement.credit(high) - requirement.credit(low)) / total


def _step(
    bank: Bank,
    levels: dict[str, int],
    question: Question,
    from_level: int,
    to_level: int,
    needed_for: tuple[str, ...] = (),
) -> NextStep:
    unmet = tuple(pid for pid, lvl in question.requires.items() if levels.get(pid, 0) < lvl)
    return NextStep(
        question_id=question.id,
        title=question.title,
        from_level=from_level,
        to_level=to_level,
        gain={role.id: gain(role, question.id, from_level, to_level) for role in bank.roles},
        hours=question.hours_between(from_level, to_level),
        requires=unmet,
        resources=question.resources,
        needed_for=needed_for,
    )


def candidates(bank: Bank, levels: dict[str, int], skip: Collection[str] = ()) -> list[NextStep]:
    """One step per question below a target in any role, unranked."""
    highest = highest_targets(bank)
    steps = []
    for qid, target in highest.items():
        if qid not in skip and (step := candidate(bank, levels, qid, target)) is not None:
            steps.append(step)
    return steps


def highest_targets(bank: Bank) -> dict[str, int]:
    """Each required question's highest target across the roles."""
    highest: dict[str, int] = {}
    for role in bank.roles:
        for req in role.requirements:
            highest[req.question_id] = max(highest.get(req.question_id, 0), req.target)
    return highest


def candidate(bank: Bank, levels: dict[str, int], question_id: str, target: int) -> NextStep | None:
    """The one step `candidates` gives for a question whose highest role target is `target`."""
    question = bank.questions.get(question_id)
    level = levels.get(question_id, 0)
    if question is None or level >= target:
        return None
    to_level = question.next_level(level)
    return None if to_level is None else _step(bank, levels, question, level, to_level)


def rank_key(step: NextStep) -> tuple[float, float, str]:
    hours = step.hours if step.hours > 0 else 1e-9
    return (-step.total_gain / hours, -step.total_gain, step.question_id)


def next_steps(bank: Bank, levels: dict[str, int], skip: Collection[str] = ()) -> list[NextStep]:
    """Steps in the order to take them: best points per hour first, each preceded by steps
    that bring its prerequisites up to the level it needs."""
    ordered: list[NextStep] = []
    reached: dict[str, int] = {}  # level each question stands at once the steps so far are done

    def place(step: NextStep, chain: tuple[str, ...]) -> None:
        def now(pid: str) -> int:
            return reached.get(pid, levels.get(pid, 0))

        while (pre := _prerequisite_step(bank, levels, step, chain, now)) is not None:
            place(pre, (*chain, pre.question_id))
        if reached.get(step.question_id, step.from_level) >= step.to_level:
            return  # a prerequisite step already took this question as far
        reached[step.question_id] = step.to_level
        ordered.append(step)

    for step in sorted(candidates(bank, levels, skip), key=rank_key):
        place(step, (step.question_id,))
    return ordered


def first_step(bank: Bank, levels: dict[str, int], step: NextStep) -> NextStep:
    """The step `next_steps` puts first when `step` is the best-ranked candidate: `step`
    itself, or the first prerequisite step it waits on (the same walk as `place` above, up to
    its first step). Lets a caller that keeps the candidates ranked itself (the timeline)
    take one step at a time without ranking every question again."""
    chain: tuple[str, ...] = (step.question_id,)
    while pre := _prerequisite_step(bank, levels, step, chain, lambda p: levels.get(p, 0)):
        step, chain = pre, (*chain, pre.question_id)
    return step


def _prerequisite_step(
    bank: Bank,
    levels: dict[str, int],
    step: NextStep,
    chain: tuple[str, ...],
    level_now: Callable[[str], int],
) -> NextStep | None:
    """The step that brings `step`'s first unmet prerequisite up to the level it needs, or
    None when every one is met (prerequisites already on `chain` are skipped: no cycles)."""
    question = bank.questions[step.question_id]
    for pid in step.requires:
        prerequisite = bank.questions.get(pid)
        if prerequisite is None or pid in chain:
            continue
        needed, now = question.requires[pid], level_now(pid)
        if now >= needed:
            continue
        reach = min(
            (lvl for lvl in prerequisite.reachable_levels() if lvl >= needed),
            default=prerequisite.reachable_levels()[-1],
        )
        if reach > now:
            return _step(bank, levels, prerequisite, now, reach, (step.question_id,))
    return None
