"""The knowledge check asked right after a claim of level 3 or more: one multiple-choice item.

The options show in the order the quiz gives (shuffled per assessment, so the bank's order,
often answer first, does not pass a blind Enter). It returns the option chosen, as its text,
"" for "I don't know", or None for "not now" (Esc): nothing is kept, the claim stays unchecked,
and the quiz asks the check again the next time the question is answered 3+. The score never
changes; Results show what checks back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from skillgap.core.model import Check, Question
from skillgap.escape import one_line, safe
from skillgap.tui.base import DIALOG_HELP, SkillgapModal
from skillgap.tui.widgets.pointer import PointerOptionList

#: Below this many rows the dialog drops its explanation, hint and spacing.
SHORT = 22

#: The option id of "I don't know".
DONT_KNOW = "dont-know"


def _digits() -> list[BindingType]:
    return [
        Binding(str(d), f"pick({d})", show=False, id=f"check.digit{d}", system=True,
                tooltip=f"Answer with option {d}" if d else "I don't know")
        for d in range(10)
    ]  # fmt: skip


class CheckModal(SkillgapModal[str | None]):
    """One check: 1-N picks an option, 0 says "I don't know", Esc is "not now"."""

    DEFAULT_CSS = """
    /* Opaque: blending the quiz under a see-through backdrop was most of the check's cost. */
    CheckModal { background: $background; }
    #check { width: 76; }
    #check-prompt { margin: 1 0 0 0; }
    #check-options { height: auto; max-height: 10; margin: 1 0 0 0; border: round $primary; }
    #check-hint { margin: 1 0 0 0; }
    CheckModal.-short #check { padding: 0 1; }
    CheckModal.-short #check .dialog-title { margin: 0; }
    CheckModal.-short #check-why, CheckModal.-short #check-hint { display: none; }
    CheckModal.-short #check-prompt { margin: 0; }
    CheckModal.-short #check-options { margin: 0; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Not now", id="check.leave",
                tooltip="Not now: nothing is kept; asked again when you next answer 3+"),
        DIALOG_HELP,
        *_digits(),
    ]  # fmt: skip

    def __init__(
        self, question: Question, check: Check, claim: str, options: Sequence[str]
    ) -> None:
        super().__init__()
        self.question = question
        self.check = check
        #: What the person said, in words ("3 Independent", an option's label).
        self.claim = claim
        #: The check's options in the order shown: the quiz's shuffle (`check_options`).
        self.options = self._order(check, options)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="check"):
            yield Static(classes="dialog-title", id="check-title")
            yield Static(classes="dim", id="check-why")
            yield Static(id="check-prompt")
            yield PointerOptionList(id="check-options")
            yield Static(classes="dim", id="check-hint")

    def on_mount(self) -> None:
        self._fill()

    def ask(self, question: Question, check: Check, claim: str, options: Sequence[str]) -> None:
        """Show another check in this dialog: the quiz keeps one and refills it, which costs
        a fraction of composing, styling and mounting a new one on each claim."""
        self.question, self.check, self.claim = question, check, claim
        self.options = self._order(check, options)
        if self.is_mounted:
            self._fill()

    @staticmethod
    def _order(check: Check, options: Sequence[str]) -> tuple[str, ...]:
        if sorted(options) != sorted(check.options):
            raise ValueError("the options to show are not the check's options")
        return tuple(options)

    def _fill(self) -> None:
        check = self.check
        self.query_one("#check-title", Static).update(
            Content.assemble(("Knowledge check: ", "bold"), (one_line(self.question.title), "bold"))
        )
        self.query_one("#check-why", Static).update(
            Content(
                f"You said {self.claim}. One quick question backs the claim; "
                "your score stays what you said."
            )
        )
        self.query_one("#check-prompt", Static).update(Content.styled(safe(check.prompt), "bold"))
        options = [
            Option(Content.assemble((f"{i} ", "bold"), one_line(text)), id=str(i))
            for i, text in enumerate(self.options, 1)
        ]
        options.append(Option(Content.assemble(("0 ", "bold"), "I don't know"), id=DONT_KNOW))
        menu = self.query_one("#check-options", OptionList)
        menu.clear_options()
        menu.add_options(options)
        menu.highlighted = 0
        menu.focus()
        self.query_one("#check-hint", Static).update(
            Content(f"Press 1-{len(self.options)} to answer, 0 if you don't know · Esc: not now")
        )

    def on_resize(self) -> None:
        # A short terminal keeps the prompt and its options, dropping what only explains.
        self.set_class(self.size.height < SHORT, "-short")

    def _choose(self, option_id: str) -> None:
        if option_id == DONT_KNOW:
            self.dismiss("")
        elif option_id.isdigit() and 1 <= int(option_id) <= len(self.options):
            self.dismiss(self.options[int(option_id) - 1])

    def action_pick(self, digit: int) -> None:
        if digit == 0:
            self._choose(DONT_KNOW)
        elif digit <= len(self.options):
            self._choose(str(digit))
        else:
            self.notify(f"Choose 1-{len(self.options)}, or 0.", severity="warning", timeout=2)

    @on(OptionList.OptionSelected, "#check-options")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_id or "")

    def action_leave(self) -> None:
        self.dismiss(None)
