"""Learn next as rows a person reads: consecutive steps of one question merged into one row up
to where the ranking takes it ("Docker 1 → 3", not "Docker 1 → 2" then "Docker 2 → 3"). Pure
functions, no I/O; the ranking itself is `advice`'s, and merging never reorders it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from skillgap.core.model import NextStep


def _union(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))


def merge(first: NextStep, then: NextStep) -> NextStep:
    """Two steps of one question, the second taking up where the first ends, as one step: the
    levels from the first's start to the second's end, hours and each role's gain summed, what
    either needs first or is needed for, essential when either is."""
    gain = dict(first.gain)
    for role_id, points in then.gain.items():
        gain[role_id] = gain.get(role_id, 0.0) + points
    return NextStep(
        question_id=first.question_id,
        title=first.title,
        from_level=first.from_level,
        to_level=then.to_level,
        gain=gain,
        hours=first.hours + then.hours,
        requires=_union(first.requires, then.requires),
        resources=first.resources or then.resources,
        needed_for=_union(first.needed_for, then.needed_for),
        essential=first.essential or then.essential,
    )


def follows(before: NextStep, step: NextStep) -> bool:
    """Whether `step` takes up the same question where `before` ends."""
    return step.question_id == before.question_id and step.from_level == before.to_level


def merged_steps(steps: Sequence[NextStep]) -> tuple[NextStep, ...]:
    """Learn next's steps in their order, each run of consecutive steps of one question (each
    starting where the one before ends) merged into one. A question whose steps are apart (a
    prerequisite taken to 2 for another step, later to 3) keeps a row for each run."""
    rows: list[NextStep] = []
    for step in steps:
        if rows and follows(rows[-1], step):
            rows[-1] = merge(rows[-1], step)
        else:
            rows.append(step)
    return tuple(rows)
