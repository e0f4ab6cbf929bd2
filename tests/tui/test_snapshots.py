"""How the screens look, as SVG snapshots (mini bank, fixed dates, no cursor blink).

Update on purpose, then review the SVGs:
    .venv/bin/python -m pytest tests/tui --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from skillgap.core.model import Bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from tests.tui.conftest import FIRST, SECOND, save_report, type_ahead

MakeApp = Callable[..., SkillgapApp]


def typing(*groups: list[str]) -> Callable[[Pilot[object]], Awaitable[None]]:
    """The keys typed ahead before the snapshot, one wait per group (not two per key, as
    `press=` does). A dialog takes its keys once it is open: start a group after one."""

    async def run_before(pilot: Pilot[object]) -> None:
        for keys in groups:
            await type_ahead(pilot, *keys)

    return run_before


Snap = Callable[..., bool]
SMALL = (80, 24)
LARGE = (160, 48)


def test_welcome_first_run(snap_compare: Snap, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL)


def test_welcome_with_last_result(
    snap_compare: Snap, make_app: MakeApp, mini_bank: Bank, store: Store
) -> None:
    save_report(store, mini_bank, FIRST)
    assert snap_compare(make_app(), terminal_size=SMALL)


def test_rating_question(snap_compare: Snap, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=typing(["2", "3"]))


def test_choice_question(snap_compare: Snap, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(), terminal_size=SMALL, run_before=typing(["2", "3", "s", "1", "2"])
    )


def test_multi_question_with_a_note(snap_compare: Snap, make_app: MakeApp) -> None:
    keys = typing(["2", "3", "2", "1", "2", "2", "n"], [*"SOC", "enter"], ["3"])
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=keys)


def test_results(snap_compare: Snap, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=typing(["1", "3", "1", "f"]))


def test_results_large(snap_compare: Snap, make_app: MakeApp) -> None:
    keys = ["2", "2", "1", "0", "1", "3", "enter", "f"]
    assert snap_compare(make_app(), terminal_size=LARGE, run_before=typing(keys))


def test_history(snap_compare: Snap, make_app: MakeApp, mini_bank: Bank, store: Store) -> None:
    save_report(store, mini_bank, FIRST)
    save_report(store, mini_bank, SECOND, days_after=14)
    save_report(store, mini_bank, {**SECOND, "scanning": 4}, days_after=30)
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=typing(["h"]))


def test_review_light_theme_large(snap_compare: Snap, make_app: MakeApp, store: Store) -> None:
    store.set_setting("theme", "textual-light")
    assert snap_compare(
        make_app(), terminal_size=(120, 36), run_before=typing(["2", "3", "s", "2", "r"])
    )
