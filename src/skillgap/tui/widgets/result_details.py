"""The parts of Results for knowledge checks, the adaptive quiz, Quick mode and the plan: what
checks back per role, each claim's mark, the questions the adaptive quiz left out, those a Quick
quiz did not assess, and what moved on the plan. Widgets built from the core's words
(core.wording, export/words.py), so the screen and the exports say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from skillgap.core.model import Answers, Bank, ClaimStatus, Result
from skillgap.core.plan import StepProgress
from skillgap.core.wording import describe_answer, question_title
from skillgap.escape import one_line
from skillgap.tui.format import line

#: A claim's mark in words and a symbol: never colour alone.
CLAIM_MARKS: dict[ClaimStatus, tuple[str, str]] = {
    "checked": ("✓ checked  ", "$text-success"),
    "missed": ("✗ missed   ", "$text-error"),
    "unchecked": ("? unchecked", "$text-muted"),
}


def progress_text(rows: Sequence[StepProgress]) -> Content:
    """ "Your plan: Kubernetes 2 → 3 ✓ reached · Docker 1 → 1 no change"."""
    parts: list[Content] = []
    for row in rows:
        if row.reached:
            state = "✓ reached"
        elif row.moved:
            state = f"(target {row.target})" if row.target is not None else ""
        else:
            state = "no change"
        parts.append(
            Content.assemble(
                (one_line(row.title), "bold"), f" {row.before} → {row.after} {state}".rstrip()
            )
        )
    return Content.assemble(("Your plan: ", "bold"), Content(" · ").join(parts))


def result_parts(
    bank: Bank, result: Result, answers: Answers, progress: Sequence[StepProgress]
) -> list[Widget]:
    from skillgap.export.words import carried_mark, checked_points, checks_asked, missed_text

    widgets: list[Widget] = []
    if progress:
        widgets.append(Static(progress_text(progress), id="plan-progress"))
    if checks_asked(result):
        widgets.append(Static(Content.assemble(("Knowledge checks", "bold")), classes="heading2"))
        names = {r.role_id: one_line(r.name) for r in result.roles}
        width = max((len(n) for n in names.values()), default=8)
        lines: list[Content | str | tuple[str, str]] = [
            (
                "Your fit is what you said. Points of it that a passed check backs"
                " (claims of 3+: ✓ check passed, ✗ missed, ? none asked):",
                "$text-muted",
            )
        ]
        for role in result.roles:
            if points := checked_points(role):
                lines += ["\n", (f"{names[role.role_id]:<{width}}", "bold"), f"  {points}"]
        widgets.append(Static(Content.assemble(*lines), id="backing"))
        claims: list[Widget] = []
        for qid, status in result.claims.items():
            question = bank.questions.get(qid)
            answer = answers.get(qid)
            mark, style = CLAIM_MARKS[status]
            said = one_line(describe_answer(bank, answer)) if question else ""
            if said and (carried := carried_mark(result.carried.get(qid))):
                said += f", {carried}"
            claims.append(
                Static(
                    Content.assemble(
                        (mark, f"bold {style}"),
                        "  ",
                        line(question_title(bank, qid)),
                        Content.styled(f" ({said})" if said else "", "$text-muted"),
                        Content.styled(
                            " · no check in the bank"
                            if status == "unchecked" and question and not question.checks
                            else "",
                            "$text-muted",
                        ),
                    ),
                    classes="claim",
                )
            )
            if status == "missed" and answer is not None and answer.check is not None:
                explain = Content(one_line(missed_text(answer.check)))
                claims.append(Static(explain, classes="claim-explain"))
        widgets.append(Vertical(*claims, id="claims"))
    if result.not_asked:
        from skillgap.export.words import not_asked_text

        widgets.append(Static(Content.assemble(("Not asked", "bold")), classes="heading2"))
        text = "\n".join(not_asked_text(result, bank))
        widgets.append(
            Static(
                Content.assemble(
                    ("Their prerequisite was answered 0, so they count as 0:\n", "$text-muted"),
                    Content(text),
                ),
                id="not-asked",
            )
        )
    if result.not_assessed:
        from skillgap.export.words import not_assessed_titles

        widgets.append(Static(Content.assemble(("Not assessed", "bold")), classes="heading2"))
        titles = ", ".join(one_line(t) for t in not_assessed_titles(result, bank))
        widgets.append(
            Static(
                Content.assemble(
                    (
                        "This Quick quiz did not ask them and no earlier report answered them:"
                        " they are out of the fit, not missing. A Full quiz asks them.\n",
                        "$text-muted",
                    ),
                    Content(titles),
                ),
                id="not-assessed",
            )
        )
    return widgets
