"""The bundled bank: valid, complete, conforming to its schema, and fair to both roles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from skillgap.core.model import Answer, Answers, Bank
from skillgap.core.scoring import score
from skillgap.formats.bank import bundled_bank_dir, load_bank
from tests.conftest import BUNDLED_BANK

SCHEMA_DIR = BUNDLED_BANK / "schema"
SECURITY_SECTIONS = {"security-automation", "risk", "appsec", "compliance", "certifications"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED_BANK)


def as_json(data: Any) -> Any:
    """What an editor's YAML language server checks: the document as JSON (keys as text)."""
    return json.loads(json.dumps(data))


def test_the_bundled_bank_is_found_and_valid(bank: Bank) -> None:
    assert bundled_bank_dir().resolve() == BUNDLED_BANK.resolve()
    assert len(bank.questions) >= 40
    assert {r.id for r in bank.roles} == {"devops", "devsecops"}


@pytest.mark.parametrize(("folder", "schema"), [("sections", "section"), ("roles", "role")])
def test_every_file_conforms_to_its_schema_and_names_it(folder: str, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((SCHEMA_DIR / f"{schema}.schema.json").read_text())
    )
    files = sorted((BUNDLED_BANK / folder).glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n")
        errors = list(validator.iter_errors(as_json(yaml.safe_load(text))))
        assert not errors, (path.name, [e.message for e in errors])


def test_bank_yaml_conforms_to_its_schema() -> None:
    schema = json.loads((SCHEMA_DIR / "bank.schema.json").read_text())
    jsonschema.validate(as_json(yaml.safe_load((BUNDLED_BANK / "bank.yaml").read_text())), schema)


def test_the_schema_rejects_what_the_validator_rejects() -> None:
    schema = json.loads((SCHEMA_DIR / "section.schema.json").read_text())
    bad = {
        "section": {"id": "Bad_Id", "title": "x"},
        "questions": [{"id": "q", "prompt": "p", "levels": {"5": "x"}}],
    }
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_every_rating_question_has_anchors_and_effort(bank: Bank) -> None:
    for question in bank.questions.values():
        assert question.effort_hours, question.id
        if question.kind == "rating":
            assert sorted(question.levels) == [1, 2, 3, 4], question.id
        assert question.short_title, question.id


def test_most_questions_have_a_resource(bank: Bank) -> None:
    with_resource = [q for q in bank.questions.values() if q.resources]
    assert len(with_resource) >= 0.8 * len(bank.questions)
    for question in with_resource:
        for resource in question.resources:
            assert resource.url.startswith("https://"), (question.id, resource.url)


def test_quick_mode_asks_one_question_per_section_and_every_essential(bank: Bank) -> None:
    """One question per section, and a second only where the section holds two essentials."""
    quick = bank.ordered_questions(quick=True)
    assert list(dict.fromkeys(q.section_id for q in quick)) == [s.id for s in bank.sections]
    essential = {
        q for role in bank.roles for r in role.requirements if r.essential for q in r.question_ids
    }
    seconds = [q.id for i, q in enumerate(quick) if i and quick[i - 1].section_id == q.section_id]
    assert seconds and set(seconds) <= essential, seconds


def test_certifications_and_regulations_are_each_a_question(bank: Bank) -> None:
    for qid in ("cissp", "ceh", "gsec"):
        question = bank.questions[qid]
        assert question.kind == "choice"
        assert {o.level for o in question.options} >= {0, 4}
    for qid in ("hipaa", "pci-dss", "soc2", "iso-27001", "nist"):
        assert bank.questions[qid].kind == "rating"


def test_education_paths_are_worth_the_same(bank: Bank) -> None:
    options = {o.id: o.level for o in bank.questions["education"].options}
    top = max(options.values())
    assert sum(1 for level in options.values() if level == top) >= 3


# -- personas ---------------------------------------------------------------------------------


def persona(bank: Bank, levels: dict[str, int]) -> Answers:
    """Answers at the given levels, using the lowest option that reaches each for choices."""
    found = {}
    for qid, level in levels.items():
        question = bank.questions[qid]
        if question.kind == "rating":
            found[qid] = Answer(qid, level, level)
        else:
            option = min((o for o in question.options if o.level >= level), key=lambda o: o.level)
            found[qid] = Answer(qid, option.id, option.level)
    return Answers(found)


def targets(bank: Bank, role_id: str) -> dict[str, int]:
    """Each requirement's target, on its question or on a group's first member."""
    role = bank.role(role_id)
    assert role is not None
    return {r.question_ids[0]: r.target for r in role.requirements}


def scores(bank: Bank, answers: Answers) -> dict[str, float]:
    return {r.role_id: r.score for r in score(bank, answers).roles}


def test_a_devops_engineer_meeting_every_target(bank: Bank) -> None:
    result = score(bank, persona(bank, targets(bank, "devops")))
    by_role = {r.role_id: r for r in result.roles}
    assert by_role["devops"].score == pytest.approx(100)
    assert by_role["devops"].ready
    assert by_role["devsecops"].score < 90
    assert not by_role["devsecops"].ready
    result = score(bank, persona(bank, targets(bank, "devops")), target_role="devsecops")
    first = result.next_steps[0]
    section = bank.questions[first.question_id].section_id
    needed_for = {bank.questions[q].section_id for q in first.needed_for}
    assert section in SECURITY_SECTIONS or needed_for & SECURITY_SECTIONS, first


def test_a_devsecops_engineer_meeting_every_target(bank: Bank) -> None:
    result = scores(bank, persona(bank, targets(bank, "devsecops")))
    assert result["devsecops"] == pytest.approx(100)
    assert result["devops"] >= 90


def test_all_top_and_all_lowest(bank: Bank) -> None:
    top = {qid: q.reachable_levels()[-1] for qid, q in bank.questions.items()}
    assert scores(bank, persona(bank, top)) == {
        "devops": pytest.approx(100),
        "devsecops": pytest.approx(100),
    }
    bottom = scores(bank, persona(bank, dict.fromkeys(bank.questions, 0)))
    assert all(value < 5 for value in bottom.values())
    assert all(value < 5 for value in scores(bank, Answers()).values())


def test_devsecops_covers_devops(bank: Bank) -> None:
    devops, devsecops = targets(bank, "devops"), targets(bank, "devsecops")
    shared = devops.keys() & devsecops.keys()
    assert all(devsecops[q] >= devops[q] for q in shared)
    role = bank.role("devops")
    assert role is not None
    only_devops = sum(r.weight for r in role.requirements if r.question_ids[0] not in devsecops)
    assert only_devops < 0.1 * role.total_weight


def test_role_context_carries_dated_sourced_figures(bank: Bank) -> None:
    for role in bank.roles:
        assert role.responsibilities and role.background and role.education
        assert role.market
        for figure in role.market:
            assert figure.source and figure.date.startswith("2023"), figure


def test_the_bank_is_bundled_as_package_data() -> None:
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert '"questions" = "skillgap/questions"' in pyproject


def test_quick_asks_every_essential_and_one_question_per_area(bank: Bank) -> None:
    quick = {q.id for q in bank.ordered_questions(quick=True)}
    for role in bank.roles:
        for req in role.requirements:
            if req.essential:
                assert set(req.question_ids) & quick, (role.id, req.question_id)
    assert {bank.questions[q].section_id for q in quick} == {s.id for s in bank.sections}


def test_background_and_education_are_experience_not_study(bank: Bank) -> None:
    experience = {qid for qid, q in bank.questions.items() if q.experience}
    assert experience == {
        "background-engineering",
        "background-it-operations",
        "background-security",
        "education",
    }


def test_one_certification_one_regulation_one_orchestrator_is_enough(bank: Bank) -> None:
    """Employers ask for "certificates like CISSP, CEH, GSEC" and the regulations of their
    industry: the roles count the best of each group, so nobody needs all of them for 100."""
    groups = {rid: set(g.any_of) for rid, g in bank.groups.items()}
    assert {"cissp", "ceh", "gsec"} in groups.values()
    assert {"hipaa", "pci-dss", "soc2", "iso-27001", "nist"} in groups.values()
    assert {"kubernetes", "other-orchestrators"} in groups.values()
