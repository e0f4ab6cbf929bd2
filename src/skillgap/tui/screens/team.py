"""Team: a skills matrix from a folder of exported reports (issue 19), the TUI face of
`skillgap team`. A path field (a folder or files, separated by spaces; the working folder by
default), then: the matrix of skills by people, each cell the level as a symbol on its colour
(readable without colour), rows most needed by the role aimed for first (or by both), the skill
names in a fixed first column while the people scroll sideways; the bus factor; mentors per
skill; each person's fit per role; the notes and each bad file in one line.

Everything is read and computed by app/team.py and core/team.py; this screen only shows it.
Nothing is written to the store (the role aimed for is read, as the rest of the app reads it).
Names, titles, paths and messages come from outside: every one goes through `skillgap.escape`.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import line
from skillgap.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from skillgap.app.team import TeamFiles
    from skillgap.core.team import Team

#: The skill column's width, and a person column's (a longer name is cut with an ellipsis).
SKILL_WIDTH = 26
PERSON_WIDTH = 9
#: People named in one line of mentors.
MENTORS_SHOWN = 6
#: The ink on every level's colour: the colours are light, as on the HTML page, in both themes.
INK = "#1d2330"


def level_cell(level: int | None) -> Text:
    """A level as its symbol on its colour (export.team's, the same as the HTML page's)."""
    from skillgap.export.team import LEVEL_COLOURS, LEVEL_SYMBOLS, NOT_ASSESSED

    if level is None:
        return Text(NOT_ASSESSED, justify="center", style="italic")
    lv = level if 0 <= level < len(LEVEL_SYMBOLS) else 0
    return Text(
        f" {LEVEL_SYMBOLS[lv]} ", justify="center", style=f"bold {INK} on {LEVEL_COLOURS[lv]}"
    )


def legend() -> Content:
    from skillgap.export.team import LEVEL_COLOURS, LEVEL_SYMBOLS, NOT_ASSESSED

    words = ("none", "aware", "practised", "independent", "expert")
    parts: list[Content | str | tuple[str, str]] = []
    for i, word in enumerate(words):
        parts += [(f" {LEVEL_SYMBOLS[i]} ", f"bold {INK} on {LEVEL_COLOURS[i]}"), f" {word} "]
    parts.append(f"{NOT_ASSESSED} not assessed")
    return Content.assemble(*parts)


class TeamScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #team { padding: 0 1; }
    #team-path { margin: 1 0 0 0; }
    #team-said, #team-bad, #team-notes, .team-list { height: auto; }
    #team-bad { color: $text-warning; }
    #team-bad { text-wrap: nowrap; text-overflow: ellipsis; }
    #team-notes { margin: 1 0 0 0; }
    #matrix { height: auto; max-height: 16; margin: 1 0 0 0; }
    #team-legend { height: auto; }
    """
    AUTO_FOCUS = "#team-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open", id="team.open",
                tooltip="Type another folder or files of exported reports to read"),
        Binding("m", "anonymous", "Mask names", id="team.anonymous",
                tooltip='Names as "person 1" to "person n" everywhere on this screen, or back'),
        Binding("escape", "close", "Back", id="team.back",
                tooltip="Leave the path as it was, else back one screen"),
    ]  # fmt: skip

    def __init__(self, path: str = ".") -> None:
        super().__init__()
        self.path = path
        self.anonymous = False
        self.files: TeamFiles | None = None
        self.team: Team | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="team"):
            yield Static(
                Content.assemble(("Team", "bold"), "  a skills matrix from exported reports"),
                id="team-title",
                classes="heading",
            )
            field = Input(
                value=self.path,
                placeholder="a folder or files of exported reports (Enter reads them)",
                id="team-path",
            )
            field.cursor_blink = self.skillgap.CURSOR_BLINK
            field.border_title = "Reports: a folder or files · Enter reads · Esc back"
            yield field
            yield Static(
                Content(
                    "Each person exports a report (skillgap report export ID -o NAME.json); "
                    "nothing here is saved."
                ),
                id="team-said",
                classes="dim",
            )
            yield Static(id="team-bad")
            yield Static(id="team-legend")
            yield DataTable(id="matrix", cursor_type="cell", fixed_columns=1, zebra_stripes=False)
            yield Static(classes="heading2", id="bus-heading")
            yield Static(id="bus", classes="team-list")
            yield Static(classes="heading2", id="mentors-heading")
            yield Static(id="mentors", classes="team-list")
            yield Static(classes="heading2", id="fits-heading")
            yield Static(id="fits", classes="team-list")
            yield Static(id="team-notes", classes="dim")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    # -- reading ----------------------------------------------------------------------------

    @on(Input.Submitted, "#team-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.read(event.value)

    def read(self, text: str) -> None:
        """Read the reports at `text` (paths separated by spaces, quoted as in a shell)."""
        from skillgap.app.team import read_team

        try:
            given = shlex.split(text) if text.strip() else ["."]
        except ValueError:
            given = [text]
        self.path = text
        self.files = read_team(given, self.bank)
        self._build()
        self._show()
        if self.team is not None and self.team.members:
            table = self.query_one("#matrix", DataTable)
            table.focus()
            self.call_after_refresh(table.scroll_visible, animate=False)

    def _build(self) -> None:
        from skillgap.app.settings import target_role
        from skillgap.core.team import build_team

        if self.files is None or not self.files.members:
            self.team = None
            return
        role = target_role(self.store, self.bank)
        self.team = build_team(self.bank, self.files.members, role, anonymous=self.anonymous)

    # -- showing ----------------------------------------------------------------------------

    def _show(self) -> None:
        from skillgap.app.team import team_notes

        files, team = self.files, self.team
        said = self.query_one("#team-said", Static)
        bad = self.query_one("#team-bad", Static)
        notes = self.query_one("#team-notes", Static)
        if files is not None:
            people = len(team.members) if team else 0
            masked = " · names masked (m)" if self.anonymous else " · m masks the names"
            said.update(
                line(
                    f"{files.files} file(s) read: {len(files.members)} report(s),"
                    f" {people} people, {len(files.bad)} bad file(s){masked}"
                )
            )
        shown_bad = [f"✗ {one_line(b.message)}" for b in files.bad] if files else []
        bad.update(Content("\n".join(shown_bad)))
        bad.display = bool(shown_bad)
        note_lines = team_notes(team) if team else []
        notes.update(Content("\n".join(f"· {one_line(n)}" for n in note_lines)))
        notes.display = bool(note_lines)
        has_team = team is not None
        for widget_id in (
            "#team-legend", "#matrix", "#bus-heading", "#bus", "#mentors-heading", "#mentors",
            "#fits-heading", "#fits",
        ):  # fmt: skip
            self.query_one(widget_id).display = has_team
        if files is not None and team is None:
            said.update(
                line(
                    f"No report to show from {self.path or '.'}: give a folder of exported JSON"
                    " reports, or files (o types another)"
                )
            )
        if team is None:
            return
        self.query_one("#team-legend", Static).update(legend())
        self._matrix(team)
        self._lists(team)

    def _matrix(self, team: Team) -> None:
        from skillgap.app.team import level_of, rows_by_need

        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        # Narrow terminals keep room for people beside the names: at 40 columns, two.
        width = max(12, min(SKILL_WIDTH, self.size.width - 2 * (PERSON_WIDTH + 2) - 8))
        heading = "Skill (most needed first)" if width >= SKILL_WIDTH else "Skill"
        table.add_column(Text(heading), width=width, key="skill")
        for i, member in enumerate(team.members):
            table.add_column(
                Text(_cut(one_line(member.label), PERSON_WIDTH)), width=PERSON_WIDTH, key=f"p{i}"
            )
        for q in rows_by_need(team, self.bank):
            title = Text(_cut(one_line(q.title), width))
            table.add_row(title, *(level_cell(level_of(m, q.id)) for m in team.members), key=q.id)

    def _lists(self, team: Team) -> None:
        from skillgap.app.team import rows_by_need
        from skillgap.export.team import met_by_text, names

        role_names = {r.id: r.name for r in team.roles}
        aim = role_names.get(team.target_role or "", "")
        self.query_one("#bus-heading", Static).update(
            Content(f"Bus factor: met by one person or by no one{f' ({aim})' if aim else ''}")
        )
        bus = [
            f"{'✗' if not b.met_by else '!'} {one_line(role_names.get(b.role_id, b.role_id))}:"
            f" {one_line(b.title)} (target {b.target}{', essential' if b.essential else ''})"
            f" — {one_line(met_by_text(b.met_by))}"
            for b in team.bus_factor
        ]
        self.query_one("#bus", Static).update(
            Content("\n".join(bus) or "Every requirement is met by two people or more.")
        )
        self.query_one("#mentors-heading", Static).update(
            Content("Mentors per skill (level 3 or more, above a teammate who lacks it)")
        )
        mentors = [
            f"{one_line(q.title)}: {one_line(names(q.mentors, MENTORS_SHOWN))}"
            for q in rows_by_need(team, self.bank)
            if q.mentors
        ]
        self.query_one("#mentors", Static).update(
            Content("\n".join(mentors) or "No one stands at 3 or more above a teammate.")
        )
        self.query_one("#fits-heading", Static).update(Content("Each person's fit per role"))
        fits = []
        for r in team.roles:
            fits.append(
                f"{one_line(r.name)}: min {r.low:.0f}% · median {r.middle:.0f}% ·"
                f" max {r.high:.0f}% · {r.ready} of {len(r.people)} ready"
            )
            fits += [
                f"  {one_line(p.person)}: {p.fit:.0f}%{' ✓ ready' if p.ready else ''}"
                f" (essentials {p.essentials[0]}/{p.essentials[1]})"
                for p in sorted(r.people, key=lambda p: (-p.fit, p.person.casefold()))
            ]
        self.query_one("#fits", Static).update(Content("\n".join(fits)))

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "anonymous":
            return self.files is not None and bool(self.files.members)
        return True

    def action_open(self) -> None:
        field = self.query_one("#team-path", Input)
        field.focus()

    def action_anonymous(self) -> None:
        """m: names as "person 1..n" (the same team, built again from what was read)."""
        if self.files is None or not self.files.members:
            return
        self.anonymous = not self.anonymous
        self._build()
        self._show()

    def action_close(self) -> None:
        """Esc: while the path is being typed over a team shown, leave it; else back."""
        field = self.query_one("#team-path", Input)
        if field.has_focus and self.team is not None:
            field.value = self.path
            self.query_one("#matrix", DataTable).focus()
            return
        self.dismiss()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
