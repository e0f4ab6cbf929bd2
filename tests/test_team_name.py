"""A name on a report (issue 19): the report document's optional `name` (schema 4), the store's
schema 5 column and its migration, the `person_name` setting and `skillgap name`,
`score --save --name`, and export and import keeping it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from skillgap.app.settings import person_name, person_name_asked, save_person_name
from skillgap.core.model import Bank
from skillgap.formats.json_reader import FormatError
from skillgap.formats.report_json import (
    MAX_PERSON_NAME,
    REPORT_SCHEMA_VERSION,
    answers_to_json,
    dumps,
    report_from_json,
    report_to_json,
    result_to_json,
    timestamp,
)
from skillgap.store import DB_NAME, Store, StoreCorrupt, database, schema_version
from tests.test_report_cli import sg
from tests.test_store import T0, scored

Capture = pytest.CaptureFixture[str]
VALUES = {"linux": 3, "docker": 2, "cissp": "studying"}


def test_the_document_carries_a_name_and_older_ones_read_with_none(mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, VALUES)
    document = report_to_json(1, T0, answers, result, "Ada")
    assert REPORT_SCHEMA_VERSION == 4 and document["name"] == "Ada"
    assert report_from_json(json.loads(json.dumps(document))).name == "Ada"
    unnamed = report_to_json(1, T0, answers, result)
    assert "name" not in unnamed
    older = {**unnamed, "schema_version": 3}
    assert report_from_json(older).name == ""


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("a\nb", "one line"),
        ("\x1b[31mred", "control character"),
        ("x" * (MAX_PERSON_NAME + 1), "at most"),
        (7, "must be text"),
    ],
)
def test_a_bad_name_is_refused_naming_the_field(
    mini_bank: Bank, name: object, problem: str
) -> None:
    answers, result = scored(mini_bank, VALUES)
    document = {**report_to_json(1, T0, answers, result), "name": name}
    with pytest.raises(FormatError, match=f"name: .*{problem}"):
        report_from_json(document)


def test_a_name_is_trimmed(mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, VALUES)
    document = report_to_json(1, T0, answers, result, "  Ada L.  ")
    assert report_from_json(document).name == "Ada L."


def test_the_store_keeps_the_name(tmp_path: Path, mini_bank: Bank) -> None:
    with Store.open(tmp_path) as store:
        first = store.save_report(*scored(mini_bank, VALUES), created_at=T0, name="Bo")
        second = store.save_report(*scored(mini_bank, VALUES))
        assert store.get_report(first).name == "Bo"
        assert store.get_report(second).name == ""


def test_a_damaged_name_in_the_file_is_reported_not_raised(tmp_path: Path, mini_bank: Bank) -> None:
    with Store.open(tmp_path) as store:
        rid = store.save_report(*scored(mini_bank, VALUES), name="Bo")
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with conn:
        conn.execute("UPDATE reports SET name = x'00ff' WHERE id = ?", (rid,))
    conn.close()
    with Store.open(tmp_path) as store, pytest.raises(StoreCorrupt, match=f"report {rid}"):
        store.get_report(rid)


def test_a_version_4_file_migrates_to_5_keeping_its_reports_without_a_name(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = database.MIGRATIONS
    monkeypatch.setattr(database, "MIGRATIONS", released[:4])
    Store.open(tmp_path).close()
    answers, result = scored(mini_bank, VALUES)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(reports)")]
    assert "name" not in columns
    with conn:  # a report as skillgap with schema 4 saved it: no name column
        cursor = conn.execute(
            "INSERT INTO reports (created_at, bank_name, bank_version, scores, mode)"
            " VALUES (?, ?, ?, '[]', 'full')",
            (timestamp(T0), result.bank_name, result.bank_version),
        )
        rid = cursor.lastrowid
        conn.execute(
            "INSERT INTO report_data VALUES (?, ?, ?)",
            (rid, dumps(answers_to_json(answers)), dumps(result_to_json(result))),
        )
    conn.close()
    monkeypatch.setattr(database, "MIGRATIONS", released)
    with Store.open(tmp_path) as store:
        assert rid is not None
        report = store.get_report(rid)
        assert report.name == "" and report.created_at == T0
        assert store.get_report(store.save_report(answers, result, name="Cy")).name == "Cy"
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 5
    conn.close()


def test_the_setting_is_empty_by_default_asked_once_and_editable(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert person_name(store) == "" and not person_name_asked(store)
        assert save_person_name(store, "  Ada ") == "Ada"
        assert person_name(store) == "Ada" and person_name_asked(store)
        save_person_name(store, "")
        assert person_name(store) == "" and person_name_asked(store)
        with pytest.raises(ValueError, match="one line"):
            save_person_name(store, "a\nb")


def test_name_command_and_score_save_and_export_and_import(
    capsys: Capture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  linux: 3\n  docker: 2\n", encoding="utf-8")
    assert sg(capsys, "name")[1].startswith("(no name")
    code, _, err = sg(capsys, "name", "Ada L.")
    assert code == 0 and "Ada L." in err
    assert sg(capsys, "name")[1] == "Ada L.\n"
    code, _, err = sg(capsys, "score", "--save", str(answers))
    first = int(err.rsplit(" ", 1)[1])
    code, _, err = sg(capsys, "score", "--save", "--name", "Bo", str(answers))
    second = int(err.rsplit(" ", 1)[1])
    for rid, name in ((first, "Ada L."), (second, "Bo")):
        out = tmp_path / f"r{rid}.json"
        assert sg(capsys, "report", "export", str(rid), "-o", str(out))[0] == 0
        assert json.loads(out.read_text())["name"] == name
    # Into another data folder: import keeps the name.
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "other"))
    code, _, err = sg(capsys, "report", "import", str(tmp_path / f"r{second}.json"))
    assert code == 0, err
    with Store.open(tmp_path / "other") as store:
        (summary,) = store.list_reports()
        assert store.get_report(summary.id).name == "Bo"
    code, _, err = sg(capsys, "score", "--save", "--name", "a\x1bb", str(answers))
    assert code == 2 and "control character" in err
    assert sg(capsys, "name", "--clear")[0] == 0
    assert sg(capsys, "name")[1].startswith("(no name")


def test_a_finished_quiz_carries_the_name_it_is_given(tmp_path: Path, mini_bank: Bank) -> None:
    with Store.open(tmp_path) as store:
        rid = store.finish_session(*scored(mini_bank, VALUES), name="Ada")
        assert store.get_report(rid).name == "Ada"
        assert store.get_report(store.finish_session(*scored(mini_bank, VALUES))).name == ""


def test_report_list_json_names_whose_each_report_is(tmp_path: Path, mini_bank: Bank) -> None:
    """DESIGN.md's `report list --json` has a "name": the report's person, "" for none."""
    import os
    import subprocess
    import sys

    from tests.test_store import GROWN

    with Store.open(tmp_path) as store:
        answers, result = scored(mini_bank, GROWN)
        store.save_report(answers, result, name="Ada")
        store.save_report(answers, result)
        assert [s.name for s in store.list_reports()] == ["", "Ada"]
    env = {**os.environ, "SKILLGAP_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "skillgap", "report", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [r["name"] for r in json.loads(out)] == ["", "Ada"]
