"""Compare two saved reports: fit per role, sections that moved, answers changed, steps done. A
Quick report's questions not assessed are left out of the changes and named apart."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from skillgap.core.comparison import ReportDiff, ScoreChange
from skillgap.core.report import Report
from skillgap.core.wording import percent
from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import when
from skillgap.tui.widgets.hanging import HangingText, Line, lead
from skillgap.tui.widgets.key_bar import KeyBar


def _score(value: float | None) -> str:
    return "\u2013" if value is None else percent(value)


def _change(change: ScoreChange) -> Text:
    value = change.delta
    if value is None:
        return Text("added" if change.old is None else "removed", style="italic")
    if round(value) == 0:
        return Text("= same")
    arrow = "▲" if value > 0 else "▼"
    return Text(f"{arrow} {value:+.0f}", style="bold")


def _answer(text: str, carried: int | None) -> Text:
    """An answer, and "from report N" when a Quick quiz carried it over."""
    if carried is None:
        return Text(one_line(text))
    return Text.assemble(one_line(text), (f" · from report {carried}", "dim"))


def _notes_changed(diff: ReportDiff) -> list[Line]:
    """For each answer whose note changed: its title, the note now and the one before."""
    lines: list[Line] = []
    for a in diff.answers:
        old = a.old.note if a.old else ""
        new = a.new.note if a.new else ""
        if old == new:
            continue
        lines.append(Line(lead("", 0), Content.styled(one_line(a.title), "bold")))
        lines.append(Line(lead("  now: ", 10, "$text-muted"), Content(one_line(new) or "(none)")))
        lines.append(
            Line(lead("  before: ", 10, "$text-muted"), Content(one_line(old) or "(none)"))
        )
    return lines


class DiffScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #diff { padding: 1 2; }
    #diff DataTable { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="diff.back", tooltip="Back to History"),
    ]

    def __init__(self, diff: ReportDiff) -> None:
        super().__init__()
        self.diff = diff

    def compose(self) -> ComposeResult:
        from skillgap.export.words import modes_text, not_assessed_diff_text

        d = self.diff

        def head(report: Report) -> str:
            quick = ", Quick" if report.result.mode == "quick" else ""
            return f"#{report.id} ({when(report.created_at)}{quick})"

        with VerticalScroll(id="diff"):
            yield Static(
                Content.assemble(("Compare reports", "bold"), f"  {head(d.old)} → {head(d.new)}"),
                classes="heading",
            )
            if not d.same_bank:
                yield Static(
                    Content("⚠ Different banks: the scores are not comparable."), classes="warning"
                )
            if d.modes_differ:
                said = one_line(modes_text(d))
                yield Static(Content(f"⚠ {said[:1].upper()}{said[1:]}."), classes="warning")
            yield Static(Content.styled("Fit", "bold"), classes="heading2")
            yield DataTable(id="diff-roles", cursor_type="none")
            changed = [c for c in d.sections if c.delta is None or round(c.delta) != 0]
            yield Static(
                Content.styled("By section" + ("" if changed else ": no change"), "bold"),
                classes="heading2",
            )
            if changed:
                yield DataTable(id="diff-sections", cursor_type="none")
            yield Static(
                Content.styled(f"Answers changed: {len(d.answers) or 'none'}", "bold"),
                classes="heading2",
            )
            if d.answers:
                yield DataTable(id="diff-answers", cursor_type="none", zebra_stripes=True)
            if notes := _notes_changed(d):
                yield Static(Content.styled("Notes changed", "bold"), classes="heading2")
                yield HangingText(notes, id="diff-notes")
            for text in not_assessed_diff_text(d):
                yield Static(Content(one_line(text)), classes="dim not-assessed")
            yield Static(
                Content.styled(f"Steps done since: {len(d.steps_done) or 'none'}", "bold"),
                classes="heading2",
            )
            for step in d.steps_done:
                yield Static(
                    Content(f"✓ {one_line(step.title)}: level {step.from_level} → {step.to_level}")
                )
        yield KeyBar()

    def on_mount(self) -> None:
        d = self.diff
        roles = self.query_one("#diff-roles", DataTable)
        roles.add_columns("Role", "Before", "After", "Change")
        for c in d.roles:
            roles.add_row(Text(one_line(c.name)), _score(c.old), _score(c.new), _change(c))
        names = {c.role_id: one_line(c.name) for c in d.roles}
        if self.query("#diff-sections"):
            sections = self.query_one("#diff-sections", DataTable)
            sections.add_columns("Role", "Section", "Before", "After", "Change")
            for c in d.sections:
                if c.delta is not None and round(c.delta) == 0:
                    continue
                sections.add_row(
                    Text(names.get(c.role_id, c.role_id)),
                    Text(one_line(c.name)),
                    _score(c.old),
                    _score(c.new),
                    _change(c),
                )
        if self.query("#diff-answers"):
            answers = self.query_one("#diff-answers", DataTable)
            answers.add_columns("Question", "Before", "After", "Level")
            for a in d.answers:
                gone = " (no longer in the bank)" if a.gone else ""
                level = a.level_delta
                answers.add_row(
                    Text(one_line(a.title) + gone),
                    _answer(a.old_text, a.old_carried),
                    _answer(a.new_text, a.new_carried),
                    Text(f"{level:+d}" if level else "="),
                )

    def action_close(self) -> None:
        self.dismiss()
