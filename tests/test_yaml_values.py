"""YAML values that parse but cannot be built (a date that does not exist, a tagged number
that is not one, an integer of thousands of digits), and files that are not regular files:
each is one FILE:LINE problem and exit 2, never an internal error or a hang."""

from __future__ import annotations

import os

import pytest

from skillgap.cli.main import main
from tests.conftest import BankWriter


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bank.yaml", "name: Test bank\nversion: 2024-02-30\n", 2),
        ("bank.yaml", "name: Test bank\nversion: 2024-13-01\n", 2),
        ("bank.yaml", "name: !!float abc\nversion: '1'\n", 1),
        ("bank.yaml", "name: Test bank\nversion: " + "1" * 5000 + "\n", 2),
        ("bank.yaml", "name: !!timestamp xyz\nversion: '1'\n", 1),
        ("bank.yaml", "name: !!bool maybe\nversion: '1'\n", 1),
        ("bank.yaml", "name: !!int 0x\nversion: '1'\n", 1),
    ],
    ids=["no-such-date", "no-such-month", "float-abc", "5000-digits", "timestamp", "bool", "int"],
)
def test_a_value_that_cannot_be_built_is_one_problem_at_its_line(
    bank_writer: BankWriter, capsys: pytest.CaptureFixture[str], name: str, text: str, line: int
) -> None:
    path = bank_writer.write(name, text)
    assert main(["validate", str(bank_writer.root)]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == ""
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line}: "), lines[0]
    assert "quote it if you meant text" in lines[0]
    assert "internal error" not in err.lower() and "Traceback" not in err


def test_a_digit_heavy_value_says_how_long_it_is(
    bank_writer: BankWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_writer.write("bank.yaml", "name: Test bank\nversion: " + "7" * 5000 + "\n")
    assert main(["validate", str(bank_writer.root)]) == 2
    err = capsys.readouterr().err
    assert "5,000 digits" in err and "set_int_max_str_digits" not in err


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
@pytest.mark.parametrize("folder", ["sections", "roles"])
@pytest.mark.parametrize("via_link", [False, True], ids=["fifo", "link-to-fifo"])
def test_a_named_pipe_in_a_bank_is_refused_not_waited_on(
    bank_writer: BankWriter, capsys: pytest.CaptureFixture[str], folder: str, via_link: bool
) -> None:
    fifo = bank_writer.root / folder / "20-pipe.yaml"
    if via_link:
        target = bank_writer.root.parent / "pipe"
        os.mkfifo(target)
        fifo.symlink_to(target)
    else:
        os.mkfifo(fifo)
    assert main(["validate", str(bank_writer.root)]) == 2  # before the fix: hangs here
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"{fifo}: not a regular file"]


@needs_fifo
def test_the_tui_bank_loader_refuses_a_named_pipe_too(bank_writer: BankWriter) -> None:
    from skillgap.formats.bank import BankError
    from skillgap.formats.bank_cache import load_bank_cached

    os.mkfifo(bank_writer.root / "roles" / "20-pipe.yaml")
    with pytest.raises(BankError, match="not a regular file"):
        load_bank_cached(bank_writer.root, bank_writer.root.parent / "cache")
