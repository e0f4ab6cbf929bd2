"""The learning plan: the steps a person chose (with + on Results), each with a status kept
across assessments, and the week-by-week timeline with each role's projected fit.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from skillgap.core.model import Answers, PlanEntry, PlanStatus
from skillgap.core.plan import STATUS_LABELS
from skillgap.core.timeline import Timeline
from skillgap.core.wording import question_title
from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import line
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.pointer_table import PointerTable
from skillgap.tui.widgets.timeline_chart import TimelineChart

#: Week rows listed under the chart; the exports have them all.
WEEKS_LISTED = 52
#: Seconds from a change of the plan to the timeline redrawn (PlanScreen._timeline_soon).
TIMELINE_DELAY = 0.05
#: The order of the plan's rows, by status: what you are on, what comes next, then the rest.
STATUS_ORDER: tuple[PlanStatus, ...] = ("learning", "planned", "done", "not_relevant")
#: The digit that gives a step each status, in that order (docs/keys.md).
STATUS_KEYS: dict[PlanStatus, str] = {s: str(n) for n, s in enumerate(STATUS_ORDER, 1)}


def levels_text(now: int, entry: PlanEntry) -> str:
    """Where a step stands: "2 → 3" to go; "3 (target 3 reached)" once the level is there;
    marked done short of it, "2 → 3, to confirm": the next quiz shows it."""
    if entry.target is None:
        return f"{now} → ?"
    if now >= entry.target:
        return f"{now} (target {entry.target} reached)"
    if entry.status == "done":
        return f"{now} → {entry.target}, to confirm"
    return f"{now} → {entry.target}"


class PlanScreen(SkillgapScreen[None]):
    """The plan's steps and their statuses, then the timeline: a chart and the weeks."""

    DEFAULT_CSS = """
    #plan { padding: 1 1 0 2; }
    #plan-table { height: auto; max-height: 12; margin: 1 0 0 0; }
    #plan-empty { margin: 1 0 0 0; }
    #plan-hours-input { width: 46; max-width: 100%; border: round $primary; }
    #timeline-chart { margin: 1 0 0 0; }
    #timeline-weeks { margin: 1 0 1 0; height: auto; }
    """

    #: The status keys are named in the line above the table, so the bar keeps room for the
    #: rest at 80 columns.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "status('learning')", "Learning", show=False, id="plan.learning",
                tooltip="Mark the highlighted step as being learnt now"),
        Binding("2", "status('planned')", "Planned", show=False, id="plan.planned",
                tooltip="Mark it planned: to learn, after the steps being learnt"),
        Binding("3", "status('done')", "Done", show=False, id="plan.done",
                tooltip="Mark it done: you reached its level (the next quiz confirms it)"),
        Binding("4", "status('not_relevant')", "Not relevant", show=False, id="plan.not_relevant",
                tooltip="Drop it from Learn next and the timeline (not from role fit)"),
        Binding("delete", "delete", "Remove", key_display="Del", id="plan.remove",
                tooltip="Take the highlighted step out of the plan"),
        Binding("w", "hours", "Hours a week", id="plan.hours",
                tooltip="Hours a week of learning the timeline assumes"),
        Binding("escape", "close", "Back", id="plan.back", tooltip="Close the plan"),
    ]  # fmt: skip

    def __init__(self, answers: Answers | None) -> None:
        super().__init__()
        self.answers = answers
        self.timeline: Timeline | None = None
        self._timeline_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan"):
            yield Static(id="plan-title", classes="heading")
            yield Static(
                Content("Status: 1 learning · 2 planned · 3 done · 4 not relevant · "
                        "Del removes. Not relevant leaves Learn next, never your fit."),
                classes="dim",
            )  # fmt: skip
            yield PointerTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="plan-empty", classes="dim")
            hours = Input(id="plan-hours-input", placeholder="hours a week, e.g. 5")
            hours.cursor_blink = self.skillgap.CURSOR_BLINK
            hours.display = False
            yield hours
            yield Static(id="timeline-title", classes="heading2")
            yield TimelineChart(id="timeline-chart")
            yield Static(id="timeline-weeks")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#plan-table", PointerTable)
        table.add_pointer_column()
        table.add_column("Step", key="step", width=self._step_width())
        table.add_column("Status", key="status")
        table.add_column("Level now → target", key="levels")
        self.show_plan()
        self._focus_list()

    def _step_width(self) -> int | None:
        """The Step column's width: what the terminal leaves beside the others, so the table
        fits 80 columns; a longer title wraps onto a second line. None: as wide as needed."""
        others = 3 + 2 + 3 + 14 + 22 + 2  # padding, scroll bar, ▶, status, levels, cell padding
        room = max(10, self.app.size.width - others)
        ids = [*self.bank.questions, *self.bank.groups]
        longest = max((cell_len(question_title(self.bank, i)) for i in ids), default=0)
        return None if longest <= room else room

    # -- showing ----------------------------------------------------------------------------

    def _entries(self) -> dict[str, PlanEntry]:
        from skillgap.store import StoreError

        try:
            return self.store.get_plan(self.bank.name)
        except StoreError as exc:
            self.notify(f"Cannot read the plan: {exc}", severity="error")
            return {}

    def _row(self, entry: PlanEntry) -> tuple[Text, Text, Text]:
        """A step's step, status and levels cells."""
        now = self.answers.level(entry.question_id) if self.answers else 0
        return (
            Text(one_line(question_title(self.bank, entry.question_id))),
            Text(STATUS_LABELS[entry.status], style="bold"),
            Text(levels_text(now, entry)),
        )

    def show_plan(self) -> None:
        """Fill the table in plan order (learning, planned, done, not relevant; the quiz's
        order within each) and draw the timeline. Done when the screen opens or the hours
        change; a change of status redraws its own row only (`_show_row`)."""
        from skillgap.app.settings import hours_per_week

        entries = self._entries()
        table = self.query_one("#plan-table", PointerTable)
        row = table.cursor_row
        table.clear()
        order = {status: i for i, status in enumerate(STATUS_ORDER)}
        place = {q.id: i for i, q in enumerate(self.bank.ordered_questions())}
        for entry in sorted(
            entries.values(),
            key=lambda e: (order[e.status], place.get(e.question_id, len(place)), e.question_id),
        ):
            table.add_row(Text(""), *self._row(entry), key=entry.question_id, height=None)
        self._show_rows(row)
        hours = hours_per_week(self.store)
        self._show_title(hours)
        self._show_timeline(entries, hours)

    def _show_rows(self, row: int) -> None:
        """The cursor on row `row` (or the last), and the empty plan's words when it is."""
        table = self.query_one("#plan-table", PointerTable)
        count = table.row_count
        table.display = bool(count)
        if count:
            table.move_cursor(row=min(row, count - 1))
            table.point_at_cursor()
        if count:
            empty = ""
        elif self.answers is None:
            empty = "Your plan is empty: finish a quiz, then + on Results adds steps of Learn next."
        else:
            empty = (
                "Your plan is empty: on Results, + adds steps of Learn next. "
                "The timeline below follows the advice meanwhile."
            )
        words = self.query_one("#plan-empty", Static)
        words.update(Content(empty))
        words.display = not count
        self.refresh_bindings()  # Del and the statuses are dimmed while there is no step

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Del and the statuses have nothing to act on in an empty plan: shown dimmed."""
        if action in ("status", "delete") and self.is_mounted:
            return True if self.query_one("#plan-table", PointerTable).row_count else None
        return True

    def _show_title(self, hours: float) -> None:
        self.query_one("#plan-title", Static).update(
            Content.assemble(
                ("Learning plan", "bold"),
                "  ",
                line(self.bank.name),
                f" · {hours:g} h a week (w changes it)",
            )
        )

    def _show_timeline(self, entries: dict[str, PlanEntry], hours: float) -> None:
        from skillgap.app.settings import plan_settings, target_role
        from skillgap.core.scoring import level_map
        from skillgap.core.timeline import schedule
        from skillgap.export.words import readiness_text

        title = self.query_one("#timeline-title", Static)
        chart = self.query_one("#timeline-chart", TimelineChart)
        weeks_text = self.query_one("#timeline-weeks", Static)
        if self.answers is None:
            title.update(Content.assemble(("Timeline", "bold")))
            chart.display = False
            weeks_text.update(Content("Finish an assessment first: the timeline starts there."))
            return
        weeks = plan_settings(self.store)[1]
        levels = level_map(self.bank, self.answers)
        aim = target_role(self.store, self.bank)
        self.timeline = timeline = schedule(self.bank, levels, hours, weeks, entries, aim)
        title.update(
            Content.assemble(
                ("Timeline", "bold"),
                f"  projected fit per role, week by week, at {hours:g} h a week",
                ("\n" + readiness_text(timeline), "$text-muted"),
            )
        )
        chart.display = True
        chart.show(timeline)
        weeks_text.update(self._weeks(timeline))

    @staticmethod
    def _weeks(timeline: Timeline) -> Content:
        names = {rid: one_line(name) for rid, name in timeline.role_names.items()}
        parts: list[Content | str | tuple[str, str]] = []
        if timeline.done:
            parts.append(("Counted as done (from your plan): ", "bold"))
            parts.append(f"{len(timeline.done)} step(s)\n")
        for week in timeline.weeks[:WEEKS_LISTED]:
            scores = " · ".join(f"{names[rid]} {week.scores.get(rid, 0.0):.0f}%" for rid in names)
            parts += [(f"Week {week.number}", "bold"), f"  {scores}"]
            for item in week.items:
                state = "✓ done" if item.finished else "continues"
                parts += [
                    "\n  ",
                    line(item.title),
                    f" {item.from_level} → {item.to_level} · {item.hours:.3g} h, {state}",
                ]
            parts.append("\n")
        hidden = len(timeline.weeks) - WEEKS_LISTED
        if hidden > 0:
            parts.append((f"… and {hidden} more weeks in the exported report.\n", "$text-muted"))
        if timeline.complete:
            parts.append(
                (f"Every step is scheduled: {len(timeline.weeks)} week(s).", "$text-muted")
            )
        else:
            step = timeline.next_step
            nxt = f"; next: {one_line(step.title)}" if step is not None else ""
            parts.append(
                (
                    f"Not finished within {len(timeline.weeks)} week(s){nxt}. "
                    "More hours a week (w) shorten it.",
                    "$text-muted",
                )
            )
        return Content.assemble(*parts)

    # -- changes ----------------------------------------------------------------------------

    def _highlighted(self) -> str | None:
        table = self.query_one("#plan-table", PointerTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(row_key.value) if row_key.value is not None else None

    def action_status(self, status: PlanStatus) -> None:
        """Give the highlighted step `status`. Its row stays where it is, and so does the
        cursor, so the next key acts on the step you see; the order is the plan's again the
        next time it opens."""
        from skillgap.store import StoreError

        qid = self._highlighted()
        if qid is None:
            self.notify("Your plan is empty: add steps of Learn next on Results (+).", timeout=3)
            return
        entries = self._entries()
        old = entries.get(qid)
        entry = PlanEntry(qid, status, old.target if old else None)
        try:
            self.store.set_plan(self.bank.name, [entry])
        except StoreError as exc:
            self.notify(f"The plan was not saved: {exc}", severity="error")
            return
        entries[qid] = entry
        table = self.query_one("#plan-table", PointerTable)
        _, status_cell, levels_cell = self._row(entry)
        table.update_cell(qid, "status", status_cell)
        table.update_cell(qid, "levels", levels_cell)
        self._timeline_soon()

    def _timeline_soon(self) -> None:
        """Redraw the timeline a moment after a change, not inside the key press: scheduling a
        long plan takes tens of milliseconds, so the row changes at once and keys typed in a
        row (1, down, 2) cost one schedule, not one each."""
        from skillgap.app.settings import hours_per_week

        if self._timeline_timer is not None:
            self._timeline_timer.stop()

        def redraw() -> None:
            self._timeline_timer = None
            self._show_timeline(self._entries(), hours_per_week(self.store))

        self._timeline_timer = self.set_timer(TIMELINE_DELAY, redraw)

    def action_delete(self) -> None:
        from skillgap.store import StoreError

        qid = self._highlighted()
        if qid is None:
            return
        try:
            self.store.remove_from_plan(self.bank.name, [qid])
        except StoreError as exc:
            self.notify(f"The plan was not saved: {exc}", severity="error")
            return
        table = self.query_one("#plan-table", PointerTable)
        row = table.cursor_row
        table.remove_row(qid)
        self._show_rows(row)
        if not table.display:
            self._focus_list()
        self._timeline_soon()

    def action_hours(self) -> None:
        from skillgap.app.settings import hours_per_week

        hours = self.query_one("#plan-hours-input", Input)
        hours.value = f"{hours_per_week(self.store):g}"
        hours.display = True
        hours.border_title = "Hours a week · Enter saves · Esc cancels"
        hours.focus()

    @on(Input.Submitted, "#plan-hours-input")
    def hours_typed(self, event: Input.Submitted) -> None:
        from skillgap.app.settings import hours_per_week, save_hours_per_week
        from skillgap.store import StoreError

        event.stop()
        try:
            save_hours_per_week(self.store, event.value)
        except ValueError:
            self.notify("Type a number of hours a week: more than 0, at most 168.", timeout=3)
            return
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        event.input.display = False
        self._focus_list()
        hours = hours_per_week(self.store)
        self._show_title(hours)
        self._show_timeline(self._entries(), hours)

    def _focus_list(self) -> None:
        """The table takes the keys; an empty plan hides it, and then the page does."""
        table = self.query_one("#plan-table", PointerTable)
        (table if table.display else self.query_one("#plan", VerticalScroll)).focus()

    def action_close(self) -> None:
        hours = self.query_one("#plan-hours-input", Input)
        if hours.display:
            hours.display = False
            self._focus_list()
            return
        self.dismiss()
