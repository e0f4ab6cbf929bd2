"""How Results look with your answers and notes, and the whole of Learn next (issue 17), as SVG
snapshots at 80x24, 60x20 and 120x40, dark and light (mini bank, fixed dates, no blink).

Update on purpose, then look at the screens:
    .venv/bin/python -m pytest tests/tui/test_snapshots_results.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from skillgap.core.model import Bank
from skillgap.core.scoring import score
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from tests.tui.conftest import FIRST, T0, save_report, type_ahead
from tests.tui.test_everyday import noted_answers

MakeApp = Callable[..., SkillgapApp]
Snap = Callable[..., bool]

SIZES = [(80, 24), (60, 20), (120, 40)]
THEMES = ["textual-dark", "textual-light"]


def keys(*groups: list[str]) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run_before(pilot: Pilot[object]) -> None:
        for group in groups:
            await type_ahead(pilot, *group)

    return run_before


def saved(store: Store, bank: Bank, theme: str) -> None:
    """Two reports: one from a fortnight before, then the one with notes and checks."""
    from datetime import timedelta

    store.set_setting("theme", theme)
    save_report(store, bank, FIRST)
    answers = noted_answers(bank)
    store.save_report(answers, score(bank, answers), created_at=T0 + timedelta(days=14))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_learn_next(
    snap_compare: Snap,
    make_app: MakeApp,
    mini_bank: Bank,
    store: Store,
    size: tuple[int, int],
    theme: str,
) -> None:
    """Learn next from its Ready block, the first row highlighted (Tab reaches the rows)."""
    saved(store, mini_bank, theme)
    assert snap_compare(make_app(), terminal_size=size, run_before=keys(["h"], ["enter"], ["tab"]))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_answers_with_notes(
    snap_compare: Snap,
    make_app: MakeApp,
    mini_bank: Bank,
    store: Store,
    size: tuple[int, int],
    theme: str,
) -> None:
    """The end of Results: your answers, each note under its answer, the checks' marks."""
    saved(store, mini_bank, theme)
    assert snap_compare(make_app(), terminal_size=size, run_before=keys(["h"], ["enter"], ["end"]))
