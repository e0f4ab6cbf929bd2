"""The learning plan's projected fit, drawn in text: one row per role with its fit now, a block
per week rising with the fit, and its fit at the end (and the week it reaches 100%).

Readable without colour: the blocks' heights and the % numbers carry it, not the hue.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from skillgap.core.timeline import Timeline
from skillgap.core.wording import sparkline
from skillgap.escape import one_line

#: At most this many cells per week when there is room: a short plan still reads as a chart.
MAX_CELLS_PER_WEEK = 4
#: Room for " after week 520" beside each row.
SUFFIX_WIDTH = 16


def fit_name(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def reached_week(series: list[float]) -> int | None:
    """The first week (1-based) the series reaches 100, or None."""
    for week, value in enumerate(series[1:], 1):
        if value >= 100.0 - 1e-9:
            return week
    return None


class TimelineChart(Widget):
    """Projected fit per role, week by week; `show(timeline)` to draw another."""

    DEFAULT_CSS = """
    TimelineChart { height: auto; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None

    def show(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.timeline is None:
            return 1
        return len(self.timeline.role_names) + 1

    def render(self) -> Content:
        timeline = self.timeline
        if timeline is None:
            return Content("No timeline yet.")
        names = {rid: one_line(name) for rid, name in timeline.role_names.items()}
        width = self.size.width or 80
        longest = max((len(n) for n in names.values()), default=4)
        name_width = max(4, min(longest, 20, width // 3))
        fixed = name_width + 1 + 6 + 5  # name, " 42% ", blocks, " 100%"
        suffix = width - fixed - SUFFIX_WIDTH >= 8  # "by week 12" only where it fits
        room = max(4, width - fixed - (SUFFIX_WIDTH if suffix else 0))
        weeks = len(timeline.weeks)
        rows: list[Content] = []
        for rid, name in names.items():
            series = timeline.series(rid)
            done = reached_week(series)
            end = f"{series[-1]:.0f}%"
            after = f" by week {done}" if done is not None else f" after week {weeks}"
            rows.append(
                Content.assemble(
                    (f"{fit_name(name, name_width):<{name_width}} ", "bold"),
                    f"{series[0]:>4.0f}% ",
                    (sparkline(series, room, MAX_CELLS_PER_WEEK), "$accent"),
                    (f" {end:>4}", "bold"),
                    (after if suffix else "", "$text-muted"),
                )
            )
        prefix = " " * (name_width + 7)
        span = len(sparkline([0.0] * (weeks + 1), room, MAX_CELLS_PER_WEEK))
        last = f"week {weeks}"
        if not weeks:
            axis = f"{prefix}nothing to learn: every target is met"
        elif span >= len(last) + 5:
            axis = f"{prefix}now{' ' * (span - 3 - len(last))}{last}"
        else:
            axis = f"{prefix}now → {last}"
        rows.append(Content.styled(axis, "$text-muted"))
        return Content("\n").join(rows)
