"""Review: every answer of the quiz by section, skipped ones marked, then the answers a Quick
quiz carries over from an earlier report (marked "from report N"); jump back or finish."""

from __future__ import annotations

from dataclasses import dataclass
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

#: Cells a column costs beyond its width (DataTable's padding), and the table's other cells:
#: the screen's padding, the pointer column and a vertical scrollbar.
PADDING = 2
AROUND = 4 + 1 + PADDING + 2
#: The narrowest a column gets before the next one gives way.
MIN_QUESTION, MIN_NOTE, MIN_ANSWER = 14, 10, 12
#: The question column's width when it shares the room with notes.
SHARED_QUESTION = 17
#: The widest each column gets: a long one is cut with …
MAX_SECTION, MAX_QUESTION, MAX_ANSWER, MAX_NOTE = 38, 44, 34, 60
#: Below this many rows the explanation above the table is left out.
SHORT = 20


@dataclass(frozen=True)
class _Row:
    key: str
    section: str
    question: str
    answer: Text
    note: str
    heading: bool = False
    #: Shorter words for the answer, when it does not fit ("not asked: needs ..." rows).
    shorter: tuple[str, ...] = ()
    #: Shown dim after the answer and never cut: where a carried answer comes from.
    mark: str = ""

    @property
    def answer_len(self) -> int:
        return self.answer.cell_len + len(self.mark)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def column_widths(rows: list[_Row], width: int) -> tuple[int, int, int, int]:
    """(section, question, answer, note) widths for a screen `width` wide; 0 drops a column.
    The answer is kept whole (up to MAX_ANSWER; in its shorter words when that leaves room
    for the rest), then the question; the note takes what is left, and the section shows only
    when everything else fits beside it."""
    room = max(0, width - AROUND)
    full = max((r.answer_len for r in rows), default=0)
    compact = max((len(r.shorter[0]) if r.shorter else r.answer_len for r in rows), default=0)
    question = min(MAX_QUESTION, max((len(r.question) for r in rows), default=0))
    note = min(MAX_NOTE, max((len(r.note) for r in rows), default=0))
    note = max(note, len("Note")) if note else 0
    section = min(MAX_SECTION, max((len(r.section) for r in rows), default=0))
    widths = _fit(room, full, question, note, section)
    if compact < full and (widths[1] < question or (note and not widths[3])):
        widths = _fit(room, compact, question, note, section)
    return widths


def _fit(
    room: int, answer: int, question: int, note: int, section: int
) -> tuple[int, int, int, int]:
    answer = max(MIN_ANSWER, min(MAX_ANSWER, answer))
    answer = min(answer, max(MIN_ANSWER, room - MIN_QUESTION - PADDING * 2))
    # With notes, the question gives way down to SHARED_QUESTION so that they show too.
    for_note = MIN_NOTE + PADDING if note else 0
    question = max(
        MIN_QUESTION,
        min(question, max(SHARED_QUESTION, room - answer - PADDING * 2 - for_note)),
    )
    question = min(question, max(MIN_QUESTION, room - answer - PADDING * 2))
    left = room - answer - question - PADDING * 2
    note = min(note, left - PADDING) if note and left - PADDING >= MIN_NOTE else 0
    left -= note + PADDING if note else 0
    section = section if section and left - PADDING >= section else 0
    return section, question, answer, note


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
                    "Enter on a row changes that answer, then comes back here. Skipped and "
                    "unanswered questions count as level 0"
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
                id="review-why",
            )
            yield PointerTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self._rows = self._collect()
        self._widths: tuple[int, ...] | None = None
        table = self.query_one(PointerTable)
        self._lay_out(self.size.width)
        table.move_cursor(row=min(self.state.position, self.state.total - 1))
        table.point_at_cursor()
        table.focus()

    def on_resize(self) -> None:
        # A short terminal keeps the counts and the table, dropping what only explains.
        self.query_one("#review-why").display = self.size.height >= SHORT
        self._lay_out(self.size.width)

    def _collect(self) -> list[_Row]:
        """Every row: the quiz's questions, then the answers a Quick quiz carries over."""
        state = self.state
        titles = {s.id: s.title for s in self.bank.sections}
        rows: list[_Row] = []
        previous_section = ""
        not_asked = state.not_asked
        for index, question in enumerate(state.questions):
            answer = state.answers.get(question.id)
            label = one_line(describe_answer(self.bank, answer))
            style = "italic" if answer is None or answer.skipped else ""
            shorter: tuple[str, ...] = ()
            if question.id in not_asked:  # the adaptive quiz left it out; Enter still opens it
                needs = one_line(question_title(self.bank, not_asked[question.id]))
                label = f"not asked: needs {needs} first"
                shorter = (f"needs {needs} first", "not asked")
            section = one_line(titles.get(question.section_id, question.section_id))
            rows.append(
                _Row(
                    str(index),
                    section if section != previous_section else "",
                    one_line(question.title),
                    Text(label, style=style),
                    one_line(answer.note) if answer else "",
                    shorter=shorter,
                )
            )
            previous_section = section
        rows += self._carried(titles)
        return rows

    def _carried(self, titles: dict[str, str]) -> list[_Row]:
        """The answers carried over, in the bank's order, each marked with its report."""
        from skillgap.export.words import carried_mark

        state = self.state
        if not state.carried:
            return []
        rows = [_Row("carried:", "", "Carried over, not asked now", Text(""), "", heading=True)]
        previous_section = ""
        for question in self.bank.ordered_questions():
            answer = state.carried_answers.get(question.id)
            if answer is None:
                continue
            said = one_line(describe_answer(self.bank, answer))
            section = one_line(titles.get(question.section_id, question.section_id))
            rows.append(
                _Row(
                    f"carried:{question.id}",
                    section if section != previous_section else "",
                    one_line(question.title),
                    Text(said),
                    one_line(answer.note),
                    mark=f" · {carried_mark(state.carried[question.id])}",
                )
            )
            previous_section = section
        return rows

    def _lay_out(self, width: int) -> None:
        """Fill the table for `width` columns: the answer always in full view; the section
        only where there is room for it, then the note in what is left (cut with …)."""
        if width <= 0:
            return
        widths = column_widths(self._rows, width)
        if widths == self._widths:
            return
        self._widths = widths
        section_w, question_w, answer_w, note_w = widths
        table = self.query_one(PointerTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_pointer_column()
        if section_w:
            table.add_column("Section", width=section_w, key="section")
        table.add_column("Question", width=question_w, key="question")
        table.add_column("Answer", width=answer_w, key="answer")
        if note_w:
            table.add_column("Note", width=note_w, key="note")
        for row in self._rows:
            cells = [Text("")]
            style = "bold" if row.heading else ""
            if section_w:
                cells.append(Text(cut(row.section, section_w)))
            cells.append(Text(cut(row.question, question_w), style=style))
            answer = row.answer.copy()
            for words in row.shorter:
                if answer.cell_len <= answer_w:
                    break
                answer = Text(words, style=row.answer.style)
            answer.truncate(max(1, answer_w - len(row.mark)), overflow="ellipsis")
            if row.mark:
                answer.append(row.mark, style="dim")
            cells.append(answer)
            if note_w:
                cells.append(Text(cut(row.note, note_w)))
            table.add_row(*cells, key=row.key)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
            table.point_at_cursor()

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
