"""The Team screen as SVG snapshots (issue 19's "must show"): the fixture team of
tests/data/team at 80x24 and 120x40 (mini bank; the reports carry fixed dates).

Update on purpose, then review the SVGs:
    .venv/bin/python -m pytest tests/tui/test_snapshots_team.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from skillgap.tui.app import SkillgapApp

MakeApp = Callable[..., SkillgapApp]
Snap = Callable[..., bool]
TEAM = Path(__file__).parent.parent / "data" / "team"


def open_team(
    *paths: Path, keys: tuple[str, ...] = ()
) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run_before(pilot: Pilot[object]) -> None:
        await pilot.press("t")
        field = pilot.app.screen.query_one("#team-path", Input)
        # Relative to the repository, so the paths shown do not depend on where it lives.
        field.value = " ".join(str(p) for p in paths)
        await pilot.press("enter", *keys)
        await pilot.pause()

    return run_before


def test_team_80x24(snap_compare: Snap, make_app: MakeApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(TEAM)
    assert snap_compare(
        make_app(), terminal_size=(80, 24), run_before=open_team(Path("people"), Path("bad"))
    )


def test_team_120x40(snap_compare: Snap, make_app: MakeApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(TEAM)
    assert snap_compare(
        make_app(), terminal_size=(120, 40), run_before=open_team(Path("people"), Path("bad"))
    )


def test_team_anonymous_120x40(snap_compare: Snap, make_app: MakeApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(TEAM)
    assert snap_compare(
        make_app(), terminal_size=(120, 40), run_before=open_team(Path("people"), keys=("m",))
    )
