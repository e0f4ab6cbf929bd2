"""Knowledge checks in the quiz: asked after a claim of 3+, kept on the answer and saved at
once, shown on Results; turned off by a setting."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from skillgap.core.adaptive import ADAPTIVE_SETTING
from skillgap.core.checks import CHECKS_SETTING
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.check import CheckModal
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.results import ResultsScreen
from tests.tui.depth import checks_bank, fix_seed


def text_of(app: SkillgapApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_check_only_after_a_claim_of_3_and_results_show_passed_and_missed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fix_seed(monkeypatch)
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "2")  # Linux 2: not a claim, no check
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.state.current is not None
        assert app.screen.state.current.id == "docker"
        await pilot.press("left", "3")  # Linux 3: a claim, its check follows
        assert isinstance(app.screen, CheckModal)
        assert app.screen.check.prompt == "Which file lists the mounts made at boot?"
        await pilot.press("1")  # /etc/fstab: right
        assert isinstance(app.screen, QuizScreen)
        session = store.load_session()
        assert session is not None  # saved at once, before the next answer
        saved = session.answers.get("linux")
        assert saved is not None and saved.check is not None and saved.check.passed
        await pilot.press("3")  # Docker 3
        assert isinstance(app.screen, CheckModal)
        await pilot.press("2")  # RUN: missed
        await pilot.press("2", "2", "3", "enter")  # kubernetes, scanning, cissp none, background
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        result = app.screen.result
        assert result.claims == {"linux": "checked", "docker": "missed"}
        backing = text_of(app, "#backing")
        assert "checked: " in backing and " of " in backing and "points" in backing
        claims = "\n".join(
            str(s.render()) for s in app.screen.query("#claims Static").results(Static)
        )
        assert "✓ checked" in claims and "Linux" in claims
        assert "✗ missed" in claims and "Docker" in claims
        assert "USER sets the user for RUN" in claims  # the missed one's explanation
        assert "docs.docker.com" in claims  # and its source
        assert "/etc/fstab is read at boot" not in claims  # not for the passed one
        # The score stays self-rated.
        role = result.role("ops")
        assert role is not None and role.backing is not None
        assert role.backing.checked < role.score


async def test_checks_and_adaptive_off_ask_no_check_and_everything(store: Store) -> None:
    store.set_flag(CHECKS_SETTING, False)
    store.set_flag(ADAPTIVE_SETTING, False)
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "0")  # adaptive off: Docker is asked though Linux is 0
        assert isinstance(app.screen, QuizScreen)
        state = app.screen.state
        assert state.current is not None and state.current.id == "docker"
        await pilot.press("4")  # checks off: no check after a claim of 4
        assert isinstance(app.screen, QuizScreen)
        assert state.answers.level("docker") == 4
        assert state.current is not None and state.current.id == "kubernetes"


async def test_a_resumed_quiz_asks_the_same_check(store: Store) -> None:
    bank = checks_bank()
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "3")
        assert isinstance(app.screen, CheckModal)
        asked = app.screen.check.prompt
    app = SkillgapApp(bank, store)  # as after a crash or a closed terminal
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CheckModal)
        assert app.screen.check.prompt == asked
        await pilot.press("0")  # I don't know: a missed check
        assert isinstance(app.screen, QuizScreen)
        session = store.load_session()
        assert session is not None
        linux = session.answers.get("linux")
        assert linux is not None and linux.check is not None and not linux.check.passed
        # Changing the level keeps the outcome; no second check for the same claim.
        await pilot.press("left", "4")
        assert isinstance(app.screen, QuizScreen)
        kept = app.screen.state.answers.get("linux")
        assert kept is not None and kept.level == 4 and kept.check == linux.check
