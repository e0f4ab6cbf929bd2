"""The Match a job ad screen as SVG snapshots (issue 20's "must show"): the senior DevOps ad of
tests/data/jobs pasted, read against a saved report of the bundled bank, at 80x24 and 120x40.

Update on purpose, then review the SVGs:
    .venv/bin/python -m pytest tests/tui/test_snapshots_job.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.pilot import Pilot

from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from tests.conftest import BUNDLED_BANK
from tests.tui.conftest import T0
from tests.tui.test_job_screen import AD, save_devops_report

MakeApp = Callable[..., SkillgapApp]
Snap = Callable[..., bool]


@pytest.fixture(scope="module")
def bundled() -> Bank:
    return load_bank(BUNDLED_BANK)


async def paste_ad(pilot: Pilot[object]) -> None:
    await pilot.press("g")
    pilot.app.post_message(events.Paste(AD))
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_match_a_job_ad(
    snap_compare: Snap, make_app: MakeApp, store: Store, bundled: Bank, size: tuple[int, int]
) -> None:
    save_devops_report(store, bundled, created_at=T0)
    assert snap_compare(make_app(bundled), terminal_size=size, run_before=paste_ad)
