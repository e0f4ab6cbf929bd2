"""app/files.write_atomically (CLI exports, answers templates, the TUI export dialog) replaces a
symbolic link at the path and never writes through it (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.app.files import write_atomically
from skillgap.cli.main import main
from skillgap.errors import UsageError
from tests.conftest import MINI_BANK


def test_a_link_to_a_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    target = tmp_path / "someone-elses.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "export.md"
    link.symlink_to(target)
    write_atomically(link, "the export")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "the export"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_dangling_link_is_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "created.txt"
    link = tmp_path / "export.md"
    link.symlink_to(target)
    with pytest.raises(UsageError, match="already exists"):
        write_atomically(link, "the export", force=False)
    assert link.is_symlink() and not target.exists() and not target.parent.exists()


def test_answers_template_through_a_dangling_link_creates_no_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target.yaml"
    link = tmp_path / "answers.yaml"
    link.symlink_to(target)
    argv = ["--questions", str(MINI_BANK), "answers-template", "-o", str(link)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert link.is_symlink() and not target.exists()
    assert main([*argv, "--force"]) == 0
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("#")
    assert not target.exists()
