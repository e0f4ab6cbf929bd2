"""Lists and tables whose highlighted row carries a ▶, so the highlight never relies on colour.

Colour alone fails on monochrome terminals, in some light themes and for colour-blind people;
the pointer is one cell, drawn in a gutter (option lists) or a narrow first column (tables).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.coordinate import Coordinate
from textual.strip import Strip
from textual.widgets import DataTable, OptionList

POINTER = "▶"


class PointerOptionList(OptionList):
    """An OptionList with ▶ beside the first line of the highlighted option."""

    def _get_left_gutter_width(self) -> int:
        # The hook Textual's SelectionList uses for its check boxes: options render narrower.
        return 2

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        line = self.scroll_offset.y + y
        lines = self._lines
        if line >= len(lines):
            return strip  # below the last option: a blank line of the full width
        pointed = lines[line] == (self.highlighted, 0)
        # The gutter takes the line's own style (and its meta, so a click there picks it too).
        style = next(iter(strip)).style if len(strip) else None
        gutter = Segment(f"{POINTER} " if pointed else "  ", style)
        return Strip([gutter, *strip], strip.cell_length + 2)


class PointerTable(DataTable[Text]):
    """A row-cursor DataTable whose first column shows ▶ on the cursor row.

    Call `add_pointer_column()` before the other columns, and give each row an empty first cell.
    """

    def add_pointer_column(self) -> None:
        self.add_column("", key="pointer", width=1)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._point(old.row, "")
        self._point(new.row, POINTER)

    def point_at_cursor(self) -> None:
        """Draw the pointer after rows were added (moving the cursor draws it by itself)."""
        self._point(self.cursor_row, POINTER)

    def _point(self, row: int, text: str) -> None:
        columns = self.ordered_columns
        if 0 <= row < self.row_count and columns and columns[0].key.value == "pointer":
            self.update_cell_at(Coordinate(row, 0), Text(text, style="bold"))
