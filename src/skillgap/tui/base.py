"""What every skillgap screen shares: typed access to the App (and so to the bank and store)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from skillgap.core.model import Bank
    from skillgap.store import Store
    from skillgap.tui.app import SkillgapApp

ResultT = TypeVar("ResultT")

#: A dialog stops the App's own bindings (Textual ends the binding chain at a modal screen),
#: so each dialog binds F1 itself: help works everywhere. Not `?`, which a text field types.
DIALOG_HELP = Binding(
    "f1", "app.help", "Help", show=False, system=True, id="dialog.help",
    tooltip="Show the keys of this dialog",
)  # fmt: skip


#: What a dialog shares with the App's keys (docs/keys.md): q quits (a text field types it
#: instead), j and k move where the arrows do. The App's other letters open screens, which a
#: dialog does not do: close it first.
DIALOG_KEYS: list[BindingType] = [
    Binding("q", "app.quit", "Quit", show=False, id="dialog.quit",
            tooltip="Quit skillgap (a quiz in progress is kept to resume)"),
    Binding("j", "app.move('down')", "Down", show=False, id="dialog.down",
            tooltip="Down, as the down arrow"),
    Binding("k", "app.move('up')", "Up", show=False, id="dialog.up",
            tooltip="Up, as the up arrow"),
]  # fmt: skip


def page_of(screen: Screen[object]) -> ScrollableContainer | None:
    """The part of a screen that PageUp, PageDown, Home and End scroll: its first scrolling
    container (every screen holds its page in one), or None when there is none."""
    for child in screen.children:
        if isinstance(child, ScrollableContainer):
            return child
    return None


#: For the screens whose layout changes in a narrow terminal: below 64 columns they carry the
#: class -narrow. Only they declare it, since a class change restyles the whole screen.
NARROW_BREAKPOINTS = [(0, "-narrow"), (64, "-normal")]


class SkillgapScreen(Screen[ResultT]):
    @property
    def skillgap(self) -> SkillgapApp:
        return cast("SkillgapApp", self.app)

    @property
    def bank(self) -> Bank:
        return self.skillgap.bank

    @property
    def store(self) -> Store:
        return self.skillgap.store


class SkillgapModal(ModalScreen[ResultT]):
    #: Merged into every dialog's own BINDINGS (Textual merges a class's with its bases').
    BINDINGS: ClassVar[list[BindingType]] = DIALOG_KEYS
    DEFAULT_CSS = """
    SkillgapModal { align: center middle; }
    .dialog {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    .dialog-title { text-style: bold; margin: 0 0 1 0; }
    .dialog .buttons { height: auto; margin: 1 0 0 0; align: right middle; }
    .dialog .buttons Button { margin: 0 0 0 1; }
    .dialog Input { margin: 1 0 0 0; }
    """

    @property
    def skillgap(self) -> SkillgapApp:
        return cast("SkillgapApp", self.app)
