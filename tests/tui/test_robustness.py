"""Robustness: any terminal size, resizing mid-quiz, pasted notes, keys faster than the screen,
and a hostile bank whose text must never reach the terminal raw."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, Static

from skillgap.core.model import Bank, Question
from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.dialogs import NoteModal
from skillgap.tui.screens.export import ExportModal
from skillgap.tui.screens.history import HistoryScreen
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.review import ReviewScreen
from skillgap.tui.screens.roles import RolesScreen
from skillgap.tui.screens.welcome import WelcomeScreen
from skillgap.tui.widgets.answer_list import AnswerList
from tests.conftest import BankWriter
from tests.tui.conftest import type_ahead

MakeApp = Callable[..., SkillgapApp]

#: What must never reach the terminal: C0 and C1 controls (ESC, BEL, CSI...) and DEL, and the
#: bidirectional overrides and isolates.
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def screen_text(app: App[object]) -> str:
    """Every cell of the current screen as the compositor would send it, plus the SVG export."""
    strips = app.screen._compositor.render_strips()
    cells = "\n".join("".join(segment.text for segment in strip) for strip in strips)
    return cells + app.export_screenshot()


def assert_nothing_raw(app: App[object]) -> None:
    text = screen_text(app)
    found = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text.replace("\n", ""))})
    assert not found, f"raw control characters on {app.screen}: {found}"


def key_for(question: Question) -> list[str]:
    """One answer: 3 for a rating, the first option otherwise (and Enter to confirm a multi)."""
    if question.kind == "rating":
        return ["3"]
    return ["1", "enter"] if question.kind == "multi" else ["1"]


# -- terminal sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(20, 8), (300, 100)], ids=["20x8", "300x100"])
async def test_every_screen_at_the_extreme_sizes(make_app: MakeApp, size: tuple[int, int]) -> None:
    """Welcome, quiz, review, results, export, roles and history at 20x8 and 300x100: nothing
    crashes; the small terminal scrolls to what matters, the large one needs no scrolling."""
    tiny = size == (20, 8)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await type_ahead(pilot, "2", "3")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        scroll = quiz.query_one("#quiz", VerticalScroll)
        answers = quiz.query_one(AnswerList)
        assert (scroll.max_scroll_y > 0) == tiny
        if tiny:  # the options are scrolled into view, not cut off
            assert scroll.scroll_offset.y > 0
            assert answers.region.height > 0
        assert "▶ 0 None" in screen_text(app)  # the highlight is not colour alone
        await type_ahead(pilot, "2", "1", "2", "2", "1", "enter")  # docker ... background
        assert isinstance(app.screen, ReviewScreen)
        await type_ahead(pilot, "f")
        assert isinstance(app.screen, ResultsScreen)
        results = app.screen.query_one("#results", VerticalScroll)
        assert (results.max_scroll_y > 0) == tiny
        await type_ahead(pilot, "end", "e")
        assert isinstance(app.screen, ExportModal)
        await type_ahead(pilot, "escape")  # a dialog closes on its own time: then the next key
        await type_ahead(pilot, "c")
        assert isinstance(app.screen, RolesScreen)
        await type_ahead(pilot, "escape", "h")
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#reports").row_count == 1  # type: ignore[attr-defined]
        assert "▶" in screen_text(app)
        await type_ahead(pilot, "enter", "escape", "escape")
        assert isinstance(app.screen, WelcomeScreen)
        assert_nothing_raw(app)


async def test_resizing_mid_quiz_keeps_the_answers(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_ahead(pilot, "2", "3", "2")
        await pilot.resize_terminal(20, 8)
        await type_ahead(pilot, "1")
        await pilot.resize_terminal(300, 100)
        await type_ahead(pilot, "left")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        state = quiz.state
        assert [state.answers.level(q) for q in ("linux", "docker", "kubernetes")] == [3, 2, 1]
        assert state.current is not None and state.current.id == "kubernetes"
        assert quiz.query_one(AnswerList).highlighted == 1  # the answer given, highlighted
        await pilot.resize_terminal(40, 12)
        await type_ahead(pilot, "r")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.state.answered == 3


# -- pasted notes -----------------------------------------------------------------------------

HOSTILE_PASTE = "first line\nsecond \x1b[31mred\x1b[0m line\r\n\x07bell \u202eevil\x9b2J\tend\n"


async def test_a_pasted_note_is_kept_whole_and_shown_escaped(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        assert isinstance(app.screen, NoteModal)
        note_input = app.screen.query_one(Input)
        note_input.post_message(events.Paste(HOSTILE_PASTE))
        await pilot.pause()
        await pilot.press("enter")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        expected = " ".join(HOSTILE_PASTE.splitlines()).strip()
        assert quiz.state.note() == expected  # every line kept, as one line
        session = store.load_session()
        assert session is not None
        assert session.answers.get("linux").note == expected  # type: ignore[union-attr]
        shown = str(quiz.query_one("#note", Static).render())
        assert "\\u001b[31mred" in shown and "\\u202eevil" in shown and "\\u009b2J" in shown
        assert_nothing_raw(app)
        await pilot.press("r")  # the review lists notes too
        assert_nothing_raw(app)


# -- keys faster than the screen --------------------------------------------------------------


def mixed_bank(bank_writer: BankWriter) -> Bank:
    """Ratings, choices and multis interleaved, so a key meant for one kind can land on another."""
    kinds = ["rating", "multi", "choice", "rating", "multi", "multi", "choice", "rating"]
    questions = []
    for number, kind in enumerate(kinds):
        if kind == "rating":
            questions.append(f"  - {{id: q{number}, prompt: Rating {number}?}}")
        else:
            questions.append(
                f"  - {{id: q{number}, kind: {kind}, prompt: {kind.title()} {number}?, options: "
                "[{id: a, label: A, level: 2}, {id: b, label: B, level: 4}]}"
            )
    bank_writer.write(
        "sections/10-base.yaml",
        "section: {id: base, title: Base}\nquestions:\n" + "\n".join(questions) + "\n",
    )
    bank_writer.write(
        "roles/10-ops.yaml",
        "role: {id: ops, name: Ops}\nrequirements:\n  q0: {target: 3, weight: 1}\n",
    )
    return load_bank(Path(bank_writer.root))


async def test_keys_sent_faster_than_the_screen_updates_are_each_one_answer(
    bank_writer: BankWriter, store: Store
) -> None:
    """A whole quiz typed ahead without waiting for a single repaint (a multi's Enter followed
    at once by the next question's key, a skip among them): every key that is an answer is
    recorded once, for the question it was meant for; none is lost or doubled."""
    app = SkillgapApp(mixed_bank(bank_writer), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        questions = quiz.state.questions
        skipped = questions[3].id
        keys = [
            key
            for question in questions
            for key in (["s"] if question.id == skipped else key_for(question))
        ]
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        answers = quiz.state.answers
        assert len(answers.by_question) == len(questions) == quiz.state.answered
        for question in questions:
            answer = answers.get(question.id)
            assert answer is not None, question.id
            if question.id == skipped:
                assert answer.skipped
            elif question.kind == "rating":
                assert answer.value == 3, question.id
            elif question.kind == "choice":
                assert answer.value == "a", question.id
            else:
                assert answer.value == ("a",), question.id
        session = store.load_session()
        assert session is not None and session.answers == answers


# -- a hostile bank ---------------------------------------------------------------------------

ESC = "\\e"  # in a double-quoted YAML string


def hostile_bank(bank_writer: BankWriter) -> Bank:
    bank_writer.write(
        "bank.yaml",
        f"""\
        name: "Evil{ESC}[2J bank\\u202e"
        version: "1{ESC}]0;pwned\\a"
        scale: {{0: "None{ESC}[5m", 1: "Aware\\u2066", 2: Practised, 3: Independent, 4: Expert}}
        """,
    )
    bank_writer.write(
        "sections/10-base.yaml",
        f"""\
        section: {{id: base, title: "{ESC}[31mBase\\u202eesaB"}}
        questions:
          - id: linux
            title: "Linux{ESC}[0m\\u200f"
            prompt: "{ESC}[2J{ESC}[HHow well\\x07 do you run Linux\\u202e?"
            help: "Help{ESC}]8;;https://evil{ESC}\\\\click\\x9b31m"
            quick: true
            levels: {{1: "{ESC}[1manchor one", 2: "two\\u2067", 3: "three\\x00", 4: "four\\x7f"}}
            effort_hours: 10
            resources:
              - {{title: "Docs{ESC}[31m", url: "https://example.com/docs", kind: docs}}
          - id: docker
            title: Docker
            kind: choice
            prompt: Docker?
            quick: true
            options:
              - {{id: held, label: "Yes{ESC}[7m\\u202e", level: 4}}
              - {{id: none, label: "No\\x1b(0", level: 0}}
          - id: tools
            title: "Tools\\u061c"
            kind: multi
            prompt: "Tools{ESC}[?1049h?"
            options:
              - {{id: a, label: "A{ESC}[8mhidden", level: 2}}
              - {{id: b, label: "B\\u2069", level: 3}}
        """,
    )
    bank_writer.write(
        "roles/10-ops.yaml",
        f"""\
        role:
          id: ops
          name: "Ops{ESC}[31m\\u202e"
          responsibilities: ["Run{ESC}[2J things"]
          market:
            - {{label: "Pay{ESC}[0m", value: "1\\u202e0", source: "Src\\x07", date: "2023-01"}}
        requirements:
          linux: {{target: 3, weight: 1, essential: true}}
          docker: {{target: 4, weight: 1}}
          tools: {{target: 3, weight: 1}}
        """,
    )
    return load_bank(Path(bank_writer.root))


async def test_hostile_bank_text_never_reaches_the_terminal_raw(
    bank_writer: BankWriter, store: Store
) -> None:
    bank = hostile_bank(bank_writer)
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert_nothing_raw(app)  # welcome: the bank's name and version
        await pilot.press("2")
        for question in quiz_questions(app):
            assert_nothing_raw(app)  # section title, prompt, help, anchors, options
            await pilot.press(*key_for(question))
        assert isinstance(app.screen, ReviewScreen)
        assert_nothing_raw(app)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert_nothing_raw(app)  # role names, steps, resources
        await pilot.press("c")
        assert isinstance(app.screen, RolesScreen)
        assert_nothing_raw(app)  # responsibilities, market figures
        await pilot.press("escape", "h")
        assert isinstance(app.screen, HistoryScreen)
        assert_nothing_raw(app)
        await pilot.press("question_mark")
        assert_nothing_raw(app)


async def export_to(pilot: Pilot[object], app: App[object], path: Path) -> None:
    """Export the results on screen to `path` (its extension names the format)."""
    await pilot.press("e")
    assert isinstance(app.screen, ExportModal)
    app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


def quiz_questions(app: App[object]) -> list[Question]:
    assert isinstance(app.screen, QuizScreen)
    return list(app.screen.state.questions)


async def test_a_toast_shows_a_path_as_text_never_as_markup(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """A folder named like Textual markup: the toast that names the export shows the name as
    written, and nothing in it is an action a click could run."""
    from textual.widgets._toast import Toast

    from tests.tui.test_reports import finish_quick_quiz

    folder = tmp_path / "[@click=app.quit]x"
    folder.mkdir()
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await finish_quick_quiz(pilot, app)
        await export_to(pilot, app, folder / "r.md")
        assert (folder / "r.md").exists()
        (note,) = list(app._notifications)
        assert "[@click=app.quit]x" in note.message
        await pilot.pause(0.2)
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            content = toast.render()
            assert "[@click=app.quit]x" in str(content)
            spans = getattr(content, "spans", [])
            assert not any("@click" in str(span.style) for span in spans)
            await pilot.click(toast)
            await pilot.pause()
        assert app.is_running


async def test_a_role_name_in_a_border_title_is_text_never_markup(
    make_app: MakeApp, mini_bank: Bank
) -> None:
    import dataclasses

    from textual.widgets import OptionList

    name = "[@click=app.quit]x"
    roles = (dataclasses.replace(mini_bank.roles[0], name=name), *mini_bank.roles[1:])
    app = make_app(dataclasses.replace(mini_bank, roles=roles))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")  # the aim chooser lists the role by its name, as text
        assert name in screen_text(app) and app.is_running
        await pilot.press("2")  # aim for the first role (1 is both): its name is in the title
        await pilot.pause()
        title = app.screen.query_one("#menu", OptionList)._border_title
        assert title is not None and name in str(title)
        assert not any("@click" in str(span.style) for span in title.spans)
        assert app.is_running


# -- damaged report rows ------------------------------------------------------------------------

#: Rows edited outside skillgap (SQLite keeps any type in any column): (table, column, value).
DAMAGED_ROWS = {
    "summary not JSON": ("reports", "scores", "not json"),
    "summary of wrong types": ("reports", "scores", "[[1, 2, 3]]"),
    "summary with a huge number": ("reports", "scores", '[["ops", "Ops", 1e999]]'),
    "summary with NaN": ("reports", "scores", '[["ops", "Ops", NaN]]'),
    "time not a time": ("reports", "created_at", "yesterday"),
    "bank version a blob": ("reports", "bank_version", b"\x00\xff"),
    "result not JSON": ("report_data", "result", "{not json"),
    "result of a wrong type": ("report_data", "result", '{"bank": 5}'),
    "answers with a huge number": ("report_data", "answers", '{"linux": {"value": 1e999}}'),
}


def _damage(store: Store, report_id: int, table: str, column: str, value: object) -> None:
    import sqlite3

    key = "report_id" if table == "report_data" else "id"
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, report_id))
    conn.close()


def _messages(app: SkillgapApp) -> list[str]:
    return [note.message for note in app._notifications]


@pytest.mark.parametrize("damage", list(DAMAGED_ROWS), ids=list(DAMAGED_ROWS))
async def test_a_damaged_report_row_is_one_line_and_the_rest_works(
    make_app: MakeApp, mini_bank: Bank, store: Store, damage: str
) -> None:
    """The newest report's row is damaged: every screen that reads it (welcome, History and
    opening it, Learn next and the plan from the latest answers, a new and a resumed quiz) says
    so in one line naming report 2, the other report lists and opens, and the App ends with
    exit code 2, never a traceback."""
    from textual.widgets import DataTable

    from skillgap.tui.screens.plan import PlanScreen
    from tests.tui.conftest import FIRST, SECOND, save_report

    first = save_report(store, mini_bank, FIRST)
    second = save_report(store, mini_bank, SECOND, days_after=1)
    table, column, value = DAMAGED_ROWS[damage]
    _damage(store, second, table, column, value)
    summary_damaged = table == "reports"
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        if summary_damaged:  # the last result shown is the newest readable one
            assert "2025-03-01" in str(app.screen.query_one("#last-result", Static).render())
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        rows = app.screen.query_one("#reports", DataTable)
        assert rows.row_count == (1 if summary_damaged else 2)
        if not summary_damaged:
            await pilot.press("enter")  # the damaged one: a toast, History stays
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("down")
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen) and app.screen.report_id == first
        await pilot.press("escape", "escape")
        await pilot.press("p")  # the plan, from the latest answers
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("escape", "c")  # the roles' "You", from the latest answers
        assert isinstance(app.screen, RolesScreen)
        await pilot.press("escape", "1", "1")  # a Quick quiz carries the newest readable report
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.state.previous_id == first
        await pilot.press(*key_for(app.screen.state.current))
        await pilot.press("escape")  # home, the quiz kept in progress
        await pilot.press("3")
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.state.previous_id == first
        assert app.is_running
        messages = _messages(app)
        assert messages and all("report 2" in m and "\n" not in m for m in messages), messages
        assert not any("Traceback" in m for m in messages)
    assert app.failure == 2


async def test_a_store_error_nothing_caught_ends_the_app_with_one_line_and_exit_2(
    make_app: MakeApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last net: a StoreError that escapes a screen ends the App with its line and exit
    code, not Textual's traceback with local variables."""
    from skillgap.store import StoreCorrupt

    def damaged() -> int:
        raise StoreCorrupt(f"{store.path}: report 7 has a damaged summary", 7)

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(store, "count_reports", damaged)
        await pilot.press("h")
        await pilot.pause()
    assert app.return_code == 2
    assert app._exception is None  # not Textual's "unhandled exception"
    assert not app._exit_renderables  # no traceback printed on exit
    assert app.error_lines == [f"skillgap: {store.path}: report 7 has a damaged summary"]


def test_the_tui_exits_2_after_a_damaged_report(
    mini_bank: Bank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`skillgap` (tui.app.run) ends with the App's worst reported code."""
    from skillgap.store import StoreCorrupt
    from skillgap.tui import app as tui_app
    from tests.conftest import MINI_BANK

    def run(self: SkillgapApp) -> None:
        self.failure = StoreCorrupt("report 2 is damaged", 2).exit_code

    monkeypatch.setattr(SkillgapApp, "run", run)
    assert tui_app.run(MINI_BANK, store.path.parent) == 2


async def test_a_finished_quiz_that_would_not_read_back_is_not_saved_and_kept(
    make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    """The report is read back before "saved": one that would not read back (a bank past the
    limits, e.g. through a hostile cache) is not saved, the toast says so, and the quiz stays
    in progress to resume."""
    from tests.test_store_hardening import _past_the_limits
    from tests.tui.test_reports import finish_quick_quiz

    app = make_app(_past_the_limits(mini_bank))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await finish_quick_quiz(pilot, app)
        assert isinstance(app.screen, ResultsScreen) and app.screen.report_id is None
        (message,) = _messages(app)
        assert "not saved" in message and "would not read back" in message, message
        assert store.count_reports() == 0
        session = store.load_session()
        assert session is not None and set(session.answers.by_question) == {"linux", "scanning"}
        await pilot.press("escape", "y")  # unsaved: it asks before leaving
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen._resumable


# -- a read-only data folder --------------------------------------------------------------------


@pytest.fixture
def read_only_store(
    tmp_path: Path, mini_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    """A data folder skillgap cannot write, with one report in it. Root writes to any folder,
    so the check is faked, as in tests/test_store_hardening.py."""
    import skillgap.store.database as database
    from tests.tui.conftest import FIRST, save_report

    folder = tmp_path / "read-only"
    with Store.open(folder) as writable:
        save_report(writable, mini_bank, FIRST)
    monkeypatch.setattr(database, "folder_writable", lambda directory: False)
    opened = Store.open(folder)
    assert opened.read_only
    yield opened
    opened.close()


async def test_a_read_only_data_folder_is_said_once_and_a_finished_quiz_is_kept(
    mini_bank: Bank, read_only_store: Store, tmp_path: Path
) -> None:
    """The welcome screen says the folder is read-only; the quiz runs; at its end the results
    say they are not saved and why, export works, and leaving unexported asks first."""
    from textual.widgets import DataTable

    from skillgap.tui.screens.dialogs import StartModal

    store = read_only_store
    before = store.path.read_bytes()
    app = SkillgapApp(mini_bank, store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        note = str(app.screen.query_one("#read-only", Static).render())
        assert "is read-only: you can browse and export, not save" in note
        assert str(store.path.parent) in note
        await pilot.press("ctrl+t")  # the theme changes, not remembered: no crash
        assert app.is_running
        await pilot.press("h")  # browsing works
        assert app.screen.query_one("#reports", DataTable).row_count == 1
        await pilot.press("escape")
        await type_ahead(pilot, "1")  # a Quick quiz; a report exists, so it asks how to start
        assert isinstance(app.screen, StartModal)
        await type_ahead(pilot, "2", "3", "2", "f")  # fresh; two answers; finish from Review
        results = app.screen
        assert isinstance(results, ResultsScreen) and results.report_id is None
        assert any(
            "read-only (e exports)" in str(widget.render()) for widget in app.screen.query(Static)
        )
        assert any("not saved" in m and "read-only" in m for m in _messages(app))
        await pilot.press("escape")  # not exported: it asks first, and Stay keeps them
        await pilot.press("escape")
        assert app.screen is results
        await export_to(pilot, app, tmp_path / "results.md")
        assert app.screen is results and (tmp_path / "results.md").exists()
        await pilot.press("escape")  # exported: it closes
        assert isinstance(app.screen, WelcomeScreen)
        assert app.is_running
    assert store.path.read_bytes() == before
