"""What a person's choice is worth: an `Answer` made from the value they gave a question, with
the level 0-4 it counts as. Every front end and file reader makes answers here."""

from __future__ import annotations

from typing import Any

from skillgap.core.model import LEVELS, Answer, CheckOutcome, Question


def level_of(question: Question, value: int | str | tuple[str, ...] | None) -> int:
    """The level an answer is worth; ValueError for a value the question cannot take."""
    if value is None:
        return 0
    if question.kind == "rating":
        if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
            return value
        raise ValueError(f"must be a level 0-4; got {value!r}")
    chosen = (value,) if isinstance(value, str) else value
    if question.kind == "choice" and not isinstance(value, str):
        raise ValueError(f"must be one option id ({_option_ids(question)}); got {value!r}")
    if not isinstance(chosen, tuple):
        raise ValueError(f"must be a list of option ids ({_option_ids(question)})")
    levels = []
    for option_id in chosen:
        option = question.option(option_id) if isinstance(option_id, str) else None
        if option is None:
            raise ValueError(f"{option_id!r} is not an option; choose from {_option_ids(question)}")
        levels.append(option.level)
    return max(levels, default=0)


def _option_ids(question: Question) -> str:
    return ", ".join(o.id for o in question.options)


def make_answer(
    question: Question, value: Any, note: str = "", check: CheckOutcome | None = None
) -> Answer:
    """An answer to `question` (ValueError for a value it cannot take). `check`: the knowledge
    check outcome to keep on it, e.g. the previous answer's when the person changes a level."""
    if isinstance(value, list):
        value = tuple(value)
    return Answer(question.id, value, level_of(question, value), note, check)
