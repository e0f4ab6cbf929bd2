"""Aim: the role Learn next and the plan rank for, or both; remembered. `a` opens it anywhere
(the App's action_aim), so there is one chooser, not one per screen."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from skillgap.escape import one_line
from skillgap.tui.base import DIALOG_HELP, SkillgapModal
from skillgap.tui.widgets.pointer import PointerOptionList

#: The option of "both roles" (a role's own id is never empty).
BOTH = ""


def _digit_bindings() -> list[BindingType]:
    return [
        Binding(str(d), f"pick({d})", show=False, id=f"aim.digit{d}", system=True)
        for d in range(1, 10)
    ]


class AimModal(SkillgapModal[bool]):
    """Dismissed with True when the aim was saved (even to what it was), else False."""

    DEFAULT_CSS = """
    #aim { width: 76; }
    #aim-list { height: auto; max-height: 12; margin: 0 0 1 0; border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="aim.close", tooltip="Keep the aim as it is"),
        DIALOG_HELP,
        *_digit_bindings(),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="aim"):
            yield Static(
                Content.assemble(("Aim for", "bold"), "  Enter or a digit chooses · Esc cancels"),
                classes="dialog-title",
            )
            # The choices first: in a short terminal they are what must show.
            yield PointerOptionList(id="aim-list")
            yield Static(
                Content(
                    "Learn next and the plan put this role's steps first; "
                    "every role's fit is shown either way."
                ),
                classes="dim",
            )

    def on_mount(self) -> None:
        from skillgap.app.settings import target_role

        bank, store = self.skillgap.bank, self.skillgap.store
        now = target_role(store, bank) or BOTH
        choices = [(BOTH, "Both roles", "Learn next counts every role alike")]
        choices += [(role.id, one_line(role.name), "") for role in bank.roles]
        menu = self.query_one("#aim-list", OptionList)
        for number, (role_id, name, detail) in enumerate(choices, 1):
            mark = "● now" if role_id == now else ""
            menu.add_option(
                Option(
                    Content.assemble(
                        f"{number}. ",
                        (name, "bold"),
                        (f"  {detail}" if detail else "", "$text-muted"),
                        (f"  {mark}" if mark else "", "bold"),
                    ),
                    id=f"role:{role_id}",
                )
            )
        menu.highlighted = [c[0] for c in choices].index(now)
        menu.focus()

    @on(OptionList.OptionSelected, "#aim-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose((event.option_id or "role:").removeprefix("role:"))

    def action_pick(self, number: int) -> None:
        menu = self.query_one("#aim-list", OptionList)
        if 1 <= number <= menu.option_count:
            self._choose((menu.get_option_at_index(number - 1).id or "role:")[5:])

    def _choose(self, role_id: str) -> None:
        from skillgap.app.settings import save_target_role
        from skillgap.store import StoreError

        try:
            save_target_role(self.skillgap.store, role_id or None)
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
