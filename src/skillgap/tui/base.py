"""What every skillgap screen shares: typed access to the App (and so to the bank and store)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding
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
