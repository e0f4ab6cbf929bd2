"""Quiz: one question at a time, one key press per answer, every answer saved at once."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, ProgressBar, Static

from skillgap.model import Question
from skillgap.text import one_line, safe
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import line, plain
from skillgap.tui.state import QuizState
from skillgap.tui.widgets.answer_list import AnswerList


def _digit_bindings() -> list[BindingType]:
    return [
        Binding(str(d), f"digit({d})", show=False, id=f"quiz.digit{d}", system=True)
        for d in range(10)
    ]


class QuizScreen(SkillgapScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace,left", "back", "Back", key_display="←", id="quiz.back",
                tooltip="Go back to the previous question"),
        Binding("s", "skip", "Skip", id="quiz.skip",
                tooltip="Skip this question (counts as level 0; you can come back)"),
        Binding("n", "note", "Note", id="quiz.note",
                tooltip="Add evidence to this answer: how would you show it?"),
        Binding("r", "review", "Review", id="quiz.review",
                tooltip="See every answer so far, jump to any, or finish"),
        Binding("escape", "leave", "Home", id="quiz.home",
                tooltip="Back to the welcome screen; the quiz is kept to resume"),
        *_digit_bindings(),
    ]  # fmt: skip

    def __init__(self, state: QuizState) -> None:
        super().__init__()
        self.state = state
        self._warned = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="quiz"):
            yield Static(id="section")
            with Horizontal(id="quiz-progress"):
                yield ProgressBar(
                    total=self.state.total, show_eta=False, show_percentage=False, id="progress"
                )
                yield Static(id="counts")
            yield Static(id="prompt")
            yield Static(id="help", classes="dim")
            yield AnswerList(id="answers")
            yield Button("Confirm (Enter)", id="confirm", variant="primary", compact=True)
            yield Static(id="note")
            yield Static(id="hint", classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        if self.state.finished:
            self.state.back()  # resumed after the last answer: show the last question
        self.show_question()

    # -- showing ----------------------------------------------------------------------------

    def show_question(self) -> None:
        """Update the widgets for the current question (no recompose: this runs per key)."""
        state = self.state
        question = state.current
        if question is None:
            return
        section = state.section_of(question)
        sections = state.sections()
        number = next((i for i, s in enumerate(sections, 1) if s.id == question.section_id), 1)
        in_section, of_section = state.section_progress(question)
        self.query_one("#section", Static).update(
            Content.assemble(
                (f"Section {number} of {len(sections)}: ", "bold"),
                (one_line(section.title if section else question.section_id), "bold"),
                f"  ({in_section} of {of_section})" if of_section > 1 else "",
            )
        )
        skipped = f" · {state.skipped} skipped" if state.skipped else ""
        self.query_one("#counts", Static).update(
            Content(
                f" {state.mode.title()} quiz · question {state.position + 1} of {state.total}"
                f" · {state.answered} answered{skipped}"
            )
        )
        self.query_one(ProgressBar).update(progress=state.answered)
        self.query_one("#prompt", Static).update(Content.styled(safe(question.prompt), "bold"))
        help_widget = self.query_one("#help", Static)
        help_widget.update(plain(question.help))
        help_widget.display = bool(question.help)
        answer_list = self.query_one(AnswerList)
        answer_list.show(self.bank, question, state.answers.get(question.id))
        answer_list.focus()
        self.query_one("#confirm").display = question.kind == "multi"
        self._show_note()
        self.query_one("#hint", Static).update(Content(self._hint(question)))

    def _show_note(self) -> None:
        note = self.state.note()
        widget = self.query_one("#note", Static)
        widget.update(Content.assemble(("Note: ", "bold"), line(note)) if note else "")
        widget.display = bool(note)

    @staticmethod
    def _hint(question: Question) -> str:
        if question.kind == "rating":
            keys = "Press 0-4 to answer, or ↑↓ and Enter"
        elif question.kind == "choice":
            keys = f"Press 1-{min(len(question.options), 9)} to answer, or ↑↓ and Enter"
        else:
            keys = (
                f"Pick any: 1-{min(len(question.options), 9)} or Space toggles, "
                "Enter confirms (none is fine)"
            )
        return f"{keys} · s skip · ← back · n note · r review"

    # -- answering --------------------------------------------------------------------------

    def _record(self, value: int | str | tuple[str, ...] | None) -> None:
        self.state.answer(value)
        self._save()
        self._advance()

    def _save(self) -> None:
        from skillgap.store import StoreError

        try:
            self.store.save_session(self.state.to_session())
        except StoreError as exc:
            if not self._warned:
                self._warned = True
                self.notify(f"Answers are not being saved: {exc}", severity="error")

    def _advance(self) -> None:
        if self.state.finished:
            self.action_review()
        else:
            self.show_question()

    def action_digit(self, digit: int) -> None:
        question = self.state.current
        if question is None:
            return
        if question.kind == "rating":
            if digit > 4:
                self.notify("Rating questions take 0-4.", severity="warning", timeout=2)
                return
            self._record(digit)
            return
        if not 1 <= digit <= len(question.options):
            self.notify(f"Choose 1-{min(len(question.options), 9)}.", severity="warning", timeout=2)
            return
        if question.kind == "choice":
            self._record(question.options[digit - 1].id)
        else:
            self.query_one(AnswerList).toggle(digit - 1)

    @on(OptionList.OptionSelected, "#answers")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        question = self.state.current
        if question is None:
            return
        if question.kind == "rating":
            self._record(int(event.option_id or 0))
        elif question.kind == "choice":
            self._record(event.option_id)
        else:
            self.query_one(AnswerList).toggle(event.option_index)

    @on(AnswerList.Confirmed)
    @on(Button.Pressed, "#confirm")
    def confirm_multi(self) -> None:
        question = self.state.current
        if question is None or question.kind != "multi":
            return
        chosen = self.query_one(AnswerList).chosen
        self._record(tuple(o.id for o in question.options if o.id in chosen))

    def action_skip(self) -> None:
        if self.state.current is not None:
            self._record(None)

    def action_back(self) -> None:
        if self.state.back():
            self._save()
            self.show_question()
        else:
            self.notify("This is the first question.", timeout=2)

    def action_note(self) -> None:
        from skillgap.tui.screens.dialogs import NoteModal

        question = self.state.current
        if question is None:
            return

        def noted(note: str | None) -> None:
            if note is None or self.state.current is not question:
                return
            self.state.set_note(note)
            self._save()
            self._show_note()

        self.app.push_screen(NoteModal(question.title, self.state.note()), noted)

    def action_leave(self) -> None:
        self._save()
        self.dismiss()

    # -- review and finish ------------------------------------------------------------------

    def action_review(self) -> None:
        from skillgap.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.state), self._reviewed)

    def _reviewed(self, choice: int | str | None) -> None:
        if choice == "finish":
            self.finish()
            return
        if isinstance(choice, int):
            self.state.jump(choice)
        elif self.state.finished:
            self.state.back()  # Esc from the review after the last question
        self._save()
        self.show_question()

    def finish(self) -> None:
        """Score the answers, save the report (clearing the session) and show the results."""
        from skillgap.scoring import score
        from skillgap.store import StoreError
        from skillgap.tui.screens.results import ResultsScreen

        result = score(self.bank, self.state.answers)
        report_id: int | None = None
        try:
            report_id = self.store.finish_session(self.state.answers, result)
        except StoreError as exc:
            self.notify(f"The report was not saved: {exc}. You can still export it.",
                        severity="error", timeout=10)  # fmt: skip
        self.app.switch_screen(ResultsScreen(result, self.state.answers, report_id=report_id))
