"""Small modal dialogs with typed results: confirm (bool), note (str | None), and how a quiz
starts (start: "last", "fresh", or None)."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static

from skillgap.formats.answers import MAX_NOTE_LENGTH
from skillgap.tui.base import DIALOG_HELP, SkillgapModal
from skillgap.tui.format import plain

#: Below this many rows a dialog drops its spacing.
SHORT = 18


class ConfirmModal(SkillgapModal[bool]):
    """Yes or no; Escape means no."""

    # Not `n` for no: n means note (docs/keys.md). Only `y` says yes, so a stray Enter or key
    # never deletes or replaces anything.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "no", "Cancel", id="confirm.no", tooltip="Keep things as they are"),
        DIALOG_HELP,
        Binding("question_mark", "app.help", "Help", show=False, system=True, id="confirm.help",
                tooltip="Show the keys of this dialog"),
        Binding("y", "yes", "Yes", id="confirm.yes", tooltip="Go ahead"),
    ]  # fmt: skip

    def __init__(self, title: str, body: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text), classes="dialog-title")
            yield Static(plain(self.body))
            with Horizontal(classes="buttons"):
                yield Button(Content(f"{self.yes_label} (y)"), id="yes", variant="error")
                yield Button(Content(f"{self.no_label} (Esc)"), id="no")

    DEFAULT_CSS = """
    ConfirmModal.-short .dialog { padding: 0 1; }
    ConfirmModal.-short .dialog-title { margin: 0; }
    ConfirmModal.-short .buttons { margin: 0; }
    """

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_resize(self) -> None:
        # A short terminal keeps the question and both answers in view: no spacing, and
        # buttons of one line.
        short = self.size.height < SHORT
        self.set_class(short, "-short")
        for button in self.query(Button):
            button.compact = short

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class NoteInput(Input):
    """A note is one line: pasted lines are joined with spaces, not cut at the first line."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own paste, which keeps the first line
        event.stop()
        text = " ".join(event.text.splitlines())
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class NoteModal(SkillgapModal[str | None]):
    """Edit a note (evidence: how would you show this?). Enter saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Leave the note as it was"),
        DIALOG_HELP,
    ]

    def __init__(self, question_title: str, note: str) -> None:
        super().__init__()
        self.question_title = question_title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.assemble(("Note for ", "bold"), plain(self.question_title)),
                classes="dialog-title",
            )
            yield Static(
                Content("How would you show this? A project, a certificate, a link. "
                        "Enter saves; an empty note removes it; Esc cancels."),
                classes="dim",
            )  # fmt: skip
            note_input = NoteInput(
                self.note,
                placeholder="e.g. built our GitLab CI pipelines in 2024",
                max_length=MAX_NOTE_LENGTH,
                id="note",
            )
            note_input.cursor_blink = self.skillgap.CURSOR_BLINK
            yield note_input

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class StartModal(SkillgapModal[str | None]):
    """How a new quiz starts when a report of the bank exists: from its answers (each question
    offers last time's first; Enter keeps it) or fresh. 1 or 2 (or the list), Esc cancels."""

    DEFAULT_CSS = """
    #start-options { height: auto; margin: 1 0 0 0; border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick('last')", "Last answers", id="start.last",
                tooltip="Each question offers last time's answer first; Enter keeps it"),
        Binding("2", "pick('fresh')", "Fresh", id="start.fresh",
                tooltip="Every question starts empty"),
        Binding("escape", "pick('')", "Cancel", id="start.cancel",
                tooltip="Back, without starting a quiz"),
        DIALOG_HELP,
    ]  # fmt: skip

    def __init__(self, report: str) -> None:
        super().__init__()
        #: Which report the last answers come from: "report 4, 2026-11-02 09:30".
        self.report = report

    def compose(self) -> ComposeResult:
        from textual.widgets.option_list import Option

        from skillgap.tui.widgets.pointer import PointerOptionList

        with Vertical(classes="dialog", id="start"):
            yield Static(Content("Start from your last answers?"), classes="dialog-title")
            yield Static(
                Content(
                    "Each question then shows what you said last time, with the answer list "
                    "on it: Enter keeps it, a key changes it. History shows what moved. "
                    "Esc: back."
                ),
                classes="dim",
                id="start-why",
            )
            yield PointerOptionList(
                Option(
                    Content.assemble(
                        ("1 ", "bold"), ("From your last answers", "bold"),
                        f" ({self.report})",
                    ),
                    id="last",
                ),
                Option(
                    Content.assemble(("2 ", "bold"), ("Start fresh", "bold"), ", answer anew"),
                    id="fresh",
                ),
                id="start-options",
            )  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#start-options").focus()

    def on_resize(self) -> None:
        # A short terminal keeps the choice, dropping what only explains.
        self.query_one("#start-why").display = self.size.height >= 16

    @on(OptionList.OptionSelected, "#start-options")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_id or "")

    def action_pick(self, start: str) -> None:
        self.dismiss(start if start in ("last", "fresh") else None)
