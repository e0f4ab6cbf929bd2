"""Real invalid YAML (yaml-test-suite, MIT) used as a section file: exit 2, one clear line
naming the file, never a traceback. The cases are copied into tests/data/yaml-test-suite-errors,
so the tests need nothing outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skillgap.cli.main import main
from tests.conftest import DATA, BankWriter

SUITE = DATA / "yaml-test-suite-errors"  # copied into the repository: see its README.md
CASES = sorted(SUITE.glob("*.yaml"))


def test_the_suite_is_present_with_its_licence() -> None:
    assert len(CASES) == 94, f"expected the 94 error cases in {SUITE}"
    assert "MIT License" in (SUITE / "LICENSE").read_text(encoding="utf-8")
    assert "https://github.com/yaml/yaml-test-suite" in (SUITE / "README.md").read_text("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_yaml_section_is_one_clear_error(
    case: Path, bank_writer: BankWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    target = bank_writer.root / "sections" / "20-broken.yaml"
    shutil.copyfile(case, target)
    assert main(["validate", str(bank_writer.root)]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == ""
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{target}:"), lines[0]
    assert "Traceback" not in err


def test_a_real_process_prints_no_traceback(bank_writer: BankWriter) -> None:
    shutil.copyfile(CASES[0], bank_writer.root / "sections" / "20-broken.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "skillgap", "validate", str(bank_writer.root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "20-broken.yaml:" in proc.stderr
