"""Everyday use (issue 17): your answers and notes on Results and on a report from History, the
search of History, the whole of Learn next (merged rows, the Ready block), `+` on any step,
and Esc going back exactly one screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input

from skillgap.core.answering import make_answer
from skillgap.core.model import Answers, Bank, CheckOutcome, Result
from skillgap.core.scoring import score
from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.history import HistoryScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.widgets.answers_table import AnswersTable
from skillgap.tui.widgets.hanging import HangingText
from skillgap.tui.widgets.learn_next import LearnNext
from tests.conftest import BUNDLED_BANK
from tests.tui.conftest import FIRST, SECOND, T0, answers_for, save_report

MakeApp = Callable[..., SkillgapApp]

PASSED = CheckOutcome(0, "Which signal does kill send?", "SIGTERM", "SIGTERM")
MISSED = CheckOutcome(0, "Which instruction sets the user?", "RUN", "USER", "USER sets it.")


def noted_answers(bank: Bank) -> Answers:
    """Linux 3 (check passed) and Docker 3 (check missed), each with a note."""
    q = bank.questions
    return Answers(
        {
            "linux": make_answer(q["linux"], 3, "Run 40 servers at work", PASSED),
            "docker": make_answer(q["docker"], 3, "Multi-stage images for three services", MISSED),
            "kubernetes": make_answer(q["kubernetes"], 1),
            "scanning": make_answer(q["scanning"], 1, "Trivy in CI, reports read weekly"),
            "cissp": make_answer(q["cissp"], "none"),
            "background": make_answer(q["background"], ["ops"]),
        }
    )


def text_of(widget: HangingText) -> str:
    return "\n".join(row.plain for row in widget.rows(200))


async def open_results(app: SkillgapApp, pilot: object, result: Result, answers: Answers) -> None:
    app.push_screen(ResultsScreen(result, answers))
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ResultsScreen)


async def test_results_show_every_answer_with_its_note_and_marks(
    make_app: MakeApp, mini_bank: Bank
) -> None:
    answers = noted_answers(mini_bank)
    # a Quick result: Docker carried over from report 4, CISSP and background not assessed
    assessed = {"linux", "docker", "kubernetes", "scanning"}
    result = replace(
        score(mini_bank, answers, assessed=assessed), mode="quick", carried={"docker": 4}
    )
    shown = Answers({k: v for k, v in answers.by_question.items() if k in assessed})
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_results(app, pilot, result, shown)
        text = text_of(app.screen.query_one(AnswersTable))
        assert "Linux: 3 Independent · ✓ checked" in text
        assert "note: Run 40 servers at work" in text
        assert "Docker: 3 Independent · ✗ missed · from report 4" in text
        assert "note: Multi-stage images for three services" in text
        assert "check missed: Which instruction sets the user? The answer is 'USER'" in text
        assert "Kubernetes: 1 Aware" in text
        assert "CISSP: not assessed" in text and "Background: not assessed" in text
        heading = str(app.screen.query_one("#answers-heading").render())
        assert "Your answers" in heading and "3 with a note" in heading


async def test_a_report_from_history_shows_its_answers_and_notes(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    answers = noted_answers(mini_bank)
    store.save_report(answers, score(mini_bank, answers), created_at=T0)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        assert isinstance(app.screen, ResultsScreen)
        text = text_of(app.screen.query_one(AnswersTable))
        assert "note: Trivy in CI, reports read weekly" in text
        assert "✗ missed" in text
        await pilot.press("escape")  # back to History, not further
        assert isinstance(app.screen, HistoryScreen)


async def test_slash_searches_the_notes_and_esc_clears_it(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    noted = noted_answers(mini_bank)
    with_note = store.save_report(noted, score(mini_bank, noted), created_at=T0)
    plain = save_report(store, mini_bank, FIRST, days_after=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one("#reports", DataTable)
        assert table.row_count == 2
        await pilot.press("slash", *"TRIVY")  # a note, in any case
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert history.query_one("#search", Input).has_focus
        assert [r.id for r in history.reports] == [with_note]
        assert table.row_count == 1
        said = str(history.query_one("#search-said").render())
        assert "1 report holds “TRIVY” in a note" in said
        assert f"#{with_note}: Vulnerability scanning: Trivy in CI, reports read weekly" in said
        await pilot.press("enter")  # to the list: Enter again opens the match
        assert table.has_focus
        await pilot.press("escape")  # clears the search, stays on History
        assert isinstance(app.screen, HistoryScreen)
        assert table.row_count == 2 and history.search == ""
        await pilot.press("slash", *"docker")  # an answer's title: both reports
        assert {r.id for r in history.reports} == {with_note, plain}
        await pilot.press(*"zz")
        assert table.row_count == 0
        assert "No reports hold" in str(history.query_one("#search-said").render())
        await pilot.press("escape", "escape")  # clear, then back
        assert not isinstance(app.screen, HistoryScreen)


async def test_the_whole_of_learn_next_with_merged_rows_and_the_ready_block(
    make_app: MakeApp, mini_bank: Bank
) -> None:
    answers = answers_for(mini_bank, FIRST)  # Linux 2, Docker 1, Kubernetes 0, Scanning 1
    result = score(mini_bank, answers, target_role="secops")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, result, answers)
        learn_next = app.screen.query_one(LearnNext)
        ready = text_of(learn_next.query_one("#ready", HangingText))
        assert "✗ SecOps engineer: not ready: missing " in ready
        assert "essentials 0 of 2" in ready
        assert "Essentials still missing: 2, about 26 h in all" in ready
        assert "★ Linux: level 2 of 3 · about 10 h" in ready
        assert "★ Vulnerability scanning: level 1 of 3 · about 16 h" in ready
        assert "The learning plan at 5 h a week (p opens it). Aiming for SecOps engineer:" in ready
        assert "✓ Ops engineer" not in ready and "✗ Ops engineer" not in ready  # SecOps only
        rows = learn_next.step_rows()
        first = text_of(rows[0])
        # two steps of Learn next (1 → 2, 2 → 3), one row up to the target
        assert first.startswith("  1.  Vulnerability scanning 1 → 3 Independent · ★ essential")
        assert "about 16 h · +14.8 points of fit SecOps engineer" in first
        assert [(s.question_id, s.to_level) for s in result.next_steps[:2]] == [
            ("scanning", 2),
            ("scanning", 3),
        ]
        linux = next(r for r in rows if r.step.question_id == "linux")
        assert "Linux 2 → 3 Independent · ★ essential" in text_of(linux)
        # every step is there: the rows hold all the levels Learn next ranks
        assert sum(r.step.to_level - r.step.from_level for r in rows) == sum(
            s.to_level - s.from_level for s in result.next_steps
        )
        links = text_of(linux)
        assert "learn: Linux docs ↗ https://www.kernel.org/doc/html/latest/" in links


async def test_plus_adds_a_step_past_the_tenth(store: Store) -> None:
    bank = load_bank(BUNDLED_BANK)
    answers = Answers({})  # a beginner: every gap is a step
    result = score(bank, answers, target_role="devops")
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, result, answers)
        rows = app.screen.query_one(LearnNext).step_rows()
        assert len(rows) > 12
        await pilot.press("plus")  # nothing highlighted: the first row is, and nothing added
        assert rows[0].has_focus and store.get_plan(bank.name) == {}
        await pilot.press(*["down"] * 11, "j")  # j moves as ↓ does
        twelfth = rows[12]
        assert twelfth.has_focus
        await pilot.press("plus")
        entry = store.get_plan(bank.name)[twelfth.step.question_id]
        assert (entry.status, entry.target) == ("planned", twelfth.step.to_level)
        assert "in your plan: planned" in text_of(twelfth)
        await pilot.press("k")
        assert rows[11].has_focus


async def test_esc_from_history_returns_to_results(make_app: MakeApp, mini_bank: Bank) -> None:
    answers = answers_for(mini_bank, SECOND)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, score(mini_bank, answers), answers)
        results = app.screen
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert app.screen is results


async def test_aiming_elsewhere_ranks_learn_next_again(make_app: MakeApp, mini_bank: Bank) -> None:
    answers = answers_for(mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_results(app, pilot, score(mini_bank, answers), answers)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        results.aim_changed("ops")  # what the App's `a` calls once a role is chosen
        await pilot.pause()
        assert results.result.target_role == "ops"
        rows = results.query_one(LearnNext).step_rows()
        assert "scanning" not in {r.step.question_id for r in rows}
        assert "Learn next for Ops engineer" in str(results.query_one("#learn-next").render())


async def test_comparing_two_reports_shows_the_notes_that_changed(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    from skillgap.tui.screens.report_diff import DiffScreen

    save_report(store, mini_bank, FIRST)
    noted = noted_answers(mini_bank)
    store.save_report(noted, score(mini_bank, noted), created_at=T0 + timedelta(days=30))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "v")  # the newest with the one before
        assert isinstance(app.screen, DiffScreen)
        notes = text_of(app.screen.query_one("#diff-notes", HangingText))
        assert "Linux\n  now:    Run 40 servers at work\n  before: (none)" in notes
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_results_and_history_at_the_extreme_sizes(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    """20x8 to 300x100, resized while open: nothing crashes, every row is still there."""
    answers = noted_answers(mini_bank)
    store.save_report(answers, score(mini_bank, answers), created_at=T0)
    app = make_app()
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.press("h", "enter")
        results = app.screen
        assert isinstance(results, ResultsScreen)
        rows = results.query_one(LearnNext).step_rows()
        await pilot.press("tab", "down")
        assert rows[1].has_focus and rows[1].region.height > 0
        for size in ((300, 100), (40, 12), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert "note: Run 40 servers at work" in text_of(results.query_one(AnswersTable))
        await pilot.press("escape", "slash", *"servers", "enter")
        assert isinstance(app.screen, HistoryScreen) and len(app.screen.reports) == 1


async def test_the_search_reads_every_report_a_few_at_a_time(
    make_app: MakeApp, mini_bank: Bank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More reports than a page and than one read: each is found, typing never waits."""
    from skillgap.tui.screens import history

    noted = noted_answers(mini_bank)
    ids = [
        store.save_report(noted, score(mini_bank, noted), created_at=T0 + timedelta(days=d))
        for d in range(25)
    ]
    save_report(store, mini_bank, FIRST, days_after=30)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(history, "PAGE", 4)
        await pilot.press("h", "slash", *"servers")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert sorted(r.id for r in screen.reports) == sorted(ids)
        assert "25 reports hold “servers”" in str(screen.query_one("#search-said").render())


async def test_plus_on_a_step_of_the_plan_takes_it_further_and_keeps_its_status(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    from skillgap.core.model import PlanEntry

    store.set_plan(mini_bank.name, [PlanEntry("scanning", "learning", 2)])
    answers = answers_for(mini_bank, FIRST)  # Scanning 1: its row goes 1 → 3
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, score(mini_bank, answers, target_role="secops"), answers)
        rows = app.screen.query_one(LearnNext).step_rows()
        scanning = next(r for r in rows if r.step.question_id == "scanning")
        scanning.focus()
        await pilot.press("plus")
        entry = store.get_plan(mini_bank.name)["scanning"]
        assert (entry.status, entry.target) == ("learning", 3)
        await pilot.press("plus")  # again: it is there already, nothing changes
        assert store.get_plan(mini_bank.name)["scanning"].target == 3
        assert "in your plan: learning (to 3)" in text_of(scanning)


async def test_the_ready_block_follows_the_hours_a_week(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    from skillgap.app.settings import save_hours_per_week
    from skillgap.tui.screens.help import HelpModal

    answers = answers_for(mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, score(mini_bank, answers, target_role="secops"), answers)
        ready = app.screen.query_one("#ready", HangingText)
        assert "The learning plan at 5 h a week" in text_of(ready)
        save_hours_per_week(store, "12")  # as the plan's or Settings' w does
        app.push_screen(HelpModal(app.screen))
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert "The learning plan at 12 h a week" in text_of(ready)


async def test_a_report_of_another_bank_shows_its_own_words_and_is_not_planned(
    mini_bank: Bank, store: Store
) -> None:
    from tests.tui.depth import checks_bank

    answers = noted_answers(mini_bank)
    result = score(mini_bank, answers)
    app = SkillgapApp(checks_bank(), store)  # the app runs another bank
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, result, answers)
        learn_next = app.screen.query_one(LearnNext)
        assert learn_next.step_rows()  # the report's own steps, titled by the report
        assert "note: Run 40 servers at work" in text_of(app.screen.query_one(AnswersTable))
        await pilot.press("tab", "plus")
        assert store.get_plan(checks_bank().name) == {} == store.get_plan(mini_bank.name)


async def test_quitting_unsaved_results_asks_first(make_app: MakeApp, mini_bank: Bank) -> None:
    from skillgap.tui.screens.dialogs import ConfirmModal

    answers = answers_for(mini_bank, FIRST)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(app, pilot, score(mini_bank, answers), answers)  # not saved
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # stay
        assert isinstance(app.screen, ResultsScreen) and app.is_running
