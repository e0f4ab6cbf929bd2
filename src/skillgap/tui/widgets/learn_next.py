"""The whole of Learn next: first the Ready block (ready or not for the role aimed for, the
essentials still missing and their hours), then one row per skill up to where the ranking takes
it (core.learn_next merges consecutive steps of one question), each with its points of fit,
hours, what it needs first, and where to learn it.

Each row is one focusable widget: ↑ ↓ (and j k) move between rows, the page follows, and the
screen adds the highlighted row to the plan. Moving draws two rows again, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from skillgap.core.model import Bank, NextStep, PlanEntry, Result
from skillgap.core.plan import STATUS_LABELS
from skillgap.core.timeline import Timeline
from skillgap.core.wording import level_name, percent, question_title
from skillgap.escape import is_safe_url, one_line
from skillgap.tui.widgets.hanging import HangingText, Line, lead
from skillgap.tui.widgets.pointer import POINTER

#: The width of a row's number ("▶ 12. "): the row's text hangs under it.
NUMBER_WIDTH = 6
#: Rows mounted with the screen; the rest right after it is first drawn.
FIRST_ROWS = 12
#: Links shown per step (the exports have them all).
LINKS_SHOWN = 3


def ready_lines(result: Result, bank: Bank | None, timeline: Timeline | None = None) -> list[Line]:
    """The Ready block: for the role aimed for (each role, for both), ready or not and why,
    then each essential still missing with its level and hours; last, when the learning plan
    at its hours a week gets there (`timeline`)."""
    from skillgap.export.words import (
        aimed_roles,
        essential_gaps,
        essentials_not_assessed,
        essentials_text,
        hours_text,
        readiness_text,
        status_text,
    )

    lines: list[Line] = []
    for role in aimed_roles(result):
        mark, style = ("✓ ", "bold $text-success") if role.ready else ("✗ ", "bold $text-warning")
        facts = [f"fit {percent(role.score)}", essentials_text(role)]
        lines.append(
            Line(
                lead(mark, 2, style),
                Content.assemble(
                    (f"{one_line(role.name)}: ", "bold"),
                    (one_line(status_text(role, bank, result)), style.removeprefix("bold ")),
                    (" · " + " · ".join(f for f in facts if f), "$text-muted"),
                ),
            )
        )
        gaps = essential_gaps(role, bank, result)
        if gaps:
            known = [g.hours for g in gaps if g.hours is not None]
            total = f", {hours_text(sum(known))} in all" if len(known) == len(gaps) else ""
            lines.append(
                Line(lead("", 4), Content(f"Essentials still missing: {len(gaps)}{total}"))
            )
        for gap in gaps:
            hours = f" · {hours_text(gap.hours)}" if gap.hours is not None else ""
            lines.append(
                Line(
                    lead("    ★", 6, "$text-warning"),
                    Content.assemble(
                        (one_line(gap.title), "bold"), f": level {gap.level} of {gap.target}{hours}"
                    ),
                )
            )
        if left := essentials_not_assessed(role):
            noun = "essential" if left == 1 else "essentials"
            lines.append(
                Line(
                    lead("", 4),
                    Content.styled(f"{left} {noun} not assessed: a Full quiz asks them.", "dim"),
                )
            )
    if timeline is not None and not all(role.ready for role in aimed_roles(result)):
        said = (
            f"The learning plan at {timeline.hours_per_week:g} h a week (p opens it)."
            f" {one_line(readiness_text(timeline))}."
        )
        lines.append(Line(lead("  ", 2), Content.styled(said, "italic"), hang=4))
    return lines


def step_lines(
    number: int,
    step: NextStep,
    bank: Bank | None,
    names: Mapping[str, str],
    entry: PlanEntry | None,
) -> list[Line]:
    """A row of Learn next: "3. Docker 1 → 3 Independent · ★ essential · about 80 h · +3.4
    points of fit DevOps engineer", then the plan, what it needs, and its links."""
    from skillgap.export.words import hours_text, points_of_fit

    indent = Content(" " * NUMBER_WIDTH)
    name = level_name(bank, step.to_level)
    gains = points_of_fit(step, dict(names))
    first = Content.assemble(
        (one_line(step.title), "bold"),
        f" {step.from_level} → {step.to_level}",
        (f" {name}" if name else "", "$text-muted"),
        (" · ★ essential" if step.essential else "", "bold $text-warning"),
    )
    second = Content.assemble(
        f"{hours_text(step.hours)} · ", (gains, "bold" if gains[:1] == "+" else "$text-muted")
    )
    lines = [Line(lead(f"  {number}.", NUMBER_WIDTH, "bold"), first), Line(indent, second)]
    if entry is not None:
        aim = f" (to {entry.target})" if entry.target is not None else ""
        status = f"in your plan: {STATUS_LABELS[entry.status]}{aim}"
        lines.append(Line(indent, Content.styled(status, "bold $text-success")))
    if step.requires:
        needs = ", ".join(one_line(question_title(bank, q)) for q in step.requires)
        lines.append(Line(indent, Content.styled(f"needs {needs} first", "$text-warning")))
    if step.needed_for:
        for_ = ", ".join(one_line(question_title(bank, q)) for q in step.needed_for)
        lines.append(Line(indent, Content.styled(f"needed first for {for_}", "italic")))
    for index, resource in enumerate(step.resources[:LINKS_SHOWN]):
        title = one_line(resource.title) or one_line(resource.url)
        label = Content.styled("learn: ", "$text-muted")
        if not is_safe_url(resource.url):
            lines.append(Line(indent, label + Content(title)))
            continue
        click = Style.from_meta({"@click": f"open_link({index})"})
        linked = Content(f"{title} ↗").stylize(click)
        address = Content.styled(one_line(resource.url), "$text-muted").stylize(click)
        lines.append(Line(indent, label + linked, after=address))
    return lines


class StepRow(HangingText, can_focus=True):
    """One row of Learn next; ▶ marks the highlighted one (never colour alone)."""

    DEFAULT_CSS = """
    StepRow { margin: 1 0 0 0; }
    StepRow:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next step", show=False, id="learn_next.down",
                tooltip="The next step of Learn next"),
        Binding("up", "move(-1)", "Step before", show=False, id="learn_next.up",
                tooltip="The step of Learn next before"),
    ]  # fmt: skip

    def __init__(
        self,
        number: int,
        step: NextStep,
        bank: Bank | None,
        names: Mapping[str, str],
        entry: PlanEntry | None,
    ) -> None:
        super().__init__(step_lines(number, step, bank, names, entry), classes="step")
        self.number = number
        self.step = step
        self._bank = bank
        self._names = names

    def show_entry(self, entry: PlanEntry | None) -> None:
        """Say this step's place in the plan (after `+`): this row only is drawn again."""
        self.set_lines(step_lines(self.number, self.step, self._bank, self._names, entry))

    def render(self) -> RenderResult:
        rows = self.rows(self.content_size.width)
        if not rows:
            return Content("")
        if self.has_focus:
            rows = [Content.styled(POINTER, "bold") + rows[0][1:], *rows[1:]]
        return Content("\n").join(rows)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, by: int) -> None:
        """Highlight the row `by` rows away; past the first or last, the page scrolls."""
        rows = list(self.parent.query_children(StepRow)) if self.parent else []
        index = rows.index(self) + by if self in rows else -1
        page = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        if 0 <= index < len(rows):
            # Not Textual's focus scroll (the row centred, animated: frames on every key):
            # the page moves only as far as needed to show the row, in one frame.
            rows[index].focus(scroll_visible=page is None)
            if page is not None:
                page.scroll_to_widget(rows[index], animate=False, immediate=True)
        elif page is not None:
            page.scroll_relative(y=by, animate=False)

    def action_open_link(self, index: int) -> None:
        resources = self.step.resources
        if 0 <= index < len(resources) and is_safe_url(resources[index].url):
            self.app.open_url(resources[index].url)


class LearnNext(Vertical):
    """Learn next for the role aimed for, whole: the Ready block, then every row."""

    DEFAULT_CSS = """
    LearnNext { height: auto; }
    LearnNext #ready { margin: 1 0 0 0; }
    LearnNext #steps { height: auto; }
    LearnNext .learn-hint { margin: 1 0 0 0; }
    """

    def __init__(
        self,
        result: Result,
        bank: Bank | None,
        plan: Mapping[str, PlanEntry],
        *,
        can_plan: bool = True,
        can_aim: bool = True,
        timeline: Timeline | None = None,
    ) -> None:
        super().__init__(id="learn-next-block")
        #: The learning plan week by week, for when it makes the role ready.
        self.timeline = timeline
        self.result = result
        self.bank = bank
        self.plan = dict(plan)
        self.can_plan = can_plan
        #: Whether `a` re-ranks these steps for another role (on Results; not for a job ad).
        self.can_aim = can_aim
        #: Rows not mounted yet (mounted after the first paint), and which ranking they are of.
        self._later: list[Widget] = []
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Static(self.heading(), id="learn-next", classes="heading2")
        yield HangingText(ready_lines(self.result, self.bank, self.timeline), id="ready")
        yield Static(self.hint(), classes="dim learn-hint")
        widgets = self.rows()
        self._later = widgets[FIRST_ROWS:]
        with Vertical(id="steps"):
            yield from widgets[:FIRST_ROWS]

    def on_mount(self) -> None:
        if self._later:
            self.call_after_refresh(self._mount_later, self._generation)

    def _mount_later(self, generation: int) -> None:
        """The rows below the first screenful, once it is drawn (a beginner's hundred rows
        would otherwise hold up the first paint of Results by a sixth of a second)."""
        if generation != self._generation or not self._later:
            return  # ranked again meanwhile: show() mounts its own rows
        later, self._later = self._later, []
        self.query_one("#steps", Vertical).mount_all(later)

    def heading(self) -> Content:
        from skillgap.export.words import learn_next_heading

        return Content.styled(one_line(learn_next_heading(self.result)), "bold")

    def hint(self) -> Content:
        keys = "Tab reaches the steps, ↑ ↓ pick one" + (
            ", + adds it to your plan" if self.can_plan else ""
        )
        return Content(
            "First what stands between you and ready: each essential to its target, with what"
            " it needs first. Then the most value per hour, deeper before wider. Points are"
            f" points of fit each row adds to a role. {keys}"
            + ("; a aims at another role." if self.can_aim else ".")
        )

    def rows(self) -> list[Widget]:
        from skillgap.core.learn_next import merged_steps
        from skillgap.export.words import grows_with_time

        result = self.result
        names = {r.role_id: one_line(r.name) for r in result.roles}
        widgets: list[Widget] = []
        if not result.next_steps:
            widgets.append(Static(Content("Nothing: every target of every role is met.")))
        for number, step in enumerate(merged_steps(result.next_steps), 1):
            widgets.append(StepRow(number, step, self.bank, names, self.plan.get(step.question_id)))
        if grown := grows_with_time(self.bank, result):
            text = "Not steps, they grow with time: " + ", ".join(map(one_line, grown)) + "."
            widgets.append(Static(Content(text), classes="dim learn-hint"))
        return widgets

    def show(
        self, result: Result, plan: Mapping[str, PlanEntry], timeline: Timeline | None = None
    ) -> None:
        """Another ranking (aimed elsewhere, or the plan left steps out): built again once."""
        self.result, self.plan, self.timeline = result, dict(plan), timeline
        self.query_one("#learn-next", Static).update(self.heading())
        self.query_one("#ready", HangingText).set_lines(
            ready_lines(result, self.bank, self.timeline)
        )
        steps = self.query_one("#steps", Vertical)
        widgets = self.rows()
        self._generation += 1
        self._later = widgets[FIRST_ROWS:]
        with self.app.batch_update():
            steps.remove_children()
            steps.mount_all(widgets[:FIRST_ROWS])
        if self._later:
            self.call_after_refresh(self._mount_later, self._generation)

    def show_timeline(self, timeline: Timeline | None) -> None:
        """Say when the plan gets there again (its hours a week changed): the Ready block only,
        and only if it reads otherwise."""
        lines = ready_lines(self.result, self.bank, timeline)
        self.timeline = timeline
        ready = self.query_one("#ready", HangingText)
        if lines != list(ready.lines):
            ready.set_lines(lines)

    def step_rows(self) -> list[StepRow]:
        return list(self.query_one("#steps", Vertical).query_children(StepRow))

    def highlighted(self) -> StepRow | None:
        focused = self.screen.focused
        return focused if isinstance(focused, StepRow) and focused in self.step_rows() else None
