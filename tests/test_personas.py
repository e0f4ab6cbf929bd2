"""Five typical people, scored with the bundled bank: what Learn next tells each of them, and
how far the plan gets them in a year. Each persona's file says what a mentor would advise;
these tests hold the advice to it (docs/advice.md lists their first steps)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from skillgap.core.model import Bank, NextStep, Result
from skillgap.core.scoring import level_map, score
from skillgap.core.timeline import schedule
from skillgap.formats.answers import load_answers
from skillgap.formats.bank import load_bank
from skillgap.paths import bundled_bank_dir

PERSONAS = Path(__file__).resolve().parent / "data" / "personas"
#: Each persona and the role they aim for (None: both).
TARGETS: dict[str, str | None] = {
    "senior-devops-no-security": "devsecops",
    "security-analyst-weak-automation": "devsecops",
    "junior-sysadmin": "devops",
    "fresh-graduate": "devops",
    "every-target-one-certification": None,
}
CERTIFICATIONS = {"cissp", "ceh", "gsec", "cka", "aws-devops-pro", "terraform-associate"}
HOURS_A_WEEK = 10


@cache
def bank() -> Bank:
    return load_bank(bundled_bank_dir())


@cache
def persona(name: str) -> Result:
    answers = load_answers(PERSONAS / f"{name}.yaml", bank())
    return score(bank(), answers, target_role=TARGETS[name])


def first(name: str, count: int = 5) -> list[NextStep]:
    return list(persona(name).next_steps[:count])


def essentials(role_id: str) -> set[str]:
    role = bank().role(role_id)
    assert role is not None
    return {qid for r in role.requirements if r.essential for qid in r.question_ids}


def week_essentials_met(name: str, role_id: str, weeks: int = 52) -> int | None:
    """The week by whose end the plan (at 10 h a week) has every essential of the role at its
    target, or None when not within `weeks`."""
    answers = load_answers(PERSONAS / f"{name}.yaml", bank())
    levels = level_map(bank(), answers)
    role = bank().role(role_id)
    assert role is not None
    timeline = schedule(bank(), levels, HOURS_A_WEEK, weeks, None, TARGETS[name])

    def met() -> bool:
        return all(r.level(levels) >= r.target for r in role.requirements if r.essential)

    if met():
        return 0
    for week in timeline.weeks:
        for item in week.items:
            if item.finished:
                levels[item.question_id] = max(levels[item.question_id], item.to_level)
        if met():
            return week.number
    return None


@pytest.mark.parametrize("name", TARGETS)
def test_no_experience_question_is_ever_a_step(name: str) -> None:
    experience = {qid for qid, q in bank().questions.items() if q.experience}
    assert experience, "the bundled bank marks background and education as experience"
    assert not {s.question_id for s in persona(name).next_steps} & experience


@pytest.mark.parametrize("name", [n for n, role in TARGETS.items() if role is not None])
def test_the_first_steps_serve_the_target_roles_unmet_essentials(name: str) -> None:
    role_id = TARGETS[name]
    assert role_id is not None
    steps = first(name)
    assert all(s.essential for s in steps), steps
    goals = {s.question_id for s in steps if not s.needed_for}
    assert goals <= essentials(role_id), goals
    assert all(s.gain[role_id] > 0 or s.needed_for for s in persona(name).next_steps[:10])


def test_a_senior_devops_engineer_learns_security_first() -> None:
    goals = [s.question_id for s in first("senior-devops-no-security")]
    security_essentials = {
        "vulnerability-scanning",
        "security-testing-pipelines",
        "web-app-security",
        "compliance-engineering",
    }
    assert set(goals) <= security_essentials
    devops = persona("senior-devops-no-security").role("devops")
    assert devops is not None and devops.ready


def test_a_security_analyst_learns_automation_first() -> None:
    goals = {s.question_id for s in first("security-analyst-weak-automation")}
    automation = {"docker", "ci-pipelines", "infrastructure-as-code", "shell-scripting"}
    # and the one security essential that is automation: security tests in the pipeline
    assert goals <= automation | {"linux-admin", "cloud-platforms", "security-testing-pipelines"}
    assert goals & automation, goals


@pytest.mark.parametrize(
    ("name", "months"),
    [
        ("senior-devops-no-security", 12),
        # Docker, CI, infrastructure as code, the cloud and security testing in CI from level
        # 0-1 to 3: about 700 hours of study, a year and a half at 10 hours a week.
        ("security-analyst-weak-automation", 18),
    ],
)
def test_10_hours_a_week_meets_every_devsecops_essential_in_months(name: str, months: int) -> None:
    weeks = months * 52 // 12
    week = week_essentials_met(name, "devsecops", weeks=weeks)
    assert week is not None and week <= weeks, week


def test_someone_at_every_target_with_one_certification_is_ready_for_both() -> None:
    result = persona("every-target-one-certification")
    assert all(role.ready for role in result.roles), [
        (r.role_id, r.score, r.essentials) for r in result.roles
    ]
    assert not {s.question_id for s in first("every-target-one-certification")} & CERTIFICATIONS


@pytest.mark.parametrize("name", ["junior-sysadmin", "fresh-graduate"])
def test_newcomers_to_devops_meet_its_essentials_before_anything_else(name: str) -> None:
    steps = persona(name).next_steps
    wanted = essentials("devops")
    unmet = {
        r.question_id
        for r in persona(name).roles[0].gaps
        if r.essential and r.question_id in wanted
    }
    last_essential = max(i for i, s in enumerate(steps) if s.question_id in unmet)
    assert all(s.essential for s in steps[: last_essential + 1])
