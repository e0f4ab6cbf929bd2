"""The bundled bank as a DevSecOps hiring lead reviewed it (issue 16): checks that are evidence
of level 3, what a 2026 role asks for as labelled additions, and targets a hiring lead signs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from skillgap.core.advice import next_steps
from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from tests.conftest import BUNDLED_BANK

#: The soft skills: rated by how a person works with others, which a multiple-choice check
#: cannot evidence.
SOFT_SKILLS = {"collaboration", "stakeholder-communication", "documentation"}

#: The review's 16 level-1 recall checks (a definition, a document number, or the question's
#: own level-1 anchor): none may survive as evidence of a claim of level 3.
RECALL_CHECKS = {
    "pci-dss": "PCI DSS applies to entities that store, process or transmit which data?",
    "iso-27001": "What does ISO/IEC 27001 specify?",
    "soc2": "What does a SOC 2 Type II report cover that a Type I does not?",
    "threat-modelling": "In STRIDE, what does the R stand for?",
    "vulnerability-management": "A CVSS base score of 9.5 falls in which qualitative rating?",
    "risk-assessment": "Which NIST publication is the guide for conducting risk assessments?",
    "secure-sdlc": "Which NIST publication is the Secure Software Development Framework (SSDF)?",
    "nist": (
        "What is NIST SP 800-53?",
        "Which NIST publication describes the Risk Management Framework (RMF)?",
    ),
    "vulnerability-scanning": (
        "Which organisation runs the National Vulnerability Database (NVD)?",
        "Who assigns CVE IDs to newly found vulnerabilities?",
    ),
    "supply-chain-security": "What is an SBOM?",
    "cloud-platforms": "What is an availability zone?",
    "penetration-testing": "What must you have before testing a system that you do not own?",
    "hipaa": (
        "Which HIPAA rule requires administrative, physical and technical safeguards for ePHI?"
    ),
    "kubernetes": "What is the default type of a Kubernetes Service?",
}

#: What a 2026 DevSecOps job asks for beyond the article: skillgap's labelled additions.
ADDITIONS = (
    "container-security",
    "cloud-security-posture",
    "incident-response",
    "iac-security-scanning",
    "delivery-identity",
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED_BANK)


def test_every_rating_question_but_the_soft_skills_has_two_checks(bank: Bank) -> None:
    """So a claim of level 3 is tested, and a second assessment can ask a different one."""
    short = {
        q.id: len(q.checks)
        for q in bank.questions.values()
        if q.kind == "rating" and q.id not in SOFT_SKILLS and len(q.checks) < 2
    }
    assert short == {}


@pytest.mark.parametrize("qid", sorted(RECALL_CHECKS))
def test_no_recall_check_survives(bank: Bank, qid: str) -> None:
    old = RECALL_CHECKS[qid]
    prompts = {c.prompt for c in bank.questions[qid].checks}
    assert prompts.isdisjoint({old} if isinstance(old, str) else set(old))


def test_the_top_ten_check_names_the_2025_edition(bank: Bank) -> None:
    text = " ".join(c.prompt + " " + c.explain for c in bank.questions["web-app-security"].checks)
    assert "2025" in text and "Top 10:2021" not in text


def test_every_question_says_where_it_comes_from(bank: Bank) -> None:
    sources = {q.id: q.source for q in bank.questions.values()}
    assert {qid for qid, s in sources.items() if s not in ("article", "skillgap")} == set()


@pytest.mark.parametrize("qid", ADDITIONS)
def test_each_addition_is_a_whole_labelled_skill(bank: Bank, qid: str) -> None:
    q = bank.questions[qid]
    assert q.source == "skillgap"
    assert q.kind == "rating" and sorted(q.levels) == [1, 2, 3, 4]
    assert len(q.checks) >= 2
    assert q.resources and q.effort_hours and q.requires
    devsecops = bank.role("devsecops")
    assert devsecops is not None and qid in devsecops.requirement_by_question


def test_the_article_is_named_wherever_it_is_cited(bank: Bank) -> None:
    """A person reading "the article" is told which one."""
    vague = []
    for q in bank.questions.values():
        for text in (q.prompt, q.help, *q.levels.values(), *(o.label for o in q.options)):
            if "article" in text.lower() and "4 Key Differences" not in text:
                vague.append((q.id, text))
    assert vague == []


def _hosts(bank: Bank) -> set[str]:
    return {urlsplit(r.url).netloc for q in bank.questions.values() for r in q.resources}


def test_the_resources_a_reviewer_asked_for_are_there(bank: Bank) -> None:
    titles = " ".join(r.title for q in bank.questions.values() for r in q.resources)
    for name in ("Puppet", "DSOMM", "ASVS", "CIS", "800-190"):
        assert name in titles, name
    assert any("puppet" in r.url for r in bank.questions["config-management"].resources)
    assert "www.puppet.com" in _hosts(bank) or "puppet.com" in _hosts(bank)


def test_preparing_for_an_exam_is_worth_awareness(bank: Bank) -> None:
    for q in bank.questions.values():
        for option in q.options:
            if "preparing" in option.label.lower() or "studying for the" in option.label.lower():
                assert option.level == 1, (q.id, option.label)


def _requirement(bank: Bank, role_id: str, qid: str) -> tuple[int, float, bool] | None:
    role = bank.role(role_id)
    assert role is not None
    req = role.requirement_by_question.get(qid)
    return None if req is None else (req.target, req.weight, req.essential)


def test_targets_a_hiring_lead_would_sign(bank: Bank) -> None:
    for role in ("devops", "devsecops"):
        assert _requirement(bank, role, "cloud-platforms") == (3, 3, True), role
    found = _requirement(bank, "devsecops", "security-testing-pipelines")
    assert found is not None and found[2], "building *and securing* CI/CD pipelines"
    secrets = _requirement(bank, "devops", "secrets-management")
    assert secrets is not None and secrets[0] == 2


def test_groups_let_one_member_stand_for_the_kind(bank: Bank) -> None:
    for role_id, group, members in (
        ("devsecops", "industry-regulations", {"hipaa", "pci-dss", "soc2", "iso-27001", "nist"}),
        ("devsecops", "security-certification", {"cissp", "ceh", "gsec"}),
        ("devops", "devops-certification", {"cka", "aws-devops-pro", "terraform-associate"}),
        ("devops", "container-orchestration", {"kubernetes", "other-orchestrators"}),
        ("devsecops", "container-orchestration", {"kubernetes", "other-orchestrators"}),
    ):
        role = bank.role(role_id)
        assert role is not None
        (req,) = [r for r in role.requirements if r.question_id == group]
        assert set(req.any_of) == members, (role_id, group)


def test_it_operations_counts_for_devops_but_not_devsecops(bank: Bank) -> None:
    """The article's background table: IT operations for DevOps; for DevSecOps, software
    engineering, system administration and cyber security."""
    devops, devsecops = bank.role("devops"), bank.role("devsecops")
    assert devops is not None and devsecops is not None
    it_ops = [q for q in bank.questions.values() if q.experience and "IT operations" in q.prompt]
    assert it_ops, "a question asks about IT operations experience"
    for q in it_ops:
        assert q.id in devops.requirement_by_question
        assert q.id not in devsecops.requirement_by_question


def test_retired_orchestrators_are_kept_but_never_ahead_of_kubernetes(bank: Bank) -> None:
    other = bank.questions["other-orchestrators"]
    assert "Mesos" in other.prompt + other.help and "retired" in (other.prompt + other.help).lower()


def test_the_bundled_bank_never_advises_swarm_or_mesos_ahead_of_kubernetes(bank: Bank) -> None:
    assert not bank.questions["other-orchestrators"].advise
    for role in ("devops", "devsecops", None):
        for start in ({}, {"kubernetes": 1}, {"other-orchestrators": 2}):
            levels = {"linux-admin": 3, "docker": 3, **start}
            steps = next_steps(bank, levels, target_role=role)
            assert "other-orchestrators" not in {s.question_id for s in steps}
            assert "kubernetes" in {s.question_id for s in steps}


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip(".,:;?!()\"'").lower() for w in text.split() if len(w) > 3)


def test_no_two_checks_ask_the_same_thing(bank: Bank) -> None:
    """A person who answers two questions never meets one scenario twice (the review's bank
    had the pull_request_target scenario under both CI pipelines and supply chain security:
    their prompts share 60% of their words)."""
    checks = [(q.id, _words(c.prompt)) for q in bank.questions.values() for c in q.checks]
    close = [
        (a, b)
        for i, (a, wa) in enumerate(checks)
        for b, wb in checks[i + 1 :]
        if len(wa & wb) / len(wa | wb) > 0.4
    ]
    assert close == []
