"""Properties of scoring and advice that must hold for any bank and any answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skillgap.core.advice import PREREQUISITE_FROM, next_steps
from skillgap.core.model import Role
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
        levels = {qid: r.target for r in role.requirements for qid in r.question_ids}
        assert abs(fit(role, levels) - 100) < 1e-9
    top = {
        qid: max(
            (r.target for role in bank.roles for r in role.requirements if qid in r.question_ids),
            default=0,
        )
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
    """Prerequisites apply to reaching level 2 and above; awareness (level 1) never waits."""
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    reached = dict(levels)
    for step in next_steps(bank, levels):
        question = bank.questions[step.question_id]
        if step.to_level >= PREREQUISITE_FROM:
            for pid, needed in question.requires.items():
                if not bank.questions[pid].experience:
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
            studiable = [
                qid
                for qid in req.question_ids
                if not bank.questions[qid].experience
                and any(lvl >= req.target for lvl in bank.questions[qid].reachable_levels())
            ]
            if req.level(levels) < req.target and studiable:
                assert stepped & set(req.question_ids), (role.id, req.question_id)
    reached = dict(levels)
    for step in steps:
        assert all(points >= 0 for points in step.gain.values())
        assert step.hours > 0
        # Each step's gain is what its levels add to each role, no more.
        for role in bank.roles:
            low = {**reached, step.question_id: step.from_level}
            high = {**reached, step.question_id: step.to_level}
            assert abs(step.gain[role.id] - (fit(role, high) - fit(role, low))) < 1e-6
        reached[step.question_id] = step.to_level


@given(st.data())
def test_no_experience_question_is_ever_a_step(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    target = data.draw(st.sampled_from([None, *(r.id for r in bank.roles)]))
    for step in next_steps(bank, levels, target_role=target):
        assert not bank.questions[step.question_id].experience


@given(st.data())
def test_with_a_target_role_the_first_ten_steps_all_serve_it(data: st.DataObject) -> None:
    """No step in the first ten has zero gain for the target role, unless it is on the way to
    one that has: a prerequisite of a later step, or a level a group member has to pass
    through (below the group's best member, a level adds nothing yet)."""
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    role = data.draw(st.sampled_from(bank.roles))
    steps = next_steps(bank, levels, target_role=role.id)
    for i, step in enumerate(steps[:10]):
        if step.gain[role.id] > 1e-12:
            continue
        leads_to = {step.question_id, *step.needed_for}
        later = [s for s in steps[i + 1 :] if s.question_id in leads_to]
        assert later, step


@given(st.data())
def test_while_essentials_are_unmet_the_first_step_serves_one(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    role = data.draw(st.sampled_from(bank.roles))
    steps = next_steps(bank, levels, target_role=role.id)
    unmet = [
        r
        for r in role.requirements
        if r.essential
        and r.level(levels) < r.target
        and any(
            not bank.questions[q].experience and bank.questions[q].next_level(levels[q]) is not None
            for q in r.question_ids
        )
    ]
    if unmet:
        assert steps and steps[0].essential, steps[:1]
        first_goal = next(s for s in steps if not s.needed_for)
        assert any(first_goal.question_id in r.question_ids for r in unmet)


@given(st.data())
def test_a_groups_credit_is_its_best_members(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    for role in bank.roles:
        for req in role.requirements:
            best = max(levels[q] for q in req.question_ids)
            assert req.level(levels) == best
            alone = {qid: 0 for qid in bank.questions}
            alone.update({q: levels[q] for q in req.question_ids if levels[q] == best})
            only = Role(role.id, role.name, requirements=(req,))
            assert abs(fit(only, alone) - 100 * req.credit(best)) < 1e-9


@given(st.data())
def test_a_quick_fit_is_the_formula_over_assessed_requirements_only(data: st.DataObject) -> None:
    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    assessed = set(data.draw(st.lists(st.sampled_from(sorted(bank.questions)), unique=True)))
    levels = {q: levels[q] if q in assessed else 0 for q in bank.questions}
    result = score(bank, answers_for({q: levels[q] for q in assessed}), assessed=assessed)
    for role, scored in zip(bank.roles, result.roles, strict=True):
        counted = [r for r in role.requirements if set(r.question_ids) & assessed]
        weight = sum(r.weight for r in counted)
        expected = (
            100 * sum(r.weight * r.credit(r.level(levels)) for r in counted) / weight
            if weight
            else 0.0
        )
        assert abs(scored.score - expected) < 1e-9
        assert abs(scored.coverage - weight / role.total_weight) < 1e-9
        assert set(scored.not_assessed) == {
            r.question_id for r in role.requirements if r not in counted
        }
        assert not set(scored.missing_essentials) & set(scored.not_assessed)
    assert set(result.not_assessed) == set(bank.questions) - assessed
    assert not set(result.unanswered) - assessed
    assert {s.question_id for s in result.next_steps} <= assessed
