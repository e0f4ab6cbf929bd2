"""Print what Learn next advises the five personas of tests/data/personas, as Markdown: each
one's target role, where they stand, their first five steps, and how many hours of the plan (at
10 h a week) until that role is ready. docs/advice.md is this output, with the advice of the
ranking it replaced beside it.

    .venv/bin/python scripts/personas.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from skillgap.core.model import Bank  # noqa: E402
from skillgap.core.scoring import level_map, score  # noqa: E402
from skillgap.core.timeline import schedule  # noqa: E402
from skillgap.core.wording import question_title  # noqa: E402
from skillgap.formats.answers import load_answers  # noqa: E402
from skillgap.formats.bank import load_bank  # noqa: E402
from skillgap.paths import bundled_bank_dir  # noqa: E402
from tests.test_personas import PERSONAS, TARGETS  # noqa: E402

HOURS_A_WEEK = 10
WEEKS = 520


def hours_until_ready(bank: Bank, name: str) -> float | None:
    """Hours of the plan, at 10 h a week, until the persona's target role (each role, for
    both) is ready; None when not within ten years."""
    answers = load_answers(PERSONAS / f"{name}.yaml", bank)
    role = TARGETS[name]
    timeline = schedule(bank, level_map(bank, answers), HOURS_A_WEEK, WEEKS, None, role)
    wanted = [role] if role is not None else [r.id for r in bank.roles]
    weeks = [timeline.ready_week(rid) for rid in wanted]
    if any(w is None for w in weeks):
        return None
    last = max(w for w in weeks if w is not None)
    if last == 0:
        return 0.0
    return sum(week.hours for week in timeline.weeks[:last])


def main() -> None:
    bank = load_bank(bundled_bank_dir())
    for name, role in TARGETS.items():
        answers = load_answers(PERSONAS / f"{name}.yaml", bank)
        result = score(bank, answers, target_role=role)
        aim = bank.role(role).name if role else "both roles"  # type: ignore[union-attr]
        print(f"### {name} (aiming for {aim})\n")
        for r in result.roles:
            met, total = r.essentials or (0, 0)
            state = "ready" if r.ready else "not ready"
            print(f"- {r.name}: fit {r.score:.0f}%, essentials {met} of {total}, {state}")
        hours = hours_until_ready(bank, name)
        when = "never within ten years" if hours is None else f"{hours:.0f} h"
        print(f"- Hours of the plan until ready: {when}\n")
        print("| # | step | hours | essential | gain |")
        print("| ---: | --- | ---: | --- | --- |")
        for i, step in enumerate(result.next_steps[:5], 1):
            gains = ", ".join(f"+{v:.1f} {k}" for k, v in step.gain.items() if v > 0)
            title = question_title(bank, step.question_id)
            print(
                f"| {i} | {title} {step.from_level} → {step.to_level} | {step.hours:g} |"
                f" {'yes' if step.essential else ''} | {gains} |"
            )
        if not result.next_steps:
            print("| | nothing left: every target is met | | | |")
        print()


if __name__ == "__main__":
    main()
