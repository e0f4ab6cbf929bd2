"""The skillgap App: holds the bank and the store, switches themes, and opens screens.

Screens are imported when first opened, so start-up pays only for the welcome screen.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from skillgap.core.model import Answers, Bank
from skillgap.errors import ExitCode, SkillgapError
from skillgap.escape import one_line, safe

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from skillgap.core.job import KeywordIndex
    from skillgap.core.quiz import Mode
    from skillgap.store import Store, StoreCorrupt

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
THEME_SETTING = "theme"


class SkillgapApp(App[None]):
    """Quiz, results and history for one bank and one store, both injected."""

    # Each screen carries its own layout in DEFAULT_CSS, parsed when it is first opened, so
    # start-up parses only the welcome screen's. Here: the classes every screen uses. Colours
    # come from the theme, so dark and light both work, and every state also has words or
    # symbols, never colour alone.
    DEFAULT_CSS = """
    .dim { color: $text-muted; }
    .heading { text-style: bold; color: $text-primary; margin: 0 0 0 0; }
    .heading2 { text-style: bold; color: $text-primary; margin: 1 0 0 0; }
    .warning { color: $text-warning; }
    """
    SCOPED_CSS = False
    TITLE = "skillgap"
    #: The keys of docs/keys.md that work on every screen. They are the App's, so a screen
    #: that binds the same key would win: none does (tests/tui/test_keys.py). A text field
    #: takes the letters it types before any of them. Dialogs stop the App's keys (Textual
    #: ends the chain at a modal screen): they carry q, j and k themselves (base.DIALOG_KEYS).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit",
                tooltip="Quit skillgap (a quiz in progress is kept to resume)"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_anywhere",
                tooltip="Quit skillgap, even while typing in a field or in a dialog"),
        Binding("f1,question_mark", "help", "Help", key_display="?", id="app.help",
                tooltip="Show the keys of this screen"),
        Binding("h", "history", "History", show=False, id="app.history",
                tooltip="Saved reports, their trend, and comparisons"),
        Binding("c", "compare_roles", "Roles", show=False, id="app.roles",
                tooltip="Compare roles: how they differ, which answers matter to which"),
        Binding("p", "plan", "Plan", show=False, id="app.plan",
                tooltip="Your learning plan and its week-by-week timeline"),
        Binding("a", "aim", "Aim", show=False, id="app.aim",
                tooltip="The role you aim for: Learn next and the plan rank for it"),
        Binding("comma", "settings", "Settings", key_display=",", show=False,
                id="app.settings", tooltip="Knowledge checks, adaptive quiz, hours a week"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, id="app.theme",
                tooltip="Switch between the dark and the light theme (remembered)"),
        Binding("j", "move('down')", "Down", show=False, id="app.down",
                tooltip="Down, as the down arrow: the next row or line"),
        Binding("k", "move('up')", "Up", show=False, id="app.up",
                tooltip="Up, as the up arrow: the row or line before"),
        # Priority: before a focused table or list takes them for its own cursor. A text
        # field keeps Home and End, and a page with nothing to scroll leaves them to the list.
        Binding("pageup", "page('up')", "Page up", show=False, priority=True,
                id="app.page_up", tooltip="Scroll the page up"),
        Binding("pagedown", "page('down')", "Page down", show=False, priority=True,
                id="app.page_down", tooltip="Scroll the page down"),
        Binding("home", "page('home')", "Top", show=False, priority=True, id="app.page_top",
                tooltip="Scroll to the top of the page"),
        Binding("end", "page('end')", "Bottom", show=False, priority=True,
                id="app.page_bottom", tooltip="Scroll to the bottom of the page"),
    ]  # fmt: skip
    #: Tests turn this off so snapshots do not depend on when the cursor blinked.
    CURSOR_BLINK: ClassVar[bool] = True

    def __init__(self, bank: Bank, store: Store) -> None:
        super().__init__()
        self.bank = bank
        self.store = store
        #: The exit code `skillgap` ends with: that of the worst error the App reported (2
        #: once a damaged report was met), so a script sees that something failed.
        self.failure: int = ExitCode.OK
        #: What `run` prints on stderr when the App has ended on an error (_handle_exception).
        self.error_lines: list[str] = []
        self._reported: set[str] = set()
        #: Quitting is being confirmed (quit_warning): q in that dialog quits.
        self._asking_to_quit = False
        saved = store.get_setting(THEME_SETTING)
        if saved in self.available_themes:
            self.theme = saved

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text, never markup: messages carry paths, bank text and error
        messages with file names, and markup such as `[@click=app.quit]` would run an action.
        Control and bidi-override characters are shown as visible escapes."""
        super().notify(
            safe(message), title=safe(title), severity=severity, timeout=timeout, markup=False
        )

    def report_error(self, error: SkillgapError, *, again: bool = True) -> None:
        """Say in one line (a toast) what failed, e.g. a damaged report naming its id, and
        remember its exit code for when the App ends. The rest of the App carries on. With
        `again=False` a message already shown is not shown again (reads made in passing)."""
        self.failure = max(self.failure, error.exit_code)
        message = str(error)
        if not again and message in self._reported:
            return
        self._reported.add(message)
        self.notify(message, severity="error", timeout=10)

    def report_damaged(self, damaged: Iterable[StoreCorrupt]) -> None:
        """Each damaged report met in passing (store.list_reports(damaged=...)), once."""
        for error in damaged:
            self.report_error(error, again=False)

    def _handle_exception(self, error: Exception) -> None:
        """The last net (Textual's hook for an error nothing caught): an expected failure
        that escaped a screen ends the App with exit code and its one line, printed on stderr
        once the terminal is back (`run`), never a traceback. Anything else is Textual's."""
        if not isinstance(error, SkillgapError):
            super()._handle_exception(error)
            return
        self.failure = max(self.failure, error.exit_code)
        self.error_lines += [safe(line).replace("\n", "\\u000a") for line in error.lines()]
        self._exception_event.set()  # wakes a test's Pilot waiting for the screen
        self.exit(return_code=error.exit_code)

    @property
    def read_only_note(self) -> str | None:
        """What the welcome screen says when the data folder cannot be written (the store
        was opened read-only), else None."""
        if not self.store.read_only:
            return None
        folder = self.store.path.parent
        return f"Your data folder {folder} is read-only: you can browse and export, not save."

    def get_default_screen(self) -> Screen[None]:
        from skillgap.tui.screens.welcome import WelcomeScreen

        return WelcomeScreen()

    def watch_theme(self, theme: str) -> None:
        from skillgap.store import StoreError

        try:
            if self.store.get_setting(THEME_SETTING) != theme:
                self.store.set_setting(THEME_SETTING, theme)
        except StoreError as exc:  # e.g. a read-only data folder: the theme still changes
            self.notify(f"The theme is not remembered: {exc}", severity="warning")

    # -- actions, also offered in the command palette -------------------------------------

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_help(self) -> None:
        from skillgap.tui.screens.help import HelpModal

        self.open_screen(HelpModal, lambda: HelpModal(self.screen))

    def action_start_quiz(self, mode: Mode) -> None:
        """Start a new quiz; if one is in progress, ask before discarding it."""
        from skillgap.tui.screens.dialogs import ConfirmModal

        session = self.store.load_session()
        if session is None or not session.answers.by_question:
            self._start_quiz(mode)
            return
        answered = len(session.answers.by_question)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._start_quiz(mode)

        self.push_screen(
            ConfirmModal(
                f"Start a new {mode} quiz?",
                f"Your quiz in progress ({answered} answered) will be discarded.",
                yes="Start anew",
                no="Keep it",
            ),
            confirmed,
        )

    def _start_quiz(self, mode: Mode) -> None:
        from skillgap.app.assessment import new_quiz
        from skillgap.tui.screens.quiz import QuizScreen

        damaged: list[StoreCorrupt] = []
        state = new_quiz(self.store, self.bank, mode, damaged)
        self.go_home()
        self.push_screen(QuizScreen(state))
        self.report_damaged(damaged)

    def action_resume_quiz(self) -> None:
        from skillgap.app.assessment import resumed_quiz
        from skillgap.tui.screens.quiz import QuizScreen

        session = self.store.load_session()
        if session is None:
            self.notify("There is no quiz in progress.", severity="warning")
            return
        damaged: list[StoreCorrupt] = []
        state = resumed_quiz(self.store, self.bank, session, damaged)
        self.go_home()
        self.push_screen(QuizScreen(state))
        self.report_damaged(damaged)

    # -- going places: each pushes its screen, so Esc comes back to where you were ----------

    def open_screen(self, kind: type[Screen[Any]], make: Callable[[], Screen[Any]]) -> None:
        """Push the screen `make` builds, unless a `kind` is open already: on top, nothing
        happens; further down, the screens above it close, so it is never stacked twice and
        Esc still goes back one screen at a time."""
        if isinstance(self.screen, kind):
            return
        if any(isinstance(screen, kind) for screen in self.screen_stack):
            while not isinstance(self.screen, kind):
                self.pop_screen()
            return
        self.push_screen(make())

    def action_history(self) -> None:
        from skillgap.tui.screens.history import HistoryScreen

        self.open_screen(HistoryScreen, HistoryScreen)

    def action_compare_roles(self) -> None:
        from skillgap.tui.screens.roles import RolesScreen

        self.open_screen(RolesScreen, lambda: RolesScreen(self.latest_answers()))

    def action_team(self) -> None:
        from skillgap.tui.screens.team import TeamScreen

        self.open_screen(TeamScreen, TeamScreen)

    def action_match_job(self) -> None:
        from skillgap.tui.screens.job import JobScreen

        self.open_screen(JobScreen, JobScreen)

    _job_index: KeywordIndex | None = None

    def job_index(self) -> KeywordIndex:
        """The bank's keywords for reading job ads, built once (on the first ad read)."""
        if self._job_index is None:
            from skillgap.core.job import KeywordIndex

            self._job_index = KeywordIndex(self.bank)
        return self._job_index

    def action_settings(self) -> None:
        from skillgap.tui.screens.settings import SettingsModal

        self.open_screen(SettingsModal, SettingsModal)

    def action_plan(self) -> None:
        from skillgap.tui.screens.plan import PlanScreen

        self.open_screen(PlanScreen, lambda: PlanScreen(self.latest_answers()))

    def action_aim(self) -> None:
        """Choose the role Learn next and the plan rank for (remembered). The screen below is
        told, if it shows something that depends on it: its `aim_changed(role_id)`."""
        from skillgap.tui.screens.aim import AimModal

        def chosen(changed: bool | None) -> None:
            from skillgap.app.settings import target_role

            hook = getattr(self.screen, "aim_changed", None)
            if changed and callable(hook):
                hook(target_role(self.store, self.bank))

        if not isinstance(self.screen, AimModal):
            self.push_screen(AimModal(), chosen)

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q). A screen holding what quitting would lose says so first, in its
        `quit_warning()` (results that could not be saved), and quitting then asks. The screen
        that keeps something to come back to says what, in one line printed once the terminal
        is back: its `farewell()`, e.g. the quiz's."""
        from rich.text import Text

        from skillgap.tui.screens.dialogs import ConfirmModal

        def leave() -> None:
            said = self.farewell()
            self.exit(message=Text(said) if said else None)  # Text: never markup or emoji codes

        warning = None if self._asking_to_quit else self.quit_warning()
        if warning is None:
            leave()
            return

        def answered(yes: bool | None) -> None:
            self._asking_to_quit = False
            if yes:
                leave()

        self._asking_to_quit = True
        self.push_screen(ConfirmModal("Quit?", warning, yes="Quit", no="Stay"), answered)

    def quit_warning(self) -> str | None:
        """What quitting would lose, from the first open screen that says (else None)."""
        for screen in reversed(self.screen_stack):
            warns = getattr(screen, "quit_warning", None)
            if callable(warns) and (text := warns()):
                return str(text)
        return None

    def farewell(self) -> str | None:
        """The line of the topmost open screen that has one (a dialog may be over it)."""
        for screen in reversed(self.screen_stack):
            says = getattr(screen, "farewell", None)
            if callable(says) and (text := says()):
                return one_line(str(text))
        return None

    def action_move(self, direction: str) -> None:
        """j and k: what the down and up arrows do where the focus is."""
        self.simulate_key("down" if direction == "down" else "up")

    def action_page(self, where: str) -> None:
        """PageUp, PageDown, Home, End scroll the page whichever widget has focus. They are
        left to a text field (Home and End move in it) and, when the page has nothing to
        scroll, to the focused list or table."""
        from textual.actions import SkipAction
        from textual.widgets import Input, TextArea

        from skillgap.tui.base import page_of

        page = page_of(self.screen)
        if page is None or page.max_scroll_y == 0 or isinstance(self.focused, Input | TextArea):
            raise SkipAction
        if where == "up":
            page.scroll_page_up()
        elif where == "down":
            page.scroll_page_down()
        elif where == "home":
            page.scroll_home()
        else:
            page.scroll_end()

    def toggle_flag(self, key: str, name: str) -> None:
        """Turn a setting (checks.CHECKS_SETTING, adaptive.ADAPTIVE_SETTING) on or off."""
        from skillgap.store import StoreError

        try:
            on = not self.store.get_flag(key)
            self.store.set_flag(key, on)
        except StoreError as exc:
            self.notify(f"Settings are not being saved: {exc}", severity="error")
            return
        self.notify(f"{name}: {'on' if on else 'off'} (from the next quiz)", timeout=3)

    def _toggle_checks(self) -> None:
        from skillgap.core.checks import CHECKS_SETTING

        self.toggle_flag(CHECKS_SETTING, "Knowledge checks")

    def _toggle_adaptive(self) -> None:
        from skillgap.core.adaptive import ADAPTIVE_SETTING

        self.toggle_flag(ADAPTIVE_SETTING, "Adaptive quiz")

    def go_home(self) -> None:
        """Close every screen above the welcome screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def latest_answers(self) -> Answers | None:
        """For the plan and the roles' "You": the answers on screen (Results) when they are
        of the bank in use, else those of its newest report (None when it has none)."""
        from skillgap.app.assessment import previous_answers

        answers = getattr(self.screen, "answers", None)
        result = getattr(self.screen, "result", None)
        if isinstance(answers, Answers) and getattr(result, "bank_name", "") == self.bank.name:
            return answers
        damaged: list[StoreCorrupt] = []
        found = previous_answers(self.store, self.bank, damaged)
        self.report_damaged(damaged)
        return found

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Quick quiz", "Start a quiz of one question per skill area", self._quick
        )
        yield SystemCommand("Full quiz", "Start a quiz of every question", self._full)
        if self.store.load_session() is not None:
            yield SystemCommand(
                "Resume quiz", "Carry on with the quiz in progress", self.action_resume_quiz
            )
        yield SystemCommand(
            "History", "Saved reports, their trend, and comparisons", self.action_history
        )
        yield SystemCommand(
            "Compare roles",
            "How DevOps and DevSecOps differ, and which answers matter to which",
            self.action_compare_roles,
        )
        yield SystemCommand(
            "Learning plan",
            "Your plan's steps and statuses, and a week-by-week timeline",
            self.action_plan,
        )
        yield SystemCommand(
            "Team",
            "A skills matrix from a folder of exported reports (nothing is saved)",
            self.action_team,
        )
        yield SystemCommand(
            "Match a job ad",
            "Paste an ad, see your fit for that job, save it as a role",
            self.action_match_job,
        )
        yield SystemCommand(
            "Aim for a role",
            "The role Learn next and the plan rank for, or both (remembered)",
            self.action_aim,
        )
        yield SystemCommand(
            "Settings", "Knowledge checks, adaptive quiz, hours a week", self.action_settings
        )
        yield SystemCommand(
            "Toggle knowledge checks",
            "Ask a short check after a claim of level 3 or more (on or off)",
            self._toggle_checks,
        )
        yield SystemCommand(
            "Toggle adaptive quiz",
            "Leave out questions whose prerequisite you answered 0 (on or off)",
            self._toggle_adaptive,
        )
        yield SystemCommand(
            "Toggle theme", "Switch between dark and light (remembered)", self.action_toggle_theme
        )
        yield SystemCommand("Help", "The keys of this screen", self.action_help)
        yield from super().get_system_commands(screen)

    def _quick(self) -> None:
        self.action_start_quiz("quick")

    def _full(self) -> None:
        self.action_start_quiz("full")


def run(bank_dir: Path, data_dir: str | Path | None) -> int:
    """Load the bank and open the store (their errors reach the CLI), then run the App."""
    from skillgap.formats.bank_cache import load_bank_cached
    from skillgap.store import Store

    bank = load_bank_cached(bank_dir)
    store = Store.open(Path(data_dir) if data_dir is not None else None)
    # Start-up has made some 300,000 objects that live as long as the app (Textual's modules,
    # the bank). Frozen, the collector never rescans them: less work while the first screen is
    # drawn and on every key press, and quitting no longer walks them all (70-150 ms here).
    gc.freeze()
    gc.enable()  # `skillgap` turns collection off while it starts the TUI (cli.main.cmd_tui)
    app = SkillgapApp(bank, store)
    try:
        app.run()
    finally:
        store.close()
    if app.error_lines:
        import sys

        print(*app.error_lines, sep="\n", file=sys.stderr)
    # Textual's own code is 1 after an error nothing caught; ours, the worst one reported.
    return max(app.return_code or ExitCode.OK, app.failure)
