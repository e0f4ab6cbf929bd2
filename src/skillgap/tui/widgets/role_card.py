"""One role's fit at a glance: name, percent, a bar, the essentials met, "ready" or why not,
and for a Quick quiz how much of the role it assessed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from skillgap.core.model import Bank, RoleResult
from skillgap.core.wording import bar, percent
from skillgap.escape import one_line
from skillgap.export.words import coverage_text, essentials_text, not_ready_reasons
from skillgap.tui.format import line


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

    def __init__(
        self, role: RoleResult, bank: Bank | None, bar_width: int = 20, *, quick: bool = False
    ) -> None:
        super().__init__(self.render_role(role, bank, bar_width, quick), classes="role-card")
        self.border_title = line(role.name)
        self.set_class(role.ready, "-ready")

    @staticmethod
    def render_role(
        role: RoleResult, bank: Bank | None, bar_width: int, quick: bool = False
    ) -> Content:
        """ "68% fit ███░░", then "✗ not ready · essentials 0 of 5" and why not (the
        essentials missing, those not assessed, a fit below ready), then a Quick quiz's
        coverage: words, so colour is never the only signal."""
        essentials = essentials_text(role)
        reasons = not_ready_reasons(role, bank)
        return Content.assemble(
            (f"{percent(role.score):>4}", "bold"),
            " fit  ",
            (bar(role.score, bar_width), "$accent"),
            "\n",
            (
                "✓ ready" if role.coverage >= 1 - 1e-9 else "✓ ready on what was assessed",
                "bold $text-success",
            )
            if role.ready
            else ("✗ not ready", "bold $text-warning"),
            f" · {essentials}" if essentials else "",
            *(Content.styled(f"\n{one_line(reason)}", "$text-warning") for reason in reasons),
            ("\n" + coverage_text(role), "$text-muted") if quick else "",
        )
