"""How domain values read, the same on screen, in every export and in a report comparison: a
question's title, an answer as a person would say it, a percent, a bar, a sparkline.

The words are raw text from the bank or a report: each face makes them safe for where it shows
them (`skillgap.escape`).
"""

from __future__ import annotations

from collections.abc import Sequence

from skillgap.core.model import Answer, Bank, Result

BAR_WIDTH = 20
SPARKS = "▁▂▃▄▅▆▇█"


def question_title(bank: Bank | None, question_id: str, result: Result | None = None) -> str:
    """A question's title from the bank (an any-of group's: its title, else "one of: CISSP,
    CEH, GSEC"), else from the report's own steps, else its id."""
    question = bank.questions.get(question_id) if bank else None
    if question is not None:
        return question.title
    group = bank.groups.get(question_id) if bank else None
    if group is not None:
        if group.title:
            return group.title
        return "one of: " + ", ".join(question_title(bank, m) for m in group.any_of)
    if result is not None:
        for step in result.next_steps:
            if step.question_id == question_id:
                return step.title
    return question_id


def source_text(bank: Bank | None, question_id: str) -> str:
    """Where a question comes from, as a reader is told: "from the article" (the source the
    bank is built on), "added by skillgap" (an addition beyond it), or "" when the bank is
    silent or the question is gone from it."""
    question = bank.questions.get(question_id) if bank else None
    if question is None or not question.source:
        return ""
    return "from the article" if question.source == "article" else f"added by {question.source}"


def source_sentence(bank: Bank | None, question_id: str) -> str:
    """`source_text` as a sentence to close a question's help: "From the article." or "Added
    by skillgap, beyond the article."; "" when the bank does not say."""
    text = source_text(bank, question_id)
    if not text:
        return ""
    return (
        text[0].upper() + text[1:] + (", beyond the article." if text.startswith("added") else ".")
    )


def added_by(bank: Bank | None, question_id: str) -> str:
    """`source_text` for a question added beyond the article; "" for the article's own. Lists
    mark only the additions: most of a bank is its article's."""
    text = source_text(bank, question_id)
    return text if text.startswith("added by ") else ""


def level_name(bank: Bank | None, level: int) -> str:
    """The bank's name for a level ("Independent"), or "" when it has none."""
    return bank.scale[level] if bank and 0 <= level < len(bank.scale) else ""


def level_label(bank: Bank | None, level: int) -> str:
    """ "3 Independent": a level and the bank's name for it."""
    return f"{level} {level_name(bank, level)}".strip()


def describe_answer(bank: Bank | None, answer: Answer | None) -> str:
    """An answer as a person would say it: "3 Independent", "Studying (level 2)", "skipped"."""
    if answer is None:
        return "not answered"
    if answer.skipped:
        return "skipped"
    question = bank.questions.get(answer.question_id) if bank else None
    if isinstance(answer.value, int) or (question is not None and question.kind == "rating"):
        return level_label(bank, answer.level)
    chosen = (answer.value,) if isinstance(answer.value, str) else (answer.value or ())
    labels = [
        opt.label if question is not None and (opt := question.option(o)) is not None else o
        for o in chosen
    ]
    return f"{', '.join(labels) or 'none of these'} (level {answer.level})"


def percent(score: float) -> str:
    return f"{score:.0f}%"


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A fit 0-100 as a bar of `width` cells, full ones first."""
    filled = round(width * max(0.0, min(score, 100.0)) / 100)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: Sequence[float], width: int, max_cells: int = 1) -> str:
    """Values 0-100 as block characters: sampled down to at most `width` of them, or each
    repeated (up to `max_cells` times) to fill `width`."""
    if width <= 0 or not values:
        return ""
    if len(values) > width:
        last = len(values) - 1
        values = [values[round(i * last / max(1, width - 1))] for i in range(width)]
    cells = max(1, min(max_cells, width // len(values)))
    top = len(SPARKS) - 1
    return "".join(SPARKS[round(max(0.0, min(v, 100.0)) / 100 * top)] * cells for v in values)
