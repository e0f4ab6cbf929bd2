"""Results: both roles side by side, a per-section table, and what to learn next."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Link, Static

from skillgap.app.assessment import plan_of, rescored
from skillgap.core.model import Answers, NextStep, PlanEntry, Result
from skillgap.core.plan import STATUS_LABELS
from skillgap.core.wording import bar, level_name, percent, question_title
from skillgap.escape import is_safe_url, one_line
from skillgap.export.words import grows_with_time, not_assessed_sections, quick_text
from skillgap.tui.base import NARROW_BREAKPOINTS, SkillgapScreen
from skillgap.tui.format import line, when
from skillgap.tui.widgets import result_details
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.role_card import RoleCard

if TYPE_CHECKING:
    from skillgap.core.plan import StepProgress

#: Steps shown; the rest are in the exports.
STEPS_SHOWN = 10


class ResultsScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #results { padding: 1 2; }
    #role-cards { height: auto; margin: 1 0 0 0; }
    #role-cards RoleCard { margin: 0 1 0 0; }
    ResultsScreen.-narrow #role-cards { layout: vertical; }
    #sections { height: auto; max-height: 20; }
    #steps { height: auto; }
    .step { height: auto; margin: 1 0 0 0; }
    .step .links { height: auto; padding: 0 0 0 3; }
    .step .links > * { width: auto; margin: 0 2 0 0; }
    .step .learn-label { color: $text-muted; }
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
        Binding("c", "app.compare_roles", "Roles", id="results.roles",
                tooltip="How the roles differ and which answers matter to which"),
        Binding("h", "app.history", "History", id="results.history",
                tooltip="Saved reports, their trend, and comparisons"),
        Binding("a", "add_to_plan", "Add to plan", id="results.add_to_plan",
                tooltip="Choose steps of Learn next for your learning plan"),
        Binding("p", "app.plan", "Plan", id="results.plan",
                tooltip="Your plan: set each step's status, see the week-by-week timeline"),
        Binding("t", "aim", "Aim", id="results.aim",
                tooltip="Aim Learn next at the other role, or both (remembered)"),
        Binding("escape", "close", "Back", id="results.back", tooltip="Close these results"),
    ]  # fmt: skip

    def __init__(
        self,
        result: Result,
        answers: Answers,
        *,
        report_id: int | None = None,
        created_at: datetime | None = None,
        progress: Sequence[StepProgress] = (),
    ) -> None:
        super().__init__()
        self.result = result
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
            yield Static(self._subtitle(), classes="dim")
            if quick := quick_text(result):
                yield Static(Content(quick), id="quick")
            with Horizontal(id="role-cards"):
                for role in result.roles:
                    yield RoleCard(role, self.bank, quick=result.mode == "quick")
            yield from result_details.result_parts(self.bank, result, self.answers, self.progress)
            yield Static(Content.assemble(("By section", "bold")), classes="heading2")
            yield DataTable(id="sections", cursor_type="none", zebra_stripes=True)
            yield Static(self._learn_next_heading(), id="learn-next", classes="heading2")
            yield Static(
                Content(
                    "First what stands between you and ready: each essential to its target,"
                    " with what it needs first. Then the most value per hour, deeper before"
                    " wider. Points are what a step adds to each role's fit."
                ),
                classes="dim",
            )
            with Vertical(id="steps"):
                yield from self._steps()
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
        yield KeyBar()

    def _steps(self) -> list[Widget]:
        result = self.result
        widgets: list[Widget] = []
        if not result.next_steps:
            widgets.append(Static(Content("Nothing: every target of every role is met.")))
        plan = plan_of(self.store, self.bank, result)
        self._plan_shown = plan
        for number, step in enumerate(result.next_steps[:STEPS_SHOWN], 1):
            widgets.append(self._step(number, step, plan.get(step.question_id)))
        hidden = len(result.next_steps) - STEPS_SHOWN
        if hidden > 0:
            widgets.append(
                Static(
                    Content(f"… and {hidden} more steps in the exported report (e)."),
                    classes="dim",
                )
            )
        if grown := grows_with_time(self.bank, result):
            widgets.append(
                Static(
                    Content(
                        "Not steps, they grow with time: " + ", ".join(map(one_line, grown)) + "."
                    ),
                    classes="dim",
                )
            )
        return widgets

    def on_screen_resume(self) -> None:
        """Back from the plan or the add-to-plan dialog: show the plan's marks, and leave out
        of Learn next what the plan now says is not relevant."""
        plan = plan_of(self.store, self.bank, self.result)
        if not self.is_mounted or plan == self._plan_shown:
            return
        result = rescored(self.store, self.bank, self.result, self.answers)
        if result is not None:
            self.result = result
        steps = self.query_one("#steps", Vertical)
        with self.app.batch_update():
            steps.remove_children()
            steps.mount_all(self._steps())

    def _learn_next_heading(self) -> Content:
        aim = self.result.target_role
        role = self.bank.role(aim) if aim is not None else None
        target = one_line(role.name) if role is not None else "both roles"
        return Content.assemble(
            ("Learn next", "bold"), f" for {target}", ("  (t aims it elsewhere)", "$text-muted")
        )

    def action_aim(self) -> None:
        """Aim Learn next at the next role (both, then each role), rank it again, remember."""
        from dataclasses import replace

        from skillgap.app.settings import save_target_role
        from skillgap.store import StoreError

        if self.result.bank_name != self.bank.name:
            self.notify("This report is of another bank: its steps cannot be ranked here.")
            return
        choices: list[str | None] = [None, *(r.id for r in self.bank.roles)]
        now = self.result.target_role if self.result.target_role in choices else None
        chosen = choices[(choices.index(now) + 1) % len(choices)]
        try:
            save_target_role(self.store, chosen)
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error")
        result = rescored(
            self.store, self.bank, replace(self.result, target_role=chosen), self.answers
        )
        if result is None:
            return
        self.result = result
        self.query_one("#learn-next", Static).update(self._learn_next_heading())
        steps = self.query_one("#steps", Vertical)
        with self.app.batch_update():
            steps.remove_children()
            steps.mount_all(self._steps())

    def action_add_to_plan(self) -> None:
        from skillgap.tui.screens.plan import AddToPlanModal

        if self.result.bank_name != self.bank.name:
            self.notify("This report is of another bank: its steps cannot be planned here.")
            return
        self.app.push_screen(AddToPlanModal(self.result.next_steps[:STEPS_SHOWN]))

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
        return Content.assemble(*parts)

    def _step(self, number: int, step: NextStep, entry: PlanEntry | None = None) -> Widget:
        names = {r.role_id: one_line(r.name) for r in self.result.roles}
        gains = Content(" · ").join(
            Content.styled(
                f"+{points:.1f} {names.get(role_id, role_id)}",
                "bold" if points >= 0.05 else "$text-muted",
            )
            for role_id, points in step.gain.items()
        )
        lines: list[Content | str | tuple[str, str]] = [
            (f"{number}. ", "bold"),
            (one_line(step.title), "bold"),
            f"  level {step.from_level} → {step.to_level} ({level_name(self.bank, step.to_level)})",
            ("  ★ essential", "bold $text-warning") if step.essential else "",
            "\n   ",
            gains,
            f" · about {step.hours:g} h",
        ]
        if entry is not None:
            lines += ["\n   ", (f"in your plan: {STATUS_LABELS[entry.status]}", "bold")]
        if step.requires:
            needs = ", ".join(one_line(question_title(self.bank, q)) for q in step.requires)
            lines += ["\n   ", (f"needs {needs} first", "$text-warning")]
        if step.needed_for:
            for_ = ", ".join(one_line(question_title(self.bank, q)) for q in step.needed_for)
            lines += ["\n   ", (f"needed first for {for_}", "italic")]
        children: list[Widget] = [Static(Content.assemble(*lines))]
        if step.resources:
            links: list[Widget] = [Static(Content("Learn:"), classes="learn-label")]
            for resource in step.resources[:3]:
                title = one_line(resource.title) or one_line(resource.url)
                if is_safe_url(resource.url):
                    links.append(Link(f"{title} ↗", url=resource.url))
                else:
                    links.append(Static(Content(title), classes="resource"))
            children.append(Horizontal(*links, classes="links"))
        return Vertical(*children, classes="step")

    def on_mount(self) -> None:
        table = self.query_one("#sections", DataTable)
        table.can_focus = False
        roles = self.result.roles
        table.add_column(Text("Section"), key="section")
        for role in roles:
            table.add_column(Text(one_line(role.name)), key=role.role_id)
        if not roles:
            return
        not_assessed = [not_assessed_sections(role, self.bank) for role in roles]
        for position, section in enumerate(roles[0].sections):
            cells: list[Text] = [Text(one_line(section.title))]
            for role, left_out in zip(roles, not_assessed, strict=True):
                score = role.sections[position].score if position < len(role.sections) else None
                if score is not None:
                    cells.append(Text(f"{percent(score):>4} {bar(score, 10)}"))
                elif section.section_id in left_out:
                    cells.append(Text("  \u2013  not assessed", style="dim italic"))
                else:
                    cells.append(Text("  \u2013  not in this role", style="dim"))
            table.add_row(*cells, key=section.section_id)

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
            ExportModal(self.result, self.answers, self.report_id, self.created_at), exported
        )
