"""Every bad input found so far (by fuzzing or by hand), kept so it stays handled: exit 2, one
line naming the file, nothing unsafe printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillgap.cli.main import main
from tests.conftest import DATA, BankWriter

SECTIONS = sorted((DATA / "corpus" / "sections").glob("*.yaml"))


@pytest.mark.parametrize("case", SECTIONS, ids=[c.stem for c in SECTIONS])
def test_bad_section_file(
    case: Path, bank_writer: BankWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(case, bank_writer.root / "sections" / "20-case.yaml")
    code = main(["validate", str(bank_writer.root)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") >= 1 and all("20-case.yaml" in line for line in err.splitlines())
    assert "\x1b" not in err and "\x07" not in err
