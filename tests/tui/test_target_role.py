"""The role the person aims for: chosen on the welcome screen, kept in the settings, read by
the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

from skillgap.app.settings import TARGET_ROLE_SETTING, target_role
from skillgap.cli.main import main
from skillgap.core.model import Bank
from skillgap.core.scoring import score
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp

MakeApp = Callable[..., SkillgapApp]


async def test_a_chooses_both_or_a_role_and_keeps_it(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#menu", OptionList)
        assert "aiming for both roles" in str(menu.border_title)
        await pilot.press("a", "2")  # the App's aim chooser: 1 both, then each role
        assert target_role(store, mini_bank) == "ops"
        assert "aiming for Ops engineer" in str(menu.border_title)
        await pilot.press("a", "1")
        assert target_role(store, mini_bank) is None  # back to both
        assert store.get_setting(TARGET_ROLE_SETTING) == "both"


def test_a_saved_role_of_another_bank_means_both(store: Store, mini_bank: Bank) -> None:
    store.set_setting(TARGET_ROLE_SETTING, "devsecops")
    assert target_role(store, mini_bank) is None


def test_score_aims_for_the_role_chosen_in_the_app(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`score` reads the choice the app saved; --role overrides it; both is a choice."""
    import json

    from tests.conftest import MINI_BANK

    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  linux: 3\n", encoding="utf-8")
    store.set_setting(TARGET_ROLE_SETTING, "ops")
    args = ["--questions", str(MINI_BANK), "score", str(answers), "--json"]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["target_role"] == "ops"
    assert {s["id"] for s in doc["next_steps"]} <= {"docker", "kubernetes"}  # no SecOps steps
    assert main([*args, "--role", "both"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["target_role"] is None and "scanning" in {s["id"] for s in doc["next_steps"]}
    assert main([*args, "--role", "sec"]) == 2
    assert "did you mean 'secops'?" in capsys.readouterr().err


async def test_a_on_results_aims_learn_next_elsewhere_and_keeps_it(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    from skillgap.tui.screens.results import ResultsScreen
    from tests.tui.conftest import answers_for

    answers = answers_for(mini_bank, {"linux": 3, "scanning": 2})
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ResultsScreen(score(mini_bank, answers), answers))
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.result.target_role is None
        assert "scanning" in {s.question_id for s in results.result.next_steps}
        await pilot.press("a", "2")  # the App's aim: Ops engineer, no SecOps step advised
        assert results.is_current
        assert results.result.target_role == "ops"
        assert "scanning" not in {s.question_id for s in results.result.next_steps}
        heading = str(results.query_one("#learn-next").render())
        assert "Learn next for Ops engineer" in heading
        assert target_role(store, mini_bank) == "ops"
        await pilot.press("a", "3")  # secops: its essential first
        assert results.result.next_steps[0].question_id == "scanning"
