"""The learning plan's projected fit, drawn in text: one row per role with its fit now, a block
per week rising with the fit, and its fit at the end (and the week it reaches 100%).

Readable without colour: the blocks' heights and the % numbers carry it, not the hue.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from skillgap.text import one_line
from skillgap.timeline import Timeline

BLOCKS = "▁▂▃▄▅▆▇█"


def blocks(values: list[float], width: int) -> str:
    """Values 0-100 as block characters, one per value, sampled down to at most `width`."""
    if width <= 0 or not values:
        return ""
    if len(values) > width:
        last = len(values) - 1
        values = [values[round(i * last / max(1, width - 1))] for i in range(width)]
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[round(max(0.0, min(v, 100.0)) / 100 * top)] for v in values)


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
        name_width = min(max((len(n) for n in names.values()), default=4), 20)
        width = self.size.width or 80
        # name, now %, blocks, end %, "100% in week NN"
        room = width - name_width - 1 - 5 - 1 - 5 - 16
        room = max(4, room)
        weeks = len(timeline.weeks)
        rows: list[Content] = []
        for rid, name in names.items():
            series = timeline.series(rid)
            done = reached_week(series)
            end = f"{series[-1]:.0f}%"
            after = f" by week {done}" if done is not None else f" after week {weeks}"
            rows.append(
                Content.assemble(
                    (f"{name[:name_width]:<{name_width}} ", "bold"),
                    f"{series[0]:>4.0f}% ",
                    (blocks(series, room), "$accent"),
                    (f" {end:>4}", "bold"),
                    (after, "$text-muted"),
                )
            )
        prefix = " " * (name_width + 7)
        span = min(room, weeks + 1)
        last = f"week {weeks}"
        if not weeks:
            axis = f"{prefix}nothing to learn: every target is met"
        elif span >= len(last) + 5:
            axis = f"{prefix}now{' ' * (span - 3 - len(last))}{last}"
        else:
            axis = f"{prefix}now → {last}"
        rows.append(Content.styled(axis, "$text-muted"))
        return Content("\n").join(rows)
