"""Text output fits the terminal (issue 17): `score`, `report show`, `report list`, `report diff`
and `plan` at 40, 80, 120 and 200 columns, table cells cut with an ellipsis, free text wrapped
with its indent, the same 80 columns to a pipe whatever the terminal, --json untouched; and
`plan --help` saying the defaults saved in the app, read without writing."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from skillgap.cli import options
from skillgap.cli.main import main
from skillgap.export.layout import cells, clip, shrink, wrap
from skillgap.store import DB_NAME, Store
from tests.conftest import ROOT

Capture = pytest.CaptureFixture[str]
WIDTHS = [40, 80, 120, 200]
EXAMPLES = ROOT / "examples"
FIRST, LATER = EXAMPLES / "answers-devops.yaml", EXAMPLES / "answers-devops-later.yaml"


def sg(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: usage errors and --help
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(capsys: Capture) -> None:
    """Reports 1 and 2, from the two example answers files."""
    for path in (FIRST, LATER):
        assert sg(capsys, "score", str(path), "--save")[0] == 0


COMMANDS = {
    "score": ["score", str(FIRST)],
    "show": ["report", "show", "2"],
    "list": ["report", "list"],
    "diff": ["report", "diff", "1", "2"],
    "plan": ["plan", "--hours", "3", "--weeks", "8"],
}


def at(capsys: Capture, monkeypatch: pytest.MonkeyPatch, width: int | None, *argv: str) -> str:
    if width is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = sg(capsys, *argv)
    assert code == 0, err
    return out


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_no_line_is_wider_than_the_terminal(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, command: str, width: int
) -> None:
    out = at(capsys, monkeypatch, width, *COMMANDS[command])
    # but a link too long for any line, which stays whole on a line of its own
    lines = [line for line in out.splitlines() if not _a_link_alone(line, width)]
    widest = max(lines, key=cells)
    assert cells(widest) <= width, widest
    assert "\u00a0" not in out and "\u2060" not in out  # the marks are gone


def _a_link_alone(line: str, width: int) -> bool:
    text = line.strip()
    return text.startswith("<https://") and text.endswith(">") and cells(text) > width - 7


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize("width", [40, 60])
def test_a_link_is_never_cut_or_broken(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """A link cut with an ellipsis or broken over lines can be neither clicked nor copied:
    each resource's address is printed whole, on a line of its own when it must be."""
    from skillgap.formats.bank import bundled_bank_dir, load_bank

    urls = {r.url for q in load_bank(bundled_bank_dir()).questions.values() for r in q.resources}
    out = at(capsys, monkeypatch, width, *COMMANDS["score"])
    shown = re.findall(r"<(https://[^>]*)>", out)
    assert shown and set(shown) <= urls
    assert not re.search(r"<https://[^>\n]*\n", out)  # no link runs on to the next line


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_pipe_gets_80_columns_whatever_the_terminal(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(os, "get_terminal_size", lambda *a: os.terminal_size((200, 50)))
    piped = at(capsys, monkeypatch, None, *COMMANDS[command])
    assert piped == at(capsys, monkeypatch, 80, *COMMANDS[command])
    assert max(map(cells, piped.splitlines())) <= 80


def test_a_real_pipe_is_80_columns_and_columns_still_counts(saved: None, tmp_path: Path) -> None:
    def run(**env: str) -> str:
        environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | env
        proc = subprocess.run(
            [sys.executable, "-m", "skillgap", *COMMANDS["score"]],
            capture_output=True,
            text=True,
            timeout=60,
            env=environ,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    piped = run()
    assert max(map(cells, piped.splitlines())) <= 80
    assert max(map(cells, piped.splitlines())) > 70  # laid out for 80, not narrower
    assert max(map(cells, run(COLUMNS="200").splitlines())) > 80


@pytest.mark.usefixtures("saved")
def test_narrow_tables_cut_cells_with_an_ellipsis_wide_ones_do_not(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow = at(capsys, monkeypatch, 40, *COMMANDS["score"])
    section = narrow.split("By section\n")[1].split("\n\n")[0].splitlines()
    assert any(line.rstrip().endswith("%") and "…" in line for line in section)
    assert "…" not in at(capsys, monkeypatch, 200, *COMMANDS["score"])
    listed = at(capsys, monkeypatch, 60, *COMMANDS["list"]).splitlines()
    assert "…" in listed[0] and all(line.split()[0].isdigit() for line in listed[1:3])
    assert "…" not in at(capsys, monkeypatch, 200, *COMMANDS["list"])


@pytest.mark.usefixtures("saved")
def test_at_40_columns_the_list_keeps_ids_dates_and_scores(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    header, *rows = at(capsys, monkeypatch, 40, *COMMANDS["list"]).splitlines()
    assert "Bank" not in header  # the Bank column goes first
    assert rows[0].split()[:3] == ["2", rows[0].split()[1], "Full"]
    assert all(p.endswith("%") or p[1:].isdigit() or p == "=" for p in rows[0].split()[3:])


@pytest.mark.usefixtures("saved")
def test_free_text_wraps_with_its_indent(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = at(capsys, monkeypatch, 60, *COMMANDS["score"]).splitlines()
    steps = lines[lines.index("Learn next for both roles") + 1 :]
    first = next(i for i, line in enumerate(steps) if line.startswith("  1. "))
    assert steps[first + 1].startswith("     ") and not steps[first + 1].startswith("      ")
    assert any(line.startswith("     learn: ") for line in steps), "a step's resources"
    # nothing is lost by wrapping: step 1 says the same words as at 200 columns
    end = next(i for i, line in enumerate(steps) if line.startswith("  2. "))
    wide = at(capsys, monkeypatch, 200, *COMMANDS["score"]).splitlines()
    wide_first = next(i for i, line in enumerate(wide) if line.startswith("  1. "))
    wide_end = next(i for i, line in enumerate(wide) if line.startswith("  2. "))
    assert " ".join(steps[first:end]).split() == " ".join(wide[wide_first:wide_end]).split()


@pytest.mark.usefixtures("saved")
def test_wide_terminals_keep_the_layout_of_before(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 200 columns, each table row is one line, as before widths were known."""
    out = at(capsys, monkeypatch, 200, *COMMANDS["show"])
    assert "\n  DevOps engineer " in out and "Your answers\n" in out
    plan = at(capsys, monkeypatch, 200, *COMMANDS["plan"]).splitlines()
    assert plan[plan.index(next(p for p in plan if p.startswith("Week"))) + 1].strip()[:3] == "now"


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize(
    "argv", [["score", str(FIRST), "--json"], ["report", "list", "--json"],
             ["report", "diff", "1", "2", "--json"], ["plan", "--json"],
             ["report", "show", "1", "--format", "json"]],
)  # fmt: skip
def test_json_is_untouched_by_the_width(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    narrow = at(capsys, monkeypatch, 40, *argv)
    assert narrow == at(capsys, monkeypatch, 200, *argv)
    json.loads(narrow)


def test_the_width_comes_from_columns_then_the_terminal_then_80(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(os, "get_terminal_size", lambda *a: os.terminal_size((132, 50)))
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    for columns, expected in (("120", 120), ("5", options.MIN_WIDTH), ("", 80), ("wide", 80)):
        monkeypatch.setenv("COLUMNS", columns)
        assert options.output_width() == expected
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setenv("COLUMNS", "")
    assert options.output_width() == 132
    monkeypatch.delenv("COLUMNS")
    assert options.output_width() == 132


@pytest.mark.parametrize("width", WIDTHS)
def test_a_quick_result_fits_too(width: int) -> None:
    """A Quick quiz adds its coverage lines and "not assessed" cells to the text."""
    from skillgap.core.quiz import QuizState
    from skillgap.core.scoring import score
    from skillgap.export.text import render_text
    from skillgap.formats.bank import load_bank
    from tests.conftest import BUNDLED_BANK
    from tests.test_quick_carry import at as level_of
    from tests.test_quick_carry import take

    bank = load_bank(BUNDLED_BANK)
    state = QuizState(bank, "quick")
    take(state, {q.id: level_of(q, 2) for q in bank.ordered_questions(quick=True)})
    result = score(bank, state.scored_answers(), assessed=state.assessed_ids())
    lines = render_text(result, bank, width=width).splitlines()
    assert max(cells(line) for line in lines if not _a_link_alone(line, width)) <= width
    coverage = [line for line in lines if "of the role assessed" in line]
    assert len(coverage) == 2
    assert any("not assessed" in line or "not ass…" in line for line in lines)


# -- the layout helpers -----------------------------------------------------------------------


def test_cells_count_wide_and_combining_characters() -> None:
    assert cells("abc") == 3 and cells("日本") == 4 and cells("e\u0301") == 1
    assert cells(clip("日本語のテキスト", 7)) <= 7 and clip("日本語のテキスト", 7).endswith("…")
    assert clip("short", 5) == "short" and clip("longer", 5) == "long…" and clip("x", 0) == ""


def test_wrap_keeps_the_indent_and_cuts_only_words_longer_than_a_line() -> None:
    lines = wrap("one two three four five six", 12, "  - ")
    assert lines == ["  - one two", "    three", "    four", "    five six"]
    assert wrap("x" * 30, 12, "  ") == ["  xxxxxxxxxx", "  xxxxxxxxxx", "  xxxxxxxxxx"]
    assert wrap("as it is", None, "> ") == ["> as it is"]
    assert all(cells(line) <= 10 for line in wrap("漢字 " * 20, 10, "  "))


def test_shrink_takes_columns_toward_their_floors_in_order() -> None:
    assert shrink([30, 18, 15], [(0, 20), ((1, 2), 9)], 14) == [20, 14, 15]
    assert shrink([30, 18, 15], [(0, 20), ((1, 2), 9)], 100) == [20, 9, 9]
    assert shrink([10], [(0, 4)], 0) == [10]


# -- plan --help ------------------------------------------------------------------------------


def help_defaults(capsys: Capture, *before: str) -> str:
    code, out, err = sg(capsys, *before, "plan", "--help")
    assert code == 0 and err == ""
    return " ".join(out.split())


def test_plan_help_says_the_built_in_defaults_without_a_store(
    capsys: Capture, _isolated_data_dir: Path
) -> None:
    text = help_defaults(capsys)
    assert "(default: 5, built in)" in text and "(default: 26, built in)" in text
    assert "(default: both, built in)" in text
    assert not _isolated_data_dir.exists()  # nothing created


def test_plan_help_says_the_saved_defaults_and_writes_nothing(
    capsys: Capture, _isolated_data_dir: Path
) -> None:
    with Store.open() as store:
        store.set_setting("plan_hours_per_week", "7.5")
        store.set_setting("plan_weeks", "12")
        store.set_setting("target_role", "devsecops")
    before = {p.name: p.stat().st_mtime_ns for p in _isolated_data_dir.iterdir()}
    text = help_defaults(capsys)
    assert "(default: 7.5, your saved setting)" in text
    assert "(default: 12, your saved setting)" in text
    assert "(default: devsecops, your choice in the app)" in text
    assert {p.name: p.stat().st_mtime_ns for p in _isolated_data_dir.iterdir()} == before


def test_plan_help_reads_the_data_dir_option(
    capsys: Capture, tmp_path: Path, _isolated_data_dir: Path
) -> None:
    other = tmp_path / "other"
    with Store.open(other) as store:
        store.set_setting("plan_weeks", "40")
    assert "(default: 26, built in)" in help_defaults(capsys)
    assert "(default: 40, your saved setting)" in help_defaults(capsys, "--data-dir", str(other))
    assert "(default: 40, your saved setting)" in help_defaults(capsys, f"--data-dir={other}")


@pytest.mark.parametrize(
    "damage", [b"not a database at all", b"SQLite format 3\x00" + b"\x07" * 99]
)
def test_plan_help_never_fails_on_a_damaged_store(
    capsys: Capture, _isolated_data_dir: Path, damage: bytes
) -> None:
    _isolated_data_dir.mkdir()
    (_isolated_data_dir / DB_NAME).write_bytes(damage)
    assert "(default: 5, built in)" in help_defaults(capsys)
    assert (_isolated_data_dir / DB_NAME).read_bytes() == damage
    assert [p.name for p in _isolated_data_dir.iterdir()] == [DB_NAME]


def test_plan_help_ignores_a_saved_value_that_is_not_valid(
    capsys: Capture, _isolated_data_dir: Path
) -> None:
    with Store.open() as store:
        store.set_setting("plan_hours_per_week", "lots")
        store.set_setting("target_role", "both")
    text = help_defaults(capsys)
    assert "(default: 5, built in)" in text and "(default: both, built in)" in text


def test_plan_help_imports_no_textual() -> None:
    code = (
        "import sys; from skillgap.cli.main import main\n"
        "try:\n    main(['plan', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules and 'yaml' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "(default:" in proc.stdout
