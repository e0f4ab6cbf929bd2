"""Welcome: what skillgap does, how long it takes, Quick or Full, Resume, the last result."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from skillgap.core.wording import bar, percent
from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import line, when
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.pointer import PointerOptionList

if TYPE_CHECKING:
    from skillgap.core.quiz import Session
    from skillgap.core.report import ReportSummary
    from skillgap.store import StoreCorrupt

INTRO = (
    "Rate your skills, certifications and compliance knowledge, one key press per question. "
    "You are scored against both roles side by side and get an ordered plan of what to learn "
    "next. Nothing leaves this computer."
)


class _Now(NamedTuple):
    """What the welcome screen shows from the store: the quiz in progress (of this bank),
    the newest report, how many there are, and the settings the menu mentions."""

    session: Session | None
    latest: list[ReportSummary]
    reports: int
    checks_on: bool
    adaptive_on: bool
    #: The role the person aims for; None for both.
    aim: str | None = None
    #: The quiz in progress is open in another skillgap window still running (store/lock.py).
    held_elsewhere: bool = False

    @property
    def key(self) -> tuple[object, ...]:
        """What, when it changes, changes the screen."""
        session = self.session
        return (
            session is not None,
            len(session.answers.by_question) if session else 0,
            session.mode if session else "",
            self.reports,
            self.latest[0].id if self.latest else 0,
            self.checks_on,
            self.adaptive_on,
            self.aim,
            self.held_elsewhere,
        )


class WelcomeScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #welcome { padding: 1 2; }
    #title { margin: 0 0 1 0; }
    #intro { margin: 0 0 1 0; max-width: 90; }
    #last-result {
        border: round $primary; padding: 0 1; height: auto; width: auto;
        min-width: 40; max-width: 100%;
    }
    #menu {
        height: auto; max-height: 11; width: 100%; max-width: 90;
        border: round $primary; margin: 1 0 0 0;
    }
    #bank-line { margin: 0 0 0 1; }
    #read-only { height: auto; padding: 0 2; }
    """
    AUTO_FOCUS = "#menu"
    # Digits pick the Nth entry of a numbered list (docs/keys.md); h, c, p, a, "," and q are
    # the App's, the same on every screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "quick", "Quick", id="welcome.quick",
                tooltip="Start a quiz of one question per skill area"),
        Binding("2", "full", "Full", id="welcome.full",
                tooltip="Start a quiz of every question"),
        Binding("3", "resume", "Resume", id="welcome.resume",
                tooltip="Carry on with the quiz in progress"),
        Binding("t", "app.team", "Team", show=False, id="welcome.team",
                tooltip="A skills matrix from a folder of exported reports"),
        Binding("g", "app.match_job", "Match a job", show=False, id="welcome.match_job",
                tooltip="Paste a job ad, see your fit for that job, save it as a role"),
        Binding("ctrl+t", "app.toggle_theme", "Theme", id="welcome.theme",
                tooltip="Switch between dark and light (remembered)"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        # Composed with what the store holds now, so the first paint is the final one.
        bank = self.bank
        now = self._read()
        self._shown, self._resumable = now.key, now.session is not None
        with VerticalScroll(id="welcome"):
            yield Static(
                Content.assemble(
                    ("skillgap", "bold $text-primary"),
                    "  where you stand in DevOps and DevSecOps, and what to learn next",
                ),
                id="title",
            )
            yield Static(Content(INTRO), id="intro", classes="dim")
            last = Static(self._last_result(now.latest), id="last-result")
            last.border_title = "Last result"
            yield last
            menu = PointerOptionList(*self._options(now), id="menu", markup=False)
            menu.border_title = self._aim_title(now.aim)
            yield menu
            yield Static(
                Content.assemble(
                    line(f"{bank.name} {bank.version}"),
                    " · Enter starts the highlighted line",
                ),
                id="bank-line",
                classes="dim",
            )
        if note := self.skillgap.read_only_note:  # outside the scroll: seen at any size
            yield Static(line(note), id="read-only", classes="warning")
        yield KeyBar()

    _shown: tuple[object, ...] | None = None
    _resumable = False
    #: The first resume comes right after compose, which has just read the store.
    _just_composed = True

    def on_screen_resume(self) -> None:
        # Back from a quiz, results or history: show what is true now. Only the two widgets
        # that can change are updated, and only when something did.
        if self._just_composed:
            self._just_composed = False
            return
        now = self._read()
        if now.key == self._shown:
            return
        self._shown, self._resumable = now.key, now.session is not None
        self.query_one("#last-result", Static).update(self._last_result(now.latest))
        menu = self.query_one("#menu", OptionList)
        menu.border_title = self._aim_title(now.aim)
        menu.clear_options()
        menu.add_options(self._options(now))
        menu.highlighted = 0
        menu.focus()
        self.refresh_bindings()

    def _read(self) -> _Now:
        from skillgap.app.settings import quiz_flags, target_role

        store = self.store
        session = store.load_session()
        if session is not None and session.bank_name != self.bank.name:
            session = None  # a quiz of another bank cannot be resumed with this one
        damaged: list[StoreCorrupt] = []
        latest = store.list_reports(limit=1, damaged=damaged)
        if damaged:  # the newest is damaged: said once, and the newest readable one shown
            latest = store.list_reports(limit=20, offset=1, damaged=damaged)[:1]
            self.skillgap.report_damaged(damaged)
        reports = store.count_reports() if latest or damaged else 0
        held = session is not None and self._held_elsewhere()
        return _Now(
            session, latest, reports, *quiz_flags(store), target_role(store, self.bank), held
        )

    def _held_elsewhere(self) -> bool:
        from skillgap.store import StoreError

        try:
            return self.store.quiz_holder() is not None
        except StoreError:
            return False

    def _options(self, now: _Now) -> list[Option]:
        bank = self.bank
        from skillgap.core.adaptive import estimate

        session, reports = now.session, now.reports
        checks_on, adaptive_on = now.checks_on, now.adaptive_on
        quick_questions = bank.ordered_questions(quick=True) or bank.ordered_questions()
        quick = len(quick_questions)
        full = len(bank.questions)
        quick_time = estimate(
            bank, quick_questions, adaptive=adaptive_on, checks=checks_on
        ).describe()
        full_estimate = estimate(
            bank, bank.ordered_questions(), adaptive=adaptive_on, checks=checks_on
        )
        full_count = (
            f"{full_estimate.fewest_questions}-{full} questions"
            if full_estimate.fewest_questions < full
            else f"{full} questions"
        )

        def item(key: str, label: str, detail: str, option_id: str) -> Option:
            return Option(
                Content.assemble((f"{key} ", "$text-muted"), (label, "bold"), f"  {detail}"),
                id=option_id,
            )

        options = []
        if session is not None:
            done = len(session.answers.by_question)
            detail = f"your {session.mode} quiz in progress ({done} answered)"
            if now.held_elsewhere:
                detail += ", open in another window"
            options.append(item("3", "Resume", detail, "resume"))
        plural = "s" if reports != 1 else ""
        options += [
            item("1", "Quick quiz", f"{quick} questions, {quick_time}", "quick"),
            item("2", "Full quiz", f"{full_count}, {full_estimate.describe()}", "full"),
            item("h", "History", f"{reports} saved report{plural}", "history"),
            item("c", "Compare roles", "responsibilities, background, pay, openings", "roles"),
            item("p", "Learning plan", "your steps and a week-by-week timeline", "plan"),
            item("g", "Match a job ad", "paste an ad, see your fit for that job", "job"),
            item("t", "Team", "a skills matrix from a folder of exported reports", "team"),
            item(
                ",",
                "Settings",
                f"knowledge checks {'on' if checks_on else 'off'}"
                f" · adaptive quiz {'on' if adaptive_on else 'off'}",
                "settings",
            ),
        ]
        return options

    def _aim_title(self, aim: str | None) -> Content:
        """The menu's title: where Learn next and the plan aim, and the key that changes it
        (plain text: a role's name is the bank's, never markup)."""
        role = self.bank.role(aim) if aim is not None else None
        return Content(
            f"Start · aiming for {one_line(role.name) if role else 'both roles'} (a changes)"
        )

    def farewell(self) -> str | None:
        """The line after quitting with a quiz of this bank in progress (the App prints the
        topmost screen's; this one, at the bottom, speaks when no quiz screen is open)."""
        from skillgap.store import StoreError

        try:
            session = self.store.load_session()
        except StoreError:
            return None
        if session is None or session.bank_name != self.bank.name:
            return None
        count = len(session.answers.by_question)
        if not count:
            return None
        plural = "s" if count != 1 else ""
        return f"saved: {count} answer{plural}, run skillgap to resume"

    def aim_changed(self, role_id: str | None) -> None:
        """The App's `a` chose another role to aim for: the menu's title says which."""
        self.query_one("#menu", OptionList).border_title = self._aim_title(role_id)
        self._shown = None  # the next resume redraws what depends on it

    @staticmethod
    def _last_result(latest: list[ReportSummary]) -> Content:
        if not latest:
            return Content("None yet: your first quiz takes a few minutes.")
        report = latest[0]
        parts: list[Content | str | tuple[str, str]] = [(when(report.created_at), "italic")]
        if report.mode == "quick":
            parts.append((" · Quick quiz", "italic"))
        width = max((len(n) for n in report.role_names.values()), default=8)
        for role_id, score in report.scores.items():
            name = one_line(report.role_names.get(role_id, role_id))
            parts += [
                "\n",
                (f"{name:<{width}}", "bold"),
                f" {percent(score):>4} ",
                (bar(score, 20), "$accent"),
            ]
        return Content.assemble(*parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self._resumable
        return True

    def action_quick(self) -> None:
        self.skillgap.action_start_quiz("quick")

    def action_full(self) -> None:
        self.skillgap.action_start_quiz("full")

    def action_resume(self) -> None:
        self.skillgap.action_resume_quiz()

    @on(OptionList.OptionSelected, "#menu")
    def choose(self, event: OptionList.OptionSelected) -> None:
        actions = {
            "resume": self.skillgap.action_resume_quiz,
            "quick": lambda: self.skillgap.action_start_quiz("quick"),
            "full": lambda: self.skillgap.action_start_quiz("full"),
            "history": self.skillgap.action_history,
            "roles": self.skillgap.action_compare_roles,
            "plan": self.skillgap.action_plan,
            "team": self.skillgap.action_team,
            "job": self.skillgap.action_match_job,
            "settings": self.skillgap.action_settings,
        }
        action = actions.get(event.option_id or "")
        if action is not None:
            action()
