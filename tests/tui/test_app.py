"""Pilot tests: app-wide keys, theme, help, palette, small terminals, and hostile bank text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import DARK_THEME, LIGHT_THEME, SkillgapApp
from skillgap.tui.screens.dialogs import NoteModal
from skillgap.tui.screens.help import HelpModal
from skillgap.tui.screens.plan import PlanScreen
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.roles import RolesScreen
from skillgap.tui.widgets.key_bar import KeyBar
from tests.conftest import BankWriter
from tests.tui.conftest import FIRST, SECOND, save_report

MakeApp = Callable[..., SkillgapApp]


async def test_theme_toggle_is_remembered(make_app: MakeApp, store: Store) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        assert app.theme == DARK_THEME
        await pilot.press("ctrl+t")
        assert app.theme == LIGHT_THEME
    assert store.get_setting("theme") == LIGHT_THEME
    again = make_app()
    async with again.run_test():
        assert again.theme == LIGHT_THEME


async def test_help_lists_the_keys_of_the_screen_it_was_opened_from(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "question_mark")
        assert isinstance(app.screen, HelpModal)
        keys = app.screen.query_one("#keys")
        rows = [str(keys.get_row_at(i)[0]) for i in range(keys.row_count)]  # type: ignore[attr-defined]
        assert {"0-4", "s", "n", "ctrl+q"} <= set(rows)
        await pilot.press("escape")
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpModal)
        await pilot.press("escape", "n", "f1")  # a dialog stops the App's keys: F1 still helps
        assert isinstance(app.screen, HelpModal)
        keys = app.screen.query_one("#keys")
        rows = [str(keys.get_row_at(i)[0]) for i in range(keys.row_count)]  # type: ignore[attr-defined]
        assert "Esc" in rows  # the note dialog's own key
        await pilot.press("escape")
        assert isinstance(app.screen, NoteModal)


async def test_ctrl_q_quits_from_a_dialog(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2", "n", "ctrl+q")
    assert app.return_code == 0


async def test_palette_offers_the_apps_actions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test():
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Quick quiz", "Full quiz", "History", "Compare roles", "Toggle theme"):
            assert title in titles
        assert "Resume quiz" not in titles


async def test_compare_roles_shows_context_and_what_matters(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, RolesScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Keep things running" in text and "Somewhere, 2023-01" in text
        matters = app.screen.query_one("#matters")
        assert matters.row_count == 6  # type: ignore[attr-defined]


async def test_compare_roles_you_are_the_newest_report_of_the_bank_in_use(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    other = dataclasses.replace(mini_bank, name="Another bank")
    save_report(store, other, SECOND, days_after=1)  # newer, of another bank
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, RolesScreen)
        matters = app.screen.query_one("#matters", DataTable)
        assert str(matters.ordered_columns[1].label) == "You"
        you = {
            str(row[0]): str(row[1])
            for row in (matters.get_row_at(i) for i in range(matters.row_count))
        }
        titles = {qid: mini_bank.questions[qid].title for qid in ("linux", "docker")}
        assert you[titles["linux"]] == str(FIRST["linux"])  # 2; the other bank's report has 3
        assert you[titles["docker"]] == str(FIRST["docker"])


async def test_bank_text_is_never_markup_or_escape_codes(
    bank_writer: BankWriter, store: Store
) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        """\
        section: {id: base, title: "[b]Base[/b]"}
        questions:
          - id: linux
            prompt: "[red]Linux[/red] \\x1b[31m?"
            quick: true
            levels: {1: "[link=https://evil]x[/link]", 2: b, 3: c, 4: d}
          - id: docker
            prompt: Docker?
        """,
    )
    bank = load_bank(Path(bank_writer.root))
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        screen = app.screen
        prompt = str(screen.query_one("#prompt", Static).render())
        assert "[red]Linux[/red]" in prompt and "\\u001b" in prompt and "\x1b" not in prompt
        assert "[b]Base[/b]" in str(screen.query_one("#section", Static).render())


async def test_the_key_bar_shows_the_screens_keys_and_a_click_presses_one(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render())
        assert "1 Quick" in text and "? Help" in text and "^p palette" in text
        assert "Resume" not in text  # nothing to resume: not offered
        await pilot.click(bar, offset=(text.index("Full"), 0))
        assert isinstance(app.screen, QuizScreen)
        text = str(app.screen.query_one(KeyBar).render())
        assert "s Skip" in text and "1 Quick" not in text


async def test_the_key_bar_of_the_plan_fits_80_columns(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen)
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render())
        assert "w Hours a week" in text and "q Quit" in text and "? Help" in text
        assert "^p palette" in text and len(text) <= 80
        await pilot.click(bar, offset=(text.index("Hours a week"), 0))
        assert app.screen.query_one("#plan-hours-input", Input).has_focus


async def test_the_key_bar_keeps_back_and_help_when_narrow(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("p")
        text = str(app.screen.query_one(KeyBar).render())
        assert "esc Back" in text and "? Help" in text and len(text) <= 40
