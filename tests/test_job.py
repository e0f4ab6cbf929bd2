"""core.job: a job ad read into a role of the bundled bank. Ads written for the tests
(tests/data/jobs/): the questions each must and must not ask for, targets from depth words,
essentials from "required", groups as the bundled roles have them, and what was not understood."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.core.job import REQUIRED, WEIGHTS, KeywordIndex, normalise, read_job
from skillgap.core.model import Bank, Requirement
from skillgap.formats.bank import load_bank
from tests.conftest import BUNDLED_BANK, DATA

JOBS = DATA / "jobs"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED_BANK)


def requirements(bank: Bank, name: str) -> dict[str, Requirement]:
    reading = read_job((JOBS / name).read_text(encoding="utf-8"), bank)
    return {r.question_id: r for r in reading.role.requirements}


#: ad -> (requirements it must have, questions it must not ask for)
EXPECTED = {
    "senior-devops.md": (
        {"infrastructure-as-code", "kubernetes", "python", "shell-scripting", "ci-pipelines",
         "cloud-platforms", "hipaa", "cka", "metrics-dashboards"},
        {"docker", "other-orchestrators", "vulnerability-scanning", "cissp", "soc2"},
    ),
    "junior-devops.txt": (
        {"linux-admin", "shell-scripting", "docker", "git", "config-management",
         "cloud-platforms", "ci-pipelines"},
        {"kubernetes", "python", "infrastructure-as-code", "web-app-security"},
    ),
    "senior-devsecops.md": (
        {"container-security", "secrets-management", "web-app-security", "threat-modelling",
         "security-testing-pipelines", "vulnerability-management", "compliance-engineering",
         "industry-regulations", "security-certification", "vulnerability-scanning"},
        {"linux-admin", "python", "hipaa", "iso-27001", "other-orchestrators"},
    ),
    "junior-devsecops.md": (
        {"vulnerability-scanning", "python", "docker", "penetration-testing", "web-app-security",
         "industry-regulations", "gsec"},
        {"kubernetes", "cissp", "soc2", "hipaa", "secrets-management"},
    ),
    "platform-sre.md": (
        {"kubernetes", "cloud-platforms", "metrics-dashboards", "log-management", "alerting",
         "root-cause-analysis", "troubleshooting", "linux-admin", "dns", "load-balancing",
         "ip-addressing", "infrastructure-as-code", "deployment-automation"},
        {"docker", "python", "vulnerability-scanning", "cissp"},
    ),
    "cloud-security.txt": (
        {"cloud-platforms", "cloud-iam", "cloud-security-posture", "hipaa", "incident-response",
         "iac-security-scanning", "supply-chain-security", "cissp", "log-management"},
        {"kubernetes", "docker", "pci-dss", "gsec"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_ad_asks_for_what_it_names_and_nothing_it_does_not(bank: Bank, name: str) -> None:
    must, must_not = EXPECTED[name]
    found = requirements(bank, name)
    assert must <= set(found), must - set(found)
    asked = {qid for r in found.values() for qid in r.question_ids}
    assert not asked & must_not


def test_depth_words_set_targets(bank: Bank) -> None:
    senior = requirements(bank, "senior-devops.md")
    assert senior["infrastructure-as-code"].target == 4  # "Deep expertise in Terraform"
    assert senior["hipaa"].target == 2  # "Familiarity with HIPAA"
    assert senior["python"].target == 4  # the title says Senior
    junior = requirements(bank, "junior-devops.txt")
    assert {r.target for r in junior.values()} == {2}  # a Junior job, "basics", "exposure"
    sre = requirements(bank, "platform-sre.md")
    assert {r.target for r in sre.values()} == {3}  # no depth words: the default


def test_required_lines_and_sections_are_essential_nice_to_have_is_light(bank: Bank) -> None:
    senior = requirements(bank, "senior-devops.md")
    assert senior["kubernetes"].essential and senior["kubernetes"].weight == 3
    assert not senior["cka"].essential and senior["cka"].weight == 1  # "## Nice to have"
    assert not senior["cloud-platforms"].essential and senior["cloud-platforms"].weight == 2
    sre = requirements(bank, "platform-sre.md")
    assert sre["dns"].essential and sre["infrastructure-as-code"].essential  # "Must", "required"
    assert not sre["alerting"].essential  # "What you will do"
    assert not sre["deployment-automation"].essential and sre["deployment-automation"].weight == 1
    junior = requirements(bank, "junior-devops.txt")
    assert junior["docker"].essential and not junior["ci-pipelines"].essential  # "Bonus:"


def test_members_of_a_bundled_group_become_that_group(bank: Bank) -> None:
    found = requirements(bank, "senior-devsecops.md")
    certs = found["security-certification"]
    assert certs.any_of == ("cissp", "ceh", "gsec") and certs.essential  # "CISSP or CEH required"
    assert certs.title == bank.groups["security-certification"].title
    assert found["industry-regulations"].any_of == ("pci-dss", "soc2")
    # One member named alone is a requirement of its own.
    cissp = requirements(bank, "cloud-security.txt")["cissp"]
    assert cissp.any_of == () and cissp.target == 4  # a 3 asks for the level held: 4


def test_what_it_did_not_understand_is_listed(bank: Bank) -> None:
    def unknown(name: str) -> tuple[str, ...]:
        return read_job((JOBS / name).read_text(encoding="utf-8"), bank).unknown

    assert {"Kafka", "Redis"} <= set(unknown("senior-devops.md"))
    assert "Lacework" in unknown("senior-devsecops.md")
    assert "Security+" in unknown("junior-devsecops.md")
    assert "Rust" in unknown("platform-sre.md")
    assert {"HITRUST", "Sentinel"} <= set(unknown("cloud-security.txt"))
    for name in EXPECTED:  # words it placed, and plain words, are never listed
        listed = {w.lower() for w in unknown(name)}
        assert not listed & {"kubernetes", "terraform", "requirements", "senior", "we", "the"}


def test_the_longest_keyword_wins_and_plurals_match(bank: Bank) -> None:
    index = KeywordIndex(bank)
    found = index.find(normalise("Docker Swarm clusters, Terraform Associate, containers"))
    assert [qid for _, _, qid, _ in found] == [
        "other-orchestrators",
        "terraform-associate",
        "docker",
    ]


def test_the_role_id_is_the_title_s_words_and_never_a_bundled_id(bank: Bank) -> None:
    reading = read_job("# DevOps!\n- Kubernetes\n", bank)
    assert reading.role.id == "job-devops" and reading.role.name == "DevOps!"
    assert read_job("Kubernetes\n", bank).role.id == "job-kubernetes"
    assert read_job("- - -\nKubernetes\n", bank).role.id == "job"


def test_an_ad_with_nothing_recognisable_has_no_requirements(bank: Bank) -> None:
    reading = read_job("Baker\nWe bake bread with Sourdough and Flour.\n", bank)
    assert reading.role.requirements == () and "Sourdough" in reading.unknown


_WORDS = st.sampled_from(
    ["Requirements", "## Nice to have", "Bonus:", "- ", "Kubernetes", "expert", "familiarity",
     "required", "CISSP", "CEH", "HIPAA", "PCI-DSS", "Swarm", "and", "or", "Kafka", "\n",
     "senior", "Python", "terraform", "must", "plus", ".", "GSEC", "junior", "docker swarm"]
)  # fmt: skip
ADS = st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=ADS)
def test_properties_of_any_ad(bank: Bank, text: str) -> None:
    first = read_job(text, bank)
    assert read_job(text, bank) == first  # the same ad, the same role
    role = first.role
    ids = [r.question_id for r in role.requirements]
    assert len(ids) == len(set(ids))
    counted = [qid for r in role.requirements for qid in r.question_ids]
    assert len(counted) == len(set(counted))  # a question counts once in the role
    for req in role.requirements:
        assert 1 <= req.target <= 4
        # the weight is the emphasis the ad gave it, and only a required skill is essential
        assert req.weight in WEIGHTS.values()
        assert req.essential == (req.weight == WEIGHTS[REQUIRED])
        assert all(qid in bank.questions for qid in req.question_ids)
        assert req.any_of == () or req.question_id in bank.groups
        top = max(bank.questions[q].reachable_levels()[-1] for q in req.question_ids)
        assert req.target <= top
        assert any(req.target in bank.questions[q].reachable_levels() for q in req.question_ids)
