"""Snapshots at 80x24 with the checks bank: a knowledge check, Results with checked figures,
and the plan's timeline. Update on purpose, then review the SVGs:
    .venv/bin/python -m pytest tests/tui/test_snapshots_depth.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from skillgap.core.model import PlanEntry
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from tests.tui.conftest import save_report
from tests.tui.depth import checks_bank, fix_seed

Snap = Callable[..., bool]
SMALL = (80, 24)


def test_check_question(snap_compare: Snap, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    fix_seed(monkeypatch)
    assert snap_compare(SkillgapApp(checks_bank(), store), terminal_size=SMALL, press=["2", "3"])


def test_results_with_checks(
    snap_compare: Snap, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fix_seed(monkeypatch)
    # Linux 3, check passed; Docker 3, check missed; then 2, 2, CISSP no, no background.
    keys = ["2", "3", "1", "3", "1", "2", "2", "3", "enter", "f"]  # 1: RUN, as shown at seed 0
    assert snap_compare(SkillgapApp(checks_bank(), store), terminal_size=SMALL, press=keys)


def test_plan_timeline(snap_compare: Snap, store: Store) -> None:
    bank = checks_bank()
    save_report(store, bank, {"linux": 2, "docker": 1, "scanning": 1, "cissp": "none"})
    store.set_plan(
        bank.name,
        [PlanEntry("docker", "learning", 2), PlanEntry("cissp", "not_relevant", 2)],
    )
    assert snap_compare(SkillgapApp(bank, store), terminal_size=SMALL, press=["p"])
