"""The learning plan: the steps a person chose, each with a status kept across assessments, and
the week-by-week timeline with each role's projected fit. Also the dialog that adds steps from
Results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from skillgap.core.model import Answers, NextStep, PlanEntry, PlanStatus
from skillgap.core.plan import STATUS_LABELS, entry_for
from skillgap.core.timeline import Timeline
from skillgap.core.wording import question_title
from skillgap.escape import one_line
from skillgap.tui.base import DIALOG_HELP, SkillgapModal, SkillgapScreen
from skillgap.tui.format import line
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.pointer import PointerOptionList
from skillgap.tui.widgets.pointer_table import PointerTable
from skillgap.tui.widgets.timeline_chart import TimelineChart

#: Week rows listed under the chart; the exports have them all.
WEEKS_LISTED = 52


class AddToPlanModal(SkillgapModal[None]):
    """Learn next's steps; Enter puts the highlighted one in the plan or takes it out."""

    DEFAULT_CSS = """
    #add-to-plan { width: 90; }
    #add-list { height: auto; max-height: 14; margin: 1 0 0 0; border: round $primary; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Done", id="add_to_plan.close", tooltip="Close this list"),
        DIALOG_HELP,
    ]

    def __init__(self, steps: Sequence[NextStep]) -> None:
        super().__init__()
        self.steps = {step.question_id: step for step in steps}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-to-plan"):
            yield Static(Content.assemble(("Add to your plan", "bold")), classes="dialog-title")
            yield Static(
                Content("Enter puts a step in your plan (as planned) or takes it out. "
                        "Set statuses and see the timeline with p on Results. Esc: done."),
                classes="dim",
            )  # fmt: skip
            yield PointerOptionList(id="add-list")

    def on_mount(self) -> None:
        menu = self.query_one("#add-list", OptionList)
        plan = self._plan()
        menu.add_options(self._option(n, s, plan) for n, s in enumerate(self.steps.values(), 1))
        if self.steps:
            menu.highlighted = 0
        menu.focus()

    def _plan(self) -> dict[str, PlanEntry]:
        return self.skillgap.store.get_plan(self.skillgap.bank.name)

    @staticmethod
    def _option(number: int, step: NextStep, plan: dict[str, PlanEntry]) -> Option:
        entry = plan.get(step.question_id)
        mark = f"✓ {STATUS_LABELS[entry.status]}" if entry else "+ add"
        return Option(
            Content.assemble(
                (f"{mark:<14}", "bold"),
                f"{number}. ",
                (one_line(step.title), "bold"),
                f"  level {step.from_level} → {step.to_level} · about {step.hours:g} h",
            ),
            id=step.question_id,
        )

    @on(OptionList.OptionSelected, "#add-list")
    def toggle(self, event: OptionList.OptionSelected) -> None:
        from skillgap.store import StoreError

        event.stop()
        qid = event.option_id or ""
        step = self.steps.get(qid)
        if step is None:
            return
        store, bank_name = self.skillgap.store, self.skillgap.bank.name
        try:
            if qid in self._plan():
                store.remove_from_plan(bank_name, [qid])
            else:
                store.set_plan(bank_name, [entry_for(step)])
            plan = self._plan()
        except StoreError as exc:
            self.notify(f"The plan was not saved: {exc}", severity="error")
            return
        number = list(self.steps).index(qid) + 1
        event.option_list.replace_option_prompt(qid, self._option(number, step, plan).prompt)

    def action_close(self) -> None:
        self.dismiss(None)


class PlanScreen(SkillgapScreen[None]):
    """The plan's steps and their statuses, then the timeline: a chart and the weeks."""

    DEFAULT_CSS = """
    #plan { padding: 1 2 0 2; }
    #plan-table { height: auto; max-height: 12; margin: 1 0 0 0; }
    #plan-hours-input { width: 40; border: round $primary; }
    #timeline-chart { margin: 1 0 0 0; }
    #timeline-weeks { margin: 1 0 1 0; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "status('learning')", "Learning", id="plan.learning",
                tooltip="Mark the highlighted step as being learnt now"),
        Binding("d", "status('done')", "Done", id="plan.done",
                tooltip="Mark it done: you reached its level (the next quiz confirms it)"),
        Binding("x", "status('not_relevant')", "Not relevant", id="plan.not_relevant",
                tooltip="Drop it from Learn next and the timeline (not from role fit)"),
        Binding("p", "status('planned')", "Planned", id="plan.planned",
                tooltip="Mark it planned: to learn, after the steps being learnt"),
        Binding("delete", "remove", "Remove", id="plan.remove",
                tooltip="Take the highlighted step out of the plan"),
        Binding("h", "hours", "Hours", id="plan.hours",
                tooltip="Hours a week of learning the timeline assumes"),
        Binding("escape", "close", "Back", id="plan.back", tooltip="Close the plan"),
    ]  # fmt: skip

    def __init__(self, answers: Answers | None) -> None:
        super().__init__()
        self.answers = answers
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan"):
            yield Static(id="plan-title", classes="heading")
            yield Static(
                Content("l learning · p planned · d done · x not relevant · Delete removes. "
                        "Not relevant leaves Learn next, never your fit."),
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
        table.add_column("Step", key="step")
        table.add_column("Status", key="status")
        table.add_column("Level now → target", key="levels")
        self.show_plan()
        # An empty plan hides the table: the page itself then takes the arrow keys.
        (table if table.display else self.query_one("#plan", VerticalScroll)).focus()

    # -- showing ----------------------------------------------------------------------------

    def _entries(self) -> dict[str, PlanEntry]:
        from skillgap.store import StoreError

        try:
            return self.store.get_plan(self.bank.name)
        except StoreError as exc:
            self.notify(f"Cannot read the plan: {exc}", severity="error")
            return {}

    def show_plan(self) -> None:
        """Fill the table and draw the timeline (after each change of status or hours)."""
        from skillgap.app.settings import hours_per_week

        entries = self._entries()
        table = self.query_one("#plan-table", PointerTable)
        row = table.cursor_row
        table.clear()
        order = {status: i for i, status in enumerate(STATUS_LABELS)}
        for entry in sorted(entries.values(), key=lambda e: (order[e.status], e.question_id)):
            now = self.answers.level(entry.question_id) if self.answers else 0
            target = "?" if entry.target is None else str(entry.target)
            table.add_row(
                Text(""),
                Text(one_line(question_title(self.bank, entry.question_id))),
                Text(STATUS_LABELS[entry.status], style="bold"),
                Text(f"{now} → {target}"),
                key=entry.question_id,
            )
        table.display = bool(entries)
        if entries:
            table.move_cursor(row=min(row, len(entries) - 1))
            table.point_at_cursor()
        self.query_one("#plan-empty", Static).update(
            Content("")
            if entries
            else Content(
                "Your plan is empty: on Results, press a to add steps of Learn next. "
                "The timeline below follows the advice meanwhile."
            )
        )
        hours = hours_per_week(self.store)
        self.query_one("#plan-title", Static).update(
            Content.assemble(
                ("Learning plan", "bold"),
                "  ",
                line(self.bank.name),
                f" · {hours:g} h a week (h changes it)",
            )
        )
        self._show_timeline(entries, hours)

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
                    "More hours a week (h) shorten it.",
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
        from skillgap.store import StoreError

        qid = self._highlighted()
        if qid is None:
            self.notify("Your plan is empty: add steps from Results (a).", timeout=3)
            return
        entry = self._entries().get(qid)
        try:
            self.store.set_plan(
                self.bank.name, [PlanEntry(qid, status, entry.target if entry else None)]
            )
        except StoreError as exc:
            self.notify(f"The plan was not saved: {exc}", severity="error")
            return
        self.show_plan()
        self._select(qid)

    def _select(self, qid: str) -> None:
        table = self.query_one("#plan-table", PointerTable)
        with_key = [str(r.key.value) for r in table.ordered_rows]
        if qid in with_key:
            table.move_cursor(row=with_key.index(qid))

    def action_remove(self) -> None:
        from skillgap.store import StoreError

        qid = self._highlighted()
        if qid is None:
            return
        try:
            self.store.remove_from_plan(self.bank.name, [qid])
        except StoreError as exc:
            self.notify(f"The plan was not saved: {exc}", severity="error")
            return
        self.show_plan()

    def action_hours(self) -> None:
        from skillgap.app.settings import hours_per_week

        hours = self.query_one("#plan-hours-input", Input)
        hours.value = f"{hours_per_week(self.store):g}"
        hours.display = True
        hours.border_title = "Hours a week (Enter saves, Esc cancels)"
        hours.focus()

    @on(Input.Submitted, "#plan-hours-input")
    def hours_typed(self, event: Input.Submitted) -> None:
        from skillgap.app.settings import save_hours_per_week
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
        self.query_one("#plan-table", PointerTable).focus()
        self.show_plan()

    def action_close(self) -> None:
        hours = self.query_one("#plan-hours-input", Input)
        if hours.display:
            hours.display = False
            self.query_one("#plan-table", PointerTable).focus()
            return
        self.dismiss()
