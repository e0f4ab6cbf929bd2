"""Compare roles: how the roles differ (responsibilities, background, education, pay and
openings, each figure with its source, date and period; tables such as pay by city; the
sources' views, shown as theirs) and which answers matter to which role."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, HorizontalScroll, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from skillgap.core.model import Answers, MarketFigure, MarketTable, Role
from skillgap.escape import one_line
from skillgap.tui.base import NARROW_BREAKPOINTS, SkillgapScreen
from skillgap.tui.format import plain
from skillgap.tui.widgets.key_bar import KeyBar


def _bullets(items: tuple[str, ...]) -> Content:
    if not items:
        return Content("\u2013")
    return Content("\n").join(Content.assemble("• ", plain(item)) for item in items)


#: How a period is shown beside a value ("$133k a year") and above a run of figures.
PERIOD_SUFFIX = {"month": " a month", "year": " a year"}
PERIOD_GROUP = {
    "month": "Figures a month",
    "year": "Figures a year",
    "": "Other figures (no period)",
}


def _where(*parts: str) -> str:
    return ", ".join(one_line(x) for x in parts if x)


def _market(role: Role) -> Content:
    """A role's figures, grouped by period (a year, a month, none) under a label each, so a
    monthly figure never sits in one run with a yearly one. A source shared by figures in a
    row is named once, after them."""
    if not role.market:
        return Content("\u2013")
    groups: dict[str, list[MarketFigure]] = {}
    for figure in role.market:
        groups.setdefault(figure.period, []).append(figure)
    labelled = len(groups) > 1 or "" not in groups
    parts: list[Content] = []
    for period in ("year", "month", ""):
        figures = groups.get(period, [])
        if figures and labelled:
            parts.append(Content.styled(PERIOD_GROUP[period], "underline"))
        for i, figure in enumerate(figures):
            where = _where(figure.source, figure.date)
            parts.append(
                Content.assemble(
                    (one_line(figure.value) + PERIOD_SUFFIX.get(figure.period, ""), "bold"),
                    "  ",
                    plain(figure.label),
                )
            )
            following = figures[i + 1] if i + 1 < len(figures) else None
            if where and (following is None or _where(following.source, following.date) != where):
                parts.append(Content.styled("  " + where, "$text-muted"))
    return Content("\n").join(parts)


def _table(table: MarketTable) -> Content:
    """A table as aligned text: the first column to the left, the figures to the right."""
    rows = [tuple(one_line(c) for c in table.columns)]
    rows += [tuple(one_line(c) for c in row) for row in table.rows]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: tuple[str, ...], style: str = "") -> Content:
        cells: list[Content] = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (width - cell_len(cell))
            cells.append(Content.styled(cell + pad if i == 0 else pad + cell, style))
        return Content("  ").join(cells)

    rule = Content.styled("  ".join("\u2500" * w for w in widths), "$text-muted")
    return Content("\n").join([line(rows[0], "bold"), rule, *(line(r) for r in rows[1:])])


def _view_sources(roles: tuple[Role, ...]) -> list[str]:
    """The sources of every view, each once, in order."""
    return list(dict.fromkeys(_where(v.source, v.date) for role in roles for v in role.views))


def _views(role: Role, named: bool) -> Content:
    """A role's views: each source's reading of the market, drivers and advice. `named`:
    say whose view each is (the heading names the one source otherwise)."""
    if not role.views:
        return Content("\u2013")
    parts: list[Content] = []
    for view in role.views:
        if named:
            parts.append(Content.styled(f"In {_where(view.source, view.date)}:", "$text-muted"))
        for title, items in (
            ("The job market", view.market),
            ("What makes employers hire it", view.drivers),
            ("Its advice", view.advice),
        ):
            if items:
                parts.append(Content.styled(title, "underline"))
                parts.append(_bullets(items))
    return Content("\n").join(parts)


TOPICS: tuple[tuple[str, Callable[[Role], Content]], ...] = (
    ("In short", lambda role: plain(role.summary) if role.summary else Content("\u2013")),
    ("Responsibilities", lambda role: _bullets(role.responsibilities)),
    ("Background", lambda role: _bullets(role.background)),
    ("Education", lambda role: _bullets(role.education)),
    ("Pay and openings (context, not advice)", _market),
)


def _cell(role: Role, content: Content, classes: str = "") -> Static:
    """One role's part of a topic, named on its border when the roles are stacked."""
    cell = Static(content, classes=f"role-cell {classes}".strip())
    cell.border_title = Content(one_line(role.name))
    return cell


class TableScroll(HorizontalScroll):
    """Holds a table wider than the screen; a tab stop only when there is something to scroll."""

    def allow_focus(self) -> bool:
        return self.max_scroll_x > 0


class RolesScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #roles { padding: 1 2; }
    .role-row { height: auto; }
    .role-cell { width: 1fr; padding: 0 2 0 0; }
    .role-names .role-cell { color: $text-primary; border-bottom: solid $primary; }
    RolesScreen.-narrow .role-row { layout: vertical; }
    /* Stacked, each role's part is named on its own top border; the names row would repeat. */
    RolesScreen.-narrow .role-names { display: none; }
    RolesScreen.-narrow .role-row .role-cell { border-top: solid $primary; }
    #matters { height: auto; margin: 1 0 0 0; }
    .table-scroll { height: auto; }
    .market-table { width: auto; }
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
                        yield _cell(role, render(role))
            yield from self._tables(roles)
            sources = _view_sources(roles)
            if sources:
                one = len(sources) == 1
                title = "The article's view" if one else "The sources' views"
                yield Static(Content.styled(title, "bold"), classes="heading2")
                yield Static(
                    Content.assemble(
                        f"{'Its' if one else 'Their'} opinion, not skillgap's advice",
                        f": {sources[0]}" if one else "",
                    ),
                    classes="dim",
                )
                with Horizontal(classes="role-row"):
                    for role in roles:
                        yield _cell(role, _views(role, named=not one), "views")
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

    def _tables(self, roles: tuple[Role, ...]) -> ComposeResult:
        """Each role's tables across the whole width: a city table does not fit in half."""
        for role in roles:
            for table in role.tables:
                period = PERIOD_SUFFIX.get(table.period, "").strip()
                yield Static(Content.styled(one_line(table.title), "bold"), classes="heading2")
                yield Static(
                    Content(
                        f"{one_line(role.name)} \u00b7 "
                        + (f"every figure {period} \u00b7 " if period else "")
                        + "context, not advice"
                    ),
                    classes="dim",
                )
                with TableScroll(classes="table-scroll"):
                    yield Static(_table(table), classes="market-table")
                if table.note:
                    yield Static(plain(table.note))
                where = _where(table.source, table.date)
                if where:
                    yield Static(Content.styled(where, "$text-muted"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        roles = self.bank.roles
        rows = self._matters_rows()
        names = [Text(one_line(role.name)) for role in roles]
        you = self.answers is not None
        # Every column but the question's as wide as its widest cell; the question's takes what
        # is left of the terminal and wraps, so the roles' columns are never cut (80 columns).
        widths = [
            max(cell_len(str(row[i])) for row in [names, *[r[1 + you :] for r in rows]])
            for i in range(len(roles))
        ]
        others = sum(w + 2 for w in widths) + (3 + 2 if you else 0)
        # The page's padding and scroll bar, the table's own scroll bar, the cells' padding.
        room = max(16, self.app.size.width - 4 - 2 - 2 - 2 - others)
        longest = max((cell_len(str(r[0])) for r in rows), default=0)
        table.add_column("Question", width=None if longest <= room else room)
        if you:
            table.add_column("You")
        for name, width in zip(names, widths, strict=True):
            table.add_column(name, width=width)
        for cells in rows:
            table.add_row(*cells, height=None if longest > room else 1)

    def _matters_rows(self) -> list[list[Text]]:
        """A row per question that counts in a role: its title, "You", each role's target."""
        roles = self.bank.roles
        rows: list[list[Text]] = []
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
                rows.append(cells)
        return rows

    def action_close(self) -> None:
        self.dismiss()
