"""Match a job ad (issue 20), the TUI face of `skillgap job` and `score --job`: paste an ad (or
give a path), see the role it was read as (each requirement with the ad's words and lines, its
target, essential or not; Delete drops one, 1-4 set its target, and it is scored again at
once), the words not understood, then your fit for it against your newest report, what is
missing and what to learn first (Learn next aimed at the job's role); ctrl+s saves it as a role.

Everything is read and computed by app/job.py and core/job.py; this screen only shows it.
The ad, its words and paths come from outside: every one goes through `skillgap.escape`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Input, Static, TextArea

from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import line
from skillgap.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from skillgap.core.job import JobMatch, JobReading
    from skillgap.core.model import Result
    from skillgap.core.report import Report

#: Words not understood shown (the role file lists them all).
UNKNOWN_SHOWN = 20
#: The width of the requirement column, at least and at most; the ad's words take the rest.
TITLE_WIDTH = (30, 44)


class JobScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #job { padding: 0 1; }
    #job-ad { height: 8; margin: 1 0 0 0; }
    #job-path { margin: 0 0 0 0; }
    #job-said, #job-unknown, #job-fit, #job-saved { height: auto; }
    #job-said.-error { color: $text-warning; }
    #job-reqs { height: auto; max-height: 14; margin: 1 0 0 0; }
    #job-quiz { margin: 1 0 0 0; }
    #job-saved { margin: 1 0 0 0; }
    """
    AUTO_FOCUS = "#job-ad"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "read", "Read the ad", id="job.read",
                tooltip="Read the ad pasted (or the file named) into a role and score it"),
        Binding("delete", "delete", "Drop", key_display="Del", id="job.drop",
                tooltip="Leave the highlighted requirement out of the job's role"),
        Binding("1", "target(1)", "Target 1", show=False, id="job.target1",
                tooltip="The highlighted requirement asks for level 1"),
        Binding("2", "target(2)", "Target 2", show=False, id="job.target2",
                tooltip="The highlighted requirement asks for level 2"),
        Binding("3", "target(3)", "Target 3", show=False, id="job.target3",
                tooltip="The highlighted requirement asks for level 3"),
        Binding("4", "target(4)", "Target 4", show=False, id="job.target4",
                tooltip="The highlighted requirement asks for level 4"),
        Binding("ctrl+s", "save", "Save as a role", id="job.save",
                tooltip="Write the job's role as a role file of the bank format"),
        Binding("escape", "close", "Back", id="job.back",
                tooltip="Back one screen"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        #: The ad as read, before any edit; what is shown is `shown` (dropped, retargeted).
        self.reading: JobReading | None = None
        self.shown: JobReading | None = None
        self.dropped: set[str] = set()
        self.targets: dict[str, int] = {}
        self.result: Result | None = None
        #: The newest report of the bank, read once per ad read (None: no report yet).
        self.report: Report | None = None
        self._title_width = TITLE_WIDTH[0]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="job"):
            yield Static(
                Content.assemble(("Match a job ad", "bold"), "  paste an ad, see your fit for it"),
                classes="heading",
            )
            area = TextArea(id="job-ad", soft_wrap=True, show_line_numbers=False)
            area.cursor_blink = self.skillgap.CURSOR_BLINK
            area.border_title = "Paste the ad here · ctrl+r reads it"
            yield area
            field = Input(placeholder="or a text or Markdown file (Enter reads it)", id="job-path")
            field.cursor_blink = self.skillgap.CURSOR_BLINK
            yield field
            yield Static(
                Content("Nothing is saved unless you save it as a role (ctrl+s)."),
                id="job-said",
                classes="dim",
            )
            yield Static(id="job-role-heading", classes="heading2")
            yield DataTable(id="job-reqs", cursor_type="row", zebra_stripes=True)
            yield Static(id="job-hint", classes="dim")
            yield Static(id="job-unknown", classes="dim")
            yield Static(id="job-fit-heading", classes="heading2")
            yield Static(id="job-fit")
            yield Button("Take the quick quiz", id="job-quiz")
            yield Static(id="job-saved")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_role()

    # -- reading ----------------------------------------------------------------------------

    def action_read(self) -> None:
        """ctrl+r: the ad pasted; when none is, the file named in the path field."""
        text = self.query_one("#job-ad", TextArea).text
        path = self.query_one("#job-path", Input).value.strip()
        if text.strip() or not path:
            self._read(lambda: self._read_text(text))
        else:
            self._read(lambda: self._read_path(path))

    @on(Input.Submitted, "#job-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        if not path:
            self._said("Give a file (a text or Markdown job ad), or paste the ad above.", True)
            return
        self._read(lambda: self._read_path(path))

    def _read_text(self, text: str) -> JobReading:
        from skillgap.app.job import read_job_text

        return read_job_text(text, self.bank, self.skillgap.job_index(), name="the pasted ad")

    def _read_path(self, path: str) -> JobReading:
        from skillgap.app.job import read_job_ad

        return read_job_ad(path, self.bank, index=self.skillgap.job_index())

    def _read(self, read: object) -> None:
        from skillgap.errors import SkillgapError

        try:
            reading = read()  # type: ignore[operator]
        except SkillgapError as exc:
            # The CLI's lines name the program; on its own screen the app need not.
            self._said(" ".join(one_line(x).removeprefix("skillgap: ") for x in exc.lines()), True)
            return
        from skillgap.app.assessment import previous_report

        self.reading, self.dropped, self.targets = reading, set(), {}
        self.report = previous_report(self.store, self.bank)
        self._built = None
        self.query_one("#job-saved", Static).update("")
        self._said(
            f"Read: {len(reading.matches)} requirement(s), {len(reading.unknown)} word(s) not"
            " understood. ↑ ↓ pick one · Del drops it · 1-4 its target · ctrl+s saves the role",
            False,
        )
        self._rescore()
        table = self.query_one("#job-reqs", DataTable)
        table.focus()

    def _said(self, text: str, error: bool) -> None:
        said = self.query_one("#job-said", Static)
        said.update(line(text))
        said.set_class(error, "-error")
        said.set_class(not error, "dim")

    # -- showing ----------------------------------------------------------------------------

    def _rescore(self) -> None:
        from skillgap.app.job import edited, job_fit

        if self.reading is None:
            return
        self.shown = edited(
            self.reading, self.bank, dropped=frozenset(self.dropped), targets=self.targets
        )
        self.result = job_fit(self.bank, self.shown, self.report.answers if self.report else None)
        self._show_role()

    def _show_role(self) -> None:
        shown = self.shown
        has_role = shown is not None
        for widget_id in ("#job-role-heading", "#job-reqs", "#job-hint", "#job-unknown",
                          "#job-fit-heading", "#job-fit"):  # fmt: skip
            self.query_one(widget_id).display = has_role
        self.query_one("#job-quiz").display = False
        if shown is None:
            return
        self.query_one("#job-role-heading", Static).update(
            line(f"The role understood: {shown.role.name} ({len(shown.matches)} requirements)")
        )
        self._table(shown)
        self.query_one("#job-hint", Static).update(
            Content("↑ ↓ pick a requirement · Del drops it · 1-4 sets its target (scored at once)")
        )
        unknown = shown.unknown
        more = f" and {len(unknown) - UNKNOWN_SHOWN} more" if len(unknown) > UNKNOWN_SHOWN else ""
        self.query_one("#job-unknown", Static).update(
            line(
                "Not understood: " + ", ".join(unknown[:UNKNOWN_SHOWN]) + more
                if unknown
                else "Every tool-like word of the ad was understood."
            )
        )
        self._show_fit()

    #: The requirements the table shows, by id (None: built again in full).
    _built: dict[str, JobMatch] | None = None

    def _table(self, shown: JobReading) -> None:
        """The table, changed only where the reading did: a row dropped is removed, a target
        changed is one cell (a key press redraws no more)."""
        table = self.query_one("#job-reqs", DataTable)
        now = {m.requirement_id: m for m in shown.matches}
        built = self._built
        if built is not None and set(now) <= set(built):
            for requirement_id in set(built) - set(now):
                table.remove_row(requirement_id)
            for requirement_id, match in now.items():
                if built[requirement_id].target != match.target:
                    table.update_cell(
                        requirement_id, "target", Text(str(match.target), justify="center")
                    )
            self._built = now
            return
        self._built = now
        row = table.cursor_row
        table.clear(columns=True)
        low, high = TITLE_WIDTH
        self._title_width = max(low, min(high, self.size.width - 84))
        table.add_column("Requirement", key="title", width=self._title_width)
        table.add_column("Target", key="target")
        table.add_column("Essential", key="essential")
        table.add_column("The ad's words (lines)", key="words")
        for match in shown.matches:
            table.add_row(*self._cells(match), key=match.requirement_id)
        if shown.matches:
            table.move_cursor(row=min(row, len(shown.matches) - 1), animate=False)

    def _cells(self, match: JobMatch) -> tuple[Text, ...]:
        title = self._title(match)
        width = self._title_width
        cut = title if len(title) <= width else title[: width - 1] + "…"
        words = ", ".join(one_line(p) for p in match.phrases)
        lines = ", ".join(str(n) for n in match.lines)
        return (
            Text(cut),
            Text(str(match.target), justify="center"),
            Text("★ yes" if match.essential else "no"),
            Text(f"{words} ({lines})"),
        )

    def _title(self, match: JobMatch) -> str:
        from skillgap.core.wording import question_title

        if len(match.question_ids) > 1:
            group = self.bank.groups.get(match.requirement_id)
            titles = ", ".join(question_title(self.bank, q) for q in match.question_ids)
            return one_line(group.title if group and group.title else titles)
        return one_line(question_title(self.bank, match.question_ids[0]))

    def _show_fit(self) -> None:
        from skillgap.tui.widgets.learn_next import LearnNext

        shown, result = self.shown, self.result
        assert shown is not None
        heading = self.query_one("#job-fit-heading", Static)
        fit = self.query_one("#job-fit", Static)
        learn = self.query(LearnNext)
        heading.update(line(f"Your fit for {shown.role.name}"))
        if result is None:
            for widget in learn:
                widget.display = False
            if not shown.role.requirements:
                fit.update(Content("Every requirement is dropped: read the ad again (ctrl+r)."))
                return
            fit.update(
                Content(
                    "No report yet to match it against: take a quiz first, then come back"
                    " (your newest report is what the job is scored against)."
                )
            )
            self.query_one("#job-quiz").display = True
            return
        report_when = self._report_line()
        fit.update(
            line(f"Against your newest report{report_when}: the Ready block below is for this job.")
        )
        if learn:
            learn.first().display = True
            learn.first().show(result, {})
        else:
            self.query_one("#job", VerticalScroll).mount(
                LearnNext(result, self.bank, {}, can_plan=False, can_aim=False), after="#job-fit"
            )

    def _report_line(self) -> str:
        from skillgap.tui.format import when

        report = self.report
        if report is None or report.created_at is None:
            return ""
        return f" ({when(report.created_at)})"

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("delete", "target"):
            return self.shown is not None and self.query_one("#job-reqs", DataTable).has_focus
        if action == "save":
            return self.shown is not None and bool(self.shown.matches)
        return True

    def _highlighted(self) -> str | None:
        table = self.query_one("#job-reqs", DataTable)
        if not table.has_focus or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def action_delete(self) -> None:
        """Del: leave the highlighted requirement out, and score again."""
        requirement = self._highlighted()
        if requirement is None:
            return
        self.dropped.add(requirement)
        self._rescore()

    def action_target(self, target: int) -> None:
        """1-4: the level the highlighted requirement asks for, and score again."""
        requirement = self._highlighted()
        if requirement is None:
            return
        self.targets[requirement] = target
        self._rescore()

    def action_save(self, replace: bool = False) -> None:
        """ctrl+s: the role file under the data folder; an existing one is replaced only when
        the person says yes."""
        from skillgap.app.job import save_job_role
        from skillgap.errors import SkillgapError

        shown = self.shown
        if shown is None or not shown.matches:
            return
        data_dir = self.store.path.parent
        path = data_dir / "roles" / f"{shown.role.id}.yaml"
        if not replace and (path.exists() or path.is_symlink()):
            from skillgap.tui.screens.dialogs import ConfirmModal

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_save(replace=True)

            self.app.push_screen(
                ConfirmModal(
                    "Replace the role file?",
                    f"{one_line(str(path))} exists already.",
                    yes="Replace",
                    no="Keep it",
                ),
                answered,
            )
            return
        saved = self.query_one("#job-saved", Static)
        try:
            written = save_job_role(shown, self.bank, data_dir, replace=replace)
        except SkillgapError as exc:
            saved.update(line("✗ " + " ".join(one_line(x) for x in exc.lines())))
            return
        shown_path = one_line(str(written))
        saved.update(
            line(
                f"✓ Saved as a role: {shown_path}. Score against it with: skillgap score ANSWERS"
                f" --job AD, or copy it into a bank's roles/ and use --questions BANK."
            )
        )
        self.call_after_refresh(saved.scroll_visible, animate=False)

    @on(Button.Pressed, "#job-quiz")
    def _quiz(self) -> None:
        self.skillgap.action_start_quiz("quick")

    def action_close(self) -> None:
        self.dismiss()
