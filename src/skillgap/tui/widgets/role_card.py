"""One role's fit at a glance: name, percent, a bar, and "ready" or what is missing."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from skillgap.core.model import Bank, RoleResult
from skillgap.core.wording import bar, percent
from skillgap.tui.format import line, role_status


class RoleCard(Static):
    DEFAULT_CSS = """
    RoleCard {
        border: round $primary;
        padding: 0 1;
        height: auto;
        width: 1fr;
        &.-ready { border: round $success; }
    }
    """

    def __init__(self, role: RoleResult, bank: Bank | None, bar_width: int = 20) -> None:
        super().__init__(self.render_role(role, bank, bar_width), classes="role-card")
        self.border_title = line(role.name)
        self.set_class(role.ready, "-ready")

    @staticmethod
    def render_role(role: RoleResult, bank: Bank | None, bar_width: int) -> Content:
        status = role_status(role, bank)
        return Content.assemble(
            (f"{percent(role.score):>4}", "bold"),
            " fit  ",
            (bar(role.score, bar_width), "$accent"),
            "\n",
            (status, "$text-success" if role.ready else "$text-warning"),
        )
