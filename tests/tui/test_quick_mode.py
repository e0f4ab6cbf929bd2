"""Quick mode by key presses: a Quick quiz carries the newest report's other answers over,
Review and Results mark them "from report N", and what it neither asked nor carried reads as
"not assessed", never as missing or skipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.widgets import DataTable, Static

from skillgap.core.model import Bank
from skillgap.core.scoring import score
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.report_diff import DiffScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.review import ReviewScreen
from skillgap.tui.widgets.role_card import RoleCard
from tests.tui.conftest import T0, answers_for, save_report

MakeApp = Callable[..., SkillgapApp]

#: Every question of the mini bank answered, as a Full quiz would.
EVERYTHING = {"linux": 2, "docker": 1, "kubernetes": 0, "scanning": 1, "cissp": "studying",
              "background": ["ops"]}  # fmt: skip


def screen_text(app: SkillgapApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def cards(app: SkillgapApp) -> dict[str, str]:
    return {str(c.border_title): str(c.render()) for c in app.screen.query(RoleCard)}


async def test_a_quick_quiz_with_no_report_lists_the_rest_as_not_assessed(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "2", "2", "f")  # Quick: Linux 2, scanning 2
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        shown = cards(app)
        ops, secops = shown["Ops engineer"], shown["SecOps engineer"]
        assert "Quick: 40% of the role assessed" in ops  # Linux, 2 of 5 weight
        assert "Quick: 44% of the role assessed" in secops  # Linux and scanning, 4 of 9
        assert "essentials 0 of 1" in ops and "essentials 0 of 2" in secops
        assert "missing Linux" in ops and "Docker" not in ops  # not assessed is not missing
        not_assessed = str(app.screen.query_one("#not-assessed", Static).render())
        assert "Docker" in not_assessed and "Kubernetes" in not_assessed
        assert "Quick quiz: 4 questions not assessed, none carried from an earlier" in text
        assert "skipped or not answered" not in text  # none was skipped
    report = store.get_report(store.list_reports()[0].id)
    assert report.result.mode == "quick" and report.result.carried == {}
    assert set(report.answers.by_question) == {"linux", "scanning"}


async def test_after_a_full_report_a_quick_quiz_carries_the_rest_and_marks_it(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    full_id = save_report(store, mini_bank, EVERYTHING)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter", "2", "2", "1")  # fresh; the same answers to the Quick questions
        assert isinstance(app.screen, ReviewScreen)
        assert "4 carried over" in screen_text(app)
        table = app.screen.query_one(DataTable)
        docker = [str(c) for c in table.get_row("carried:docker")]
        assert docker[3] == f"1 Aware · from report {full_id}"
        assert "carried:linux" not in {k.value for k in table.rows}  # asked: never carried
        table.move_cursor(row=table.get_row_index("carried:docker"))
        await pilot.press("enter")  # a carried answer is not in this quiz: it says so
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        result = app.screen.result
        full = score(mini_bank, answers_for(mini_bank, EVERYTHING))
        assert [r.score for r in result.roles] == pytest.approx([r.score for r in full.roles])
        assert all("Quick: 100% of the role assessed" in c for c in cards(app).values())
        text = screen_text(app)
        assert f"Quick quiz: 4 answers carried from report {full_id}" in text
        assert not app.screen.query("#not-assessed")
    new = store.get_report(store.list_reports()[0].id)
    assert new.result.carried == {q: full_id for q in ("docker", "kubernetes", "cissp",
                                                       "background")}  # fmt: skip
    assert new.answers == answers_for(mini_bank, EVERYTHING)


async def test_a_full_report_shows_essentials_and_why_a_role_is_not_ready(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        # Full: Linux 3, Docker 3, Kubernetes 2, scanning 1, CISSP held, background dev.
        await pilot.press("2", "3", "3", "2", "1", "1", "1", "enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        shown = cards(app)
        assert "✓ ready · essentials 1 of 1" in shown["Ops engineer"]
        assert "Quick" not in shown["Ops engineer"]
        secops = shown["SecOps engineer"]
        assert (
            "✗ not ready · essentials 1 of 2" in secops
            and "missing Vulnerability scanning" in secops
        )


def save_quick(store: Store, bank: Bank, values: dict[str, object], days_after: int) -> int:
    """A Quick report that asked only `values` (nothing carried)."""
    answers = answers_for(bank, values)
    result = score(bank, answers, assessed=set(values))
    return store.save_report(answers, result, created_at=T0 + timedelta(days=days_after))


async def test_history_marks_quick_reports_and_compares_like_with_like(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    first_quick = save_quick(store, mini_bank, {"linux": 1, "scanning": 1}, 0)
    full = save_report(store, mini_bank, EVERYTHING, days_after=1)
    quick = save_quick(store, mini_bank, {"linux": 3, "scanning": 3}, 2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        table = app.screen.query_one("#reports", DataTable)
        rows = {rid: [str(c) for c in table.get_row(str(rid))] for rid in (first_quick, full)}
        newest = [str(c) for c in table.get_row(str(quick))]
        assert newest[4] == "Quick" and rows[full][4] == "Full"
        # Against the Quick report before (33% -> 100%), never the Full one between them
        assert newest[5].split()[:2] == ["100%", "+67"]  # then its essentials met
        assert rows[full][5].split() == ["40%", "0/1"]  # no Full report before it: no change
        assert not any("-" in cell for row in (*rows.values(), newest) for cell in row[5:])
        title = str(app.screen.query_one("#history-title", Static).render())
        assert "bank version 0.1" in title and table.ordered_columns[-1].key.value == "secops"
        trend = " ".join(str(s.render()) for s in app.screen.query("#trends Static"))
        assert "Trend of the Quick reports" in trend and "33% → 100%" in trend


async def test_report_diff_of_a_full_and_a_quick_report_shows_no_answer_gone(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    full = save_report(store, mini_bank, EVERYTHING)
    quick = save_quick(store, mini_bank, {"linux": 3, "scanning": 1}, 1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "v")  # the newest with the one before
        assert isinstance(app.screen, DiffScreen)
        assert (app.screen.diff.old.id, app.screen.diff.new.id) == (full, quick)
        answers = app.screen.query_one("#diff-answers", DataTable)
        rows = [[str(c) for c in answers.get_row_at(i)] for i in range(answers.row_count)]
        assert rows == [["Linux", "2 Practised", "3 Independent", "+1"]]
        text = screen_text(app)
        assert "not answered" not in text
        assert f"⚠ Report {full} is from a Full quiz, report {quick} from a Quick one" in text
        assert f"Not assessed in report {quick} (Quick), 4 left out of the changes" in text
        assert f"#{quick} (2025-03-02 09:30, Quick)" in text


async def test_the_welcome_screen_says_the_last_result_is_a_quick_one(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    save_quick(store, mini_bank, {"linux": 3, "scanning": 1}, 0)
    app = make_app()
    async with app.run_test(size=(80, 24)):
        last = str(app.screen.query_one("#last-result", Static).render())
        assert "2025-03-01 09:30 · Quick quiz" in last
