"""The command-line contract of the core commands (validate, answers-template, score): what
they print, their exit codes, help and error messages, and the global options."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from skillgap import __version__
from skillgap.cli.main import main
from tests.conftest import BUNDLED_BANK, MINI_BANK


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skillgap", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


def test_version_is_fast_and_imports_no_textual_or_yaml() -> None:
    code = (
        "import sys; from skillgap.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules and 'yaml' not in sys.modules, sorted(sys.modules)\n"
        # nor argparse, nor the regular expressions skillgap.escape compiles (about 10 ms:
        # --version read 1.77x `python -c pass` when cli.main imported escape at the top)
        "loaded = {'argparse', 'skillgap.escape', 'skillgap.cli.options'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"skillgap {__version__}"


def test_validate_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINI_BANK)]) == 0
    assert capsys.readouterr().out == "ok: 6 questions, 2 sections, 2 roles\n"


def test_validate_defaults_to_the_bundled_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_questions_option_and_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLGAP_QUESTIONS", str(MINI_BANK))
    assert main(["validate"]) == 0
    assert "6 questions" in capsys.readouterr().out
    assert main(["--questions", str(BUNDLED_BANK), "validate"]) == 0
    assert "6 questions" not in capsys.readouterr().out


def test_template_then_score_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "answers.yaml"
    assert main(["--questions", str(MINI_BANK), "answers-template", "-o", str(out)]) == 0
    text = (
        out.read_text()
        .replace("  linux:\n", "  linux: 3\n")
        .replace("  cissp:\n", "  cissp: held\n")
    )
    out.write_text(text)
    capsys.readouterr()
    assert main(["--questions", str(MINI_BANK), "score", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["bank"] == {"name": "Mini bank", "version": "0.1"}
    roles = {r["id"]: r for r in doc["roles"]}
    assert set(roles) == {"ops", "secops"}
    for role in doc["roles"]:
        assert set(role) >= {"id", "name", "score", "sections", "missing_essentials"}
        assert 0 <= role["score"] <= 100
    assert roles["ops"]["missing_essentials"] == []
    assert roles["secops"]["missing_essentials"] == ["scanning"]
    assert doc["next_steps"]
    for step in doc["next_steps"]:
        assert set(step) >= {"id", "title", "gain", "requires", "resources"}
        assert set(step["gain"]) == {"ops", "secops"}


def test_template_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text("mine")
    assert main(["answers-template", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "mine"


def test_template_for_the_bundled_bank_lists_every_question(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["answers-template"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert len(data["answers"]) >= 40
    assert all(value is None for value in data["answers"].values())


def test_score_text_shows_both_roles_and_next_steps(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  linux: 2\n")
    proc = run("--questions", str(MINI_BANK), "score", str(answers))
    assert proc.returncode == 0, proc.stderr
    assert "Ops engineer" in proc.stdout and "SecOps engineer" in proc.stdout
    assert "Learn next" in proc.stdout and "%" in proc.stdout
    assert "counted as level 0" in proc.stdout


def test_bad_bank_for_score_is_exit_2(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {}\n")
    proc = run("--questions", str(tmp_path / "missing"), "score", str(answers))
    assert proc.returncode == 2
    assert "bank folder not found" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_command_suggests_the_nearest() -> None:
    proc = run("scroe")
    assert proc.returncode == 2
    assert "unknown command 'scroe'; did you mean 'score'?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_subcommand_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "lst"])
    assert exit_info.value.code == 2
    assert "did you mean 'list'?" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "answers-template", "score", "report"])
def test_every_command_has_help_with_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "example: skillgap " in capsys.readouterr().out


def test_the_example_answers_file_scores(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "answers-devops.yaml"
    assert main(["score", str(example), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["unanswered"] == []


@pytest.mark.parametrize(
    ("argv", "data_dir", "questions"),
    [
        ([], None, None),
        (["--data-dir", "DATA"], "DATA", None),
        (["--data-dir=DATA", "--questions", "BANK"], "DATA", "BANK"),
    ],
)
def test_global_options_alone_open_the_tui(
    argv: list[str], data_dir: str | None, questions: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import skillgap.cli.main as cli

    monkeypatch.delenv("SKILLGAP_DATA_DIR", raising=False)
    monkeypatch.delenv("SKILLGAP_QUESTIONS", raising=False)
    opened: list[argparse.Namespace] = []
    monkeypatch.setattr(cli, "cmd_tui", lambda args: opened.append(args) or 0)
    assert main(argv) == 0
    (args,) = opened
    assert (args.data_dir, args.questions) == (data_dir, questions)


def test_a_global_option_without_its_value_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir"])
    assert exit_info.value.code == 2
    assert "--data-dir: expected one argument" in capsys.readouterr().err


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--data-dir", "DATA", "--help"])
    out = capsys.readouterr().out
    for command in ("validate", "answers-template", "score", "report", "plan"):
        assert command in out


def test_errors_say_what_to_do_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "answers.yaml"
    assert main(["score", str(missing)]) == 2
    assert f"skillgap answers-template -o {missing}" in capsys.readouterr().err

    assert main(["--data-dir", str(tmp_path / "data"), "report", "show", "7"]) == 2
    assert "there is no report 7 (see: skillgap report list)" in capsys.readouterr().err

    nowhere = tmp_path / "no-such-folder" / "answers.yaml"
    assert main(["answers-template", "-o", str(nowhere)]) == 2
    assert f"the folder {nowhere.parent} does not exist" in capsys.readouterr().err


def test_a_bad_option_choice_is_named_as_an_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "show", "1", "--format", "mdd"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--format: 'mdd' is not one of text, md, html, json; did you mean 'md'?" in err
    assert "unknown command" not in err


def test_report_export_names_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "answers-devops.yaml"
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "score", str(example), "--save"]) == 0
    target = tmp_path / "no-such-folder" / "report.md"
    assert main([*data, "report", "export", "1", "-o", str(target)]) != 0
    assert f"the folder {target.parent} does not exist" in capsys.readouterr().err
