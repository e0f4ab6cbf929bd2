"""Fixtures for the TUI tests: a fresh store per test, the mini bank, no cursor blink, UTC."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from skillgap.app.settings import PERSON_NAME_SETTING
from skillgap.core.answering import make_answer
from skillgap.core.model import Answers, Bank
from skillgap.core.scoring import score
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp

#: Reports in snapshot tests are saved at fixed times, so the screens never change by date.
T0 = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _steady_tui(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setattr(SkillgapApp, "CURSOR_BLINK", False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.chdir(tmp_path)  # exports default to the working folder
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def store(_isolated_data_dir: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    opened = Store.open(_isolated_data_dir)
    if "name_unasked" not in request.fixturenames:
        # The first quiz to finish asks for a name (screens/name.py): asked already ("", no
        # name) unless a test asks for the first run with the `name_unasked` fixture.
        opened.set_setting(PERSON_NAME_SETTING, "")
    yield opened
    opened.close()


@pytest.fixture
def name_unasked() -> None:
    """Asked for by a test of the first run: the store has never asked for a name."""


@pytest.fixture
def make_app(mini_bank: Bank, store: Store) -> Callable[..., SkillgapApp]:
    def make(bank: Bank | None = None) -> SkillgapApp:
        return SkillgapApp(bank or mini_bank, store)

    return make


def answers_for(bank: Bank, values: dict[str, object]) -> Answers:
    return Answers({qid: make_answer(bank.questions[qid], v) for qid, v in values.items()})


def save_report(store: Store, bank: Bank, values: dict[str, object], days_after: int = 0) -> int:
    answers = answers_for(bank, values)
    return store.save_report(
        answers, score(bank, answers), created_at=T0 + timedelta(days=days_after)
    )


FIRST = {"linux": 2, "docker": 1, "kubernetes": 0, "scanning": 1, "cissp": "none",
         "background": ["ops"]}  # fmt: skip
SECOND = {"linux": 3, "docker": 2, "kubernetes": 1, "scanning": 2, "cissp": "studying",
          "background": ["ops", "dev"]}  # fmt: skip


#: Characters of the named keys the tests type.
CHARACTERS = {"space": " ", "question_mark": "?"}


async def type_ahead(pilot: Pilot[object], *keys: str) -> None:
    """Send `keys` as a fast typist would, without waiting for the screen between them, then
    wait once for everything to be handled. Each `pilot.press` waits for the app to go idle
    twice per key (40 ms or more); the app must cope with keys typed ahead in any case."""
    for key in keys:
        character = key if len(key) == 1 else CHARACTERS.get(key)
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()
