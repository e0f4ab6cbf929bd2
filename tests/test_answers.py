"""Answers files: what a script hands `skillgap score`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skillgap.cli.main import main
from skillgap.core.model import Bank
from skillgap.formats.answers import AnswersError, load_answers, template
from tests.conftest import MINI_BANK


def write(tmp_path: Path, text: str | bytes, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_values_of_every_kind(tmp_path: Path, mini_bank: Bank) -> None:
    path = write(
        tmp_path,
        "answers:\n  linux: 3\n  cissp: studying\n  background: [dev, sec]\n  docker:\n"
        "notes:\n  linux: I run our fleet\n",
    )
    answers = load_answers(path, mini_bank)
    assert answers.level("linux") == 3
    assert answers.get("linux").note == "I run our fleet"
    assert answers.level("cissp") == 2
    assert answers.level("background") == 4  # the highest level among the options chosen
    assert answers.get("docker") is None  # left empty: unanswered
    assert answers.level("docker") == 0


def test_an_empty_multi_answer_is_level_zero(tmp_path: Path, mini_bank: Bank) -> None:
    answers = load_answers(write(tmp_path, "answers:\n  background: []\n"), mini_bank)
    assert answers.get("background") is not None and answers.level("background") == 0


def test_the_template_lists_every_question_and_loads_back(mini_bank: Bank, tmp_path: Path) -> None:
    text = template(mini_bank)
    data = yaml.safe_load(text)
    assert list(data["answers"]) == list(mini_bank.questions)
    assert "held (I hold it)" in text and "4: I design fleets." in text
    answers = load_answers(write(tmp_path, text), mini_bank)
    assert answers.by_question == {}


BAD = [
    ("unknown id", "answers:\n  linx: 2\n", "answers.yaml:2", "did you mean 'linux'?"),
    ("level too high", "answers:\n  linux: 5\n", "answers.yaml:2", "level 0-4"),
    ("negative level", "answers:\n  linux: -1\n", "answers.yaml:2", "level 0-4"),
    ("text for a rating", "answers:\n  linux: lots\n", "answers.yaml:2", "level 0-4"),
    ("bool for a rating", "answers:\n  linux: yes\n", "answers.yaml:2", "level 0-4"),
    ("unknown option", "answers:\n  cissp: maybe\n", "answers.yaml:2", "choose from held"),
    ("list for a choice", "answers:\n  cissp: [held]\n", "answers.yaml:2", "one option id"),
    ("bad multi option", "answers:\n  background: [dev, x]\n", "answers.yaml:2", "'x'"),
    ("not a mapping", "- linux\n- docker\n", "answers.yaml:1", "mapping"),
    ("answers not a mapping", "answers: [1, 2]\n", "answers.yaml:1", "mapping"),
    ("no answers key", "linux: 3\n", "answers.yaml:1", "not an answers file"),
    ("empty", "", "answers.yaml", "empty"),
    ("yaml error", "answers:\n  linux: [\n", "answers.yaml:3", "invalid YAML"),
    ("binary", b"\x7fELF\x00\x00", "answers.yaml", "binary"),
    (
        "python tag",
        "answers: !!python/object/apply:os.getcwd []\n",
        "answers.yaml:1",
        "not allowed",
    ),
]


@pytest.mark.parametrize(("text", "where", "says"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_answers_files_exit_2_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes, where: str, says: str
) -> None:
    path = write(tmp_path, text)
    code = main(["--questions", str(MINI_BANK), "score", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert str(tmp_path / where) in err
    assert says in err
    assert "Traceback" not in err


def test_missing_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--questions", str(MINI_BANK), "score", str(tmp_path / "nope.yaml")])
    assert code == 2
    assert "nope.yaml: file not found" in capsys.readouterr().err


def test_answers_error_lists_every_problem(tmp_path: Path, mini_bank: Bank) -> None:
    path = write(tmp_path, "answers:\n  linux: 9\n  dockr: 1\n")
    with pytest.raises(AnswersError) as info:
        load_answers(path, mini_bank)
    assert [p.line for p in info.value.problems] == [2, 3]
