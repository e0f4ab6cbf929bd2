"""Knowledge checks in the quiz: asked after a claim of 3+, their options shuffled per
assessment, kept on the answer and saved at once, shown on Results; "not now" keeps nothing
and asks again on the next claim; turned off by a setting."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from skillgap.core.adaptive import ADAPTIVE_SETTING
from skillgap.core.checks import CHECKS_SETTING, claim_status
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.check import CheckModal
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.results import ResultsScreen
from tests.tui.depth import checks_bank, fix_seed


def text_of(app: SkillgapApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def shown_options(app: SkillgapApp) -> list[str]:
    """The check dialog's lines, as shown: "1 /etc/mtab", ..., "0 I don't know"."""
    menu = app.screen.query_one("#check-options", OptionList)
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_check_only_after_a_claim_of_3_and_results_show_passed_and_missed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fix_seed(monkeypatch)
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "2")  # Linux 2: not a claim, no check
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
        await pilot.press("1")  # RUN: missed
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
        await pilot.press("2", "0")  # adaptive off: Docker is asked though Linux is 0
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
        await pilot.press("2", "3")
        assert isinstance(app.screen, CheckModal)
        asked = app.screen.check.prompt
        shown = shown_options(app)
    app = SkillgapApp(bank, store)  # as after a crash or a closed terminal
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, CheckModal)
        assert app.screen.check.prompt == asked
        assert shown_options(app) == shown  # and its options in the same order
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


async def test_the_options_are_shuffled_and_a_blind_enter_picks_what_is_shown_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fix_seed(monkeypatch, 7)  # the bank writes /etc/fstab, the answer, first
    bank = checks_bank()
    app = SkillgapApp(bank, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3")
        assert isinstance(app.screen, CheckModal)
        assert bank.questions["linux"].checks[1].options[0] == "/etc/fstab"
        assert shown_options(app) == ["1 /etc/mtab", "2 /etc/fstab", "3 /proc/mounts",
                                      "0 I don't know"]  # fmt: skip
        await pilot.press("enter")  # blind: the first line shown
        assert isinstance(app.screen, QuizScreen)
        session = store.load_session()
        assert session is not None
        linux = session.answers.get("linux")
        assert linux is not None and linux.check is not None
        # Kept as texts, whatever the order shown.
        assert linux.check.chosen == "/etc/mtab" and linux.check.answer == "/etc/fstab"
        assert not linux.check.passed
        await pilot.press("3")  # Docker 3
        assert isinstance(app.screen, CheckModal)
        assert shown_options(app)[:3] == ["1 ENTRYPOINT", "2 RUN", "3 USER"]
        await pilot.press("3")  # a digit picks the line it is shown on
        assert isinstance(app.screen, QuizScreen)
        docker = app.screen.state.answers.get("docker")
        assert docker is not None and docker.check is not None
        assert docker.check.chosen == "USER" and docker.check.passed


async def test_not_now_keeps_nothing_and_the_next_claim_asks_the_check_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fix_seed(monkeypatch)
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3")  # Linux 3
        assert isinstance(app.screen, CheckModal)
        asked, shown = app.screen.check.prompt, shown_options(app)
        await pilot.press("escape")  # not now
        assert isinstance(app.screen, QuizScreen)
        state = app.screen.state
        assert state.current is not None and state.current.id == "docker"  # moved on
        linux = state.answers.get("linux")
        assert linux is not None and linux.level == 3 and linux.check is None
        assert claim_status(linux) == "unchecked"
        session = store.load_session()
        assert session is not None
        saved = session.answers.get("linux")
        assert saved is not None and saved.level == 3 and saved.check is None  # nothing kept
        await pilot.press("3", "escape")  # Docker 3, not now either
        assert state.current is not None and state.current.id == "kubernetes"
        # Back on Linux, a claim again: the same check, in the same order.
        await pilot.press("left", "left")
        assert isinstance(app.screen, QuizScreen)  # looking back asks nothing
        await pilot.press("4")
        assert isinstance(app.screen, CheckModal)
        assert app.screen.check.prompt == asked and shown_options(app) == shown
        await pilot.press("1")  # /etc/fstab: right
        assert isinstance(app.screen, QuizScreen)
        linux = state.answers.get("linux")
        assert linux is not None and linux.level == 4
        assert linux.check is not None and linux.check.passed
        await pilot.press("r", "f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        # Docker was never claimed again: unchecked, with nothing recorded.
        assert app.screen.result.claims == {"linux": "checked", "docker": "unchecked"}
        docker = app.screen.answers.get("docker")
        assert docker is not None and docker.level == 3 and docker.check is None
