"""Banks travel between people: a hostile one fails fast and clearly, or loads with its text
made harmless wherever it is shown."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from skillgap.cli.main import main
from skillgap.core.answering import make_answer
from skillgap.core.model import Answers
from skillgap.core.report import Report
from skillgap.core.scoring import score
from skillgap.export.report import render_report
from skillgap.export.text import render_text
from skillgap.formats.answers import template
from skillgap.formats.bank import BankError, load_bank
from tests.conftest import BankWriter

ESC = "\x1b"
HOSTILE = "Docker\x1b[2J\x1b]0;pwned\x07\u202eevil\u202c\x00\x9b31m"
#: The same text as a YAML double-quoted scalar.
HOSTILE_YAML = '"Docker\\e[2J\\e]0;pwned\\a\\u202eevil\\u202c\\0\\x9b31m"'


def problems(writer: BankWriter) -> list[str]:
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    return [p.format() for p in info.value.problems]


def test_a_100_mb_file_fails_fast(bank_writer: BankWriter) -> None:
    path = bank_writer.root / "sections" / "20-huge.yaml"
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    start = time.perf_counter()
    (message,) = problems(bank_writer)
    assert time.perf_counter() - start < 2
    assert "20-huge.yaml" in message and "104,857,600 bytes" in message


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting_fails_cleanly(bank_writer: BankWriter, opening: str) -> None:
    depth = 20_000
    block = "".join("  " * i + "-\n" for i in range(300))
    text = block if opening == "- " else opening * depth
    bank_writer.write("sections/20-deep.yaml", text)
    found = problems(bank_writer)
    assert found and all("20-deep.yaml" in m for m in found)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("target: 3", "target: 1000000000000000000000000000000000"),
        ("weight: 2", "weight: 1e308"),
        ("weight: 2", "weight: 1e400"),
        ("weight: 2", "weight: 99999999999999999999999999999"),
    ],
)
def test_huge_numbers_are_refused(bank_writer: BankWriter, old: str, new: str) -> None:
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace(old, new))
    (message,) = problems(bank_writer)
    assert "10-ops.yaml:" in message


@pytest.fixture
def hostile_bank(bank_writer: BankWriter) -> Path:
    section = (
        BankWriter.SECTION.replace("prompt: How well do you use Docker?", f"prompt: {HOSTILE_YAML}")
        .replace("id: docker", f"id: docker\n    title: {HOSTILE_YAML}")
        .replace("{1: a, 2: b, 3: c, 4: d}", f"{{1: {HOSTILE_YAML}, 2: b, 3: c, 4: d}}")
        .replace("title: Base", f"title: {HOSTILE_YAML}")
    )
    bank_writer.write("sections/10-base.yaml", section)
    bank_writer.write("bank.yaml", 'name: "Bank \\e[31mred"\nversion: "1\\u202e0"\n')
    return bank_writer.root


def test_hostile_text_loads_but_is_never_printed_raw(
    hostile_bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = load_bank(hostile_bank)
    assert ESC in bank.questions["docker"].prompt  # kept as written...
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text("answers:\n  linux: 1\n")
    for args in (
        ["answers-template"],
        ["score", str(answers_file)],
        ["score", str(answers_file), "--json"],
    ):
        assert main(["--questions", str(hostile_bank), *args]) == 0
        out = capsys.readouterr().out
        for raw in (ESC, "\x07", "\u202e", "\x00", "\x9b"):
            assert raw not in out, (args, repr(raw))  # ...but never shown raw


def test_hostile_text_is_escaped_in_every_export(hostile_bank: Path) -> None:
    bank = load_bank(hostile_bank)
    answers = Answers({"docker": make_answer(bank.questions["docker"], 2, note=HOSTILE)})
    result = score(bank, answers)
    report = Report(
        1, datetime(2025, 1, 1, tzinfo=timezone.utc), bank.name, bank.version, answers, result
    )
    assert ESC not in render_text(result, bank)
    assert ESC not in template(bank)
    for fmt in ("text", "md", "html"):
        out = render_report(report, bank, fmt)
        for raw in (ESC, "\x07", "\u202e", "\x00"):
            assert raw not in out, (fmt, repr(raw))
