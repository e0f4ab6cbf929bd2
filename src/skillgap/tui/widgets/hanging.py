"""Text whose wrapped lines keep their indent: each line of a row starts with a lead (a number,
a mark, or spaces) and wraps under its own text, not under the lead, at any width.

One widget draws many such lines (all of Learn next's ready block, every answer), so a long list
costs one widget, not one per line. The wrapping is redone only when the width or the lines
change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

#: Below this many cells for the text, a line wraps under its lead rather than beside it.
NARROWEST = 12


@dataclass(frozen=True)
class Line:
    """One line of text: `lead` is drawn before its first row and its width of spaces before
    the others. `after` (a link's address, say) follows `text` on its row when both fit, else
    has a row of its own when it fits one, else is left out."""

    lead: Content
    text: Content
    after: Content | None = None
    #: The indent of the rows after the first; None: the lead's width.
    hang: int | None = None


def lead(text: str, width: int, style: str = "") -> Content:
    """A lead of `width` cells: `text` padded on the right."""
    return Content.styled(text.ljust(width), style) if style else Content(text.ljust(width))


def wrap_lines(lines: Sequence[Line], width: int) -> list[Content]:
    """The rows `lines` take at `width` cells."""
    rows: list[Content] = []
    for item in lines:
        indent = item.lead.cell_length if item.hang is None else item.hang
        if width - indent < NARROWEST:  # too narrow to hang: under the lead, by two cells
            indent = min(indent, 2)
        room = max(width - max(indent, item.lead.cell_length), 1)
        text, after = item.text, item.after
        alone: Content | None = None
        if after is not None:
            if text.cell_length + 1 + after.cell_length <= room:
                text = Content.assemble(text, " ", after)
            elif after.cell_length <= room - 2:
                alone = after
        wrapped = text.wrap(room) if text.cell_length else [Content("")]
        first, *rest = wrapped or [Content("")]
        if item.lead.cell_length + first.cell_length > width:  # a narrow lead: text below it
            rows.append(item.lead)
            rows.append(Content(" " * indent) + first)
        else:
            rows.append(item.lead + first)
        rows += [Content(" " * indent) + row for row in rest]
        if alone is not None:
            rows.append(Content(" " * (indent + 2)) + alone)
    return rows


class HangingText(Widget):
    """Lines with hanging indents (see `Line`), wrapped to the widget's width."""

    DEFAULT_CSS = """
    HangingText { height: auto; }
    """

    def __init__(
        self,
        lines: Sequence[Line] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._lines = tuple(lines)
        self._rows: tuple[int, list[Content]] = (-1, [])

    @property
    def lines(self) -> tuple[Line, ...]:
        return self._lines

    def set_lines(self, lines: Sequence[Line]) -> None:
        """Show other lines (one redraw, no remount)."""
        self._lines = tuple(lines)
        self._rows = (-1, [])
        self.refresh(layout=True)

    def rows(self, width: int) -> list[Content]:
        if self._rows[0] != width:
            self._rows = (width, wrap_lines(self._lines, width))
        return self._rows[1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows(width)) if width > 0 else 0

    def render(self) -> RenderResult:
        width = self.content_size.width
        return Content("\n").join(self.rows(width)) if width > 0 else Content("")
