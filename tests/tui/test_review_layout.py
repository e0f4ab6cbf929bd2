"""Review's columns (screens/review.column_widths): the answer whole first, then the question,
the note in what is left, the section only where it fits."""

from __future__ import annotations

from rich.text import Text

from skillgap.tui.screens.review import AROUND, PADDING, _Row, column_widths

NOTE = "Ran the build hosts of a bank for two years"


def rows(note: str = "") -> list[_Row]:
    return [
        _Row("0", "Linux/Unix administration", "Linux/Unix administration", Text("2 Practised"),
             note),
        _Row("1", "", "Kubernetes", Text("not asked: needs Docker first"), "",
             shorter=("needs Docker first", "not asked")),
        _Row("2", "Cloud platforms", "Cloud security posture and guardrails",
             Text("not answered"), ""),
    ]  # fmt: skip


def total(widths: tuple[int, int, int, int]) -> int:
    return AROUND + sum(w + PADDING for w in widths if w)


def test_at_80_columns_the_answer_is_whole_and_everything_fits() -> None:
    for note in ("", NOTE):
        section, question, answer, note_w = column_widths(rows(note), 80)
        # whole, in its shorter words when that lets the question show whole beside a note
        assert answer == len("not asked: needs Docker first" if not note else "needs Docker first")
        assert total((section, question, answer, note_w)) <= 80
    assert column_widths(rows(), 80)[1] == len("Cloud security posture and guardrails")
    assert column_widths(rows(NOTE), 80)[3] >= 10  # the note shows


def test_the_section_shows_only_where_it_fits() -> None:
    assert column_widths(rows(), 80)[0] == 0
    wide = column_widths(rows(NOTE), 200)
    assert wide[0] == len("Linux/Unix administration") and wide[3] == len(NOTE)
    assert total(wide) <= 200


def test_narrow_screens_use_the_shorter_words_and_keep_the_note() -> None:
    section, question, answer, note = column_widths(rows(NOTE), 60)
    assert answer == len("needs Docker first") and note >= 10 and section == 0
    assert total((section, question, answer, note)) <= 60
