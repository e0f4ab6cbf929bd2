"""Compare roles shows the article's whole city table, every figure's period and the article's
view, named as its opinion; all of it read from the screen as a person would see it."""

from __future__ import annotations

import re
from typing import Any

from textual.app import App

from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.roles import RolesScreen
from tests.conftest import BUNDLED_BANK, BankWriter

ARTICLE = 'boot.dev, "4 Key Differences Between DevOps and DevSecOps", 2023-01'


def screen_lines(app: App[Any]) -> list[str]:
    """Every row of the terminal as drawn, right-trimmed."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


def squeezed(lines: list[str]) -> str:
    """The screen as one line of words: text wrapped across rows or columns still reads."""
    return " ".join(" ".join(lines).split())


class Seen:
    """Compare roles as drawn: every row of the terminal, and each role's column of a topic
    read from its own part of the screen (two columns side by side read one at a time)."""

    def __init__(self, app: App[Any]) -> None:
        self.lines = screen_lines(app)
        self.cells: list[str] = []
        for cell in app.screen.query(".role-cell"):
            region = cell.region
            rows = self.lines[region.y : region.y + region.height]
            self.cells.append(squeezed([r[region.x : region.right] for r in rows]))

    @property
    def text(self) -> str:
        return squeezed(self.lines)

    def cell(self, *words: str) -> str:
        """The one column of a topic that holds every word in `words`."""
        (found,) = [c for c in self.cells if all(w in c for w in words)]
        return found


async def open_roles(app: SkillgapApp, size: tuple[int, int]) -> Seen:
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, RolesScreen)
        return Seen(app)


async def test_the_city_table_fits_80_columns_with_every_figure(store: Store) -> None:
    # Tall enough to show the whole comparison without scrolling; 80 columns, as a terminal.
    seen = await open_roles(SkillgapApp(load_bank(BUNDLED_BANK), store), (80, 230))
    lines = seen.lines
    assert all(len(line) <= 80 for line in lines)
    rows = {
        "San Francisco": "12,169.50 7,747 2,995 1,369.40 3,382.60",
        "Boston": "11,682.75 7,941 3,070 1,212.40 3,658.60",
        "Houston, TX": "11,159.75 8,141 1,303 962.50 5,875.50",
        "New York, NY": "11,113.83 7,092 3,680 1,437.10 1,974.90",
        "Dallas, TX": "10,566.83 7,736 1,450 1,103.90 5,182.10",
    }
    for city, figures in rows.items():
        # Each city on one row of the screen, its five figures beside it: never cut off.
        (row,) = [line for line in lines if line.strip().startswith(city + " ")]
        assert " ".join(row.split()) == f"{city} {figures}"
    (header,) = [line for line in lines if line.strip().startswith("City ")]
    assert header.split() == ["City", "Salary", "After", "tax", "1-bed", "rent", "Living",
                              "costs", "Take-home"]  # fmt: skip
    text = seen.text
    assert "DevOps engineer · every figure a month · context, not advice" in text
    assert "average rent of a one-bedroom home" in text


async def test_every_pay_figure_says_a_year_or_a_month(store: Store) -> None:
    seen = await open_roles(SkillgapApp(load_bank(BUNDLED_BANK), store), (80, 230))
    devops = seen.cell("$133k a year DevOps engineer salary")
    devsecops = seen.cell("$150k-$200k a year")
    for pay in ("$137k a year Median", "$93k a year DevOps"):
        assert pay in devops, pay
    for pay in ("$113k-$143k a year", "$114k-$145k a year"):
        assert pay in devsecops, pay
    for column, openings in ((devops, ("164k", "8,642", "4,335")),
                             (devsecops, ("14k", "8,644", "4,318"))):  # fmt: skip
        # Yearly pay first under its label, then the counts of openings under theirs.
        year, other = column.index("Figures a year"), column.index("Other figures (no period)")
        assert year < other
        for count in openings:
            assert column.index(f"{count} Job openings on") > other, count
        # No monthly salary among them: monthly pay is only in the city table.
        assert not re.search(r"\$1[0-2],\d{3}\.\d\d", column)
        assert "2023-01" in column


async def test_the_articles_view_is_named_as_its_opinion(store: Store) -> None:
    seen = await open_roles(SkillgapApp(load_bank(BUNDLED_BANK), store), (80, 230))
    text = seen.text
    view_at = text.index("The article's view")
    assert text.startswith(
        f"The article's view Its opinion, not skillgap's advice: {ARTICLE}", view_at
    )
    devops = seen.cell("The job market", "regulations and governance")
    devsecops = seen.cell("The job market", "negotiate better pay")
    for said in ("high demand", "ten times", "Indeed and Glassdoor", "faster"):
        assert said in devops, said
    for said in ("fewer openings", "faster", "both roles at once", "newer", "security clearance",
                 "government", "exposed to attack", "negotiate better pay"):  # fmt: skip
        assert said in devsecops, said
    assert "What makes employers hire it" in devsecops and "Its advice" in devsecops
    assert "Its advice" in devops


async def test_it_reads_at_160x50_too(store: Store) -> None:
    seen = await open_roles(SkillgapApp(load_bank(BUNDLED_BANK), store), (160, 50))
    assert all(len(line) <= 160 for line in seen.lines)
    assert "Figures a year" in seen.text


async def test_a_banks_table_and_view_text_is_never_markup(
    bank_writer: BankWriter, store: Store
) -> None:
    bank_writer.write(
        "roles/10-ops.yaml",
        """\
        role:
          id: ops
          name: Ops
          tables:
            - title: "[red]Pay[/red] by city"
              period: month
              columns: ["[b]City", Pay]
              rows: [["Here\\x1b[31m", "[link=x]1[/link]"]]
              note: "[i]note"
          views:
            - source: "[bold]Someone"
              date: "2023"
              advice: ["Do [u]this"]
        requirements:
          linux: {target: 3, weight: 1}
        """,
    )
    seen = await open_roles(SkillgapApp(load_bank(bank_writer.root), store), (100, 60))
    text, lines = seen.text, seen.lines
    for literal in ("[red]Pay[/red] by city", "[b]City", "[link=x]1[/link]", "[i]note",
                    "[bold]Someone, 2023", "Do [u]this"):  # fmt: skip
        assert literal in text, literal
    assert "\x1b" not in "".join(lines)
    assert "The article's view" in text  # one source: its view, named


async def test_which_answers_matter_fits_80_columns_with_you(store: Store) -> None:
    """The roles' columns are never cut: the question's column wraps instead."""
    from textual.widgets import DataTable

    from tests.tui.conftest import save_report

    bank = load_bank(BUNDLED_BANK)
    save_report(store, bank, {qid: 2 for qid in ("linux-admin", "docker", "kubernetes")})
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        matters = app.screen.query_one("#matters", DataTable)
        assert [str(c.label) for c in matters.ordered_columns][1] == "You"
        assert matters.virtual_size.width <= matters.scrollable_content_region.width
        assert matters.region.right <= 80
