"""Compare roles: how the roles differ (responsibilities, background, education, pay and
openings, each figure with its source and date) and which answers matter to which role."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from skillgap.core.model import Answers, Role
from skillgap.escape import one_line
from skillgap.tui.base import NARROW_BREAKPOINTS, SkillgapScreen
from skillgap.tui.format import plain
from skillgap.tui.widgets.key_bar import KeyBar


def _bullets(items: tuple[str, ...]) -> Content:
    if not items:
        return Content("\u2013")
    return Content("\n").join(Content.assemble("• ", plain(item)) for item in items)


def _market(role: Role) -> Content:
    if not role.market:
        return Content("\u2013")
    parts: list[Content] = []
    for figure in role.market:
        where = ", ".join(one_line(x) for x in (figure.source, figure.date) if x)
        parts.append(
            Content.assemble(
                (one_line(figure.value), "bold"),
                "  ",
                plain(figure.label),
                ("\n  " + where, "$text-muted") if where else "",
            )
        )
    return Content("\n").join(parts)


TOPICS: tuple[tuple[str, Callable[[Role], Content]], ...] = (
    ("In short", lambda role: plain(role.summary) if role.summary else Content("\u2013")),
    ("Responsibilities", lambda role: _bullets(role.responsibilities)),
    ("Background", lambda role: _bullets(role.background)),
    ("Education", lambda role: _bullets(role.education)),
    ("Pay and openings (context, not advice)", _market),
)


class RolesScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #roles { padding: 1 2; }
    .role-row { height: auto; }
    .role-cell { width: 1fr; padding: 0 2 0 0; }
    .role-names .role-cell { color: $text-primary; border-bottom: solid $primary; }
    RolesScreen.-narrow .role-row { layout: vertical; }
    #matters { height: auto; margin: 1 0 0 0; }
    """
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="roles.back", tooltip="Close the comparison"),
    ]

    def __init__(self, answers: Answers | None) -> None:
        super().__init__()
        self.answers = answers

    def compose(self) -> ComposeResult:
        roles = self.bank.roles
        with VerticalScroll(id="roles"):
            yield Static(Content.assemble(("Compare roles", "bold")), classes="heading")
            with Horizontal(classes="role-row role-names"):
                for role in roles:
                    yield Static(Content.styled(one_line(role.name), "bold"), classes="role-cell")
            for title, render in TOPICS:
                yield Static(Content.styled(title, "bold"), classes="heading2")
                with Horizontal(classes="role-row"):
                    for role in roles:
                        yield Static(render(role), classes="role-cell")
            yield Static(
                Content.styled("Which of your answers matter to which role", "bold"),
                classes="heading2",
            )
            yield Static(
                Content(
                    "Target level per role (★ essential: not ready without it; "
                    "\u00d7N its weight). "
                    + (
                        '"You" is your level in the latest result; ✓ it meets the target.'
                        if self.answers is not None
                        else "Finish a quiz to see your own levels here."
                    )
                ),
                classes="dim",
            )
            yield DataTable(id="matters", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        roles = self.bank.roles
        table.add_column("Question")
        if self.answers is not None:
            table.add_column("You")
        for role in roles:
            table.add_column(Text(one_line(role.name)))
        # A group's members share its requirement (marked "any of"); met by its best member.
        targets = [role.requirement_by_question for role in roles]
        for section in self.bank.sections:
            for qid in section.question_ids:
                if not any(qid in t for t in targets):
                    continue
                cells: list[Text] = [Text(one_line(self.bank.questions[qid].title))]
                if self.answers is not None:
                    cells.append(Text(str(self.answers.level(qid))))
                for by_id in targets:
                    req = by_id.get(qid)
                    if req is None:
                        cells.append(Text("\u2013", style="dim"))
                        continue
                    levels = self.answers.by_question if self.answers is not None else {}
                    met = (
                        self.answers is not None
                        and req.level({q: a.level for q, a in levels.items()}) >= req.target
                    )
                    any_of = " any of" if req.any_of else ""
                    cells.append(
                        Text(
                            f"{req.target}{'★' if req.essential else ' '} \u00d7{req.weight:g}"
                            f"{any_of}{' ✓' if met else ''}"
                        )
                    )
                table.add_row(*cells)

    def action_close(self) -> None:
        self.dismiss()
