"""The quiz's progress line: a bar and the counts beside it, one widget drawn from two values.

Textual's ProgressBar is three widgets with reactive percentages, an ETA clock and a gradient,
and the counts were a fourth; this is one, redrawn (never re-laid out: its height is fixed) on
each key press. Narrow terminals get the bar and the counts on two lines.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

#: Below this width the counts go under the bar instead of beside it.
SIDE_BY_SIDE = 60


class Meter(Widget):
    DEFAULT_CSS = """
    Meter { height: 1; width: 1fr; }
    Meter.-two-lines { height: 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fraction = 0.0
        self.counts = ""

    def show(self, fraction: float, counts: str) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, counts) != (self.fraction, self.counts):
            self.fraction, self.counts = fraction, counts
            self.refresh()

    def on_resize(self) -> None:
        self.set_class(self.size.width < SIDE_BY_SIDE, "-two-lines")

    def render(self) -> Content:
        width = self.size.width
        counts = f" {self.counts}"
        two_lines = width < SIDE_BY_SIDE
        bar_width = width if two_lines else max(0, width - len(counts))
        done = round(bar_width * self.fraction)
        return Content.assemble(
            ("━" * done, "$primary"),
            ("━" * (bar_width - done), "$foreground 30%"),
            "\n" if two_lines else "",
            (counts.strip() if two_lines else counts, "$text-muted"),
        )
