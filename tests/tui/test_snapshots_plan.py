"""The learning plan as SVG snapshots: one step of each status (one done and reached, one
marked done short of its target) at 80x24, 60x20 and 120x40, in the dark and the light theme.

Update on purpose, then look at the screens (tui-look), not the SVGs:
    .venv/bin/python -m pytest tests/tui/test_snapshots_plan.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from skillgap.core.model import Bank, PlanEntry
from skillgap.store import Store
from skillgap.tui.app import DARK_THEME, LIGHT_THEME, SkillgapApp
from tests.tui.conftest import FIRST, save_report

MakeApp = Callable[..., SkillgapApp]
Snap = Callable[..., bool]

#: Linux 2, Docker 1, Kubernetes 0, Scanning 1 (conftest.FIRST).
PLAN = [
    PlanEntry("docker", "planned", 3),
    PlanEntry("linux", "learning", 3),
    PlanEntry("scanning", "done", 1),  # reached: "1 (target 1 reached)"
    PlanEntry("kubernetes", "not_relevant", 2),
    PlanEntry("cissp", "done", 2),  # marked done short of it: "0 → 2, to confirm"
]


@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME])
@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan(
    snap_compare: Snap,
    make_app: MakeApp,
    mini_bank: Bank,
    store: Store,
    size: tuple[int, int],
    theme: str,
) -> None:
    store.set_setting("theme", theme)
    save_report(store, mini_bank, FIRST)
    store.set_plan(mini_bank.name, PLAN)
    assert snap_compare(make_app(), terminal_size=size, press=["p"])
