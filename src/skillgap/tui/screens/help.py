"""Help: the keys of the screen it was opened from, and the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from skillgap.tui.base import SkillgapModal

QUIZ_KEYS = (
    ("0-4", "answer a rating question (the levels are described on screen)"),
    ("1-9", "pick an option of a choice question; toggle one of a multi question"),
    ("Enter", "accept the highlighted option; confirm a multi question"),
    ("↑ ↓", "move the highlight; the mouse works too"),
)
#: How a key is named on screen, where Textual's name is not what the keyboard says.
KEY_NAMES = {
    "escape": "Esc", "delete": "Del", "backspace": "Backspace", "enter": "Enter",
    "space": "Space", "question_mark": "?", "comma": ",", "plus": "+", "slash": "/",
    "left": "←", "right": "→", "up": "↑", "down": "↓",
    "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End", "f1": "F1",
}  # fmt: skip
#: The keys of every screen (docs/keys.md), where no text field has focus.
EVERYWHERE = (
    ("q", "quit (your quiz is saved after every answer: the next start resumes it)"),
    ("? / F1", "this help"),
    ("Esc", "back one screen"),
    ("h", "History: saved reports, their trend, comparisons"),
    ("c", "Compare roles"),
    ("p", "your learning plan"),
    ("a", "aim: the role Learn next and the plan rank for"),
    (",", "Settings"),
    ("↑ ↓ / k j", "move in a list or table"),
    ("PgUp PgDn", "scroll the page, whichever part has focus"),
    ("Home End", "the top, the bottom of the page"),
    ("Tab", "move between parts of a screen (links, tables)"),
    ("ctrl+t", "dark / light theme (remembered)"),
    ("ctrl+p", "command palette: every action by name"),
    ("ctrl+q", "quit, even while typing in a field"),
)
#: The keys of every dialog: the screens' letters wait until it is closed.
IN_A_DIALOG = (
    ("q", "quit (your quiz is saved after every answer)"),
    ("F1", "this help"),
    ("↑ ↓ / k j", "move in a list"),
    ("ctrl+q", "quit, even while typing in a field"),
)


class HelpModal(SkillgapModal[None]):
    DEFAULT_CSS = """
    #help { width: 90; }
    #keys { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark", "close", "Close", key_display="Esc / F1 / ?",
                id="help.close", tooltip="Close the help"),
    ]  # fmt: skip

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static(
                Content.assemble(("Keys", "bold"), "  ↑ ↓ scroll · Esc closes · q quits"),
                classes="dialog-title",
            )
            yield DataTable(id="keys", cursor_type="none", show_header=False)

    def on_mount(self) -> None:
        from skillgap.tui.screens.quiz import QuizScreen

        table = self.query_one(DataTable)
        rows: list[tuple[str, str]] = []
        if isinstance(self.under, QuizScreen):
            rows += QUIZ_KEYS
        seen = {key for key, _ in rows}
        for binding in self._screen_bindings():
            key = binding.key_display or " / ".join(
                KEY_NAMES.get(k, k) for k in binding.key.split(",")
            )
            if key not in seen and (binding.tooltip or binding.description):
                seen.add(key)
                rows.append((key, binding.tooltip or binding.description))
        general = IN_A_DIALOG if isinstance(self.under, ModalScreen) else EVERYWHERE
        rows += [(key, text) for key, text in general if key not in seen]
        # The text column takes what the dialog leaves beside the keys and wraps, so nothing
        # is cut at 80 columns or fewer.
        keys = max(cell_len(key) for key, _ in rows)
        inner = min(90, self.app.size.width) - 2 - 4  # the dialog's border and padding
        table.add_column("key", width=keys)
        table.add_column("what it does", width=max(12, inner - keys - 4 - 2))  # cells, bar
        for key, text in rows:
            table.add_row(Text(key, style="bold"), Text(text), height=None)

    def on_resize(self, event: events.Resize) -> None:
        """The list fits the terminal, so it scrolls (↑ ↓, PgDn) rather than being cut off
        by the dialog: the terminal less the dialog's border, padding and title."""
        self.query_one(DataTable).styles.max_height = max(3, event.size.height - 2 - 2 - 3)

    def _screen_bindings(self) -> list[Binding]:
        return [
            binding
            for binding in type(self.under).BINDINGS
            if isinstance(binding, Binding) and not binding.system
        ]

    def action_close(self) -> None:
        self.dismiss()
