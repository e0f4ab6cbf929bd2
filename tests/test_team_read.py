"""app/team.py's fast reading of a report's answers gives what the full reader
(formats.report_json.read_report_answers) gives: the same levels, the same unknown ids, and
for a bad entry the same error naming the same field."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.app.team import answer_levels
from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from skillgap.formats.json_reader import FormatError, Reader
from skillgap.formats.report_json import read_report_answers
from tests.conftest import MINI_BANK

BANK: Bank = load_bank(MINI_BANK)
IDS = [*BANK.questions, "terraform", "Bad Id", "x" * 200]
VALUES: list[Any] = [
    None, 0, 1, 2, 3, 4, 5, -1, True, 2.0, "held", "studying", "none", "dev", "ops", "sec",
    "Nope", "", ["dev"], ["dev", "sec"], [], ["held", 3], ["x" * 300], {"a": 1},
]  # fmt: skip
LEVEL_VALUES: list[Any] = [0, 1, 2, 3, 4, 5, -1, True, None, "2", 2.5]
NOTES: list[Any] = ["", "a note", 7, None, "n" * 20_000]


@st.composite
def entries(draw: st.DrawFn) -> Any:
    entry: dict[str, Any] = {}
    if draw(st.booleans()) or draw(st.booleans()):
        entry["value"] = draw(st.sampled_from(VALUES))
    if draw(st.booleans()) or draw(st.booleans()):
        entry["level"] = draw(st.sampled_from(LEVEL_VALUES))
    if draw(st.booleans()):
        entry["note"] = draw(st.sampled_from(NOTES))
    if not draw(st.integers(0, 9)):
        entry[draw(st.sampled_from(["check", "extra"]))] = None
    return entry if draw(st.integers(0, 19)) else draw(st.sampled_from([None, 3, "x", []]))


def full(raw: Any) -> tuple[dict[str, int], tuple[str, ...]] | str:
    try:
        answers = read_report_answers(Reader(raw, "answers"))
    except FormatError as exc:
        return str(exc)
    levels = {q: a.level for q, a in answers.by_question.items() if q in BANK.questions}
    return levels, tuple(q for q in answers.by_question if q not in BANK.questions)


def fast(raw: Any) -> tuple[dict[str, int], tuple[str, ...]] | str:
    try:
        return answer_levels(Reader(raw, "answers"), BANK)
    except FormatError as exc:
        return str(exc)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(IDS), entries(), max_size=6))
def test_fast_reading_matches_the_full_reader(raw: dict[str, Any]) -> None:
    assert fast(raw) == full(raw)


def test_plain_answers_take_the_fast_path_and_read_the_same() -> None:
    raw = {
        "linux": {"value": 3, "level": 3, "note": "ok"},
        "cissp": {"value": "held", "level": 4},
        "background": {"value": ["dev", "sec"], "level": 4},
        "scanning": {"value": None, "level": 0},
        "terraform": {"value": 2, "level": 2},
    }
    assert (
        fast(raw)
        == full(raw)
        == (
            {"linux": 3, "cissp": 4, "background": 4, "scanning": 0},
            ("terraform",),
        )
    )
    assert fast([1]) == full([1])
