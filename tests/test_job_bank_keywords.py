"""The bundled bank's keywords: every question has some, the tools the article names are
among them, and no keyword (as an ad's words are matched) belongs to two questions."""

from __future__ import annotations

import pytest

from skillgap.core.job import normalise
from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from skillgap.paths import bundled_bank_dir

#: The tools, platforms, regulations and certifications the article names, by the question
#: that should catch them.
ARTICLE_NAMES = {
    "ansible": "config-management", "chef": "config-management", "puppet": "config-management",
    "docker": "docker", "kubernetes": "kubernetes", "mesosphere": "other-orchestrators",
    "docker swarm": "other-orchestrators", "aws": "cloud-platforms", "azure": "cloud-platforms",
    "gcp": "cloud-platforms", "prometheus": "metrics-dashboards",
    "grafana": "metrics-dashboards", "elasticsearch": "log-management",
    "jenkins": "ci-pipelines", "travis ci": "ci-pipelines", "circleci": "ci-pipelines",
    "python": "python", "hipaa": "hipaa", "pci-dss": "pci-dss", "soc2": "soc2",
    "iso 27001": "iso-27001", "nist": "nist", "cissp": "cissp", "ceh": "ceh", "gsec": "gsec",
}  # fmt: skip

#: Keywords deliberately shared by two questions (none so far): normalised words -> questions.
SHARED: dict[tuple[str, ...], set[str]] = {}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(bundled_bank_dir())


def test_every_question_has_keywords(bank: Bank) -> None:
    assert [q.id for q in bank.questions.values() if not q.keywords] == []


def test_no_keyword_belongs_to_two_questions(bank: Bank) -> None:
    owners: dict[tuple[str, ...], set[str]] = {}
    for question in bank.questions.values():
        for keyword in question.keywords:
            owners.setdefault(normalise(keyword), set()).add(question.id)
    shared = {words: qids for words, qids in owners.items() if len(qids) > 1}
    assert shared == SHARED


@pytest.mark.parametrize(("keyword", "question_id"), sorted(ARTICLE_NAMES.items()))
def test_the_article_names_are_keywords_of_their_question(
    bank: Bank, keyword: str, question_id: str
) -> None:
    assert keyword in bank.questions[question_id].keywords
