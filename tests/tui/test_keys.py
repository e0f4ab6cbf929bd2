"""THE key map (docs/keys.md) as tests: every binding of every screen, dialog and widget has an
id and a tooltip, and no key means two different things across screens; then the keys of every
screen as a person presses them: q quits (and says what was kept), Esc goes back exactly one
screen, the App's letters push their screen once, j/k move, PageDown scrolls the page."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator

import pytest
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

import skillgap.tui.screens
import skillgap.tui.widgets
from skillgap.core.model import Bank, PlanEntry
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.screens.aim import AimModal
from skillgap.tui.screens.help import HelpModal
from skillgap.tui.screens.history import HistoryScreen
from skillgap.tui.screens.plan import PlanScreen
from skillgap.tui.screens.roles import RolesScreen
from skillgap.tui.screens.settings import SettingsModal
from skillgap.tui.screens.welcome import WelcomeScreen
from tests.tui.conftest import FIRST, save_report

MakeApp = Callable[..., SkillgapApp]

#: Keys that mean "the Nth", "this one", "move" or "back" wherever they are (docs/keys.md).
EXEMPT = {str(d) for d in range(10)} | {"enter", "space", "up", "down", "left", "right", "escape"}
#: The key that opened a dialog also closes it: one meaning, "the help", both ways.
SAME = {("HelpModal", "f1"): "help", ("HelpModal", "question_mark"): "help"}


def node_classes() -> Iterator[type[DOMNode]]:
    """The App and every screen, dialog and widget class defined in skillgap.tui."""
    modules = [
        importlib.import_module("skillgap.tui.app"),
        importlib.import_module("skillgap.tui.base"),
    ]
    for package in (skillgap.tui.screens, skillgap.tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    for module in modules:
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                yield cls


def own_bindings() -> Iterator[tuple[str, Binding]]:
    """(class name, binding) for each binding a class of skillgap.tui declares itself."""
    for cls in node_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                yield cls.__name__, binding


def meaning(owner: str, key: str, binding: Binding) -> str:
    """What a key does, by its action: "app.history" on a screen is the App's "history"."""
    return SAME.get((owner, key), binding.action.removeprefix("app."))


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    missing = [
        f"{owner}: {binding.key} -> {binding.action}"
        for owner, binding in own_bindings()
        if not (binding.system and not binding.show) and not (binding.id and binding.tooltip)
    ]
    assert not missing, "bindings without an id or a tooltip:\n" + "\n".join(missing)


def test_no_key_means_two_things() -> None:
    """Fails while a screen still binds a key the map gives another meaning; the message
    names each key, its meanings and where."""
    meanings: dict[str, dict[str, set[str]]] = {}
    for owner, binding in own_bindings():
        for key in binding.key.split(","):
            key = key.strip()
            if key not in EXEMPT:
                meanings.setdefault(key, {}).setdefault(meaning(owner, key, binding), set()).add(
                    owner
                )
    clashes = [
        f"{key}: " + "; ".join(f"{what} ({', '.join(sorted(where))})" for what, where in by.items())
        for key, by in sorted(meanings.items())
        if len(by) > 1
    ]
    assert not clashes, "keys with two meanings:\n" + "\n".join(clashes)


# -- q --------------------------------------------------------------------------------------


class Kept(SkillgapScreen[None]):
    """A screen with something to come back to, as the quiz has."""

    def compose(self) -> Iterator[Static]:
        yield Static("a quiz, say")

    def farewell(self) -> str:
        return "saved: 3 answers, run skillgap to resume"


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_q_quits_and_says_what_was_kept(
    make_app: MakeApp, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        app.push_screen(Kept())
        await pilot.pause()
        await pilot.press(key)
    assert app.return_code == 0
    assert "saved: 3 answers, run skillgap to resume" in capsys.readouterr().err


async def test_q_quits_from_a_dialog_but_types_in_a_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("comma", "w")
        assert isinstance(app.screen, SettingsModal)
        field = app.screen.query_one("#hours", Input)
        assert field.has_focus
        await pilot.press("ctrl+a", "ctrl+k", "q", "j", "k")
        assert field.value == "qjk" and app.is_running  # typed, not quit or moved
        await pilot.press("escape", "q")  # the field closed: q quits from the dialog
    assert app.return_code == 0


async def test_q_from_the_help_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        await pilot.press("question_mark")  # ? closes it as it opened it
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("f1", "q")
    assert app.return_code == 0


# -- going places and back ------------------------------------------------------------------


async def test_esc_goes_back_exactly_one_screen_from_every_screen(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    app = make_app()
    opened = [
        ("p", PlanScreen),
        ("h", HistoryScreen),
        ("c", RolesScreen),
        ("a", AimModal),
    ]
    async with app.run_test(size=(100, 30)) as pilot:
        for key, kind in opened:
            await pilot.press(key)
            assert isinstance(app.screen, kind), (key, app.screen)
        await pilot.press("escape")  # the aim chooser
        for kind in (RolesScreen, HistoryScreen, PlanScreen):
            assert isinstance(app.screen, kind)
            for key in ("comma", "question_mark"):  # a dialog over it: Esc back to it
                await pilot.press(key, "escape")
                assert isinstance(app.screen, kind), key
            await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        assert len(app.screen_stack) == 1


async def test_a_screen_open_further_down_is_returned_to_not_stacked_again(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "h", "c")
        assert [type(s) for s in app.screen_stack[1:]] == [PlanScreen, HistoryScreen, RolesScreen]
        await pilot.press("c")  # already on top: nothing
        assert len(app.screen_stack) == 4
        await pilot.press("p")  # the plan below: back to it, the two above it closed
        assert isinstance(app.screen, PlanScreen) and len(app.screen_stack) == 2
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_history_opened_from_results_goes_back_to_results(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    from skillgap.tui.screens.results import ResultsScreen

    save_report(store, mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "enter")  # History, then its newest report
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("c")
        assert isinstance(app.screen, RolesScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h")  # History is open below: back to it, not a second one
        assert isinstance(app.screen, HistoryScreen)
        assert sum(isinstance(s, HistoryScreen) for s in app.screen_stack) == 1


async def test_aim_is_chosen_once_for_the_whole_app(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    from skillgap.app.settings import target_role

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AimModal)
        await pilot.press("2")  # the first role of the bank
        assert isinstance(app.screen, WelcomeScreen)
        assert target_role(store, mini_bank) == mini_bank.roles[0].id
        await pilot.press("a", "escape")  # Esc keeps it
        assert target_role(store, mini_bank) == mini_bank.roles[0].id
        await pilot.press("a", "1")
        assert target_role(store, mini_bank) is None  # both roles


# -- moving and scrolling -------------------------------------------------------------------


def plan_of_many(store: Store, bank: Bank) -> None:
    store.set_plan(bank.name, [PlanEntry(qid, "planned", 4) for qid in bank.questions])


async def test_j_and_k_move_as_the_arrows(make_app: MakeApp, mini_bank: Bank, store: Store) -> None:
    plan_of_many(store, mini_bank)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        table = app.screen.query_one("#plan-table", DataTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1


async def test_page_down_scrolls_the_page_from_a_table(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    plan_of_many(store, mini_bank)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        page = app.screen.query_one("#plan", VerticalScroll)
        table = app.screen.query_one("#plan-table", DataTable)
        assert table.has_focus and page.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 0 and table.cursor_row == 0  # the page moved, not the cursor
        await pilot.press("end")
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert page.scroll_y == 0 and table.has_focus


async def test_page_down_scrolls_compare_roles_from_its_table(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, Screen)
        page = screen.query_one("#roles", VerticalScroll)
        matters = screen.query_one("#matters", DataTable)
        matters.focus()
        await pilot.pause()
        start = page.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert page.scroll_y < start or start == 0
        await pilot.press("home")
        await pilot.pause()
        assert page.scroll_y == 0 and matters.has_focus
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 0


class Unsaved(SkillgapScreen[None]):
    """A screen holding what quitting would lose, as results that could not be saved."""

    def compose(self) -> Iterator[Static]:
        yield Static("results, not saved")

    def quit_warning(self) -> str:
        return "These results are not saved: export them first (e)."


async def test_q_asks_first_when_quitting_would_lose_something(make_app: MakeApp) -> None:
    from skillgap.tui.screens.dialogs import ConfirmModal

    app = make_app()
    async with app.run_test() as pilot:
        app.push_screen(Unsaved())
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmModal) and app.is_running
        await pilot.press("escape")  # Stay
        assert isinstance(app.screen, Unsaved) and app.is_running
        await pilot.press("ctrl+q", "y")
    assert app.return_code == 0 and not app.is_running


async def test_esc_goes_back_one_screen_from_the_quiz_review_results_and_a_comparison(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    from skillgap.tui.screens.dialogs import StartModal
    from skillgap.tui.screens.quiz import QuizScreen
    from skillgap.tui.screens.report_diff import DiffScreen
    from skillgap.tui.screens.results import ResultsScreen
    from skillgap.tui.screens.review import ReviewScreen
    from tests.tui.conftest import SECOND

    save_report(store, mini_bank, FIRST)
    save_report(store, mini_bank, SECOND, days_after=1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_start_quiz("full")
        await pilot.pause()
        if isinstance(app.screen, StartModal):
            await pilot.press("2")  # fresh
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("h", "enter")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("v")  # the highlighted report with the one before
        assert isinstance(app.screen, DiffScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen) and len(app.screen_stack) == 1


async def test_history_from_the_results_of_a_quiz_goes_back_to_them(make_app: MakeApp) -> None:
    from skillgap.tui.screens.results import ResultsScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_start_quiz("full")
        await pilot.pause()
        await pilot.press("2", "1", "0", "1", "3", "enter", "f")  # the answers, then finish
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("p", "escape", "c", "escape")
        assert isinstance(app.screen, ResultsScreen)
