"""Turning domain values into the words and Content shown on screen.

Every string from a bank, a report or the person goes through `skillgap.escape` and into a
`Content` (never markup), so a bank cannot style, link or break the screen.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from skillgap.core.model import Answer, Bank, Question, RoleResult
from skillgap.escape import one_line, safe


def bar(score: float, width: int) -> str:
    """The same bar as the exports draw (imported on first use: the welcome screen's first
    paint does not need the export renderers)."""
    from skillgap.export.report import bar as export_bar

    return export_bar(score, width)


def percent(score: float) -> str:
    from skillgap.export.report import percent as export_percent

    return export_percent(score)


def plain(text: str) -> Content:
    """Outside text, made safe, as Content (never parsed as markup)."""
    return Content(safe(text))


def line(text: str) -> Content:
    return Content(one_line(text))


def question_title(bank: Bank | None, question_id: str) -> str:
    question = bank.questions.get(question_id) if bank else None
    return one_line(question.title) if question else f"{one_line(question_id)} (not in this bank)"


def level_name(bank: Bank, level: int) -> str:
    return one_line(bank.scale[level]) if 0 <= level < len(bank.scale) else ""


def level_label(bank: Bank, level: int) -> str:
    return f"{level} {level_name(bank, level)}".strip()


def answer_label(bank: Bank, question: Question, answer: Answer | None) -> str:
    """What someone answered, in words: "3 Independent", an option's label, or "skipped"."""
    if answer is None:
        return "not answered"
    if answer.skipped:
        return "skipped"
    value = answer.value
    if question.kind == "rating" and isinstance(value, int):
        return level_label(bank, value)
    chosen = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
    labels = [one_line(o.label) for o in question.options if o.id in chosen]
    return ", ".join(labels) if labels else "none of these"


def role_status(role: RoleResult, bank: Bank | None) -> str:
    """ "ready", or the essentials missing: words, so colour is never the only signal."""
    if role.ready:
        return "✓ ready"
    missing = ", ".join(question_title(bank, qid) for qid in role.missing_essentials)
    return f"✗ missing: {missing}"


def when(moment: datetime) -> str:
    """A report's time in the person's local zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def delta(change: float | None) -> str:
    if change is None:
        return ""
    if abs(change) < 0.05:
        return "±0"
    return f"{change:+.0f}"
