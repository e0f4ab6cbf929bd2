"""Pilot tests: a person taking the quiz by key presses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.check import CheckModal
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.review import ReviewScreen
from skillgap.tui.screens.welcome import WelcomeScreen
from skillgap.tui.widgets.answer_list import AnswerList
from tests.conftest import BUNDLED_BANK
from tests.tui.conftest import type_ahead

MakeApp = Callable[..., SkillgapApp]


def quiz(app: SkillgapApp) -> QuizScreen:
    assert isinstance(app.screen, QuizScreen), app.screen
    return app.screen


async def test_quick_quiz_by_keys_ends_on_results_with_a_saved_report(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")  # Quick is highlighted on a first run
        assert [q.id for q in quiz(app).state.questions] == ["linux", "scanning"]
        await pilot.press("3", "2")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.report_id is not None
        headings = [str(s.render()) for s in app.screen.query(".heading").results(Static)]
        assert "Results" in headings[0]
    reports = store.list_reports()
    assert len(reports) == 1
    report = store.get_report(reports[0].id)
    assert report.answers.level("linux") == 3 and report.answers.level("scanning") == 2
    assert store.load_session() is None


async def test_every_answer_is_saved_at_once(make_app: MakeApp, store: Store) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2", "2")
        session = store.load_session()
        assert session is not None
        assert session.mode == "full" and session.position == 1
        assert session.answers.level("linux") == 2


async def test_back_skip_and_note(make_app: MakeApp, store: Store) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2", "3")
        assert quiz(app).state.position == 1
        await pilot.press("backspace")
        assert quiz(app).state.position == 0
        assert quiz(app).state.current is not None and quiz(app).state.current.id == "linux"
        await pilot.press("left")  # already first: stays
        assert quiz(app).state.position == 0
        await pilot.press("enter")  # accepts the highlighted option: the current answer, 3
        assert quiz(app).state.answers.level("linux") == 3
        await pilot.press("s")  # skip docker
        assert quiz(app).state.answers.get("docker").skipped  # type: ignore[union-attr]
        await pilot.press("n")
        await pilot.press(*"k8s", "enter")
        await pilot.press("2")
        answer = quiz(app).state.answers.get("kubernetes")
        assert answer is not None and answer.level == 2 and answer.note == "k8s"
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one("DataTable")
        texts = [str(c) for c in table.get_row("1")]  # type: ignore[attr-defined]
        assert "skipped" in texts
        await pilot.press("escape")
        assert quiz(app).state.position == 3
    session = store.load_session()
    assert session is not None and session.answers.get("kubernetes").note == "k8s"  # type: ignore[union-attr]


async def test_choice_and_multi_questions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2", "1", "1", "1", "1")
        assert quiz(app).state.current.id == "cissp"  # type: ignore[union-attr]
        await pilot.press("5")  # not an option: nothing happens
        assert quiz(app).state.current.id == "cissp"  # type: ignore[union-attr]
        await pilot.press("2")
        assert quiz(app).state.answers.get("cissp").value == "studying"  # type: ignore[union-attr]
        assert quiz(app).state.current.id == "background"  # type: ignore[union-attr]
        await pilot.press("1", "3", "1", "2")  # toggle dev, sec, dev off, ops
        assert quiz(app).query_one(AnswerList).chosen == {"ops", "sec"}
        await pilot.press("enter")  # confirms: the last question, so the review opens
        assert isinstance(app.screen, ReviewScreen)
        answer = app.screen.state.answers.get("background")
        assert answer is not None and answer.value == ("ops", "sec") and answer.level == 4


async def test_resume_after_the_app_is_closed_mid_quiz(make_app: MakeApp, store: Store) -> None:
    first = make_app()
    async with first.run_test() as pilot:
        await pilot.press("2", "3", "2", "n", *"note", "enter")
    second = make_app()
    async with second.run_test() as pilot:
        assert isinstance(second.screen, WelcomeScreen)
        await pilot.press("enter")  # Resume is highlighted when a quiz is in progress
        state = quiz(second).state
        assert state.mode == "full" and state.position == 2
        assert state.answers.level("linux") == 3 and state.answers.level("docker") == 2
        assert state.note() == "note"
        await pilot.press("escape")  # home again: still resumable
        assert isinstance(second.screen, WelcomeScreen)
        await pilot.press("3")
        assert quiz(second).state.position == 2


async def test_a_new_quiz_asks_before_discarding_one_in_progress(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2", "3", "escape", "1")
        await pilot.press("escape")  # keep it
        assert isinstance(app.screen, WelcomeScreen)
        assert store.load_session() is not None
        await pilot.press("1", "y")
        assert quiz(app).state.mode == "quick" and quiz(app).state.answered == 0


async def test_whole_quick_quiz_of_the_bundled_bank(store: Store) -> None:
    if not (BUNDLED_BANK / "roles").is_dir():
        pytest.skip("the bundled bank is not there yet")
    bank: Bank = load_bank(BUNDLED_BANK)
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        screen = quiz(app)
        total = screen.state.total
        assert 0 < total < len(bank.questions)
        while isinstance(app.screen, QuizScreen | CheckModal):
            if isinstance(app.screen, CheckModal):
                await type_ahead(pilot, "0")  # the knowledge check after a claim of 3
                continue
            question = screen.state.current
            assert question is not None
            if question.kind == "multi":
                await type_ahead(pilot, "1", "enter")
            else:
                await type_ahead(pilot, "3" if question.kind == "rating" else "1")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    assert store.count_reports() == 1
    assert len(store.get_report(store.list_reports()[0].id).answers.by_question) == total


async def test_a_note_can_contain_any_key_and_the_mouse_answers(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n", *"?q s", "enter")
        assert quiz(app).state.note() == "?q s"
        assert quiz(app).state.position == 0
        answers = quiz(app).query_one(AnswerList)
        await pilot.click(answers, offset=(4, 3))  # the third option: level 2
        assert quiz(app).state.answers.level("linux") == 2
        assert quiz(app).state.position == 1


def test_run_reports_a_bad_bank_before_starting(tmp_path: Path) -> None:
    from skillgap.formats.bank import BankError
    from skillgap.tui.app import run

    with pytest.raises(BankError):
        run(bank_dir=tmp_path / "missing", data_dir=tmp_path / "data")
    assert not (tmp_path / "data").exists()
