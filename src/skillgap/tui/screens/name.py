"""The name or handle a person's reports carry (issue 19): asked once, when the first quiz
finishes, and changed in Settings. Optional: Enter with nothing, or Esc, means none. The dialog
only checks what was typed; whoever opened it saves it (app.settings.save_person_name)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from skillgap.tui.base import DIALOG_HELP, SkillgapModal
from skillgap.tui.format import plain

WHY = (
    "It goes on the reports you export and share, e.g. with a team lead who reads a folder of"
    " them. Optional: Enter with nothing, or Esc, means none. Settings (,) changes it."
)


class NameModal(SkillgapModal[str | None]):
    """A name or handle, or None (Esc). The result is checked: trimmed, one line, not too
    long (formats.report_json.check_person_name)."""

    DEFAULT_CSS = """
    #name-said { height: auto; color: $text-warning; }
    #name-why { margin: 1 0 0 0; }
    NameModal .dialog Input { margin: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "No name", id="name.cancel",
                tooltip="No name (first time), or leave it as it was"),
        DIALOG_HELP,
    ]  # fmt: skip

    def __init__(self, name: str = "", *, first: bool = True) -> None:
        super().__init__()
        self.current = name
        self.first = first

    def compose(self) -> ComposeResult:
        title = "Your name or handle for your reports" if self.first else "Name on reports"
        with Vertical(classes="dialog", id="name-dialog"):
            yield Static(Content.assemble((title, "bold")), classes="dialog-title")
            field = Input(
                value=self.current, placeholder="e.g. Ada L. or @ada (empty: none)", id="name"
            )
            field.cursor_blink = self.skillgap.CURSOR_BLINK
            field.border_title = "Enter keeps it · Esc: none" if self.first else "Enter saves"
            yield field  # before the words: seen in the smallest terminal
            yield Static(id="name-said")
            yield Static(Content(WHY), classes="dim", id="name-why")

    @on(Input.Submitted, "#name")
    def _typed(self, event: Input.Submitted) -> None:
        from skillgap.formats.report_json import check_person_name

        event.stop()
        try:
            name = check_person_name(event.value)
        except ValueError as exc:
            self.query_one("#name-said", Static).update(plain(f"Not a name: {exc}"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
