"""The `report` commands and `score --save`: what they print (text and JSON), export and
import, and their exit codes."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from skillgap.cli.main import main
from skillgap.store import Store
from tests.conftest import MINI_BANK

Capture = pytest.CaptureFixture[str]


def sg(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--questions", str(MINI_BANK), *argv])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "answers:\n  linux: 1\n  docker: 1\n  cissp: none\n"
        "notes:\n  linux: '<script>alert(\"hi\")</script> | ok'\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def better_file(tmp_path: Path) -> Path:
    path = tmp_path / "better.yaml"
    path.write_text(
        "answers:\n  linux: 3\n  docker: 2\n  cissp: studying\n  scanning: 2\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def two_reports(capsys: Capture, answers_file: Path, better_file: Path) -> tuple[int, int]:
    ids = []
    for path in (answers_file, better_file):
        code, _, err = sg(capsys, "score", "--save", str(path))
        assert code == 0, err
        ids.append(int(err.split()[-1]))
    return ids[0], ids[1]


def test_score_save_keeps_json_pure(capsys: Capture, answers_file: Path) -> None:
    code, out, err = sg(capsys, "score", "--json", "--save", str(answers_file))
    assert code == 0
    doc = json.loads(out)  # stdout is only the JSON document
    assert re.fullmatch(r"saved as report \d+\n", err)
    report_id = int(err.split()[-1])
    code, out, _ = sg(capsys, "report", "show", str(report_id), "--format", "json")
    saved = json.loads(out)
    assert {r["id"]: r["score"] for r in doc["roles"]} == {
        r["id"]: round(r["score"], 1) for r in saved["result"]["roles"]
    }


def test_score_without_save_saves_nothing(capsys: Capture, answers_file: Path) -> None:
    assert sg(capsys, "score", str(answers_file))[0] == 0
    code, out, _ = sg(capsys, "report", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_list_json_newest_first_with_changes(capsys: Capture, two_reports: tuple[int, int]) -> None:
    first, second = two_reports
    code, out, _ = sg(capsys, "report", "list", "--json")
    assert code == 0
    doc = json.loads(out)
    assert [r["id"] for r in doc] == [second, first]
    newest = doc[0]
    assert {"id", "created_at", "scores"} <= set(newest)
    assert set(newest["scores"]) == {"ops", "secops"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", newest["created_at"])
    assert newest["change"]["ops"] == pytest.approx(
        newest["scores"]["ops"] - doc[1]["scores"]["ops"], abs=0.11
    )
    assert doc[1]["change"] == {"ops": None, "secops": None}


def test_list_text(capsys: Capture, two_reports: tuple[int, int]) -> None:
    code, out, _ = sg(capsys, "report", "list")
    lines = out.splitlines()
    assert code == 0
    assert "Ops engineer" in lines[0] and "SecOps engineer" in lines[0]
    assert lines[1].split()[0] == str(two_reports[1])
    assert re.search(r"\d+% \+\d+", lines[1])  # the change since the previous report


def test_list_limit(capsys: Capture, answers_file: Path) -> None:
    for _ in range(3):
        sg(capsys, "score", "--save", str(answers_file))
    code, out, _ = sg(capsys, "report", "list", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 4  # header, 2 rows, "newest 2 of 3"
    assert "newest 2 shown" in out
    assert len(json.loads(sg(capsys, "report", "list", "--json", "--limit", "1")[1])) == 1
    assert sg(capsys, "report", "list", "--limit", "x")[0] == 2


def test_list_empty(capsys: Capture) -> None:
    code, out, _ = sg(capsys, "report", "list")
    assert code == 0 and "No saved reports yet" in out


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_show_every_format(capsys: Capture, two_reports: tuple[int, int], fmt: str) -> None:
    code, out, err = sg(capsys, "report", "show", str(two_reports[0]), "--format", fmt)
    assert code == 0, err
    if fmt in ("md", "html"):
        assert "<script>" not in out
    assert "Ops engineer" in out


def test_show_unknown_and_bad_ids(capsys: Capture, two_reports: tuple[int, int]) -> None:
    code, _, err = sg(capsys, "report", "show", "999")
    assert code == 2 and "no report 999" in err and err.count("\n") == 1
    for bad in ("abc", "0", "-1", "1.5"):
        assert sg(capsys, "report", "show", bad)[0] == 2


def test_export_by_extension_and_refuses_to_overwrite(
    capsys: Capture, two_reports: tuple[int, int], tmp_path: Path
) -> None:
    rid = str(two_reports[0])
    for name, marker in [("r.md", "# skillgap Report"), ("r.html", "<!DOCTYPE html>"),
                         ("r.json", '"schema_version"'), ("r.txt", "Your answers")]:  # fmt: skip
        target = tmp_path / name
        code, _, err = sg(capsys, "report", "export", rid, "-o", str(target))
        assert code == 0, err
        assert marker in target.read_text(encoding="utf-8")
    code, _, err = sg(capsys, "report", "export", rid, "-o", str(tmp_path / "r.md"))
    assert code == 2 and "already exists" in err
    assert sg(capsys, "report", "export", rid, "-o", str(tmp_path / "r.md"), "--force")[0] == 0
    code, _, err = sg(capsys, "report", "export", rid, "-o", str(tmp_path / "r.pdf"))
    assert code == 2 and "extension" in err and not (tmp_path / "r.pdf").exists()
    code, _, err = sg(capsys, "report", "export", "999", "-o", str(tmp_path / "x.md"))
    assert code == 2 and not (tmp_path / "x.md").exists()
    blocked = tmp_path / "r.md" / "x.md"  # a file where the folder should be
    code, _, err = sg(capsys, "report", "export", rid, "-o", str(blocked))
    assert code == 1 and str(blocked) in err and err.count("\n") == 1


def test_diff(capsys: Capture, two_reports: tuple[int, int]) -> None:
    old, new = two_reports
    code, out, _ = sg(capsys, "report", "diff", str(old), str(new))
    assert code == 0
    assert "Fit" in out and "Answers changed: 4" in out and "Steps done since" in out
    assert "1 Aware -> 3 Independent" in out
    code, out, _ = sg(capsys, "report", "diff", str(old), str(new), "--json")
    doc = json.loads(out)
    assert doc["old"]["id"] == old and {a["id"] for a in doc["answers"]} >= {"linux", "scanning"}
    assert sg(capsys, "report", "diff", str(old), "999")[0] == 2


def test_delete(capsys: Capture, two_reports: tuple[int, int]) -> None:
    old, new = two_reports
    code, _, err = sg(capsys, "report", "delete", str(old), "--yes")
    assert code == 0 and f"deleted report {old}" in err
    assert [r["id"] for r in json.loads(sg(capsys, "report", "list", "--json")[1])] == [new]
    code, _, err = sg(capsys, "report", "delete", str(old), "-y")
    assert code == 2 and f"no report {old}" in err


class Terminal(io.StringIO):
    """Standard input as a terminal someone types `typed` into."""

    def isatty(self) -> bool:
        return True


def ids(capsys: Capture) -> list[int]:
    return [r["id"] for r in json.loads(sg(capsys, "report", "list", "--json")[1])]


def test_delete_without_a_terminal_or_yes_refuses_in_one_line(
    capsys: Capture, two_reports: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # a pipe: not asked, whatever it holds
    old, new = two_reports
    code, out, err = sg(capsys, "report", "delete", str(old))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--yes" in err and "no terminal" in err
    assert ids(capsys) == [new, old]


@pytest.mark.parametrize("typed", ["y\n", "Y\n", "yes\n", " YES \n"])
def test_delete_asks_on_a_terminal_and_yes_deletes(
    capsys: Capture, two_reports: tuple[int, int], monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    old, new = two_reports
    with Store.open() as store:
        day = store.get_report(old).created_at.strftime("%Y-%m-%d")
    monkeypatch.setattr(sys, "stdin", Terminal(typed))
    code, out, err = sg(capsys, "report", "delete", str(old))
    assert code == 0 and out == ""
    assert err.startswith(f"Delete report {old} of {day}? [y/N] ")
    assert f"deleted report {old}" in err
    assert ids(capsys) == [new]


@pytest.mark.parametrize("typed", ["\n", "n\n", "no\n", "yep\n", ""])
def test_delete_asks_and_anything_else_keeps_the_report(
    capsys: Capture, two_reports: tuple[int, int], monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    old, new = two_reports
    monkeypatch.setattr(sys, "stdin", Terminal(typed))
    code, out, err = sg(capsys, "report", "delete", str(old))
    assert code == 1 and out == ""
    assert "[y/N]" in err and f"report {old} not deleted" in err and "deleted report" not in err
    assert err.endswith("\n")  # end of input (Ctrl+D) still ends the line
    assert ids(capsys) == [new, old]


def test_delete_asks_nothing_for_a_report_that_is_not_there(
    capsys: Capture, two_reports: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, _, err = sg(capsys, "report", "delete", "99")
    assert code == 2 and "[y/N]" not in err and "no report 99" in err


def test_delete_yes_never_reads_standard_input(
    capsys: Capture, two_reports: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Unreadable:
        def isatty(self) -> bool:
            return True

        def readline(self) -> str:
            raise AssertionError("asked")

    monkeypatch.setattr(sys, "stdin", Unreadable())
    old, new = two_reports
    assert sg(capsys, "report", "delete", "--yes", str(old))[0] == 0
    assert ids(capsys) == [new]


def test_export_import_round_trip_between_data_dirs(
    capsys: Capture, two_reports: tuple[int, int], tmp_path: Path
) -> None:
    files = []
    for rid in two_reports:
        target = tmp_path / f"report-{rid}.json"
        assert sg(capsys, "report", "export", str(rid), "-o", str(target))[0] == 0
        files.append(str(target))
    other = tmp_path / "other-data"
    code, _, err = sg(capsys, "--data-dir", str(other), "report", "import", *files)
    assert code == 0, err
    assert err.count("imported ") == 2
    code, _, err = sg(capsys, "--data-dir", str(other), "report", "import", files[0])
    assert code == 0 and "already saved as report" in err
    with Store.open(tmp_path / "data") as here, Store.open(other) as there:
        mine = here.list_reports()
        theirs = there.list_reports()
        assert [s.created_at for s in mine] == [s.created_at for s in theirs]
        for a, b in zip(mine, theirs, strict=True):
            ra, rb = here.get_report(a.id), there.get_report(b.id)
            assert (ra.created_at, ra.answers, ra.result) == (rb.created_at, rb.answers, rb.result)


def test_import_is_all_or_nothing_per_file(
    capsys: Capture, two_reports: tuple[int, int], tmp_path: Path
) -> None:
    good = tmp_path / "good.json"
    sg(capsys, "report", "export", str(two_reports[0]), "-o", str(good))
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["result"]["roles"][1]["score"] = "high"  # one bad field, deep in the file
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other"
    code, _, err = sg(capsys, "--data-dir", str(other), "report", "import", str(bad), str(good))
    assert code == 2
    assert f"skillgap: {bad}: result.roles[1].score: must be a number" in err
    assert f"imported {good}" in err
    with Store.open(other) as s:
        assert s.count_reports() == 1


def test_import_rejects_non_reports_cleanly(capsys: Capture, tmp_path: Path) -> None:
    cases = {
        "list.json": "[]",
        "yaml.json": "answers: {}",
        "binary.json": "\x00\x01",
        "newer.json": json.dumps(
            {"schema_version": 99, "created_at": "2024-01-01T00:00:00Z", "answers": {}}
        ),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, _, err = sg(capsys, "report", "import", str(path))
        assert code == 2, name
        assert err.startswith(f"skillgap: {path}: ") and err.count("\n") == 1, err
    assert "newer skillgap" in err
    code, _, err = sg(capsys, "report", "import", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err


def test_report_without_subcommand_is_usage(capsys: Capture) -> None:
    code, _, err = sg(capsys, "report")
    assert code == 2 and "list" in err


def test_data_dir_option_and_environment(
    capsys: Capture, answers_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    option_dir, env_dir = tmp_path / "opt", tmp_path / "env"
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(env_dir))
    assert sg(capsys, "--data-dir", str(option_dir), "score", "--save", str(answers_file))[0] == 0
    assert sg(capsys, "score", "--save", str(answers_file))[0] == 0
    for folder in (option_dir, env_dir):
        with Store.open(folder) as s:
            assert s.count_reports() == 1


def test_show_with_a_bank_that_no_longer_loads(
    capsys: Capture, two_reports: tuple[int, int], tmp_path: Path
) -> None:
    broken = tmp_path / "broken-bank"
    broken.mkdir()
    code = main(["--questions", str(broken), "report", "show", str(two_reports[0])])
    out, err = capsys.readouterr()
    assert code == 0 and "Ops engineer" in out and "does not load" in err


def test_no_traceback_from_a_real_process(tmp_path: Path, answers_file: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "skillgap", "--questions", str(MINI_BANK),
         "--data-dir", str(blocker / "data"), "score", "--save", str(answers_file)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.startswith("skillgap: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr and "Ops engineer" in proc.stdout


@pytest.mark.parametrize(
    "module",
    [
        "skillgap.store",
        "skillgap.formats.report_json",
        "skillgap.core.comparison",
        "skillgap.cli.report",
        "skillgap.export.report",
    ],
)
def test_report_modules_never_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}; assert 'textual' not in sys.modules and 'rich' not in sys.modules"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_bank_with_128_character_ids_saves_and_shows_reports(
    capsys: Capture, tmp_path: Path
) -> None:
    """The id limit is one number: what validation accepts, a saved report reads back."""
    import shutil

    long_id = "linux-" + "x" * 122
    assert len(long_id) == 128
    bank = tmp_path / "bank"
    shutil.copytree(MINI_BANK, bank)
    for path in bank.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\blinux\b", long_id, text), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"answers:\n  {long_id}: 3\n", encoding="utf-8")
    opts = ["--questions", str(bank), "--data-dir", str(tmp_path / "data")]
    code, _, err = sg(capsys, *opts, "score", str(answers), "--save")
    assert code == 0 and "saved as report 1" in err
    code, out, err = sg(capsys, *opts, "report", "show", "1", "--format", "json")
    assert code == 0, err
    assert long_id in out


def test_report_commands_print_file_names_as_visible_escapes(
    capsys: Capture, two_reports: tuple[int, int], tmp_path: Path
) -> None:
    """A file name with an escape sequence or a newline never reaches the terminal raw, in
    report export's and report import's messages."""
    hostile = tmp_path / "a\x1b]0;pwned\x07\nb.json"
    code, _, err = sg(capsys, "report", "export", str(two_reports[0]), "-o", str(hostile))
    assert code == 0 and "\x1b" not in err and "\x07" not in err and err.count("\n") == 1
    code, _, err = sg(capsys, "report", "import", str(hostile))
    assert code == 0 and "\x1b" not in err and "\x07" not in err and err.count("\n") == 1


def test_export_to_a_dangling_link_is_refused_without_force(
    capsys: Capture, two_reports: tuple[int, int], tmp_path: Path
) -> None:
    """A link counts as an existing file, even one that points nowhere: without --force it
    is refused and left as it is; with --force the link is replaced, its target never made."""
    target = tmp_path / "elsewhere" / "made.md"
    link = tmp_path / "r.md"
    link.symlink_to(target)
    rid = str(two_reports[0])
    code, _, err = sg(capsys, "report", "export", rid, "-o", str(link))
    assert code == 2 and "already exists (a link)" in err and "--force" in err, err
    assert link.is_symlink() and not target.exists()
    assert sg(capsys, "report", "export", rid, "-o", str(link), "--force")[0] == 0
    assert not link.is_symlink() and "# skillgap Report" in link.read_text(encoding="utf-8")
    assert not target.exists() and not target.parent.exists()
