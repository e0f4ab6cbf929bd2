"""Properties of scoring and advice that must hold for any bank and any answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skillgap.core.advice import next_steps
from skillgap.core.model import Bank
from skillgap.core.scoring import fit, score
from tests.strategies import answers_for, banks, level_maps


@given(st.data())
def test_scores_stay_within_0_and_100(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    result = score(bank, answers_for(levels))
    for role in result.roles:
        assert 0 <= role.score <= 100
        for section in role.sections:
            assert section.score is None or 0 <= section.score <= 100 + 1e-9


@given(st.data())
def test_meeting_every_target_scores_100_and_is_ready(data: st.DataObject) -> None:
    bank = data.draw(banks())
    for role in bank.roles:
        levels = {r.question_id: r.target for r in role.requirements}
        assert abs(fit(role, levels) - 100) < 1e-9
    top = {
        qid: max(r.target for role in bank.roles for r in role.requirements)
        for qid in bank.questions
    }
    result = score(bank, answers_for(top))
    assert all(abs(r.score - 100) < 1e-9 and r.ready for r in result.roles)
    assert result.next_steps == ()


@given(st.data())
def test_raising_any_answer_never_lowers_any_score(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    qid = data.draw(st.sampled_from(sorted(bank.questions)))
    raised = {**levels, qid: data.draw(st.integers(levels[qid], 4))}
    before = score(bank, answers_for(levels))
    after = score(bank, answers_for(raised))
    for old, new in zip(before.roles, after.roles, strict=True):
        assert new.score >= old.score - 1e-9
        for s_old, s_new in zip(old.sections, new.sections, strict=True):
            if s_old.score is not None:
                assert s_new.score is not None and s_new.score >= s_old.score - 1e-9


@given(st.data())
def test_advice_never_puts_a_step_before_its_unmet_prerequisite(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    reached = dict(levels)
    for step in next_steps(bank, levels):
        question = bank.questions[step.question_id]
        for pid, needed in question.requires.items():
            assert reached[pid] >= needed, (step.question_id, pid, needed, reached[pid])
        assert step.from_level == reached[step.question_id]
        assert step.to_level > step.from_level
        reached[step.question_id] = step.to_level


@given(st.data())
def test_advice_covers_every_gap_and_gains_are_honest(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    steps = next_steps(bank, levels)
    stepped = {s.question_id for s in steps}
    for role in bank.roles:
        for req in role.requirements:
            question = bank.questions[req.question_id]
            reachable = question.next_level(levels[req.question_id]) is not None
            if levels[req.question_id] < req.target and reachable:
                assert req.question_id in stepped
    for step in steps:
        assert all(points >= 0 for points in step.gain.values())
        assert step.hours > 0
        # Each step's gain is what its levels add to each role, no more.
        for role in bank.roles:
            low = {**levels, step.question_id: step.from_level}
            high = {**levels, step.question_id: step.to_level}
            assert abs(step.gain[role.id] - (fit(role, high) - fit(role, low))) < 1e-6


@given(st.data())
def test_ranked_steps_come_best_points_per_hour_first(data: st.DataObject) -> None:
    bank: Bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    own = [s for s in next_steps(bank, levels) if not s.needed_for]
    ratios = [s.total_gain / s.hours for s in own]
    assert ratios == sorted(ratios, reverse=True)
