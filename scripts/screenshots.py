"""Render the README's screenshots with the app itself (Textual's SVG export).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]      # default: docs/screenshots

The app runs headless over the bundled bank with a throw-away data folder holding three saved
reports at fixed dates, so the pictures are the same on every machine; tests/test_docs.py fails
when the committed ones drift from what the app now draws (`make docs` regenerates them).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (100, 32)
SHOTS = ("welcome", "question", "results", "history")
#: (date, changes to the example answers) for the three saved reports, oldest first.
HISTORY = [
    (datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc), {"kubernetes": 1, "web-app-security": 0}),
    (datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc), {"web-app-security": 0}),
    (datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc), {}),
]


async def _render(out: Path, data_dir: Path) -> None:
    from skillgap.core.answering import make_answer
    from skillgap.core.model import Answers
    from skillgap.core.scoring import score
    from skillgap.formats.answers import load_answers
    from skillgap.formats.bank import bundled_bank_dir, load_bank
    from skillgap.store import Store
    from skillgap.tui.app import SkillgapApp

    bank = load_bank(bundled_bank_dir())
    example = load_answers(ROOT / "examples" / "answers-devops.yaml", bank)
    with Store.open(data_dir) as store:
        for moment, changes in HISTORY:
            answers = Answers(
                {
                    **example.by_question,
                    **{q: make_answer(bank.questions[q], v) for q, v in changes.items()},
                }
            )
            store.save_report(answers, score(bank, answers), created_at=moment)
        SkillgapApp.CURSOR_BLINK = False
        app = SkillgapApp(bank, store)
        async with app.run_test(size=SIZE) as pilot:

            async def shot(name: str) -> None:
                await pilot.pause()
                app.save_screenshot(f"{name}.svg", str(out))

            await shot("welcome")
            await pilot.press("1", "1")  # a Quick quiz, from the last answers
            await shot("question")
            await pilot.press("escape")
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("enter")
            await shot("results")
            await pilot.press("h")
            await shot("history")


def generate(out: Path) -> list[Path]:
    """Write the screenshots into `out`; returns their paths."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SKILLGAP_CACHE_DIR"] = str(Path(tmp) / "cache")
        asyncio.run(_render(out, Path(tmp) / "data"))
    return [out / f"{name}.svg" for name in SHOTS]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in generate(target):
        print(path)
