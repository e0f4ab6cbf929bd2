"""The learning plan from the TUI: add steps from Results, set their status, see the timeline;
the plan survives a new assessment, which shows what moved; not relevant leaves Learn next."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from skillgap.core.checks import CHECKS_SETTING
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.dialogs import StartModal
from skillgap.tui.screens.plan import PlanScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.widgets.learn_next import LearnNext
from skillgap.tui.widgets.timeline_chart import TimelineChart
from tests.tui.depth import checks_bank

#: Linux 2, Docker 1, Kubernetes 0, Scanning 1, CISSP no, no background: Learn next starts
#: with the essentials, Linux 2 -> 3 then Vulnerability scanning 1 -> 2. (The answers, then
#: Review's f: finish. The quiz is started by its action: the welcome menu's keys are its own.)
FIRST = ("2", "1", "0", "1", "3", "enter", "f")
#: Linux now 3: the Linux step is reached.
SECOND = ("3", "1", "0", "1", "3", "enter", "f")


async def full_quiz(app: SkillgapApp, pilot: Pilot[None], answers: tuple[str, ...]) -> None:
    app.action_start_quiz("full")
    await pilot.pause()
    if isinstance(app.screen, StartModal):  # with a report to start from: fresh
        await pilot.press("2")
    await pilot.press(*answers)
    await pilot.pause()


def step_ids(app: SkillgapApp) -> list[str]:
    assert isinstance(app.screen, ResultsScreen), app.screen
    return [step.question_id for step in app.screen.result.next_steps]


async def test_plan_from_results_to_the_next_assessment(store: Store, tmp_path: Path) -> None:
    store.set_flag(CHECKS_SETTING, False)
    bank = checks_bank()
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await full_quiz(app, pilot, FIRST)
        assert step_ids(app)[:2] == ["linux", "scanning"]
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("tab", "plus", "down", "plus")  # Results' +, on the first two rows
        plan = store.get_plan(bank.name)
        assert {qid: (e.status, e.target) for qid, e in plan.items()} == {
            "linux": ("planned", 3),
            "scanning": ("planned", 3),  # the row goes to the target: 1 → 3
        }
        rows = app.screen.query_one(LearnNext).step_rows()
        assert "in your plan: planned (to 3)" in "".join(r.plain for r in rows[0].rows(100))

        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("down", "4", "up", "1")  # Scanning not relevant, Linux learning
        await pilot.pause(0.2)  # the timeline is redrawn a moment after the keys
        plan = store.get_plan(bank.name)
        assert plan["scanning"].status == "not_relevant"
        assert plan["linux"].status == "learning"
        chart = app.screen.query_one(TimelineChart)
        assert chart.timeline is not None and chart.timeline.weeks
        drawn = str(chart.render())
        assert "Ops engineer" in drawn and "%" in drawn and "week" in drawn
        weeks = str(app.screen.query_one("#timeline-weeks", Static).render())
        assert "Week 1" in weeks and "Linux 2 → 3" in weeks  # the learning step first
        assert "scanning" not in weeks  # not relevant: not scheduled

        await pilot.press("escape")
        assert "scanning" not in step_ids(app)  # not relevant leaves Learn next
        assert "linux" in step_ids(app)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        secops = results.result.role("secops")
        assert secops is not None and any(g.question_id == "scanning" for g in secops.gaps)

        await pilot.press("escape")
        await full_quiz(app, pilot, SECOND)
        assert isinstance(app.screen, ResultsScreen)
        progress = str(app.screen.query_one("#plan-progress", Static).render())
        assert "Your plan: Linux 2 → 3 ✓ reached" in progress
        assert "scanning" not in step_ids(app)
        # An export from the TUI carries the timeline, as `report export` does.
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(tmp_path / "out.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    exported = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "h a week" in exported and "| Week |" in exported
    plan = store.get_plan(bank.name)
    assert plan["scanning"].status == "not_relevant"  # kept across assessments
    assert plan["linux"].status == "done"  # reached


async def test_hours_a_week_change_the_timeline(store: Store) -> None:
    from tests.tui.conftest import save_report

    bank = checks_bank()
    save_report(store, bank, {"linux": 2, "docker": 1, "scanning": 1})
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen)
        before = app.screen.timeline
        assert before is not None and before.hours_per_week == 5
        await pilot.press("w", "ctrl+a", "ctrl+k", *"20", "enter")
        after = app.screen.timeline
        assert after is not None and after.hours_per_week == 20
        assert len(after.weeks) < len(before.weeks)
    assert store.get_setting("plan_hours_per_week") == "20"


async def test_the_plan_is_in_status_order_and_a_change_keeps_the_cursor(store: Store) -> None:
    from skillgap.core.model import PlanEntry
    from tests.tui.conftest import save_report

    bank = checks_bank()
    save_report(store, bank, {"linux": 3, "docker": 1, "scanning": 1})
    store.set_plan(
        bank.name,
        [
            PlanEntry("scanning", "not_relevant", 2),
            PlanEntry("linux", "done", 2),  # level 3: reached
            PlanEntry("docker", "planned", 3),
            PlanEntry("kubernetes", "learning", 2),
        ],
    )
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        table = screen.query_one("#plan-table", DataTable)

        def rows() -> list[tuple[str, str, str]]:
            return [
                (str(row.key.value), str(table.get_cell(row.key, "status")),
                 str(table.get_cell(row.key, "levels")))
                for row in table.ordered_rows
            ]  # fmt: skip

        assert rows() == [
            ("kubernetes", "learning", "0 → 2"),
            ("docker", "planned", "1 → 3"),
            ("linux", "done", "3 (target 2 reached)"),
            ("scanning", "not relevant", "1 → 2"),
        ]
        await pilot.press("3")  # Kubernetes done, short of its target
        assert table.cursor_row == 0 and rows()[0] == ("kubernetes", "done", "0 → 2, to confirm")
        await pilot.press("2")  # the next key acts on the same row
        assert rows()[0][:2] == ("kubernetes", "planned")
        await pilot.press("down", "1")
        assert table.cursor_row == 1 and rows()[1][:2] == ("docker", "learning")
        assert [r[0] for r in rows()] == ["kubernetes", "docker", "linux", "scanning"]
        await pilot.press("delete")  # Docker off the plan: the cursor stays on row 1
        assert "docker" not in store.get_plan(bank.name)
        assert table.cursor_row == 1 and rows()[1][0] == "linux"
    plan = store.get_plan(bank.name)
    assert plan["kubernetes"].status == "planned" and plan["linux"].status == "done"
