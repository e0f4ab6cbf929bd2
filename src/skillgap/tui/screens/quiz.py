"""Quiz: one question at a time, one key press per answer, every answer saved at once."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from skillgap.core.model import Check, Question
from skillgap.core.quiz import QuizState
from skillgap.core.wording import source_sentence
from skillgap.escape import one_line, safe
from skillgap.tui.base import NARROW_BREAKPOINTS, SkillgapScreen
from skillgap.tui.format import line, plain
from skillgap.tui.widgets.answer_list import AnswerList
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.meter import Meter

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

    from skillgap.tui.screens.check import CheckModal


def _digit_bindings() -> list[BindingType]:
    return [
        Binding(str(d), f"digit({d})", show=False, id=f"quiz.digit{d}", system=True)
        for d in range(10)
    ]


class QuizScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #quiz { padding: 0 2; }
    #quiz > * { max-width: 120; }
    #section { margin: 1 0 0 0; }
    #progress { margin: 0 0 1 0; }
    #answers { margin: 1 0 0 0; border: round $primary; }
    #confirm { margin: 1 0 0 0; }
    #note { margin: 1 0 0 0; color: $text-secondary; }
    #hint { margin: 1 0 0 0; }
    QuizScreen.-narrow #quiz { padding: 0 0; }
    """
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
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
        Binding("enter", "choose", "Choose", show=False, id="quiz.choose", system=True),
        Binding("space", "toggle_option", "Toggle", show=False, id="quiz.toggle", system=True),
        *_digit_bindings(),
    ]  # fmt: skip

    def __init__(self, state: QuizState) -> None:
        super().__init__()
        self.state = state
        self._warned = False
        #: The knowledge check dialog, kept installed and refilled for each claim.
        self._check_modal: CheckModal | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="quiz"):
            yield Static(id="section")
            yield Meter(id="progress")
            yield Static(id="prompt")
            yield AnswerList(id="answers")
            yield Button("Confirm (Enter)", id="confirm", variant="primary", compact=True)
            yield Static(id="note")
            yield Static(id="hint", classes="dim")
        yield KeyBar()

    def on_mount(self) -> None:
        self._statics = {
            part: self.query_one(f"#{part}", Static)
            for part in ("section", "prompt", "note", "hint")
        }
        self._shown: dict[str, Content] = {}
        self._answers = self.query_one(AnswerList)
        self._meter = self.query_one(Meter)
        self._confirm = self.query_one("#confirm", Button)
        if self.state.finished:
            self.state.back()  # resumed after the last answer: show the last question
        self.show_question()
        question = self.state.current
        if question is not None and (pending := self.state.check_for(question)):
            self._ask_check(question, *pending)  # resumed with its check unanswered

    # -- showing ----------------------------------------------------------------------------

    def _put(self, widget_id: str, content: Content) -> None:
        """Show `content` in one Static, if it is not already there.

        Every key press lands here for each part of the screen. An unchanged part costs
        nothing; a changed part of the same height is repainted alone; only a change of height
        re-flows the screen, which re-renders every part that moves.
        """
        before = self._shown.get(widget_id)
        if before == content:
            return
        self._shown[widget_id] = content
        widget = self._statics[widget_id]
        widget.display = bool(content)
        width = widget.content_region.width
        rules = cast("RulesMap", widget.styles)
        same_size = (
            before is not None
            and bool(before)
            and width > 0
            and before.get_height(rules, width) == content.get_height(rules, width)
        )
        widget.update(content, layout=not same_size)

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
        self._put(
            "section",
            Content.assemble(
                (f"Section {number} of {len(sections)}: ", "bold"),
                (one_line(section.title if section else question.section_id), "bold"),
                f" · {of_section} questions" if of_section > 1 else "",
            ),
        )
        answered, skipped = state.answered, state.skipped
        skipped_text = f" · {skipped} skipped" if skipped else ""
        if left_out := len(state.not_asked):  # the adaptive quiz leaves these out
            skipped_text += f" · {left_out} not asked"
        in_section_text = f" ({in_section} of {of_section} here)" if of_section > 1 else ""
        asked = state.total - left_out
        self._meter.show(
            answered / asked if asked > 0 else 1.0,
            f"{state.mode.title()} quiz · question {state.position + 1} of {state.total}"
            f"{in_section_text} · {answered} answered{skipped_text}",
        )
        # The prompt and its help are one widget: one repaint per key press, not two.
        prompt = Content.styled(safe(question.prompt), "bold")
        muted = [text for text in (question.help, source_sentence(self.bank, question.id)) if text]
        if muted:
            prompt = Content.assemble(prompt, "\n", plain(" ".join(muted)).stylize("$text-muted"))
        self._put("prompt", prompt)
        self._answers.show(self.bank, question, state.answers.get(question.id))
        if self.focused is not self._answers:
            self._answers.focus()
        self._confirm.display = question.kind == "multi"
        self._show_note()
        self._put("hint", Content(self._hint(question)))

    def _show_note(self) -> None:
        note = self.state.note()
        self._put("note", Content.assemble(("Note: ", "bold"), line(note)) if note else Content())

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
        question = self.state.current
        self.state.answer(value)
        self._save()
        if question is not None and self.state.current is question:
            pending = self.state.check_for(question)
            if pending is not None:
                self._ask_check(question, *pending)
                return
        self._advance()

    def _ask_check(self, question: Question, index: int, check: Check) -> None:
        """Ask the knowledge check for a claim of 3+, its options in this assessment's
        order; keep and save its outcome at once ("not now" keeps nothing: `record_check`)."""
        from skillgap.core.wording import describe_answer
        from skillgap.tui.screens.check import CheckModal

        def checked(chosen: str | None) -> None:
            self.state.record_check(question, index, chosen)
            self._save()
            self._advance()  # Results say which checks passed, and explain a missed one

        claim = one_line(describe_answer(self.bank, self.state.answers.get(question.id)))
        options = self.state.check_options(question, check)
        modal = self._check_modal
        if modal is None:
            modal = self._check_modal = CheckModal(question, check, claim, options)
            self.app.install_screen(modal, self._check_name)
        else:
            modal.ask(question, check, claim, options)
        self.app.push_screen(modal, checked)

    @property
    def _check_name(self) -> str:
        return f"knowledge-check-{id(self)}"

    def on_unmount(self) -> None:
        from textual.app import ScreenStackError

        if self._check_modal is not None:
            with suppress(ScreenStackError):  # still on screen: the App is closing
                self.app.uninstall_screen(self._check_name)

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
            self._answers.toggle(digit - 1)

    @on(AnswerList.Picked)
    def picked(self, event: AnswerList.Picked) -> None:
        event.stop()
        question = self.state.current
        if question is None or question is not self._answers.question:
            return  # a click meant for a question already answered
        if question.kind == "rating":
            self._record(int(event.option_id))
        elif question.kind == "choice":
            self._record(event.option_id)
        else:
            self._answers.toggle(event.index)

    def action_choose(self) -> None:
        """Enter: answer with the highlighted option, or confirm a multi question's choice."""
        question = self.state.current
        option_id = self._answers.highlighted_id
        if question is None or option_id is None or question is not self._answers.question:
            return
        if question.kind == "rating":
            self._record(int(option_id))
        elif question.kind == "choice":
            self._record(option_id)
        else:
            self.confirm_multi()

    def action_toggle_option(self) -> None:
        """Space: toggle the highlighted option of a multi question; else as Enter."""
        question = self.state.current
        if question is not None and question.kind == "multi":
            self._answers.toggle(self._answers.highlighted)
        else:
            self.action_choose()

    @on(Button.Pressed, "#confirm")
    def confirm_multi(self) -> None:
        question = self.state.current
        if question is None or question.kind != "multi":
            return
        chosen = self._answers.chosen
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
        """Score the answers (a Quick quiz's with those it carried over), save the report
        (clearing the session) and show the results."""
        from skillgap.app.assessment import finish_quiz
        from skillgap.store import StoreError
        from skillgap.tui.screens.results import ResultsScreen

        done = finish_quiz(self.store, self.bank, self.state)
        report_id: int | None = None
        try:
            report_id = self.store.finish_session(done.answers, done.result, done.updates)
        except StoreError as exc:
            self.notify(f"The report was not saved: {exc}. You can still export it.",
                        severity="error", timeout=10)  # fmt: skip
        self.app.switch_screen(
            ResultsScreen(done.result, done.answers, report_id=report_id, progress=done.progress)
        )
