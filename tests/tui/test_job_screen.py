"""Match a job ad (issue 20): an ad pasted or named by path is read into a role, each
requirement shown with the ad's words and lines; Delete drops one and 1-4 set its target, and
the fit against the newest report is scored again at once; no report says so and offers a quiz;
a bad ad is one line; the role is saved under the data folder, never replaced unasked."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Button, DataTable, Input, Static, TextArea

from skillgap.core.model import Bank
from skillgap.core.scoring import score
from skillgap.formats.answers import load_answers
from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.dialogs import ConfirmModal
from skillgap.tui.screens.job import JobScreen
from skillgap.tui.screens.welcome import WelcomeScreen
from skillgap.tui.widgets.learn_next import LearnNext
from tests.conftest import BUNDLED_BANK, DATA, ROOT

MakeApp = Callable[..., SkillgapApp]
JOBS = DATA / "jobs"
AD = (JOBS / "senior-devops.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bundled() -> Bank:
    return load_bank(BUNDLED_BANK)


def save_devops_report(store: Store, bank: Bank, created_at: datetime | None = None) -> None:
    answers = load_answers(ROOT / "examples" / "answers-devops.yaml", bank)
    store.save_report(answers, score(bank, answers), created_at=created_at)


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def open_and_paste(pilot, ad: str = AD) -> JobScreen:  # type: ignore[no-untyped-def]
    await pilot.press("g")
    screen = pilot.app.screen
    assert isinstance(screen, JobScreen)
    area = screen.query_one("#job-ad", TextArea)
    assert area.has_focus
    pilot.app.post_message(events.Paste(ad))  # as the driver sends a paste
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()
    return screen


def fit_of(screen: JobScreen) -> float:
    assert screen.result is not None and screen.shown is not None
    return next(r.score for r in screen.result.roles if r.role_id == screen.shown.role.id)


async def test_a_pasted_ad_shows_the_role_and_the_fit(
    make_app: MakeApp, store: Store, bundled: Bank
) -> None:
    save_devops_report(store, bundled)
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_paste(pilot)
        assert screen.query_one("#job-ad", TextArea).text == AD
        assert screen.shown is not None
        table = screen.query_one("#job-reqs", DataTable)
        assert table.has_focus and table.row_count == len(screen.shown.matches) == 9
        python = [str(c) for c in table.get_row("python")]
        assert python == ["Python", "4", "★ yes", "python (8)"]
        assert "Not understood: Health, Kafka, Redis" in text(screen, "#job-unknown")
        assert "The role understood: Senior DevOps Engineer" in text(screen, "#job-role-heading")
        learn = screen.query_one(LearnNext)
        assert learn.result.target_role == screen.shown.role.id
        assert "Senior DevOps Engineer" in text(learn, "#learn-next")
        assert not screen.query_one("#job-quiz", Button).display


async def test_dropping_and_retargeting_score_again(
    make_app: MakeApp, store: Store, bundled: Bank
) -> None:
    save_devops_report(store, bundled)
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_paste(pilot)
        table = screen.query_one("#job-reqs", DataTable)
        before = fit_of(screen)
        first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("delete")
        assert screen.shown is not None and len(screen.shown.matches) == 8
        assert first not in [m.requirement_id for m in screen.shown.matches]
        assert table.row_count == 8 and table.has_focus
        dropped = fit_of(screen)
        assert dropped != before
        # Kubernetes (target 4, the report's level 2): asked for at 2, it is met
        table.move_cursor(row=table.get_row_index("kubernetes"))
        await pilot.press("2")
        assert str(table.get_row("kubernetes")[1]) == "2"
        assert screen.shown.role.requirement_by_question["kubernetes"].target == 2
        assert fit_of(screen) > dropped
        learn = screen.query_one(LearnNext)
        assert learn.result is screen.result  # Learn next follows the edit


async def test_no_report_yet_offers_a_quiz(make_app: MakeApp, bundled: Bank) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_paste(pilot)
        assert screen.shown is not None and screen.result is None
        assert "No report yet" in text(screen, "#job-fit")
        assert screen.query_one("#job-quiz", Button).display
        assert not screen.query(LearnNext)


@pytest.mark.parametrize(
    ("ad", "said"),
    [
        ("", "the job ad is empty"),
        ("We bake bread in Lyon, Monday to Friday.", "nothing in the job ad matches"),
    ],
)
async def test_a_bad_pasted_ad_is_one_line(
    make_app: MakeApp, bundled: Bank, ad: str, said: str
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_paste(pilot, ad)
        assert app.is_running and screen.shown is None
        shown = text(screen, "#job-said")
        assert said in shown and "\n" not in shown.strip()
        assert screen.query_one("#job-said").has_class("-error")


async def test_a_path_is_read_and_a_bad_one_is_one_line(
    make_app: MakeApp, bundled: Bank, tmp_path: Path
) -> None:
    binary = tmp_path / "ad.bin"
    binary.write_bytes(b"Kubernetes\x00\x01")
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, JobScreen)
        field = screen.query_one("#job-path", Input)
        for path, said in [
            (str(tmp_path), "is a folder"),
            (str(binary), "a binary file"),
            (str(tmp_path / "none.md"), "file not found"),
        ]:
            field.focus()
            field.value = path
            await pilot.press("enter")
            assert said in text(screen, "#job-said") and screen.shown is None
        field.value = str(JOBS / "junior-devops.txt")
        await pilot.press("enter")
        assert screen.shown is not None and screen.shown.matches


async def test_saving_the_role_writes_it_and_asks_before_replacing(
    make_app: MakeApp, store: Store, bundled: Bank, tmp_path: Path
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_paste(pilot)
        await pilot.press("delete")  # the role saved is the one shown, edits included
        await pilot.press("ctrl+s")
        assert screen.shown is not None
        path = store.path.parent / "roles" / f"{screen.shown.role.id}.yaml"
        assert path.is_file()
        said = text(screen, "#job-saved")
        assert str(path) in said.replace("\n", "") and "--job" in said
        path.write_text("kept\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        assert path.read_text(encoding="utf-8") == "kept\n"  # not replaced unasked
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") != "kept\n"
        copy = tmp_path / "bank"
        shutil.copytree(BUNDLED_BANK, copy)
        shutil.copy(path, copy / "roles" / "99-job.yaml")
        role = load_bank(copy).role(screen.shown.role.id)
        assert role is not None and len(role.requirements) == len(screen.shown.matches) == 8


async def test_opened_from_the_welcome_menu_and_back(make_app: MakeApp, bundled: Bank) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#menu")
        ids = [o.id for o in menu.options]  # type: ignore[attr-defined]
        assert "job" in ids
        menu.highlighted = ids.index("job")  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, JobScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_opened_from_results_and_the_palette(
    make_app: MakeApp, store: Store, bundled: Bank
) -> None:
    from skillgap.tui.screens.results import ResultsScreen

    answers = load_answers(ROOT / "examples" / "answers-devops.yaml", bundled)
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ResultsScreen(score(bundled, answers), answers))
        await pilot.pause()
        await pilot.press("g")
        assert isinstance(app.screen, JobScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Match a job ad"].callback()
        await pilot.pause()
        assert isinstance(app.screen, JobScreen)
