"""Results: both roles side by side, a per-section table, the whole of Learn next (its Ready
block first), and every answer with its note. A report opened from History is shown here too."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime, timezone
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from skillgap.app.assessment import plan_of, rescored
from skillgap.core.model import Answers, Bank, PlanEntry, Result
from skillgap.core.plan import STATUS_LABELS
from skillgap.core.wording import bar, percent
from skillgap.escape import one_line
from skillgap.export.words import not_assessed_sections, quick_text
from skillgap.tui.base import NARROW_BREAKPOINTS, SkillgapScreen
from skillgap.tui.format import line, when
from skillgap.tui.widgets import result_details
from skillgap.tui.widgets.answers_table import AnswersTable, notes_count
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.learn_next import LearnNext
from skillgap.tui.widgets.role_card import RoleCard

if TYPE_CHECKING:
    from skillgap.core.plan import StepProgress
    from skillgap.core.timeline import Timeline


#: Cells of a By-section bar: the table of two roles fits 80 columns.
SECTION_BAR = 8
#: Below this many columns the By-section table shows percents without bars.
SECTIONS_WIDE = 76


def header_name(name: str, width: int = 12) -> str:
    """A role's name as a column heading of two lines ("DevSecOps\nengineer"), so a column
    is as wide as its cells, not its name."""
    if len(name) <= width or " " not in name:
        return name
    first, _, rest = name.rpartition(" ")
    return f"{first}\n{rest}"


def replace_target(entry: PlanEntry, target: int) -> PlanEntry:
    """The plan entry aiming further: its status kept (a step being learnt stays so)."""
    from dataclasses import replace

    return replace(entry, target=target, updated_at=None)


class ResultsScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #results { padding: 1 2; }
    #role-cards { height: auto; margin: 1 0 0 0; }
    #role-cards RoleCard { margin: 0 1 0 0; }
    ResultsScreen.-narrow #role-cards { layout: vertical; }
    #sections { height: auto; max-height: 20; }
    #answers { margin: 1 0 0 0; }
    /* the knowledge-check and plan parts (tui/widgets/result_details.py) */
    #plan-progress { margin: 1 0 0 0; height: auto; }
    #backing, #claims, #not-asked, #not-assessed, #quick { height: auto; }
    #claims { margin: 1 0 0 0; }
    #claims .claim { height: auto; }
    #claims .claim-explain { height: auto; padding: 0 0 0 4; color: $text-secondary; }
    """
    AUTO_FOCUS = "#results"
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export", id="results.export",
                tooltip="Save this report as Markdown, HTML or JSON"),
        Binding("plus", "add_step", "Add to plan", key_display="+", id="results.add_step",
                tooltip="Add the highlighted step of Learn next to your learning plan"),
        Binding("g", "app.match_job", "Match a job", show=False, id="results.match_job",
                tooltip="Paste a job ad, see your fit for that job, save it as a role"),
        Binding("escape", "close", "Back", id="results.back",
                tooltip="Back one screen (unsaved results ask first)"),
    ]  # fmt: skip

    def __init__(
        self,
        result: Result,
        answers: Answers,
        *,
        report_id: int | None = None,
        created_at: datetime | None = None,
        progress: Sequence[StepProgress] = (),
        name: str = "",
    ) -> None:
        super().__init__()
        self.result = result
        #: The person's name or handle the report carries ("" for none: no line shown).
        self.person = name
        self.answers = answers
        self.report_id = report_id
        self.created_at = created_at
        #: What moved on the plan's planned and learning steps since the last assessment.
        self.progress = tuple(progress)
        self._plan_shown: dict[str, PlanEntry] = {}
        #: Exported at least once: unsaved results may then close without asking.
        self._exported = False

    def compose(self) -> ComposeResult:
        result = self.result
        with VerticalScroll(id="results"):
            yield Static(Content.assemble(("Results", "bold")), classes="heading")
            if self.person:
                yield Static(line(f"Report of {self.person}"), id="report-name")
            yield Static(self._subtitle(), classes="dim")
            if quick := quick_text(result):
                yield Static(Content(quick), id="quick")
            with Horizontal(id="role-cards"):
                for role in result.roles:
                    yield RoleCard(role, self.bank, quick=result.mode == "quick")
            yield from result_details.result_parts(self.bank, result, self.answers, self.progress)
            yield Static(Content.assemble(("By section", "bold")), classes="heading2")
            yield DataTable(id="sections", cursor_type="none", zebra_stripes=True, header_height=2)
            yield Static(id="sections-legend", classes="dim")
            # Only what was assessed: a Quick quiz's not-assessed questions are neither.
            not_answered = len(result.unanswered) + len(result.skipped)
            if not_answered:
                yield Static(
                    Content(
                        f"{not_answered} question(s) skipped or not answered were counted as "
                        "level 0."
                    ),
                    classes="dim",
                )
            self._plan_shown = plan_of(self.store, self.bank, result)
            yield LearnNext(
                result,
                self.own_bank,
                self._plan_shown,
                can_plan=self.can_plan,
                timeline=self._timeline(),
            )
            yield Static(self._answers_heading(), id="answers-heading", classes="heading2")
            yield AnswersTable(result, self.answers, self.own_bank)
        yield KeyBar()

    @property
    def own_bank(self) -> Bank | None:
        """The bank, when this result is of it (any version); None for another bank's report,
        whose titles come from the report itself."""
        return self.bank if self.result.bank_name == self.bank.name else None

    @property
    def can_plan(self) -> bool:
        """Whether `+` may put steps in the plan: a result of this bank, a store that saves."""
        return self.result.bank_name == self.bank.name and not self.store.read_only

    def _timeline(self) -> Timeline | None:
        """The learning plan week by week at the saved hours a week, aimed as Learn next is:
        when it makes the role ready (None for another bank's report, or a store error)."""
        from skillgap.app.reports import timeline_for
        from skillgap.app.settings import BOTH
        from skillgap.core.report import Report
        from skillgap.store import StoreError

        result = self.result
        report = Report(
            self.report_id or 0,
            self.created_at or datetime.now(timezone.utc),
            result.bank_name,
            result.bank_version,
            self.answers,
            result,
        )
        try:
            return timeline_for(self.store, report, self.own_bank, role=result.target_role or BOTH)
        except StoreError:
            return None

    def _answers_heading(self) -> Content:
        notes = notes_count(self.answers)
        said = f"{notes} with a note" if notes else "none with a note"
        return Content.assemble(
            ("Your answers", "bold"), (f"  {len(self.answers.by_question)} · {said}", "$text-muted")
        )

    def on_screen_resume(self) -> None:
        """Back from the plan: show the plan's marks, and leave out of Learn next what the plan
        now says is not relevant."""
        if not self.is_mounted:
            return
        plan = plan_of(self.store, self.bank, self.result)
        if plan == self._plan_shown:  # the hours a week may have changed: the Ready block
            self.query_one(LearnNext).show_timeline(self._timeline())
            return
        result = rescored(self.store, self.bank, self.result, self.answers)
        if result is not None:
            self.result = result
        self._plan_shown = plan
        self.query_one(LearnNext).show(self.result, plan, self._timeline())

    def aim_changed(self, role_id: str | None) -> None:
        """The App's `a` chose another role to aim for: rank Learn next for it (the fit of
        every role stays what it is)."""
        from dataclasses import replace

        if self.result.bank_name != self.bank.name:
            self.notify("This report is of another bank: its steps cannot be ranked here.")
            return
        if role_id == self.result.target_role:
            return
        result = rescored(
            self.store, self.bank, replace(self.result, target_role=role_id), self.answers
        )
        if result is None:
            self.notify("This report is of another bank version: its steps stay as saved.")
            return
        self.result = result
        self._plan_shown = plan_of(self.store, self.bank, result)
        self.query_one(LearnNext).show(result, self._plan_shown, self._timeline())

    def action_add_step(self) -> None:
        """Put the highlighted row of Learn next in the plan, up to where the row goes."""
        from skillgap.core.plan import entry_for
        from skillgap.store import StoreError

        learn_next = self.query_one(LearnNext)
        row = learn_next.highlighted()
        if not self.can_plan:
            why = (
                "the data folder is read-only" if self.store.read_only else "it is of another bank"
            )
            self.notify(f"Not added: {why}.", severity="warning")
            return
        if row is None:
            rows = learn_next.step_rows()
            if rows:
                rows[0].focus()
                self.notify(
                    "Pick a step of Learn next with ↑ ↓ (the first is highlighted), then +."
                )
            else:
                self.notify("Learn next has no steps: every target is met.")
            return
        step = row.step
        plan = plan_of(self.store, self.bank, self.result)
        entry = plan.get(step.question_id)
        if entry is not None and entry.target is not None and entry.target >= step.to_level:
            status = STATUS_LABELS[entry.status]
            self.notify(
                f"{one_line(step.title)} is in your plan already ({status}, to {entry.target})."
            )
            return
        # Further than the plan said: a step being learnt or planned keeps its status; one
        # done (to a lower level) or marked not relevant is planned again.
        keep = entry is not None and entry.status in ("learning", "planned")
        new = replace_target(entry, step.to_level) if entry and keep else entry_for(step)
        try:
            self.store.set_plan(self.bank.name, [new])
        except StoreError as exc:
            self.notify(f"The plan was not saved: {exc}", severity="error")
            return
        self._plan_shown = {**plan, step.question_id: new}
        row.show_entry(new)
        self.notify(
            f"Added to your plan: {one_line(step.title)} {step.from_level} → {step.to_level}"
            " (p opens it)."
        )

    def _subtitle(self) -> Content:
        result = self.result
        parts = [line(f"{result.bank_name} (version {result.bank_version})")]
        if self.created_at is not None:
            parts.append(Content(f" · {when(self.created_at)}"))
        if self.report_id is not None:
            parts.append(Content(f" · saved as report #{self.report_id}"))
        elif self.store.read_only:
            parts.append(Content(" · not saved: the data folder is read-only (e exports)"))
        else:
            parts.append(Content(" · not saved (e exports)"))
        parts.append(Content("\nBelow: by section, Learn next, your answers (PageDown, End)"))
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.query_one("#sections", DataTable).can_focus = False
        self._fill_sections(self.size.width)

    def on_resize(self) -> None:
        self._fill_sections(self.size.width)

    def _fill_sections(self, width: int) -> None:
        """The By-section table: a bar beside each percent where two roles fit (80 columns),
        else percents only and the section's title cut to what is left (redrawn only when
        a resize crosses that width, never on a key press)."""
        narrow = 0 < width < SECTIONS_WIDE
        if getattr(self, "_sections_narrow", None) == narrow:
            return
        self._sections_narrow = narrow
        table = self.query_one("#sections", DataTable)
        table.clear(columns=True)
        roles = self.result.roles
        cell = 8 if narrow else 4 + 1 + SECTION_BAR + 3
        title = max(10, width - 8 - len(roles) * (cell + 2)) if narrow else None
        table.add_column(Text("Section"), key="section", width=title)
        for role in roles:
            name = header_name(one_line(role.name), 8 if narrow else 12)
            table.add_column(Text(name), key=role.role_id)
        if not roles:
            return
        not_assessed = [not_assessed_sections(role, self.bank) for role in roles]
        for position, section in enumerate(roles[0].sections):
            cells: list[Text] = [Text(one_line(section.title), overflow="ellipsis", no_wrap=True)]
            for role, left_out in zip(roles, not_assessed, strict=True):
                score = role.sections[position].score if position < len(role.sections) else None
                if score is not None:
                    shown = f"{percent(score):>4}" if narrow else f"{percent(score):>4} "
                    cells.append(Text(shown + ("" if narrow else bar(score, SECTION_BAR))))
                elif section.section_id in left_out:
                    said = "\u2013 n/a" if narrow else "\u2013 not assessed"
                    cells.append(Text(said, style="dim italic"))
                else:
                    cells.append(Text("\u2013" if narrow else "\u2013 not in role", style="dim"))
            table.add_row(*cells, key=section.section_id)
        legend = self.query_one("#sections-legend", Static)
        legend.display = narrow
        if narrow:
            legend.update(Content("\u2013 not in the role · \u2013 n/a not assessed (Quick quiz)"))

    def quit_warning(self) -> str | None:
        """What quitting would lose (the App's q asks first): results that could not be saved
        and were not exported. None when they are safe."""
        if self.report_id is not None or self._exported:
            return None
        return "These results could not be saved and are gone once you quit: export them first (e)."

    def action_close(self) -> None:
        """Close; results that could not be saved (a read-only data folder, a failed save) are
        not dropped silently: unless exported, it asks first."""
        from skillgap.tui.screens.dialogs import ConfirmModal

        if self.report_id is not None or self._exported:
            self.dismiss()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(
            ConfirmModal(
                "Leave results that are not saved?",
                "They could not be saved, and are gone once you leave: export them first (e).",
                yes="Leave",
                no="Stay",
            ),
            confirmed,
        )

    def action_export(self) -> None:
        from skillgap.store import StoreError
        from skillgap.tui.screens.export import ExportModal

        if self.report_id is not None and self.created_at is None:
            with suppress(StoreError):
                self.created_at = self.store.get_report(self.report_id).created_at

        def exported(path: object) -> None:
            if path is not None:
                self._exported = True

        self.app.push_screen(
            ExportModal(
                self.result, self.answers, self.report_id, self.created_at, person=self.person
            ),
            exported,
        )
