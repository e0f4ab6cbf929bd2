"""The learning plan: statuses kept in the store across assessments, "not relevant" leaving the
next steps (not the fit), what moved since the last assessment, and the schema migration."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

import skillgap.store.database as database
from skillgap.core.advice import next_steps
from skillgap.core.model import Bank, PlanEntry
from skillgap.core.plan import entry_for, parse_status, progress, reached_entries, skip_ids
from skillgap.core.scoring import level_map, score
from skillgap.store import DB_NAME, Store, schema_version
from tests.test_store import T0, answers_for, save_as_released, scored

T1 = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def test_statuses_survive_a_new_assessment(tmp_path: Path, mini_bank: Bank) -> None:
    answers, result = scored(mini_bank, {"linux": 1})
    with Store.open(tmp_path) as store:
        store.save_report(answers, result, T0)
        step = next(s for s in result.next_steps if s.question_id == "linux")
        store.set_plan(mini_bank.name, [entry_for(step, "learning", T0)])
        store.set_plan(
            mini_bank.name,
            [PlanEntry("cissp", "not_relevant", None, T0), PlanEntry("scanning", "planned", 2, T0)],
        )
    # A new assessment, finished by a new process.
    with Store.open(tmp_path) as store:
        answers, result = scored(mini_bank, {"linux": 2, "scanning": 1})
        store.finish_session(answers, result)
    with Store.open(tmp_path) as store:
        plan = store.get_plan(mini_bank.name)
        assert store.get_plan("Another bank") == {}
    assert plan == {
        "cissp": PlanEntry("cissp", "not_relevant", None, T0),
        "linux": PlanEntry("linux", "learning", 2, T0),
        "scanning": PlanEntry("scanning", "planned", 2, T0),
    }


def test_an_update_keeps_the_target_unless_given_and_entries_can_go(
    tmp_path: Path, mini_bank: Bank
) -> None:
    with Store.open(tmp_path) as store:
        store.set_plan("b", [PlanEntry("linux", "planned", 3, T0)])
        store.set_plan("b", [PlanEntry("linux", "done", None, T1)])
        assert store.get_plan("b")["linux"] == PlanEntry("linux", "done", 3, T1)
        store.set_plan("b", [PlanEntry("linux", "learning")])  # stamped now
        entry = store.get_plan("b")["linux"]
        assert entry.updated_at is not None and entry.updated_at > T1
        store.remove_from_plan("b", ["linux", "absent"])
        assert store.get_plan("b") == {}
        with pytest.raises(ValueError, match="plan status"):
            store.set_plan("b", [PlanEntry("linux", "finished", 3)])  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="level 0-4"):
            store.set_plan("b", [PlanEntry("linux", "planned", 7)])


def test_finishing_marks_reached_steps_done_in_the_same_transaction(
    tmp_path: Path, mini_bank: Bank
) -> None:
    before, _ = scored(mini_bank, {"linux": 1, "docker": 1})
    plan = {
        "linux": PlanEntry("linux", "learning", 2, T0),
        "docker": PlanEntry("docker", "planned", 3, T0),
        "cissp": PlanEntry("cissp", "not_relevant", None, T0),
    }
    after, result = scored(mini_bank, {"linux": 3, "docker": 2})
    rows = progress(plan, before, after, mini_bank)
    assert [(r.question_id, r.before, r.after, r.reached) for r in rows] == [
        ("linux", 1, 3, True),
        ("docker", 1, 2, False),
    ]
    assert rows[0].title == "Linux" and rows[0].moved
    with Store.open(tmp_path) as store:
        store.set_plan(mini_bank.name, plan.values())
        store.finish_session(after, result, reached_entries(rows, T1))
        saved = store.get_plan(mini_bank.name)
    assert saved["linux"] == PlanEntry("linux", "done", 2, T1)
    assert saved["docker"].status == "planned"


def test_progress_without_a_bank_uses_ids_and_ignores_other_statuses(mini_bank: Bank) -> None:
    same = answers_for(mini_bank, {"linux": 1})
    plan = {
        "linux": PlanEntry("linux", "planned", None),
        "docker": PlanEntry("docker", "done", 2),
    }
    (row,) = progress(plan, same, same)
    assert row.title == "linux" and not row.moved and not row.reached


def test_not_relevant_leaves_the_next_steps_but_not_the_fit(mini_bank: Bank) -> None:
    answers = answers_for(mini_bank, {"linux": 3, "docker": 3, "kubernetes": 2})
    plan = {"scanning": PlanEntry("scanning", "not_relevant"), "linux": PlanEntry("linux", "done")}
    skip = skip_ids(plan)
    assert skip == {"scanning"}
    plain, skipping = score(mini_bank, answers), score(mini_bank, answers, skip=skip)
    assert [r.score for r in plain.roles] == [r.score for r in skipping.roles]
    assert "scanning" in {s.question_id for s in plain.next_steps}
    assert "scanning" not in {s.question_id for s in skipping.next_steps}
    assert list(skipping.next_steps) == next_steps(mini_bank, level_map(mini_bank, answers), skip)


@pytest.mark.parametrize(
    ("text", "status"),
    [("planned", "planned"), ("Not relevant", "not_relevant"), ("not-relevant", "not_relevant")],
)
def test_parse_status(text: str, status: str) -> None:
    assert parse_status(text) == status


def test_parse_status_refuses_others() -> None:
    with pytest.raises(ValueError, match="not a plan status"):
        parse_status("finished")


def test_settings_flags(tmp_path: Path) -> None:
    from skillgap.core.adaptive import ADAPTIVE_SETTING
    from skillgap.core.checks import CHECKS_SETTING

    with Store.open(tmp_path) as store:
        assert store.get_flag(CHECKS_SETTING) and store.get_flag(ADAPTIVE_SETTING)
        store.set_flag(CHECKS_SETTING, False)
        store.set_setting(ADAPTIVE_SETTING, "garbage")
    with Store.open(tmp_path) as store:
        assert not store.get_flag(CHECKS_SETTING)
        assert store.get_flag(ADAPTIVE_SETTING) and not store.get_flag(ADAPTIVE_SETTING, False)


def test_a_version_1_file_migrates_to_the_plan_table_keeping_reports(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = database.MIGRATIONS
    monkeypatch.setattr(database, "MIGRATIONS", released[:1])
    with Store.open(tmp_path) as store:
        store.set_setting("theme", "dark")
    answers, result = scored(mini_bank, {"linux": 2})
    report_id = save_as_released(tmp_path / DB_NAME, answers, result, created_at=T0)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    monkeypatch.setattr(database, "MIGRATIONS", released)
    with Store.open(tmp_path) as store:
        assert store.get_report(report_id).created_at == T0
        assert store.get_setting("theme") == "dark"
        store.set_plan(mini_bank.name, [PlanEntry("linux", "planned", 3, T0)])
        assert store.get_plan(mini_bank.name)["linux"].target == 3
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 3
    conn.close()


def test_the_database_refuses_a_bad_status_written_behind_its_back(
    tmp_path: Path, mini_bank: Bank
) -> None:
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO plan VALUES ('b', 'linux', 'finished', 3, '2024-01-01T00:00:00+00:00')"
        )
    conn.close()


def test_report_diff_shows_what_moved_on_the_plan(
    mini_bank: Bank, capsys: pytest.CaptureFixture[str], _isolated_data_dir: Path
) -> None:
    from skillgap.cli.main import main
    from tests.conftest import MINI_BANK

    with Store.open(_isolated_data_dir) as store:
        old = store.save_report(*scored(mini_bank, {"linux": 1}), created_at=T0)
        new = store.save_report(*scored(mini_bank, {"linux": 3, "docker": 1}), created_at=T1)
        store.set_plan(
            mini_bank.name,
            [PlanEntry("linux", "learning", 2, T0), PlanEntry("docker", "planned", 3, T0)],
        )
    assert main(["--questions", str(MINI_BANK), "report", "diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Your plan" in out
    assert "Linux, learning: level 1 -> 3 (target 2, reached)" in out
    assert "Docker, planned: level 0 -> 1 (target 3)" in out
    main(["--questions", str(MINI_BANK), "report", "diff", str(old), str(new), "--json"])
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert plan[0] == {
        "id": "linux", "title": "Linux", "status": "learning", "target": 2,
        "before": 1, "after": 3, "reached": True,
    }  # fmt: skip


def test_hours_a_week_read_the_same_from_the_cli_and_the_tui() -> None:
    from skillgap.core.plan import parse_hours_per_week, parse_weeks

    assert parse_hours_per_week("5") == 5 and parse_hours_per_week(" 7.5 h") == 7.5
    assert parse_hours_per_week("5h") == 5
    for bad in ("0", "200", "x", "nan", "", "-1"):
        with pytest.raises(ValueError, match="hours a week"):
            parse_hours_per_week(bad)
    assert parse_weeks("12") == 12
    for bad in ("0", "521", "1.5", "x"):
        with pytest.raises(ValueError, match="weeks"):
            parse_weeks(bad)


def test_plan_takes_hours_typed_as_the_tui_takes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from skillgap.cli.main import main

    example = Path(__file__).resolve().parents[1] / "examples" / "answers-devops.yaml"
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "score", str(example), "--save"]) == 0
    assert main([*data, "plan", "--hours", "5h", "--weeks", "4"]) == 0
    assert "5 h a week" in capsys.readouterr().out
