"""Quiz: one question at a time, one key press per answer, every answer saved at once."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from skillgap.core.model import Check, Question
from skillgap.core.quiz import QuizState
from skillgap.core.wording import describe_answer, source_sentence
from skillgap.escape import one_line, safe
from skillgap.tui.base import NARROW_BREAKPOINTS, SkillgapScreen
from skillgap.tui.format import line, plain
from skillgap.tui.widgets.answer_list import AnswerList
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.meter import Meter

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.timer import Timer

    from skillgap.tui.screens.check import CheckModal


#: Below 20 rows the quiz carries the class -short (see QuizScreen.DEFAULT_CSS).
SHORT_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

#: How often a window holding the quiz checks that no other window took it over.
WATCH_SECONDS = 3.0

#: Below this width the progress line is the short one (as NARROW_BREAKPOINTS' -narrow).
NARROW = 64


def _digit_bindings() -> list[BindingType]:
    return [
        Binding(str(d), f"digit({d})", show=False, id=f"quiz.digit{d}", system=True,
                tooltip=f"Answer level {d}, or option {d}" if d <= 4 else f"Answer option {d}")
        for d in range(10)
    ]  # fmt: skip


class QuizScreen(SkillgapScreen[None]):
    # The question stays in view at any size (#quiz-head does not scroll); what it offers
    # scrolls below it. A short terminal drops the section line and the spacing.
    DEFAULT_CSS = """
    #quiz-head { height: auto; padding: 0 2; }
    #quiz { padding: 0 2; }
    #quiz > *, #quiz-head > * { max-width: 120; }
    #section { margin: 1 0 0 0; }
    #progress { margin: 0 0 1 0; }
    #answers { margin: 1 0 0 0; border: round $primary; }
    #confirm { margin: 1 0 0 0; }
    #note { margin: 1 0 0 0; color: $text-secondary; }
    #hint { margin: 1 0 0 0; }
    QuizScreen.-narrow #quiz, QuizScreen.-narrow #quiz-head { padding: 0 0; }
    QuizScreen.-short #section { height: 0; margin: 0; }
    QuizScreen.-short #progress { margin: 0; }
    QuizScreen.-short #answers { margin: 0; }
    """
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    VERTICAL_BREAKPOINTS = SHORT_BREAKPOINTS
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
        Binding("enter", "choose", "Choose", show=False, id="quiz.choose", system=True,
                tooltip="Choose the highlighted answer (last time's, on a re-assessment)"),
        Binding("space", "toggle_option", "Toggle", show=False, id="quiz.toggle", system=True,
                tooltip="Tick or untick the highlighted option of a several-answer question"),
        *_digit_bindings(),
    ]  # fmt: skip

    def __init__(self, state: QuizState) -> None:
        import uuid

        super().__init__()
        self.state = state
        self._warned = False
        #: The knowledge check dialog, kept installed and refilled for each claim.
        self._check_modal: CheckModal | None = None
        #: This window's claim on the quiz in progress (store/lock.py): saves are conditional
        #: on it. Unset until the store has it; `_taken_over` once another window took it.
        self._token = uuid.uuid4().hex
        self._holding = False
        self._watch: Timer | None = None
        self._taken_over = False
        #: Opened from Review to change an answer: once answered, back to Review.
        self._back_to_review = False
        #: Every answer given is in the store (those resumed or taken over are already), for
        #: the line the terminal shows after quitting (`farewell`); False once a save fails.
        self._saved = True
        #: The quiz became a report: nothing is left to resume.
        self._done = False

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-head"):
            yield Static(id="section")
            yield Meter(id="progress")
            yield Static(id="prompt")
        with VerticalScroll(id="quiz"):
            yield Static(id="help", classes="dim")
            yield AnswerList(id="answers")
            yield Button("Confirm (Enter)", id="confirm", variant="primary", compact=True)
            yield Static(id="note")
            yield Static(id="hint", classes="dim")
        yield KeyBar()

    def on_mount(self) -> None:
        self._statics = {
            part: self.query_one(f"#{part}", Static)
            for part in ("section", "prompt", "help", "note", "hint")
        }
        self._shown: dict[str, Content] = {}
        self._answers = self.query_one(AnswerList)
        self._meter = self.query_one(Meter)
        self._confirm = self.query_one("#confirm", Button)
        if self.state.finished:
            self.state.back()  # resumed after the last answer: show the last question
        self.show_question()
        self._hold()

    # -- opening: who holds the quiz, and how it starts ------------------------------------

    def _hold(self, take_over: bool = False) -> None:
        """Claim the quiz in progress for this window. When another skillgap still has it
        open, ask before taking it over (that window then stops saving, and says so)."""
        from skillgap.store import QuizHeld, StoreError
        from skillgap.tui.screens.dialogs import ConfirmModal

        try:
            self.store.hold_quiz(self._token, take_over=take_over)
        except QuizHeld as exc:

            def decided(yes: bool | None) -> None:
                if yes:
                    self._hold(take_over=True)
                else:
                    self.dismiss()  # nothing saved: the other window keeps its quiz

            self.app.push_screen(
                ConfirmModal(
                    "Open in another window",
                    f"{str(exc)[0].upper()}{str(exc)[1:]}. Take it over here? That window"
                    " then stops saving; what it saved is kept.",
                    yes="Take over",
                    no="Leave it",
                ),
                decided,
            )
            return
        except StoreError:
            pass  # e.g. a read-only folder: nothing can be saved anyway, and _save says so
        else:
            self._holding = True
            if self._watch is None:
                self._watch = self.set_interval(WATCH_SECONDS, self._still_held)
        self._opened()

    def _still_held(self) -> None:
        """Every few seconds: if another window took the quiz over, say so now, not at the
        next key press (which would not be saved either)."""
        from skillgap.store import StoreError

        if not self._holding or self._taken_over:
            return
        try:
            held = self.store.holds_quiz(self._token)
        except StoreError:
            return
        if not held:
            self._taken_over = True
            self._say_taken_over()
            self.show_question()

    def _opened(self) -> None:
        if self.state.start is None:  # a new quiz with a report to start from: ask once
            self._ask_start()
            return
        question = self.state.current
        if question is not None and (pending := self.state.check_for(question)):
            self._ask_check(question, *pending)  # resumed with its check unanswered

    def _ask_start(self) -> None:
        from skillgap.tui.format import when
        from skillgap.tui.screens.dialogs import StartModal

        state = self.state
        dated = f", {when(state.previous_at)[:10]}" if state.previous_at is not None else ""

        def chosen(start: str | None) -> None:
            if start not in ("last", "fresh"):
                self._release()
                self.dismiss()  # Esc: no quiz started, nothing saved
                return
            state.start = "last" if start == "last" else "fresh"
            self._shown.clear()
            self.show_question()

        self.app.push_screen(StartModal(f"report {state.previous_id}{dated}"), chosen)

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
        if self.size.width < NARROW:  # fits 40 columns: the bar says the rest
            counts = f"{state.position + 1}/{state.total} · {answered} done{skipped_text}"
        else:
            counts = (
                f"{state.mode.title()} quiz · question {state.position + 1} of {state.total}"
                f"{in_section_text} · {answered} answered{skipped_text}"
            )
        self._meter.show(answered / asked if asked > 0 else 1.0, counts)
        # The prompt stays in view; its help scrolls with the answers.
        self._put("prompt", Content.styled(safe(question.prompt), "bold"))
        muted = [text for text in (question.help, source_sentence(self.bank, question.id)) if text]
        self._put("help", plain(" ".join(muted)) if muted else Content())
        answer = state.answers.get(question.id)
        last = state.last_answer(question)
        self._answers.show(self.bank, question, answer, last)
        title = (
            Content(f"last time: {one_line(describe_answer(self.bank, last))}")
            if last is not None
            else None
        )
        if self._answers.border_title != (title.plain if title else None):
            self._answers.border_title = title
        if self.focused is not self._answers:
            self._answers.focus()
        self._confirm.display = question.kind == "multi"
        self._show_note()
        self._put("hint", self._hint_for(question))

    def _show_note(self) -> None:
        state = self.state
        note = state.note()
        question = state.current
        last = state.last_answer(question) if question is not None else None
        if note:
            content = Content.assemble(("Note: ", "bold"), line(note))
        elif last is not None and last.note and state.answers.get(last.question_id) is None:
            content = Content.assemble(
                ("Last time's note: ", "bold"), line(last.note), " (kept if you keep the answer)"
            )
        else:
            content = Content()
        self._put("note", content)

    def _hint_for(self, question: Question) -> Content:
        if self._taken_over:
            return Content.styled(
                "Not saved: this quiz was taken over in another skillgap window."
                " Esc goes home; resume there or here.",
                "bold $text-error",
            )
        return Content(self._hint(question))

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
        if self._taken_over:
            self._say_taken_over()
            return
        question = self.state.current
        hidden = set(self.state.not_asked)
        kept = self.state.answers, self.state.position
        self.state.answer(value)
        self._save()
        if self._taken_over:  # not saved: the screen shows what is saved, not this answer
            self.state.answers, self.state.position = kept
            self.show_question()
            return
        self._say_hidden(hidden)
        if question is not None and self.state.current is question:
            pending = self.state.check_for(question)
            if pending is not None:
                self._ask_check(question, *pending)
                return
        self._advance()

    def _ask_check(self, question: Question, index: int, check: Check) -> None:
        """Ask the knowledge check for a claim of 3+, its options in this assessment's
        order; keep and save its outcome at once ("not now" keeps nothing: `record_check`)."""
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

        self._release()
        if self._check_modal is not None:
            with suppress(ScreenStackError):  # still on screen: the App is closing
                self.app.uninstall_screen(self._check_name)

    def _save(self) -> None:
        from skillgap.store import QuizTakenOver, StoreError

        if self._taken_over:
            return
        try:
            self.store.save_session(
                self.state.to_session(), holder=self._token if self._holding else None
            )
        except QuizTakenOver:
            self._taken_over = True
            self._say_taken_over()
            self.show_question()
        except StoreError as exc:
            self._saved = False
            if not self._warned:
                self._warned = True
                self.notify(f"Answers are not being saved: {exc}", severity="error")
        else:
            self._saved = True

    def _say_taken_over(self) -> None:
        self.notify(
            "This quiz was taken over in another skillgap window: this window no longer"
            " saves. Its answers before that are kept. Esc goes home.",
            severity="error",
            timeout=10,
        )

    def _say_hidden(self, before: set[str]) -> None:
        """One toast when an answer makes the adaptive quiz leave questions out."""
        from skillgap.core.wording import question_title

        hidden = {qid: pid for qid, pid in self.state.not_asked.items() if qid not in before}
        if not hidden:
            return
        order = [q.id for q in self.state.questions if q.id in hidden]
        first = one_line(question_title(self.bank, order[0]))
        needs = sorted({hidden[qid] for qid in order}, key=lambda pid: pid != hidden[order[0]])
        names = " and ".join(one_line(question_title(self.bank, pid)) for pid in needs[:2])
        if len(needs) > 2:
            names += f" and {len(needs) - 2} more"
        more = len(order) - 1
        who = f"{first} and {more} more need" if more else f"{first} needs"
        self.notify(f"{who} {names} first: not asked, counted as 0; r to review", timeout=5)

    def farewell(self) -> str | None:
        """The line the terminal shows once the App has closed on this screen (quit mid-quiz),
        or None when there is nothing to say."""
        if self._taken_over:
            return "not saved here: the quiz was taken over in another skillgap window"
        count = len(self.state.answers.by_question)
        if not count or self._done:
            return None
        plural = "s" if count != 1 else ""
        if not self._saved:
            return f"not saved: {count} answer{plural} of this quiz (the data folder refused them)"
        return f"saved: {count} answer{plural}, run skillgap to resume"

    def _release(self) -> None:
        from skillgap.store import StoreError

        if self._holding:
            self._holding = False
            with suppress(StoreError):
                self.store.release_quiz(self._token)

    def _advance(self) -> None:
        if self._back_to_review:  # an answer changed from Review: back there
            self._back_to_review = False
            self.action_review()
        elif self.state.finished:
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
        self._back_to_review = False  # moving on from the answer opened from Review
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
            if self._taken_over:
                self._say_taken_over()
                return
            self.state.set_note(note)
            self._save()
            self._show_note()

        self.app.push_screen(NoteModal(question.title, self.state.note()), noted)

    def action_leave(self) -> None:
        self._save()
        self._release()
        self.dismiss()

    # -- review and finish ------------------------------------------------------------------

    def action_review(self) -> None:
        from skillgap.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.state), self._reviewed)

    def _reviewed(self, choice: int | str | None) -> None:
        if choice == "finish":
            self.finish()
            return
        self._back_to_review = isinstance(choice, int)
        if isinstance(choice, int):
            self.state.jump(choice)
        elif self.state.finished:
            self.state.back()  # Esc from the review after the last question
        self._save()
        self.show_question()

    def _ask_name(self) -> bool:
        """The first quiz to finish asks, once, for the name or handle reports carry
        (app.settings.person_name_asked); the answer is saved, then the quiz finishes. True
        while it is being asked."""
        from skillgap.app.settings import person_name_asked
        from skillgap.tui.screens.name import NameModal

        if self._name_asked or self.store.read_only or person_name_asked(self.store):
            return False
        self._name_asked = True

        def named(name: str | None) -> None:
            from skillgap.app.settings import save_person_name
            from skillgap.store import StoreError

            try:
                save_person_name(self.store, name or "")
            except (ValueError, StoreError) as exc:
                self.notify(f"The name was not kept: {exc}", severity="warning")
            self.finish()

        self.app.push_screen(NameModal(), named)
        return True

    _name_asked = False

    def finish(self) -> None:
        """Score the answers (a Quick quiz's with those it carried over), save the report
        (clearing the session) and show the results."""
        from skillgap.app.assessment import finish_quiz
        from skillgap.store import QuizTakenOver, StoreError
        from skillgap.tui.screens.results import ResultsScreen

        if self._taken_over:
            self._say_taken_over()
            return
        if self._ask_name():
            return
        done = finish_quiz(self.store, self.bank, self.state)
        report_id: int | None = None
        try:
            report_id = self.store.finish_session(
                done.answers,
                done.result,
                done.updates,
                holder=self._token if self._holding else None,
                name=done.name,
            )
        except QuizTakenOver:
            self._taken_over = True
            self._say_taken_over()
            self.show_question()
            return
        except StoreError as exc:
            self.notify(f"The report was not saved: {exc}. You can still export it.",
                        severity="error", timeout=10)  # fmt: skip
        if report_id is not None:
            self._release()  # the quiz is a report now
            self._done = True  # nothing left to resume: no farewell line
        self.app.switch_screen(
            ResultsScreen(
                done.result,
                done.answers,
                report_id=report_id,
                progress=done.progress,
                name=done.name,
            )
        )
