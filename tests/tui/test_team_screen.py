"""The Team screen (issue 19): a folder of exported reports as a skills matrix, bad files said
one line each, names masked; and the name reports carry: asked once when the first quiz
finishes, shown on Results and changed in Settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from skillgap.app.settings import person_name, person_name_asked, save_person_name
from skillgap.core.model import Bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.name import NameModal
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.settings import SettingsModal
from skillgap.tui.screens.team import TeamScreen
from skillgap.tui.screens.welcome import WelcomeScreen
from tests.tui.conftest import FIRST, answers_for

MakeApp = Callable[..., SkillgapApp]
TEAM = Path(__file__).parent.parent / "data" / "team"
PEOPLE = TEAM / "people"
BAD = TEAM / "bad"


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def open_team(pilot, paths: str) -> TeamScreen:  # type: ignore[no-untyped-def]
    await pilot.press("t")
    screen = pilot.app.screen
    assert isinstance(screen, TeamScreen)
    field = screen.query_one("#team-path", Input)
    assert field.has_focus and field.value == "."  # the working folder by default
    field.value = paths
    await pilot.press("enter")
    await pilot.pause()
    return screen


def column_labels(table: DataTable[object]) -> list[str]:
    return [str(c.label) for c in table.ordered_columns]


async def test_a_folder_opens_as_a_matrix(make_app: MakeApp, store: Store) -> None:
    app = make_app()
    before = store.count_reports()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_team(pilot, str(PEOPLE))
        assert screen.team is not None and len(screen.team.members) == 5
        table = screen.query_one("#matrix", DataTable)
        assert table.has_focus and table.fixed_columns == 1
        assert column_labels(table)[:3] == ["Skill (most needed first)", "Ada", "Bo"]
        assert table.row_count == len(app.bank.questions)
        # rows most needed first: the first row is a question both roles weigh most
        first = str(table.get_row_at(0)[0])
        assert first == "Linux"
        ada = str(table.get_row_at(0)[1]).strip()
        assert ada == "4"  # a symbol, not colour alone
        assert "only Ada" in text(screen, "#bus")
        assert "Linux: Ada (4)" in text(screen, "#mentors")
        assert "Ops engineer: min" in text(screen, "#fits")
        assert "older report (ada-older.json) left out" in text(screen, "#team-notes")
        assert not screen.query_one("#team-bad").display
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
    assert store.count_reports() == before  # nothing saved


async def test_bad_files_are_said_one_line_each(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot, f"{PEOPLE} {BAD} {TEAM / 'missing.json'}")
        assert screen.team is not None and len(screen.team.members) == 5
        bad = text(screen, "#team-bad").splitlines()
        assert len(bad) == 4
        assert any("cut-short.json" in b for b in bad)
        assert any("other-kind.json" in b for b in bad)
        assert any("missing.json: no such file" in b for b in bad)
        assert "4 bad file(s)" in text(screen, "#team-said")


async def test_only_bad_files_show_no_matrix(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_team(pilot, str(BAD))
        assert screen.team is None
        assert not screen.query_one("#matrix").display
        assert "No report to show" in text(screen, "#team-said")
        assert len(text(screen, "#team-bad").splitlines()) == 3


async def test_m_masks_the_names_everywhere(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot, str(PEOPLE))
        await pilot.press("m")
        table = screen.query_one("#matrix", DataTable)
        assert column_labels(table)[1:] == [f"person {i}" for i in range(1, 6)]
        shown = "\n".join(text(screen, s) for s in ("#bus", "#mentors", "#fits", "#team-notes"))
        for name in ("Ada", "Bo", "Cy", "Dee", "unnamed"):
            assert name not in shown
        assert "person 1" in shown
        await pilot.press("m")
        assert column_labels(table)[1] == "Ada"


async def test_team_is_on_the_welcome_menu_and_in_the_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Team" in titles
        menu = app.screen.query_one("#menu")
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]  # type: ignore[attr-defined]
        assert "team" in ids
        await pilot.press("t")
        assert isinstance(app.screen, TeamScreen)


# -- the name a report carries ------------------------------------------------------------


async def finish_quick_quiz(pilot, again: bool = False) -> None:  # type: ignore[no-untyped-def]
    for key in ("1", "2", "3", "1", "f") if again else ("1", "3", "1", "f"):
        await pilot.press(key)
    await pilot.pause()


async def test_the_name_is_asked_once_then_never(
    make_app: MakeApp, store: Store, name_unasked: None
) -> None:
    assert not person_name_asked(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_quick_quiz(pilot)
        assert isinstance(app.screen, NameModal)
        assert store.count_reports() == 0  # asked before the report is saved
        await pilot.press(*"Ada L.", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert text(app.screen, "#report-name") == "Report of Ada L."
        assert person_name(store) == "Ada L."
        newest = store.list_reports(limit=1)[0]
        assert store.get_report(newest.id).name == "Ada L."
        await pilot.press("escape")
        await finish_quick_quiz(pilot, again=True)  # 2: start afresh
        assert isinstance(app.screen, ResultsScreen)  # not asked again
        assert store.count_reports() == 2


async def test_esc_means_no_name_and_counts_as_asked(
    make_app: MakeApp, store: Store, name_unasked: None
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_quick_quiz(pilot)
        assert isinstance(app.screen, NameModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert not app.screen.query("#report-name")
    assert person_name_asked(store) and person_name(store) == ""


async def test_a_bad_name_is_refused_in_the_dialog(
    make_app: MakeApp, store: Store, name_unasked: None
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_quick_quiz(pilot)
        app.screen.query_one("#name", Input).value = "x" * 500
        await pilot.press("enter")
        assert isinstance(app.screen, NameModal)
        assert "Not a name" in text(app.screen, "#name-said")


async def test_history_opens_a_report_with_its_name(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    from skillgap.core.scoring import score

    answers = answers_for(mini_bank, FIRST)
    store.save_report(answers, score(mini_bank, answers), name="Bo")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert text(app.screen, "#report-name") == "Report of Bo"


async def test_settings_changes_the_name(make_app: MakeApp, store: Store) -> None:
    save_person_name(store, "Ada")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsModal)
        menu = app.screen.query_one("#settings-list")
        assert "Ada" in str(menu.get_option("name").prompt)  # type: ignore[attr-defined]
        await pilot.press("3")
        assert isinstance(app.screen, NameModal)
        field = app.screen.query_one("#name", Input)
        assert field.value == "Ada"
        field.value = "  Ada Lovelace "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsModal)
        assert person_name(store) == "Ada Lovelace"
        assert "Ada Lovelace" in str(menu.get_option("name").prompt)  # type: ignore[attr-defined]
        await pilot.press("3")
        await pilot.press("escape")  # as it was
        assert person_name(store) == "Ada Lovelace"
