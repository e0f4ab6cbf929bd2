"""Renderers of a learning-plan timeline: a terminal table with a sparkline per role, a Markdown
table, an inline SVG line chart for the HTML export, and the `plan --json` document.

Every name comes from a bank or a report, so each is made safe for where it is shown.
"""

from __future__ import annotations

from typing import Any

from skillgap.core.timeline import Timeline, WorkItem
from skillgap.escape import one_line
from skillgap.export.report import h, md, percent

SPARKS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 40


def timeline_json(timeline: Timeline, report_id: int | None) -> dict[str, Any]:
    """The `skillgap plan --json` document (a public contract: see DESIGN.md)."""
    return {
        "report": report_id,
        "hours_per_week": timeline.hours_per_week,
        "start": _rounded(timeline.start),
        "weeks": [
            {
                "week": week.number,
                "steps": [
                    {
                        "id": item.question_id,
                        "title": item.title,
                        "hours": round(item.hours, 2),
                        "from_level": item.from_level,
                        "to_level": item.to_level,
                        "finished": item.finished,
                    }
                    for item in week.items
                ],
                "scores": _rounded(week.scores),
            }
            for week in timeline.weeks
        ],
        "done": list(timeline.done),
        "complete": timeline.complete,
    }


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {rid: round(score, 1) for rid, score in scores.items()}


def _item(item: WorkItem, arrow: str = "->") -> str:
    state = "done" if item.finished else "continues"
    return (
        f"{one_line(item.title)} {item.from_level}{arrow}{item.to_level}"
        f" ({item.hours:.3g} h, {state})"
    )


def sparkline(values: list[float], width: int = SPARK_WIDTH) -> str:
    """Values 0-100 as block characters, sampled down to at most `width` of them."""
    if not values:
        return ""
    if len(values) > width:
        last = len(values) - 1
        values = [values[round(i * last / (width - 1))] for i in range(width)]
    top = len(SPARKS) - 1
    return "".join(SPARKS[round(max(0.0, min(v, 100.0)) / 100 * top)] for v in values)


def render_timeline_text(timeline: Timeline, heading: str = "") -> str:
    """The `skillgap plan` output: one row per week with projected fit per role and the steps
    worked on, then a sparkline per role from now to the last week."""
    names = {rid: one_line(name) for rid, name in timeline.role_names.items()}
    cols = {rid: max(len(name), 5) for rid, name in names.items()}
    out = [heading] if heading else []
    out.append(f"{timeline.hours_per_week:g} h a week")
    if timeline.done:
        out.append(f"Counted as done (from your plan): {', '.join(timeline.done)}")
    out.append("")
    header = "Week" + "".join(f"  {names[rid]:>{w}}" for rid, w in cols.items()) + "  Steps"
    out.append(header)

    def row(label: str, scores: dict[str, float], steps: str) -> str:
        cells = "".join(f"  {percent(scores.get(rid, 0.0)):>{w}}" for rid, w in cols.items())
        return f"{label:>4}{cells}  {steps}".rstrip()

    out.append(row("now", timeline.start, ""))
    for week in timeline.weeks:
        out.append(row(str(week.number), week.scores, "; ".join(map(_item, week.items))))
    if not timeline.weeks:
        out.append("  Nothing to learn: every target of every role is met.")
    out += ["", "Projected fit"]
    nw = max((len(n) for n in names.values()), default=4)
    for rid, name in names.items():
        series = timeline.series(rid)
        out.append(
            f"  {name:<{nw}}  {percent(series[0]):>4} {sparkline(series)} {percent(series[-1])}"
        )
    out.append("")
    out.append(_ending(timeline))
    return "\n".join(out) + "\n"


def _ending(timeline: Timeline, arrow: str = "->") -> str:
    if timeline.complete:
        return f"Every step is scheduled: {len(timeline.weeks)} week(s)."
    step = timeline.next_step
    more = (
        f"; next: {one_line(step.title)} level {step.from_level} {arrow} {step.to_level}"
        if step is not None
        else ""
    )
    return f"Not finished within {len(timeline.weeks)} week(s){more}. Try more hours or weeks."


def render_timeline_markdown(timeline: Timeline) -> str:
    """A Markdown table: one row per week, projected fit per role, steps worked on."""
    names = list(timeline.role_names.items())
    out = [
        f"{timeline.hours_per_week:g} h a week.",
        "",
        "| Week | " + " | ".join(md(name) for _, name in names) + " | Steps |",
        "| ---: | " + " | ".join("---:" for _ in names) + " | --- |",
        _md_week("now", timeline.start, "", names),
    ]
    for week in timeline.weeks:
        steps = "; ".join(md(_item(item, "→")) for item in week.items)
        out.append(_md_week(str(week.number), week.scores, steps, names))
    out += ["", md(_ending(timeline, "→"))]
    return "\n".join(out) + "\n"


def _md_week(label: str, scores: dict[str, float], steps: str, names: list[tuple[str, str]]) -> str:
    cells = " | ".join(percent(scores.get(rid, 0.0)) for rid, _ in names)
    return f"| {label} | {cells} | {steps} |"


# -- SVG --------------------------------------------------------------------------------------

#: Line colours and dash patterns: told apart in colour and in black-and-white print.
_LINES = (("#2f6fdf", ""), ("#c2410c", "6 4"), ("#15803d", "2 3"), ("#7c3aed", "8 3 2 3"))
_W, _H = 640, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 16, 56


def render_timeline_svg(timeline: Timeline) -> str:
    """An inline SVG line chart of projected fit per role, week by week. No scripts, every
    text escaped; titled for screen readers."""
    weeks = len(timeline.weeks)
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(week: int) -> float:
        return _LEFT + (plot_w * week / weeks if weeks else 0.0)

    def y(score: float) -> float:
        return _TOP + plot_h * (1 - max(0.0, min(score, 100.0)) / 100)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" role="img"'
        ' class="timeline" aria-labelledby="timeline-title">',
        '<title id="timeline-title">Projected fit per role, week by week, at'
        f" {h(f'{timeline.hours_per_week:g}')} hours a week</title>",
        '<g font-family="system-ui, sans-serif" font-size="11" fill="#5b6478">',
    ]
    for tick in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"'
            ' stroke="#d8dce4" stroke-width="1"/>'
            f'<text x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}%</text>'
        )
    step = max(1, -(-weeks // 10))
    for week in range(0, weeks + 1, step):
        label = "now" if week == 0 else str(week)
        out.append(
            f'<text x="{x(week):.1f}" y="{_TOP + plot_h + 16}" text-anchor="middle">{label}</text>'
        )
    out.append(
        f'<text x="{_LEFT + plot_w / 2:.1f}" y="{_TOP + plot_h + 32}" text-anchor="middle">'
        "week</text>"
    )
    out.append("</g>")
    legend_x = _LEFT
    for i, (rid, name) in enumerate(timeline.role_names.items()):
        colour, dash = _LINES[i % len(_LINES)]
        series = timeline.series(rid)
        points = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(series))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        if len(series) == 1:
            out.append(f'<circle cx="{x(0):.1f}" cy="{y(series[0]):.1f}" r="3" fill="{colour}"/>')
        else:
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"'
                f"{dashes}><title>{h(name)}: {h(percent(series[0]))} now,"
                f" {h(percent(series[-1]))} after week {weeks}</title></polyline>"
            )
        legend_y = _H - 8
        out.append(
            f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}"'
            f' stroke="{colour}" stroke-width="2"{dashes}/>'
            f'<text x="{legend_x + 30}" y="{legend_y}" font-family="system-ui, sans-serif"'
            f' font-size="12" fill="#1d2330">{h(name)}</text>'
        )
        legend_x += 40 + 7 * min(len(name), 40)
    out.append("</svg>")
    return "\n".join(out)


def render_timeline_html(timeline: Timeline) -> str:
    """The chart and a week table, for the HTML report."""
    names = list(timeline.role_names.items())
    out = [
        f'<p class="muted">{h(f"{timeline.hours_per_week:g}")} h a week.</p>',
        f'<figure class="chart">{render_timeline_svg(timeline)}</figure>',
        '<table><thead><tr><th class="num">Week</th>',
        *(f'<th class="num">{h(name)}</th>' for _, name in names),
        "<th>Steps</th></tr></thead><tbody>",
        _html_week("now", timeline.start, [], names),
        *(_html_week(str(w.number), w.scores, list(w.items), names) for w in timeline.weeks),
        "</tbody></table>",
        f'<p class="muted">{h(_ending(timeline, "→"))}</p>',
    ]
    return "\n".join(out)


def _html_week(
    label: str, scores: dict[str, float], items: list[WorkItem], names: list[tuple[str, str]]
) -> str:
    cells = "".join(f'<td class="num">{h(percent(scores.get(rid, 0.0)))}</td>' for rid, _ in names)
    steps = "; ".join(h(_item(item, "→")) for item in items)
    return f'<tr><td class="num">{h(label)}</td>{cells}<td>{steps}</td></tr>'
