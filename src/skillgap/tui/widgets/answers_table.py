"""Your answers, after the quiz and in a report opened from History: every answer in the bank's
order with its note, and whether it was carried over (from report N), its claim checked or
missed, and the questions not assessed. The words are the exports' (export/words.py); the
whole list is one widget, however many answers.
"""

from __future__ import annotations

from datetime import datetime, timezone

from textual.content import Content

from skillgap.core.model import Answers, Bank, Result
from skillgap.core.report import Report
from skillgap.escape import one_line
from skillgap.tui.widgets.hanging import HangingText, Line, lead

#: A claim's mark in words and a symbol: never colour alone (as Results' knowledge checks).
MARKS = {
    "checked": ("✓ checked", "$text-success"),
    "missed": ("✗ missed", "$text-error"),
    "unchecked": ("? unchecked", "$text-muted"),
}


def answer_lines(result: Result, answers: Answers, bank: Bank | None) -> list[Line]:
    """One line per answer ("Linux: 3 Independent · ✓ checked · from report 4"), its note
    below it ("note: …") and a missed check's right answer; then the questions not assessed."""
    from skillgap.export.words import (
        answer_rows,
        carried_mark,
        checks_asked,
        claim_text,
        missed_text,
        not_assessed_titles,
    )

    report = Report(
        0, datetime.now(timezone.utc), result.bank_name, result.bank_version, answers, result
    )
    checks = checks_asked(result)
    lines: list[Line] = []
    note_lead = lead("    note: ", 10, "$text-muted")
    section = None
    for row in answer_rows(report, bank):
        if row.section and row.section != section:
            section = row.section
            lines.append(Line(Content(""), Content.styled(one_line(section), "bold $text-muted")))
        parts: list[Content] = [
            Content.assemble((one_line(row.title), "bold"), ": ", one_line(row.value))
        ]
        if checks and row.claim is not None:
            mark, style = MARKS.get(row.claim, (claim_text(row.claim), ""))
            parts.append(Content.styled(mark, f"bold {style}"))
        if row.carried_from is not None:
            parts.append(Content.styled(carried_mark(row.carried_from), "italic"))
        if row.gone:
            parts.append(Content.styled("no longer in the bank", "$text-muted"))
        lines.append(Line(lead("  ", 2), Content(" · ").join(parts), hang=4))
        if row.note:
            lines.append(Line(note_lead, Content(one_line(row.note))))
        if row.claim == "missed" and row.check is not None:
            lines.append(
                Line(
                    lead("    check missed: ", 18, "$text-error"),
                    Content(one_line(missed_text(row.check))),
                )
            )
    for title in not_assessed_titles(result, bank):
        lines.append(
            Line(
                lead("  ", 2),
                Content.assemble(
                    (one_line(title), "bold"), (": not assessed (Quick quiz)", "$text-muted")
                ),
            )
        )
    if not lines:
        lines.append(Line(lead("  ", 2), Content("No answers.")))
    return lines


class AnswersTable(HangingText):
    """Every answer of a result, with its note and marks."""

    def __init__(self, result: Result, answers: Answers, bank: Bank | None) -> None:
        super().__init__(answer_lines(result, answers, bank), id="answers")


def notes_count(answers: Answers) -> int:
    return sum(1 for answer in answers.by_question.values() if answer.note)
