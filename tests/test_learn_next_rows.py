"""Learn next's rows (core.learn_next): consecutive steps of one question merge into one row up
to where the ranking takes it; nothing is lost, nothing reordered."""

from __future__ import annotations

import math
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.core.advice import next_steps
from skillgap.core.learn_next import merged_steps
from skillgap.core.model import Bank, NextStep, Resource
from tests.strategies import banks, level_maps


def step(qid: str, low: int, high: int, hours: float = 10.0, **gain: float) -> NextStep:
    return NextStep(qid, qid.title(), low, high, gain or {"r": 1.0}, hours, (), ())


def test_consecutive_steps_of_one_question_merge() -> None:
    docker = (
        step("docker", 1, 2, 20, ops=1.5, sec=1.0),
        step("docker", 2, 3, 60, ops=1.9, sec=1.2),
    )
    (row,) = merged_steps(docker)
    assert (row.question_id, row.from_level, row.to_level, row.hours) == ("docker", 1, 3, 80)
    assert row.gain == {"ops": 3.4, "sec": 2.2}


def test_steps_apart_keep_a_row_each_and_the_order() -> None:
    steps = (step("docker", 1, 2), step("kubernetes", 0, 2), step("docker", 2, 3))
    assert [(s.question_id, s.from_level, s.to_level) for s in merged_steps(steps)] == [
        ("docker", 1, 2),
        ("kubernetes", 0, 2),
        ("docker", 2, 3),
    ]


def test_a_merged_row_needs_and_serves_what_either_step_did() -> None:
    link = Resource("Docs", "https://example.org/")
    first = NextStep("k", "K", 0, 1, {"r": 1}, 5, (), (link,), needed_for=("x",))
    second = NextStep("k", "K", 1, 2, {"r": 1}, 5, ("docker",), (link,), essential=True)
    (row,) = merged_steps((first, second))
    assert row.requires == ("docker",) and row.needed_for == ("x",)
    assert row.essential and row.resources == (link,)


def test_no_steps_no_rows() -> None:
    assert merged_steps(()) == ()


def _check_rows(steps: tuple[NextStep, ...]) -> None:
    rows = merged_steps(steps)
    # nothing lost: hours and each role's points add up, every level is still covered
    assert math.isclose(sum(r.hours for r in rows), sum(s.hours for s in steps), abs_tol=1e-6)
    for role_id in {rid for s in steps for rid in s.gain}:
        total = sum(s.gain.get(role_id, 0.0) for s in steps)
        assert math.isclose(sum(r.gain.get(role_id, 0.0) for r in rows), total, abs_tol=1e-6)
    levels = [(s.question_id, lvl) for s in steps for lvl in range(s.from_level, s.to_level)]
    assert [(r.question_id, lvl) for r in rows for lvl in range(r.from_level, r.to_level)] == levels
    # merged as far as it goes: no row takes up where the one before ends on its question
    for before, after in pairwise(rows):
        assert not (after.question_id == before.question_id and after.from_level == before.to_level)
    # never reordered: the rows' questions are the steps' with the runs collapsed
    assert len(rows) <= len(steps)
    assert merged_steps(rows) == rows


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_rows_of_real_advice_lose_nothing_and_keep_its_order(data: st.DataObject) -> None:
    bank: Bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    target = data.draw(st.sampled_from([None, *(r.id for r in bank.roles)]))
    _check_rows(tuple(next_steps(bank, levels, target_role=target)))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.integers(0, 3), st.integers(1, 2), st.floats(0, 50)),
        max_size=12,
    )
)
def test_rows_of_any_steps_lose_nothing(raw: list[tuple[str, int, int, float]]) -> None:
    steps = tuple(step(q, low, min(low + up, 4), hours) for q, low, up, hours in raw)
    _check_rows(steps)
