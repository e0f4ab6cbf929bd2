"""A file with thousands of problems: it is parsed once for their lines, not once per problem,
and the report stops at 100 problems per file with one line counting the rest."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from skillgap.cli.main import main
from skillgap.formats import fields
from tests.conftest import BankWriter


def _role_with_unknown_requirements(count: int) -> str:
    lines = [
        "role:",
        "  id: ops",
        "  name: Ops",
        "requirements:",
        "  linux: {target: 3, weight: 1}",
    ]
    lines += [f"  unknown-{i}: {{target: 2, weight: 1}}" for i in range(count)]
    return "\n".join(lines) + "\n"


def test_3000_problems_parse_the_file_once_and_print_100_then_a_count(
    bank_writer: BankWriter, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    role = bank_writer.write("roles/10-ops.yaml", _role_with_unknown_requirements(3000))
    composed: list[Any] = []
    real_compose = yaml.compose

    def counting_compose(*args: Any, **kwargs: Any) -> Any:
        composed.append(args)
        return real_compose(*args, **kwargs)

    monkeypatch.setattr(yaml, "compose", counting_compose)
    assert main(["validate", str(bank_writer.root)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(composed) == 1  # before: one parse of the whole file per problem, 3,000
    assert len(lines) == 101
    assert all(line.startswith(f"{role}:") for line in lines)
    assert all("names no question" in line for line in lines[:100])
    assert lines[0].startswith(f"{role}:6: requirements.unknown-0: requirement 'unknown-0'")
    assert lines[99].startswith(f"{role}:105: requirements.unknown-99: ")
    assert lines[100] == f"{role}: and 2,900 more problems in this file"


def test_exactly_the_cap_has_no_count_line(
    bank_writer: BankWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    count = fields.MAX_PROBLEMS_PER_FILE
    bank_writer.write("roles/10-ops.yaml", _role_with_unknown_requirements(count))
    assert main(["validate", str(bank_writer.root)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == count
    assert "more problems" not in lines[-1]
