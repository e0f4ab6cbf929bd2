"""Settings (checks, adaptive quiz, hours a week) and the export carrying the plan's timeline."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from skillgap.adaptive import ADAPTIVE_SETTING
from skillgap.checks import CHECKS_SETTING
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.settings import SettingsModal, parse_hours
from skillgap.tui.screens.welcome import WelcomeScreen
from tests.tui.depth import checks_bank


def test_parse_hours() -> None:
    assert parse_hours("5") == 5 and parse_hours(" 7.5 h") == 7.5
    assert parse_hours("0") is None and parse_hours("200") is None and parse_hours("x") is None
    assert parse_hours("nan") is None


async def test_settings_toggle_and_the_welcome_screen_says_so(store: Store) -> None:
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsModal)
        await pilot.press("enter")  # the highlighted first line: knowledge checks
        assert store.get_flag(CHECKS_SETTING) is False
        await pilot.press("a")
        assert store.get_flag(ADAPTIVE_SETTING) is False
        lines = app.screen.query_one(OptionList)
        first = str(lines.get_option_at_index(0).prompt)
        assert first.startswith("✗ off")
        await pilot.press("h", "ctrl+a", "ctrl+k", *"8", "enter")
        assert store.get_setting("plan_hours_per_week") == "8"
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        menu = app.screen.query_one("#menu", OptionList)
        texts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any("knowledge checks off · adaptive quiz off" in t for t in texts)
        assert any(t.startswith("f Full quiz  6 questions, about") for t in texts)


async def test_export_from_the_tui_includes_the_timeline(store: Store, tmp_path: Path) -> None:
    app = SkillgapApp(checks_bank(), store)
    target = tmp_path / "out.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f", "2", "1", "0", "1", "3", "enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert "h a week" in text and "| Week |" in text
