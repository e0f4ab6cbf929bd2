"""Settings: knowledge checks, the adaptive quiz, hours a week."""

from __future__ import annotations

from textual.widgets import OptionList

from skillgap.core.adaptive import ADAPTIVE_SETTING
from skillgap.core.checks import CHECKS_SETTING
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.settings import SettingsModal
from skillgap.tui.screens.welcome import WelcomeScreen
from tests.tui.depth import checks_bank


async def test_settings_toggle_and_the_welcome_screen_says_so(store: Store) -> None:
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsModal)
        await pilot.press("enter")  # the highlighted first line: knowledge checks
        assert store.get_flag(CHECKS_SETTING) is False
        await pilot.press("2")
        assert store.get_flag(ADAPTIVE_SETTING) is False
        lines = app.screen.query_one(OptionList)
        first = str(lines.get_option_at_index(0).prompt)
        assert first.startswith("1 ✗ off")
        await pilot.press("w", "ctrl+a", "ctrl+k", *"8", "enter")
        assert store.get_setting("plan_hours_per_week") == "8"
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        menu = app.screen.query_one("#menu", OptionList)
        texts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any("knowledge checks off · adaptive quiz off" in t for t in texts)
        assert any("Full quiz  6 questions, about" in t for t in texts)
