"""Pilot tests: results export, history open / compare / delete."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from skillgap.core.model import Bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.dialogs import ConfirmModal
from skillgap.tui.screens.export import ExportModal
from skillgap.tui.screens.history import HistoryScreen
from skillgap.tui.screens.report_diff import DiffScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.welcome import WelcomeScreen
from tests.tui.conftest import FIRST, SECOND, save_report, type_ahead

MakeApp = Callable[..., SkillgapApp]


async def finish_quick_quiz(pilot: object, app: SkillgapApp) -> None:
    await type_ahead(pilot, "1", "3", "2", "f")  # type: ignore[arg-type]
    assert isinstance(app.screen, ResultsScreen)


async def test_export_from_results_as_markdown_and_json(
    make_app: MakeApp, store: Store, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_quick_quiz(pilot, app)
        report_id = app.screen.report_id  # type: ignore[attr-defined]
        await pilot.press("e")
        assert isinstance(app.screen, ExportModal)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value == str(tmp_path / f"skillgap-report-{report_id}.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        markdown = (tmp_path / f"skillgap-report-{report_id}.md").read_text()
        assert "Ops engineer" in markdown

        for fmt, button in (("json", "#as-json"),):
            await pilot.press("e")
            await pilot.click(button)
            assert app.screen.query_one("#path", Input).value.endswith(f".{fmt}")
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        document = json.loads((tmp_path / f"skillgap-report-{report_id}.json").read_text())
        assert document["id"] == report_id
        assert document["answers"] and document["result"]


async def test_export_refuses_a_bad_name_or_folder_and_asks_before_replacing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_quick_quiz(pilot, app)
        await pilot.press("e")
        path_input = app.screen.query_one("#path", Input)
        path_input.value = str(tmp_path / "report.txt")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportModal)
        assert "End the file name" in str(app.screen.query_one("#export-status").render())
        path_input.value = str(tmp_path / "no-such-folder" / "report.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportModal)
        status = str(app.screen.query_one("#export-status").render())
        assert f"There is no folder {tmp_path / 'no-such-folder'}" in status
        (tmp_path / "report.md").write_text("old")
        path_input.value = str(tmp_path / "report.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportModal)  # asks first
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "report.md").read_text() != "old"


async def test_history_open_and_compare(make_app: MakeApp, mini_bank: Bank, store: Store) -> None:
    first = save_report(store, mini_bank, FIRST)
    second = save_report(store, mini_bank, SECOND, days_after=7)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#reports", DataTable)
        assert table.row_count == 2
        await pilot.press("enter")  # the newest
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.report_id == second
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("v")  # the highlighted one with the one before
        assert isinstance(app.screen, DiffScreen)
        assert (app.screen.diff.old.id, app.screen.diff.new.id) == (first, second)
        assert app.screen.diff.answers
        await pilot.press("escape", "space", "down", "space", "v")  # two marked
        assert isinstance(app.screen, DiffScreen)
        assert (app.screen.diff.old.id, app.screen.diff.new.id) == (first, second)


async def test_history_delete_asks_first(make_app: MakeApp, mini_bank: Bank, store: Store) -> None:
    save_report(store, mini_bank, FIRST)
    kept = save_report(store, mini_bank, SECOND, days_after=1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "down", "d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        assert store.count_reports() == 2
        await pilot.press("d", "y")
        await pilot.pause()
        assert [r.id for r in store.list_reports()] == [kept]
        assert app.screen.query_one("#reports", DataTable).row_count == 1
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        menu = app.screen.query_one("#menu", OptionList)
        assert "1 saved report" in str(menu.get_option("history").prompt)


async def test_history_reads_a_page_at_a_time_and_every_report_is_reachable(
    make_app: MakeApp, mini_bank: Bank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillgap.tui.screens import history

    monkeypatch.setattr(history, "PAGE", 4)
    monkeypatch.setattr(history, "AHEAD", 1)
    ids = [save_report(store, mini_bank, FIRST, days_after=day) for day in range(11)]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#reports", DataTable)
        assert table.row_count == 4  # the first page only
        title = str(app.screen.query_one("#history-title").render())
        assert "11 saved reports" in title and "4 read" in title
        for _ in range(4):
            await pilot.press("ctrl+end")
        assert table.row_count == 11
        assert app.screen.reports[-1].id == ids[0]  # the oldest, last
        assert "11 saved reports" in str(app.screen.query_one("#history-title").render())
        await pilot.press("enter")  # open the oldest
        assert isinstance(app.screen, ResultsScreen) and app.screen.report_id == ids[0]


async def test_an_export_that_cannot_be_written_leaves_nothing_half_written(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """The TUI writes exports as report export does, the whole file or nothing: when the
    write fails, what was there is as it was and no temporary file is left beside it."""
    folder = tmp_path / "exports"
    target = folder / "report.md"
    # A folder where the file should go: replacing it fails, even for root.
    target.mkdir(parents=True)
    (target / "keep.txt").write_text("mine")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_quick_quiz(pilot, app)
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter", "enter")  # the second Enter: replace it
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        status = str(app.screen.query_one("#export-status").render())
    assert f"{target}: cannot write" in status
    assert sorted(p.name for p in folder.iterdir()) == ["report.md"]
    assert (target / "keep.txt").read_text() == "mine"


async def test_export_refuses_json_that_import_would_refuse(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI's export checks what `report export` checks: a JSON file over import's cap
    (here made small) is not written, and the dialog says why and stays open."""
    import skillgap.formats.report_json as report_json

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_quick_quiz(pilot, app)
        monkeypatch.setattr(report_json, "MAX_IMPORT_BYTES", 1000)
        await pilot.press("e")
        await pilot.click("#as-json")
        path = Path(app.screen.query_one("#path", Input).value)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        status = str(app.screen.query_one("#export-status").render())
        assert "import reads" in status and "export it as .md or .html" in status, status
        assert not path.exists()


async def test_export_asks_before_replacing_a_dangling_link(
    make_app: MakeApp, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "made.md"
    link = tmp_path / "r.md"
    link.symlink_to(target)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_quick_quiz(pilot, app)
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(link)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        assert "press Enter again to replace it" in str(
            app.screen.query_one("#export-status").render()
        )
        assert link.is_symlink() and not target.exists()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not link.is_symlink() and link.read_text(encoding="utf-8")
        assert not target.exists()
