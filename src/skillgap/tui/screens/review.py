"""Review: every answer of the quiz by section, skipped ones marked, then the answers a Quick
quiz carries over from an earlier report (marked "from report N"); jump back or finish."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from skillgap.core.quiz import QuizState
from skillgap.core.wording import describe_answer, question_title
from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.pointer_table import PointerTable

#: An index to jump back to that question, "finish" to score, None to carry on.
ReviewChoice = int | Literal["finish"] | None


class ReviewScreen(SkillgapScreen[ReviewChoice]):
    DEFAULT_CSS = """
    #review { padding: 1 2 0 2; }
    #review-table { height: 1fr; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "finish", "Finish", id="review.finish",
                tooltip="Score these answers and save the report"),
        Binding("escape", "close", "Back to quiz", id="review.back",
                tooltip="Carry on where you were"),
    ]  # fmt: skip

    def __init__(self, state: QuizState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        state = self.state
        left_out = len(state.not_asked)
        open_ = state.total - state.answered - left_out
        counts = f"{state.answered} of {state.total} answered"
        if state.skipped:
            counts += f", {state.skipped} skipped"
        if open_:
            counts += f", {open_} not answered"
        if left_out:
            counts += f", {left_out} not asked"
        if state.carried:
            counts += f"; {len(state.carried)} carried over"
        with Vertical(id="review"):
            yield Static(Content.assemble(("Review", "bold"), f"  {counts}"), classes="heading")
            yield Static(
                Content(
                    "Enter on a row goes back to that question. Skipped and unanswered "
                    "questions count as level 0"
                    + (
                        ", and so do those not asked (their prerequisite was answered 0;"
                        " open one to answer it anyway)"
                        if left_out
                        else ""
                    )
                    + ". Press f to finish."
                    + (
                        " Below them, the answers carried over from your last report for the"
                        " questions this Quick quiz does not ask: they count as they were."
                        if state.carried
                        else ""
                    )
                ),
                classes="dim",
            )
            yield PointerTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(PointerTable)
        table.add_pointer_column()
        table.add_columns("Section", "Question", "Answer", "Note")
        titles = {s.id: s.title for s in self.bank.sections}
        previous_section = ""
        not_asked = self.state.not_asked
        for index, question in enumerate(self.state.questions):
            answer = self.state.answers.get(question.id)
            label = one_line(describe_answer(self.bank, answer))
            style = "italic" if answer is None or answer.skipped else ""
            if question.id in not_asked:  # the adaptive quiz left it out; Enter still opens it
                needs = one_line(question_title(self.bank, not_asked[question.id]))
                label = f"not asked: needs {needs} first"
            section = titles.get(question.section_id, question.section_id)
            table.add_row(
                Text(""),
                Text(one_line(section) if section != previous_section else ""),
                Text(one_line(question.title)),
                Text(label, style=style),
                Text(one_line(answer.note)[:40] if answer else ""),
                key=str(index),
            )
            previous_section = section
        self._add_carried(table, titles)
        table.move_cursor(row=min(self.state.position, self.state.total - 1))
        table.point_at_cursor()
        table.focus()

    def _add_carried(self, table: PointerTable, titles: dict[str, str]) -> None:
        """The answers carried over, in the bank's order, each marked with its report."""
        from skillgap.export.words import carried_mark

        state = self.state
        if not state.carried:
            return
        heading = Text("Carried over, not asked now", style="bold")
        table.add_row(Text(""), heading, Text(""), Text(""), Text(""), key="carried:")
        previous_section = ""
        for question in self.bank.ordered_questions():
            answer = state.carried_answers.get(question.id)
            if answer is None:
                continue
            said = one_line(describe_answer(self.bank, answer))
            section = titles.get(question.section_id, question.section_id)
            table.add_row(
                Text(""),
                Text(one_line(section) if section != previous_section else ""),
                Text(one_line(question.title)),
                Text.assemble(said, (f" · {carried_mark(state.carried[question.id])}", "dim")),
                Text(one_line(answer.note)[:40]),
                key=f"carried:{question.id}",
            )
            previous_section = section

    @on(DataTable.RowSelected)
    def jump(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or "0"
        if key.startswith("carried:"):
            reports = sorted(set(self.state.carried.values()), reverse=True)
            report_id = self.state.carried.get(key.removeprefix("carried:"), reports[0])
            self.notify(
                f"Carried over from report {report_id}: a Quick quiz does not ask it."
                " A Full quiz asks every question again.",
                timeout=4,
            )
            return
        self.dismiss(int(key))

    def action_finish(self) -> None:
        self.dismiss("finish")

    def action_close(self) -> None:
        self.dismiss(None)
