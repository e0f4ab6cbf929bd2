"""Option lists whose highlighted option carries a ▶, so the highlight never relies on colour.

Colour alone fails on monochrome terminals, in some light themes and for colour-blind people;
the pointer is one cell, drawn in a gutter. (Tables: `pointer_table`.)
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList

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
