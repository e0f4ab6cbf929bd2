"""How the quiz journey looks (issue 17), as SVG snapshots: Review at 80x24, 60x20 and 120x40
in both themes, a question of a re-assessment showing "last time", and the start dialog.

Update on purpose, then look at the screens:
    .venv/bin/python -m pytest tests/tui/test_snapshots_quiz.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from skillgap.core.model import Bank
from skillgap.store import Store
from skillgap.tui.app import DARK_THEME, LIGHT_THEME, SkillgapApp
from tests.tui.conftest import FIRST, T0, answers_for, type_ahead

MakeApp = Callable[..., SkillgapApp]
Snap = Callable[..., bool]

#: A Full quiz of the mini bank: Linux 1 with a note, Docker 0 (Kubernetes is then not asked),
#: scanning skipped, CISSP studying, the background not answered yet, then Review.
TO_REVIEW = [["2", "n"], [*"Ran the build hosts of a bank for two years", "enter"],
             ["1", "0", "s", "2", "r"]]  # fmt: skip


def typing(*groups: list[str]) -> Callable[[Pilot[object]], Awaitable[None]]:
    """The keys typed ahead, one wait per group (a dialog takes its keys once it is open),
    then the toasts cleared: the screen is what is snapshotted, not a passing toast."""

    async def run_before(pilot: Pilot[object]) -> None:
        for keys in groups:
            await type_ahead(pilot, *keys)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)], ids=["80x24", "60x20", "120x40"])
@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME], ids=["dark", "light"])
def test_review(
    snap_compare: Snap, make_app: MakeApp, store: Store, size: tuple[int, int], theme: str
) -> None:
    store.set_setting("theme", theme)
    assert snap_compare(make_app(), terminal_size=size, run_before=typing(*TO_REVIEW))


def save_first(store: Store, bank: Bank) -> None:
    from dataclasses import replace

    from skillgap.core.scoring import score

    answers = answers_for(bank, FIRST)
    linux = answers.get("linux")
    assert linux is not None
    answers = answers.with_answer(replace(linux, note="I look after our build hosts"))
    store.save_report(answers, score(bank, answers), created_at=T0)


def test_start_dialog(snap_compare: Snap, make_app: MakeApp, mini_bank: Bank, store: Store) -> None:
    save_first(store, mini_bank)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=typing(["2"]))


def test_question_last_time(
    snap_compare: Snap, make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_first(store, mini_bank)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=typing(["2"], ["1"]))


def test_question_last_time_40x12(
    snap_compare: Snap, make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_first(store, mini_bank)
    keys = typing(["2"], ["1", "enter", "enter", "enter", "enter"])  # on to the choice question
    assert snap_compare(make_app(), terminal_size=(40, 12), run_before=keys)
