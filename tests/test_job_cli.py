"""`skillgap job`, `score --job` and `plan --job` on the bundled bank: the role an ad reads
into, written so `skillgap validate` accepts it, scored exactly as that written role; and every
bad ad refused in one line with exit 2."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillgap.cli.main import main
from skillgap.core.job import read_job
from skillgap.formats.bank import load_bank
from skillgap.formats.job_role import role_yaml
from skillgap.formats.limits import MAX_JOB_AD_BYTES
from tests.conftest import BUNDLED_BANK, DATA, ROOT

JOBS = DATA / "jobs"
ANSWERS = ROOT / "examples" / "answers-devops.yaml"
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str, bank: Path = BUNDLED_BANK) -> tuple[int, str, str]:
    try:
        code = main(["--questions", str(bank), *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def bank_with_written_role(tmp_path: Path, capsys: Capture, ad: Path) -> tuple[Path, str]:
    """A copy of the bundled bank with the role `skillgap job -o` wrote for `ad` in roles/."""
    bank = tmp_path / "bank"
    shutil.copytree(BUNDLED_BANK, bank)
    code, _, err = run(capsys, "job", str(ad), "-o", str(bank / "roles" / "99-job.yaml"))
    assert code == 0, err
    role_id = json.loads(run(capsys, "job", str(ad), "--json")[1])["role"]["id"]
    return bank, role_id


@pytest.mark.parametrize("ad", sorted(JOBS.iterdir()), ids=lambda p: p.name)
def test_the_written_role_validates_and_scores_as_score_job(
    tmp_path: Path, capsys: Capture, ad: Path
) -> None:
    bank, role_id = bank_with_written_role(tmp_path, capsys, ad)
    code, out, err = run(capsys, "validate", str(bank))
    assert (code, err) == (0, "") and out == "ok: 59 questions, 16 sections, 3 roles\n"
    code, with_job, err = run(capsys, "score", str(ANSWERS), "--job", str(ad), "--json")
    assert code == 0, err
    code, written, err = run(capsys, "score", str(ANSWERS), "--role", role_id, "--json", bank=bank)
    assert code == 0, err
    assert json.loads(with_job) == json.loads(written)
    roles = [r["id"] for r in json.loads(with_job)["roles"]]
    assert roles == ["devops", "devsecops", role_id]


def test_job_prints_the_role_its_words_and_what_it_did_not_understand(capsys: Capture) -> None:
    code, out, err = run(capsys, "job", str(JOBS / "senior-devops.md"))
    assert code == 0 and err == ""
    assert out.startswith(
        "Senior DevOps Engineer (role job-senior-devops-engineer): 9 requirements"
    )
    assert (
        "target 4 · weight 3 · essential" in out and "from: kubernetes, eks, helm (line 7)" in out
    )
    assert out.rstrip().endswith("Not understood: Health, Kafka, Redis")


def test_job_json_and_standard_input(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    ad = (JOBS / "junior-devops.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ad)))
    code, out, err = run(capsys, "job", "-", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["role"]["id"] == "job-junior-devops-engineer" and doc["not_understood"] == []
    docker = next(r for r in doc["requirements"] if r["id"] == "docker")
    assert docker == {
        "id": "docker", "questions": ["docker"], "title": "Docker", "target": 2, "weight": 3.0,
        "essential": True, "phrases": ["docker"], "lines": [8],
    }  # fmt: skip


def test_the_role_file_is_not_overwritten_without_force(tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "role.yaml"
    target.write_text("mine\n")
    code, _, err = run(capsys, "job", str(JOBS / "platform-sre.md"), "-o", str(target))
    assert code == 2 and "already exists" in err and target.read_text() == "mine\n"
    code, _, err = run(capsys, "job", str(JOBS / "platform-sre.md"), "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("# yaml-language-server")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the job ad is empty"),
        (b"  \n\t\n", "the job ad is empty"),
        (b"DevOps\x00\x01\x02", "a binary file, not a job ad"),
        (b"Kubernetes \xff\xfe", "not UTF-8 text (byte 12 is not)"),
        (b"k" * (MAX_JOB_AD_BYTES + 1), "the job ad is over 1 MiB"),
        (b"Baker\nWe bake bread with Sourdough.\n", "nothing in the job ad matches a skill"),
    ],
    ids=["empty", "blank", "binary", "not-utf8", "too-big", "nothing-known"],
)
def test_a_bad_ad_is_one_line_and_exit_2(
    tmp_path: Path, capsys: Capture, content: bytes, message: str
) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_bytes(content)
    for command in (["job", str(ad)], ["score", str(ANSWERS), "--job", str(ad)]):
        code, out, err = run(capsys, *command)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith(f"skillgap: {ad}: ") and message in err
        assert "Traceback" not in err


def test_a_missing_ad_and_a_folder(tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "job", str(tmp_path / "nope.md"))
    assert code == 2 and err == f"skillgap: {tmp_path / 'nope.md'}: file not found\n"
    code, _, err = run(capsys, "job", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_nothing_known_names_what_it_did_not_understand(tmp_path: Path, capsys: Capture) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("Baker\nWe bake bread with Sourdough and Rye.\n")
    assert "not understood: Sourdough, Rye" in run(capsys, "job", str(ad))[2]


def test_score_job_refuses_role_and_save(capsys: Capture) -> None:
    ad = str(JOBS / "senior-devops.md")
    for extra in (["--role", "devops"], ["--save"]):
        code, _, err = run(capsys, "score", str(ANSWERS), "--job", ad, *extra)
        assert code == 2 and f"--job cannot be used with {extra[0]}" in err


def test_plan_job_plans_for_the_written_role(tmp_path: Path, capsys: Capture) -> None:
    ad = JOBS / "senior-devsecops.md"
    bank, role_id = bank_with_written_role(tmp_path, capsys, ad)
    assert run(capsys, "score", str(ANSWERS), "--save")[0] == 0
    code, with_job, err = run(capsys, "plan", "--job", str(ad), "--weeks", "8", "--json")
    assert code == 0, err
    code, written, err = run(capsys, "plan", "--role", role_id, "--weeks", "8", "--json", bank=bank)
    assert code == 0, err
    assert json.loads(with_job) == json.loads(written)
    assert role_id in with_job


@pytest.fixture(scope="module")
def bank_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bank = tmp_path_factory.mktemp("bank") / "bank"
    shutil.copytree(BUNDLED_BANK, bank)
    return bank


_LINES = st.sampled_from(
    ["# Staff Ingénieur DevOps…", "Requirements:", "**Nice to have**", "- Expert Kubernetes",
     "- CISSP, CEH or GSEC required", "- HIPAA and PCI-DSS", "Bonus: Docker Swarm", "Kafka",
     "- familiarity with Terraform \"quoted\" and 'single'", "    ", "- Python: a plus"]
)  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.one_of(_LINES, st.text(max_size=30)), min_size=1, max_size=12))
def test_every_role_it_writes_validates(bank_copy: Path, lines: list[str]) -> None:
    bank = load_bank(BUNDLED_BANK)
    reading = read_job("\n".join(lines), bank)
    if not reading.matches:
        return
    (bank_copy / "roles" / "99-job.yaml").write_text(role_yaml(reading, bank), encoding="utf-8")
    written = load_bank(bank_copy).roles[-1]
    assert written.requirements == reading.role.requirements
    assert (written.id, written.name) == (reading.role.id, reading.role.name)


def test_a_bank_without_keywords_says_so(capsys: Capture) -> None:
    code, out, err = run(
        capsys, "job", str(JOBS / "senior-devops.md"), bank=DATA / "banks" / "mini"
    )
    assert code == 2 and out == "" and "the bank's questions list no keywords" in err
