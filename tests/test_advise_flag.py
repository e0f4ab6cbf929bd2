"""`advise: false`: a question kept for fidelity (a retired or niche tool) counts in fit when a
person has it, and Learn next never suggests it, so a group's advice goes to what the role means."""

from __future__ import annotations

import pytest

from skillgap.core.advice import next_steps
from skillgap.core.scoring import score
from skillgap.formats.bank import BankError, load_bank
from tests.conftest import BankWriter
from tests.strategies import answers_for

ORCHESTRATORS = """\
section: {id: orch, title: Orchestrators}
questions:
  - id: kubernetes
    prompt: Kubernetes?
    effort_hours: {1: 5, 2: 30, 3: 80, 4: 200}
  - id: swarm
    prompt: Docker Swarm or Mesos?
    effort_hours: {1: 2, 2: 10, 3: 30, 4: 100}
    advise: false
"""

ROLE = """\
role: {id: ops, name: Ops}
requirements:
  linux: {target: 3, weight: 1}
  orchestration: {any_of: [kubernetes, swarm], target: 3, weight: 3, essential: true}
"""


@pytest.fixture
def orchestrators(bank_writer: BankWriter) -> BankWriter:
    bank_writer.write("sections/20-orch.yaml", ORCHESTRATORS)
    bank_writer.write("roles/10-ops.yaml", ROLE)
    return bank_writer


def test_advise_loads_and_defaults_to_true(orchestrators: BankWriter) -> None:
    bank = load_bank(orchestrators.root)
    assert bank.questions["kubernetes"].advise and not bank.questions["swarm"].advise


@pytest.mark.parametrize("swarm", [0, 2])
def test_the_cheaper_member_kept_for_fidelity_is_never_advised(
    orchestrators: BankWriter, swarm: int
) -> None:
    """Swarm is cheaper per level, so value per hour alone would advise it; a mentor says
    Kubernetes, even to someone who already runs a Swarm."""
    bank = load_bank(orchestrators.root)
    levels = {"linux": 3, "kubernetes": 0, "swarm": swarm}
    steps = next_steps(bank, levels)
    assert [s.question_id for s in steps] and {s.question_id for s in steps} == {"kubernetes"}
    assert steps[-1].to_level == 3 and steps[0].essential


def test_what_it_is_kept_for_still_counts_in_fit(orchestrators: BankWriter) -> None:
    bank = load_bank(orchestrators.root)
    (role,) = score(bank, answers_for({"linux": 3, "kubernetes": 0, "swarm": 3})).roles
    assert role.score == pytest.approx(100.0)


def test_a_plan_that_chooses_it_may_still_study_it(orchestrators: BankWriter) -> None:
    bank = load_bank(orchestrators.root)
    steps = next_steps(bank, {"linux": 3}, first=[{"swarm": 2}])
    assert [(s.question_id, s.to_level) for s in steps[:2]] == [("swarm", 1), ("swarm", 2)]


@pytest.mark.parametrize(("value", "got"), [("1", "the number 1"), ("'false'", "the text 'false'")])
def test_advise_must_be_true_or_false(orchestrators: BankWriter, value: str, got: str) -> None:
    orchestrators.write(
        "sections/20-orch.yaml", ORCHESTRATORS.replace("advise: false", f"advise: {value}")
    )
    with pytest.raises(BankError) as info:
        load_bank(orchestrators.root)
    (problem,) = info.value.problems
    assert problem.field == "questions[1].advise" and problem.line == 9
    assert got in problem.message
