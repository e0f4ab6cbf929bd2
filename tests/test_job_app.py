"""app.job's helpers for the TUI's Match screen (issue 20): an ad pasted as text, a reading
edited (a requirement dropped, a target changed), the fit against the newest report, and the
role saved under the data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillgap.app.job import (
    JobAdError,
    bank_with_job,
    edited,
    job_fit,
    read_job_text,
    save_job_role,
)
from skillgap.core.model import Bank
from skillgap.core.scoring import score
from skillgap.errors import UsageError
from skillgap.formats.answers import load_answers
from skillgap.formats.bank import load_bank
from skillgap.formats.limits import MAX_JOB_AD_BYTES
from tests.conftest import BUNDLED_BANK, DATA, ROOT

AD = (DATA / "jobs" / "senior-devops.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED_BANK)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "empty"),
        ("  \n\t", "empty"),
        ("We bake bread in Lyon.", "nothing in the job ad matches"),
        ("x" * (MAX_JOB_AD_BYTES + 1), "over 1 MiB"),
    ],
)
def test_a_bad_pasted_ad_is_one_error(bank: Bank, text: str, said: str) -> None:
    with pytest.raises(JobAdError, match=said):
        read_job_text(text, bank)


def test_edited_drops_and_retargets_in_step(bank: Bank) -> None:
    reading = read_job_text(AD, bank)
    ids = [m.requirement_id for m in reading.matches]
    assert "python" in ids and "cka" in ids
    changed = edited(reading, bank, dropped=frozenset({"python"}), targets={"hipaa": 3})
    assert [m.requirement_id for m in changed.matches] == [i for i in ids if i != "python"]
    assert [r.question_id for r in changed.role.requirements] == [
        m.requirement_id for m in changed.matches
    ]
    assert changed.role.requirement_by_question["hipaa"].target == 3
    assert next(m for m in changed.matches if m.requirement_id == "hipaa").target == 3
    # a certification stands at 4 (held): asked for at 2, it asks for 4
    cert = edited(reading, bank, targets={"cka": 2})
    assert cert.role.requirement_by_question["cka"].target == 4
    assert reading.role.requirement_by_question["python"]  # the reading itself is unchanged


def test_job_fit_scores_the_answers_aimed_at_the_job(bank: Bank) -> None:
    reading = read_job_text(AD, bank)
    assert job_fit(bank, reading, None) is None  # no report yet
    answers = load_answers(ROOT / "examples" / "answers-devops.yaml", bank)
    result = job_fit(bank, reading, answers)
    assert result is not None and result.target_role == reading.role.id
    assert [r.role_id for r in result.roles] == ["devops", "devsecops", reading.role.id]
    assert result == score(bank_with_job(bank, reading), answers, target_role=reading.role.id)
    every = frozenset(m.requirement_id for m in reading.matches)
    assert job_fit(bank, edited(reading, bank, dropped=every), answers) is None


def test_the_saved_role_validates_in_a_copy_of_the_bank(bank: Bank, tmp_path: Path) -> None:
    reading = edited(read_job_text(AD, bank), bank, dropped=frozenset({"python"}))
    path = save_job_role(reading, bank, tmp_path / "data")
    assert path == tmp_path / "data" / "roles" / f"{reading.role.id}.yaml"
    with pytest.raises(UsageError, match="already exists"):
        save_job_role(reading, bank, tmp_path / "data")
    save_job_role(reading, bank, tmp_path / "data", replace=True)
    copy = tmp_path / "bank"
    shutil.copytree(BUNDLED_BANK, copy)
    shutil.copy(path, copy / "roles" / "99-job.yaml")
    loaded = load_bank(copy)
    role = loaded.role(reading.role.id)
    assert role is not None
    assert [r.question_id for r in role.requirements] == [
        r.question_id for r in reading.role.requirements
    ]
