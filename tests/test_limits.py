"""One table of limits (formats/limits.py) for the bank validator and the report reader: a
bank at every limit validates, scores, saves and reads back, through the store and through the
exported document; one past each limit is refused where it is written, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.core.answering import make_answer
from skillgap.core.checks import outcome
from skillgap.core.model import Answers
from skillgap.core.scoring import score
from skillgap.formats import limits
from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.report_json import report_from_json, report_to_json
from skillgap.store.api import Store
from tests.conftest import BankWriter

N = limits.MAX_ITEMS
NAME = "N" * limits.MAX_BANK_NAME
VERSION = "v" * limits.MAX_BANK_VERSION
KIND = "k" * limits.MAX_RESOURCE_KIND
WEIGHT = str(int(limits.MAX_WEIGHT))
HOURS = str(int(limits.MAX_HOURS))


def _section(count: int, resources: int, checks: int) -> str:
    resource = f"      - {{title: Docs, url: 'https://example.org/', kind: {KIND}}}\n"
    more = "      - {title: D}\n"  # short, so 20,000 of them fit one file's 2 MiB
    check = "      - {prompt: P, options: [a, b], answer: a, explain: E, source: S}\n"
    first = (
        f"  - id: q0\n    prompt: The first\n    effort_hours: {HOURS}\n"
        "    resources:\n"
        + (resource + more * (resources - 1) if resources else "")
        + "    checks:\n"
        + check * checks
    )
    rest = "".join(f"  - {{id: q{i}, prompt: Q}}\n" for i in range(1, count))
    return "section: {id: s, title: S}\nquestions:\n" + first + rest


def _role(count: int) -> str:
    lines = "".join(f"  q{i}: {{target: 4, weight: {WEIGHT}}}\n" for i in range(count))
    return "role: {id: r, name: R}\nrequirements:\n" + lines


def _at_limits(writer: BankWriter, questions: int = N, requirements: int = N) -> None:
    writer.write("bank.yaml", f"name: {NAME}\nversion: '{VERSION}'\n")
    writer.write("sections/10-base.yaml", _section(questions, N, limits.MAX_CHECKS))
    writer.write("roles/10-ops.yaml", _role(requirements))


def test_a_bank_at_every_limit_saves_and_reads_back(
    bank_writer: BankWriter, tmp_path: Path
) -> None:
    _at_limits(bank_writer)
    bank = load_bank(bank_writer.root)
    assert len(bank.questions) == N and len(bank.roles[0].requirements) == N
    first = bank.questions["q0"]
    last_check = outcome(first, limits.MAX_CHECKS - 1, "a")
    answers = Answers({"q0": make_answer(first, 0, check=last_check)})
    result = score(bank, answers)
    # Every question rises four levels from 0: four steps each, over the old 20,000 items;
    # the section's weight sums 20,000 requirements of the most weight, over the old 1e9.
    assert len(result.next_steps) == 4 * N
    assert result.roles[0].sections[0].weight == limits.MAX_WEIGHT * N
    assert max(step.hours for step in result.next_steps) == limits.MAX_HOURS
    with Store.open(tmp_path / "data") as store:
        report_id = store.save_report(answers, result)
        report = store.get_report(report_id)  # before: "report 1 is damaged"
    assert report.result == result and report.answers == answers
    assert report.bank_name == NAME and report.bank_version == VERSION
    document = report_to_json(report.id, report.created_at, report.answers, report.result)
    data = report_from_json(document)
    assert data.result == result and data.answers == answers


def _problems(writer: BankWriter) -> list[str]:
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    return [p.format() for p in info.value.problems]


@pytest.mark.parametrize(
    ("name", "text", "line", "says"),
    [
        ("bank.yaml", f"name: {NAME}N\nversion: '1'\n", 1, "is 501 characters; the limit is 500"),
        ("bank.yaml", f"name: B\nversion: '{VERSION}v'\n", 2, "is 101 characters; the limit"),
        (
            "sections/20-more.yaml",
            f"section: {{id: t, title: T}}\nquestions:\n  - id: x\n    prompt: X\n"
            f"    resources:\n      - {{title: D, kind: {KIND}k}}\n",
            6,
            "is 101 characters; the limit is 100",
        ),
        (
            "roles/10-ops.yaml",
            "role: {id: ops, name: Ops}\nrequirements:\n"
            f"  linux: {{target: 3, weight: {WEIGHT}1}}\n",
            3,
            "must be a number > 0 (at most 1,000,000)",
        ),
        (
            "sections/20-more.yaml",
            f"section: {{id: t, title: T}}\nquestions:\n  - id: x\n    prompt: X\n"
            f"    effort_hours: {HOURS}1\n",
            5,
            "must be a number > 0 (at most 1,000,000)",
        ),
    ],
    ids=["bank-name", "bank-version", "resource-kind", "weight", "hours"],
)
def test_one_past_a_length_or_number_limit_is_refused_at_its_line(
    bank_writer: BankWriter, name: str, text: str, line: int, says: str
) -> None:
    path = bank_writer.write(name, text)
    (problem,) = _problems(bank_writer)
    assert problem.startswith(f"{path}:{line}: ") and says in problem, problem


def test_one_question_past_the_limit_is_refused_at_its_line(bank_writer: BankWriter) -> None:
    _at_limits(bank_writer, questions=N + 1, requirements=1)
    path = bank_writer.root / "sections" / "10-base.yaml"
    (problem,) = _problems(bank_writer)
    line = 7 + N + limits.MAX_CHECKS + N  # header, q0 with its lists, then q1 ... q20000
    assert problem.startswith(f"{path}:{line}: ")
    assert "a bank holds at most 20,000 questions" in problem


@pytest.mark.parametrize("what", ["requirements", "resources", "checks"])
def test_one_entry_past_a_list_limit_is_refused_at_its_line(
    bank_writer: BankWriter, what: str
) -> None:
    if what == "requirements":
        bank_writer.write("roles/10-ops.yaml", _role(N + 1))
        path, line, says = "roles/10-ops.yaml", 3, f"has {N + 1:,} entries; the limit is {N:,}"
    else:
        count = (N if what == "resources" else limits.MAX_CHECKS) + 1
        text = _section(1, count if what == "resources" else 0, count if what == "checks" else 0)
        bank_writer.write("sections/10-base.yaml", text.replace("id: q0", "id: linux"))
        limit = N if what == "resources" else limits.MAX_CHECKS
        path, says = "sections/10-base.yaml", f"has {count:,} items; the limit is {limit:,}"
        line = 7 if what == "resources" else 8
    found = [p for p in _problems(bank_writer) if says in p]
    assert len(found) == 1 and found[0].startswith(f"{bank_writer.root / path}:{line}: "), found


def test_one_role_past_the_limit_is_refused_in_its_file(
    bank_writer: BankWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20,001 role files would take the test minutes; the validator reads the same table entry
    # at its check, so a lower limit shows where it is said.
    monkeypatch.setattr(limits, "MAX_ITEMS", 2)
    for i in (20, 30):
        bank_writer.write(
            f"roles/{i}-r.yaml", _role(1).replace("id: r", f"id: r{i}").replace("q0", "linux")
        )
    found = [p for p in _problems(bank_writer) if "roles" in p and "2 roles" in p]
    path = bank_writer.root / "roles" / "30-r.yaml"
    assert found == [f"{path}:1: role: a bank holds at most 2 roles; this is one more"]


def test_the_reader_reads_what_the_validator_allows() -> None:
    assert limits.MAX_REPORT_WEIGHT >= limits.MAX_WEIGHT * limits.MAX_ITEMS
    assert limits.MAX_REPORT_HOURS >= limits.MAX_HOURS * 4
    assert limits.MAX_STEPS >= 4 * limits.MAX_ITEMS


def test_export_refuses_a_json_report_that_import_would_refuse(
    bank_writer: BankWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import cap stays (a valid bank's report has no useful upper bound: one question's
    20,000 resources are repeated in each of its four steps), and export refuses, in one line,
    a JSON file that import would refuse, before writing it."""
    from datetime import datetime, timezone

    from skillgap.app.reports import read_report_file
    from skillgap.cli.main import main
    from skillgap.core.report import Report
    from skillgap.export.report import render_report
    from skillgap.store import ReportFileError

    _at_limits(bank_writer, questions=1, requirements=1)
    bank = load_bank(bank_writer.root)
    answers = Answers({})
    result = score(bank, answers)
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        report_id = store.save_report(answers, result)
    report = Report(report_id, datetime.now(timezone.utc), bank.name, bank.version, answers, result)
    too_big = tmp_path / "written-anyway.json"
    too_big.write_text(render_report(report, None, "json"), encoding="ascii")
    with pytest.raises(ReportFileError, match="is over 5 MiB"):
        read_report_file(too_big)
    out = tmp_path / "r.json"
    argv = ["--questions", str(bank_writer.root), "--data-dir", str(folder), "report", "export"]
    assert main([*argv, "1", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "report 1 as JSON is" in err and "over the 5 MiB" in err, err
    assert "export it as .md or .html" in err and err.count("\n") == 1
    assert not out.exists()
