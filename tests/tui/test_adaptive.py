"""The adaptive quiz: a prerequisite answered 0 leaves out what needs it; Review marks those
"not asked: needs X first", and they can still be opened and answered."""

from __future__ import annotations

from textual.widgets import Static

from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.tui.screens.results import ResultsScreen
from skillgap.tui.screens.review import ReviewScreen
from skillgap.tui.widgets.pointer_table import PointerTable
from tests.tui.depth import checks_bank


def answer_cells(app: SkillgapApp) -> dict[str, str]:
    table = app.screen.query_one(PointerTable)
    return {
        str(table.get_row_at(row)[2]): str(table.get_row_at(row)[3])
        for row in range(table.row_count)
    }


async def test_a_prerequisite_answered_0_leaves_out_its_dependents(store: Store) -> None:
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "0")  # Linux 0: Docker needs it practised
        assert isinstance(app.screen, QuizScreen)
        state = app.screen.state
        # Kubernetes is asked: it needs Docker, which was not answered 0, only not asked.
        assert state.current is not None and state.current.id == "kubernetes"
        assert state.not_asked == {"docker": "linux"}
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen)
        cells = answer_cells(app)
        assert cells["Docker"] == "not asked: needs Linux first"
        heading = str(app.screen.query_one(".heading", Static).render())
        assert "1 not asked" in heading
        # Still open to answer: Enter on Docker's row opens it.
        await pilot.press("up", "enter")  # from Kubernetes, the current row
        assert isinstance(app.screen, QuizScreen)
        assert state.current is not None and state.current.id == "docker"
        await pilot.press("2")  # answered from Review: back to Review
        assert isinstance(app.screen, ReviewScreen)
        assert answer_cells(app)["Docker"].startswith("2 ")
        await pilot.press("escape")  # on with the quiz: Kubernetes is asked next
        assert state.current is not None and state.current.id == "kubernetes"
        assert state.not_asked == {}
        await pilot.press("s", "2", "3", "enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.result.not_asked == {}


async def test_not_asked_questions_count_as_0_on_results(store: Store) -> None:
    app = SkillgapApp(checks_bank(), store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "0", "s", "2", "3", "enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.result.not_asked == {"docker": "linux"}
        text = str(app.screen.query_one("#not-asked", Static).render())
        assert "Docker: not asked: needs Linux first" in text
