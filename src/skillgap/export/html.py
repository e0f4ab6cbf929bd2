"""The report as a self-contained HTML page: inline CSS and SVG, no scripts, every value
escaped (`escape.h`), readable printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgap.core.model import Bank, NextStep, Result, RoleResult
from skillgap.core.wording import percent, question_title
from skillgap.escape import h, is_safe_url, url_target
from skillgap.export.words import (
    answer_rows,
    bank_for,
    carried_mark,
    checked_points,
    checks_asked,
    claim_text,
    coverage_text,
    ending_text,
    essentials_not_assessed,
    essentials_text,
    gains,
    learn_next_heading,
    missed_text,
    not_asked_text,
    not_assessed_titles,
    percent_assessed,
    quick_text,
    readiness_text,
    report_heading,
    section_score,
    section_titles,
    status_text,
    step_notes,
    work_item_text,
)

if TYPE_CHECKING:
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline, WorkItem

_CSS = """
:root { color-scheme: light dark; --bg: #ffffff; --ink: #1d2330; --muted: #5b6478;
  --line: #d8dce4; --bar: #2f6fdf; --bg-bar: #e6e9ef; --warn: #a23b00; --ok: #1b6b34;
  --link: #1a56c4; --visited: #6a3db5; --card: #f5f7fa; --head: #f0f2f6;
  --s0: #2f6fdf; --s1: #c2410c; --s2: #15803d; --s3: #7c3aed; }
@media screen and (prefers-color-scheme: dark) {
  :root { --bg: #14171d; --ink: #e5e8ef; --muted: #a9b1c2; --line: #3b4352; --bar: #6ea1ff;
    --bg-bar: #262c38; --warn: #ffa46e; --ok: #72d992; --link: #8fb6ff; --visited: #c9a8ff;
    --card: #1b1f28; --head: #1f2430;
    --s0: #6ea1ff; --s1: #fb923c; --s2: #4ade80; --s3: #c4a5ff; }
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
a { color: var(--link); } a:visited { color: var(--visited); }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { white-space: nowrap; background: var(--head); }
td.role { white-space: nowrap; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar, .sbar { display: inline-block; width: 10rem; height: .7rem; background: var(--bg-bar);
  border: 1px solid var(--line); vertical-align: middle; }
.sbar { width: 6rem; margin-right: .4rem; }
.bar > span, .sbar > span { display: block; height: 100%; background: var(--bar); }
.val { display: inline-block; min-width: 3.3em; text-align: right;
  font-variant-numeric: tabular-nums; }
.warn { color: var(--warn); } .gone { color: var(--warn); font-style: italic; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
.ready-block { margin: 1rem 0 0; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; }
.card { flex: 1 1 20rem; background: var(--card); border: 1px solid var(--line);
  border-left: .35rem solid var(--warn); border-radius: .3rem; padding: .6rem .8rem; }
.card.is-ready { border-left-color: var(--ok); }
.card h3 .mark { display: inline-block; width: 1.2em; }
.card.is-ready h3 { color: var(--ok); } .card.not-ready h3 { color: var(--warn); }
.card p { margin: .2rem 0; } .card ul { margin: .2rem 0 .2rem 1.2rem; padding: 0; }
ol.top-steps { margin-top: .3rem; } ol.top-steps li { margin-bottom: .25rem; }
figure.chart { margin: .5rem 0; } svg.timeline { width: 100%; max-width: 40rem; height: auto; }
svg.timeline .axis { fill: var(--muted); } svg.timeline .grid { stroke: var(--line); }
svg.timeline .legend { fill: var(--ink); }
svg.timeline .s0 { stroke: var(--s0); } svg.timeline .s1 { stroke: var(--s1); }
svg.timeline .s2 { stroke: var(--s2); } svg.timeline .s3 { stroke: var(--s3); }
svg.timeline circle.s0 { fill: var(--s0); } svg.timeline circle.s1 { fill: var(--s1); }
svg.timeline circle.s2 { fill: var(--s2); } svg.timeline circle.s3 { fill: var(--s3); }
ol li { margin-bottom: .4rem; }
@media (max-width: 60rem) { .bar { width: 6rem; } .sbar { width: 4.5rem; } }
@media (max-width: 40rem) { .bar { width: 4rem; } .sbar { width: 3rem; } }
@media print {
  :root { color-scheme: light; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  th { background: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; color: var(--muted); }
  .bar, .bar > span, .sbar, .sbar > span { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
  h2 { break-after: avoid; } tr, li, figure, .card { break-inside: avoid; }
  svg.timeline { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def html_link(title: str, url: str) -> str:
    if is_safe_url(url):
        return f'<a href="{h(url_target(url))}" rel="noopener noreferrer">{h(title)}</a>'
    return h(title) + (f' <span class="muted">({h(url)})</span>' if url else "")


def html_bar(score: float) -> str:
    width = max(0.0, min(score, 100.0))
    return f'<span class="bar" aria-hidden="true"><span style="width:{width:.1f}%"></span></span>'


#: How many Learn next steps the ready block at the top shows.
TOP_STEPS = 3


def _section_cell(role: RoleResult, section_id: str, bank: Bank | None) -> str:
    """A By-section cell: a bar and its percent beside it, or the words for no score."""
    score = next((s.score for s in role.sections if s.section_id == section_id), None)
    text = h(section_score(role, section_id, bank))
    if score is None:
        return f'<span class="muted">{text}</span>'
    width = max(0.0, min(score, 100.0))
    return (
        f'<span class="sbar" aria-hidden="true"><span style="width:{width:.1f}%"></span></span>'
        f'<span class="val">{text}</span>'
    )


def _step_line(step: NextStep, result: Result, bank: Bank | None, href: str = "") -> str:
    """ "<strong>Docker</strong>: level 1 → 2 (+1.7 DevOps engineer; about 20 h; …)", the
    title a link to `href` (a place in this page) when given."""
    names = {r.role_id: r.name for r in result.roles}
    title = f"<strong>{h(step.title)}</strong>"
    if href:
        title = f'<a href="{h(href)}">{title}</a>'
    return (
        f"{title}: level {step.from_level} &rarr;"
        f" {step.to_level} ({h(gains(step, names))}; about {h(f'{step.hours:g}')} h"
        f"{h(step_notes(step, result, bank))})"
    )


def _ready_roles(result: Result) -> list[RoleResult]:
    """The role Learn next aims for, or every role when it aims for both."""
    aimed = result.role(result.target_role) if result.target_role else None
    return [aimed] if aimed is not None else list(result.roles)


def _ready_card(role: RoleResult, result: Result, bank: Bank | None) -> list[str]:
    if role.ready:
        css, mark, verdict = "is-ready", "&#x2713;", status_text(role, bank, result)
    else:
        css, mark, verdict = "not-ready", "&#x2717;", "not ready"
    fit = f"Fit {percent(role.score)}, ready at {role.ready_at:g}%"
    facts = [fit, essentials_text(role)]
    if result.mode == "quick":
        facts.append(coverage_text(role))
    out = [
        f'<div class="card {css}">',
        f'<h3><span class="mark" aria-hidden="true">{mark}</span>{h(role.name)}: {h(verdict)}</h3>',
        f"<p>{' &middot; '.join(h(fact) for fact in facts if fact)}</p>",
    ]
    missing = [gap for gap in role.gaps if gap.essential]
    if missing:
        out.append(f"<p>Essentials still missing ({len(missing)}):</p><ul>")
        out += [
            f"<li><strong>{h(question_title(bank, gap.question_id, result))}</strong>:"
            f" level {gap.level} of {gap.target}</li>"
            for gap in missing
        ]
        out.append("</ul>")
    elif not role.ready:
        out.append("<p>Every essential assessed is at its target.</p>")
    if left := essentials_not_assessed(role):
        noun = "essential" if left == 1 else "essentials"
        out.append(f'<p class="muted">{left} {noun} not assessed: a Full quiz asks them.</p>')
    out.append("</div>")
    return out


def render_ready_html(
    result: Result, bank: Bank | None, timeline: Timeline | None = None
) -> list[str]:
    """The block at the top: ready or not for the role aimed for (each role, for both), the
    essentials still missing, when the plan gets there, and the first Learn next steps."""
    out = ['<section class="ready-block" aria-labelledby="ready">', '<h2 id="ready">Ready?</h2>']
    out.append('<div class="cards">')
    for role in _ready_roles(result):
        out += _ready_card(role, result, bank)
    out.append("</div>")
    if timeline is not None:
        hours = h(f"{timeline.hours_per_week:g}")
        out.append(
            f'<p class="muted">The learning plan below ({hours} h a week).'
            f" {h(readiness_text(timeline))}.</p>"
        )
    top = result.next_steps[:TOP_STEPS]
    if not top:
        out.append("<p>Nothing to learn next: every target of every role is met.</p>")
    else:
        first = "Next step" if len(top) == 1 else f"Next {len(top)} steps"
        aim = learn_next_heading(result).removeprefix("Learn next ")
        out.append(f"<h3>{first} {h(aim)}</h3>")
        out.append('<ol class="top-steps">')
        out += [
            f"<li>{_step_line(step, result, bank, f'#step-{n}')}</li>"
            for n, step in enumerate(top, 1)
        ]
        out.append("</ol>")
        more = len(result.next_steps) - len(top)
        if more:
            out.append(
                f'<p class="muted"><a href="#learn-next">{more} more step'
                f"{'' if more == 1 else 's'}, with what to read for each, in Learn next"
                " below</a>.</p>"
            )
    out.append("</section>")
    return out


def render_report_html(report: Report, bank: Bank | None, timeline: Timeline | None = None) -> str:
    """A self-contained page: inline CSS, no scripts, every value escaped, readable printed.
    With a `timeline`, a learning-plan section with an inline SVG chart."""
    result, own = report.result, bank_for(report, bank)
    checked = checks_asked(result)
    quick = result.mode == "quick"
    title = f"skillgap {report_heading(report)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{h(title)}</h1>",
        f'<p class="meta">Bank: {h(result.bank_name)}, version {h(result.bank_version)}</p>',
        *([f'<p class="meta">{h(quick_text(result))}</p>'] if quick else []),
        "<h2>Fit per role</h2>",
        '<table><thead><tr><th>Role</th><th class="num">Fit</th><th></th><th>Essentials</th>'
        "<th>Status</th>"
        + ('<th class="num">Assessed</th>' if quick else "")
        + ("<th>Checked</th>" if checked else "")
        + "</tr></thead><tbody>",
    ]
    for role in result.roles:
        status = h(status_text(role, own, result))
        if not role.ready:
            status = f'<span class="warn">{status}</span>'
        essentials = essentials_text(role).removeprefix("essentials ") or "-"
        out.append(
            f'<tr><td class="role">{h(role.name)}</td><td class="num">{h(percent(role.score))}</td>'
            f"<td>{html_bar(role.score)}</td><td>{h(essentials)}</td><td>{status}</td>"
            + (f'<td class="num">{h(percent_assessed(role))}</td>' if quick else "")
            + (f"<td>{h(checked_points(role))}</td>" if checked else "")
            + "</tr>"
        )
    out.append("</tbody></table>")
    out += render_ready_html(result, own, timeline)
    out += ["<h2>By section</h2>", "<table><thead><tr><th>Section</th>"]
    out += [f'<th class="num">{h(role.name)}</th>' for role in result.roles]
    out.append("</tr></thead><tbody>")
    for section_id, section_title in section_titles(result).items():
        cells = "".join(
            f'<td class="num">{_section_cell(role, section_id, own)}</td>' for role in result.roles
        )
        out.append(f"<tr><td>{h(section_title)}</td>{cells}</tr>")
    out += ["</tbody></table>", f'<h2 id="learn-next">{h(learn_next_heading(result))}</h2>']
    if not result.next_steps:
        out.append("<p>Nothing: every target of every role is met.</p>")
    else:
        out.append("<ol>")
        for n, step in enumerate(result.next_steps, 1):
            item = f'<li id="step-{n}">{_step_line(step, result, own)}'
            extra = []
            if step.needed_for:
                needed = ", ".join(h(question_title(own, q, result)) for q in step.needed_for)
                extra.append(f"<li>needed first for: {needed}</li>")
            extra += [f"<li>learn: {html_link(r.title, r.url)}</li>" for r in step.resources]
            out.append(item + (f"<ul>{''.join(extra)}</ul>" if extra else "") + "</li>")
        out.append("</ol>")
    if timeline is not None:
        out += ["<h2>Learning plan</h2>", render_timeline_html(timeline)]
    rows = answer_rows(report, bank)
    out += [
        "<h2>Answers</h2>",
        "<table><thead><tr><th>Question</th><th>Answer</th>"
        + ("<th>Check</th>" if checked else "")
        + "<th>Note</th></tr></thead><tbody>",
    ]
    for row in rows:
        gone = ' <span class="gone">(no longer in the bank)</span>' if row.gone else ""
        gone += f' <span class="muted">({h(row.added_by)})</span>' if row.added_by else ""
        claim = ""
        if checked:
            css = ' class="warn"' if row.claim == "missed" else ""
            claim = f"<td{css}>{h(claim_text(row.claim))}</td>"
        carried = (
            f' <span class="muted">({h(carried_mark(row.carried_from))})</span>'
            if row.carried_from
            else ""
        )
        out.append(
            f"<tr><td>{h(row.title)}{gone}</td><td>{h(row.value)}{carried}</td>{claim}"
            f'<td class="note">{h(row.note)}</td></tr>'
        )
    out.append("</tbody></table>")
    missed = [(row.title, row.check) for row in rows if row.claim == "missed" and row.check]
    if missed:
        out.append("<h2>Checks missed</h2><ul>")
        out += [f"<li><strong>{h(t)}</strong>: {h(missed_text(c))}</li>" for t, c in missed]
        out.append("</ul>")
    if result.not_asked:
        out.append(
            '<h2>Not asked</h2><p class="muted">Counted as level 0; they can still be'
            " answered.</p><ul>"
        )
        out += [f"<li>{h(line)}</li>" for line in not_asked_text(result, own)]
        out.append("</ul>")
    if result.not_assessed:
        out.append(
            '<h2>Not assessed</h2><p class="muted">This Quick quiz did not ask them and no'
            " earlier report answered them: they are out of the fit, not missing. A Full quiz"
            " asks them.</p><ul>"
        )
        out += [f"<li>{h(title)}</li>" for title in not_assessed_titles(result, own)]
        out.append("</ul>")
    not_answered = len(result.unanswered) + len(result.skipped)
    if not_answered:
        out.append(
            f'<p class="muted">{not_answered} question(s) not answered or skipped were counted'
            " as level 0.</p>"
        )
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# -- the learning plan: an SVG chart and a table -----------------------------------------------

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
        '<g class="axis" font-family="system-ui, sans-serif" font-size="11" fill="#5b6478">',
    ]
    for tick in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"'
            ' class="grid" stroke="#d8dce4" stroke-width="1"/>'
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
        css = f"s{i % len(_LINES)}"  # the page's style gives each line its dark-mode colour
        if len(series) == 1:
            out.append(
                f'<circle class="{css}" cx="{x(0):.1f}" cy="{y(series[0]):.1f}" r="3"'
                f' fill="{colour}"/>'
            )
        else:
            out.append(
                f'<polyline class="{css}" points="{points}" fill="none" stroke="{colour}"'
                ' stroke-width="2"'
                f"{dashes}><title>{h(name)}: {h(percent(series[0]))} now,"
                f" {h(percent(series[-1]))} after week {weeks}</title></polyline>"
            )
        legend_y = _H - 8
        out.append(
            f'<line class="{css}" x1="{legend_x}" x2="{legend_x + 24}" y1="{legend_y - 4}"'
            f' y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"{dashes}/>'
            f'<text class="legend" x="{legend_x + 30}" y="{legend_y}"'
            ' font-family="system-ui, sans-serif"'
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
        f'<p class="muted">{h(ending_text(timeline, "→"))}</p>',
    ]
    return "\n".join(out)


def _html_week(
    label: str, scores: dict[str, float], items: list[WorkItem], names: list[tuple[str, str]]
) -> str:
    cells = "".join(f'<td class="num">{h(percent(scores.get(rid, 0.0)))}</td>' for rid, _ in names)
    steps = "; ".join(h(work_item_text(item, "→")) for item in items)
    return f'<tr><td class="num">{h(label)}</td>{cells}<td>{steps}</td></tr>'
