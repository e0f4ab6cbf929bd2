"""Tables whose cursor row carries a ▶, so the highlight never relies on colour."""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from skillgap.tui.widgets.pointer import POINTER


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
