"""Hanging indents (tui/widgets/hanging.py): wrapped rows stay under their text, a link's address
goes beside its title, else on a row of its own, else is left out."""

from __future__ import annotations

from textual.content import Content

from skillgap.tui.widgets.hanging import Line, lead, wrap_lines


def plain(lines: list[Line], width: int) -> list[str]:
    return [row.plain.rstrip() for row in wrap_lines(lines, width)]


def test_wrapped_rows_hang_under_the_text() -> None:
    line = Line(lead("  1.", 6), Content("Docker 1 → 3 · about 80 h · +3.4 points of fit"))
    rows = plain([line], 30)
    assert rows[0].startswith("  1.  Docker")
    assert len(rows) > 1 and all(row.startswith("      ") for row in rows[1:])
    assert all(len(row) <= 30 for row in rows)


def test_hang_sets_the_indent_of_the_rows_after_the_first() -> None:
    rows = plain([Line(lead("  ", 2), Content("word " * 12), hang=4)], 24)
    assert rows[0].startswith("  word") and all(r.startswith("    word") for r in rows[1:])


def test_an_address_beside_its_title_on_its_own_row_or_left_out() -> None:
    link = Line(lead("", 4), Content("learn: Docs ↗"), after=Content("https://example.org/x"))
    assert plain([link], 60) == ["    learn: Docs ↗ https://example.org/x"]
    assert plain([link], 30) == ["    learn: Docs ↗", "      https://example.org/x"]
    assert plain([link], 20) == ["    learn: Docs ↗"]


def test_too_narrow_to_hang_wraps_under_the_lead() -> None:
    rows = plain([Line(lead("", 10), Content("a few words here"))], 16)
    assert all(len(row) <= 16 for row in rows)
