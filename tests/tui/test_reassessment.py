"""Pilot tests of everyday use (issue 17): a re-assessment from the last answers, a fresh
start, the toast when questions are left out, the line after quitting, back to Review after a
change, and two windows on one data folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable

from skillgap.core.model import Answers, Bank
from skillgap.core.quiz import QuizState
from skillgap.core.scoring import score
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens import quiz as quiz_screen
from skillgap.tui.screens.dialogs import ConfirmModal, StartModal
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.review import ReviewScreen
from skillgap.tui.screens.welcome import WelcomeScreen
from skillgap.tui.widgets.answer_list import AnswerList
from tests.tui.conftest import FIRST, T0, answers_for

MakeApp = Callable[..., SkillgapApp]


def quiz(app: SkillgapApp) -> QuizScreen:
    assert isinstance(app.screen, QuizScreen), app.screen
    return app.screen


def save_first(store: Store, bank: Bank, note: str = "") -> int:
    answers = answers_for(bank, FIRST)
    if note:
        linux = answers.get("linux")
        assert linux is not None
        answers = answers.with_answer(replace(linux, note=note))
    return store.save_report(answers, score(bank, answers), created_at=T0)


def toasts(app: SkillgapApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_re_assessment_keeps_every_answer_with_enter(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    first = save_first(store, mini_bank, note="runs our fleet")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # Full: a report to start from, so it asks once
        assert isinstance(app.screen, StartModal)
        assert app.screen.report == f"report {first}, 2025-03-01"
        await pilot.press("1")
        screen = quiz(app)
        assert screen.state.start == "last"
        answers = screen.query_one(AnswerList)
        assert str(answers.border_title) == "last time: 2 Practised"
        assert answers.highlighted == 2  # the cursor starts on last time's answer
        assert "Last time's note: runs our fleet" in str(screen.query_one("#note").render())
        await pilot.press("enter")  # kept, with its note
        assert screen.state.answers.level("linux") == 2
        assert screen.state.answers.get("linux").note == "runs our fleet"  # type: ignore[union-attr]
        await pilot.press("enter", "enter", "enter", "enter")  # docker .. cissp as last time
        assert screen.state.current is not None and screen.state.current.id == "background"
        assert answers.chosen == {"ops"}  # last time's options start ticked
        await pilot.press("enter")  # confirms them
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    newest = store.get_report(store.list_reports()[0].id)
    assert newest.id != first
    old = store.get_report(first).answers
    assert {q: a.value for q, a in newest.answers.by_question.items()} == {
        q: a.value for q, a in old.by_question.items()
    }


async def test_a_fresh_start_asks_from_scratch(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    save_first(store, mini_bank)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "2")  # Full, then Start fresh
        screen = quiz(app)
        assert screen.state.start == "fresh"
        answers = screen.query_one(AnswerList)
        assert answers.border_title is None and answers.highlighted == 0
        await pilot.press("enter")  # the first line: 0, not last time's 2
        assert screen.state.answers.level("linux") == 0


async def test_the_choice_survives_a_resume_and_esc_starts_nothing(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    save_first(store, mini_bank)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "escape")  # Quick, then Esc in the start dialog
        assert isinstance(app.screen, WelcomeScreen)
        assert store.load_session() is None
        await pilot.press("2", "1", "3")  # from the last answers; Linux 3 now
    session = store.load_session()
    assert session is not None and session.start == "last"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")  # resume: not asked again
        screen = quiz(again)
        assert screen.state.start == "last" and screen.state.current.id == "docker"  # type: ignore[union-attr]
        assert str(screen.query_one(AnswerList).border_title) == "last time: 1 Aware"


async def test_a_toast_says_what_an_answer_leaves_out(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "0")  # Linux 0: Docker needs Linux practised
        assert toasts(app) == ["Docker needs Linux first: not asked, counted as 0; r to review"]
        await pilot.press("2")  # Kubernetes: hides nothing more, no second toast
        assert len(toasts(app)) == 1


async def test_a_resumed_quiz_quit_before_any_new_answer_says_it_is_saved(
    make_app: MakeApp,
) -> None:
    """Before: a window that resumed (or took over) a quiz and quit without answering said
    "not saved: N answers", which was false: they were in the store all along."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3", "s", "escape")  # two answers, then home
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")  # resume
        assert quiz(again).farewell() == "saved: 2 answers, run skillgap to resume"


async def test_quitting_mid_quiz_says_what_was_saved(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("2")
        assert quiz(app).farewell() is None  # nothing answered: nothing to say
        await pilot.press("3", "s")
        assert quiz(app).farewell() == "saved: 2 answers, run skillgap to resume"
        await pilot.press("n")  # a dialog over the quiz: still the quiz's line
        assert app.farewell() == "saved: 2 answers, run skillgap to resume"
        await pilot.press("escape", "escape")  # home, the quiz kept: the welcome screen says it
        assert isinstance(app.screen, WelcomeScreen)
        assert app.farewell() == "saved: 2 answers, run skillgap to resume"


async def test_an_answer_changed_from_review_goes_back_to_review(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "2", "2", "2", "2", "2", "1", "enter")
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=0)
        await pilot.press("enter")  # Linux
        assert quiz(app).state.current.id == "linux"  # type: ignore[union-attr]
        await pilot.press("4")
        assert isinstance(app.screen, ReviewScreen)  # not on to Docker
        assert app.screen.state.answers.level("linux") == 4
        assert app.screen.query_one(DataTable).cursor_row == 1  # where the quiz now is


async def test_a_second_window_is_told_and_may_take_the_quiz_over(
    mini_bank: Bank, _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quiz_screen, "WATCH_SECONDS", 0.05)
    with Store.open(_isolated_data_dir) as one, Store.open(_isolated_data_dir) as two:
        first, second = SkillgapApp(mini_bank, one), SkillgapApp(mini_bank, two)
        async with first.run_test(size=(80, 24)) as p1, second.run_test(size=(80, 24)) as p2:
            await p1.press("2", "3", "2")  # Linux 3, Docker 2
            await p2.press("escape")  # the welcome screen was drawn before: read it again
            second.screen.on_screen_resume()
            await p2.pause()
            menu = second.screen.query_one("#menu")
            assert "open in another window" in str(menu.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
            await p2.press("3")  # resume
            assert isinstance(second.screen, ConfirmModal)
            await p2.press("escape")  # leave it: nothing changes
            assert isinstance(second.screen, WelcomeScreen)
            await p1.press("1")  # Kubernetes 1, still saved by the first
            assert one.load_session().answers.level("kubernetes") == 1  # type: ignore[union-attr]
            await p2.press("3", "y")  # take it over
            taken = quiz(second)
            assert taken.state.answers.level("kubernetes") == 1
            await p2.press("4")  # scanning 4, saved by the second
            await p1.pause(0.3)  # the first says so before any key is pressed
            assert any("taken over" in t for t in toasts(first))
            assert "taken over" in str(quiz(first).query_one("#hint").render())
            await p1.press("2")  # and an answer there is not saved
            assert quiz(first).state.answers.get("scanning") is None  # shows what is saved
            assert "taken over" in str(quiz(first).query_one("#hint").render())
            assert quiz(first).farewell() is not None and "not saved" in quiz(first).farewell()  # type: ignore[operator]
            saved = two.load_session()
            assert saved is not None and saved.answers.level("scanning") == 4
            assert saved.answers == taken.state.answers


async def test_the_quiz_of_a_window_that_is_gone_opens_without_asking(
    mini_bank: Bank, _isolated_data_dir: Path
) -> None:
    one = Store.open(_isolated_data_dir)
    one.hold_quiz("gone")  # a window that died: its store closes with the process
    one.save_session(QuizState(mini_bank, "full", Answers()).to_session(), holder="gone")
    one.close()
    with Store.open(_isolated_data_dir) as two:
        app = SkillgapApp(mini_bank, two)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("3")
            assert isinstance(app.screen, QuizScreen)


async def test_a_report_saved_from_the_tui_carries_the_saved_name(
    make_app: MakeApp, store: Store
) -> None:
    """The name set with `skillgap name` goes on every report, the TUI's too (a team report
    then counts one person once)."""
    from skillgap.app.settings import save_person_name

    save_person_name(store, "Ada")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "3", "2", "f")  # a Quick quiz to its end
        assert isinstance(app.screen, ResultsScreen)
        report_id = app.screen.report_id
    assert report_id is not None
    report = store.get_report(report_id)
    assert report is not None and report.name == "Ada"


async def test_an_export_from_results_carries_the_name(
    make_app: MakeApp, store: Store, tmp_path: Path
) -> None:
    """Before: the TUI's export built its report without the name, so a JSON shared with a
    team lead came out anonymous although the report had one."""
    import json

    from skillgap.app.settings import save_person_name
    from tests.tui.test_robustness import export_to

    save_person_name(store, "Ada")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "3", "2", "f")
        assert isinstance(app.screen, ResultsScreen)
        await export_to(pilot, app, tmp_path / "ada.json")
    assert json.loads((tmp_path / "ada.json").read_text())["name"] == "Ada"


async def test_history_names_whose_reports_they_are_when_there_are_several(
    make_app: MakeApp, store: Store, mini_bank: Bank
) -> None:
    answers = answers_for(mini_bank, {"linux": 3})
    result = score(mini_bank, answers)
    store.save_report(answers, result, created_at=T0, name="Ada")
    store.save_report(answers, result, created_at=T0, name="Bo")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        table = app.screen.query_one("#reports", DataTable)
        assert "name" in {str(key.value) for key in table.columns}
        names = {str(table.get_cell(row, "name")) for row in table.rows}
        assert names == {"Ada", "Bo"}
