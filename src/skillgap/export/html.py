"""The report as a self-contained HTML page: inline CSS and SVG, no scripts, every value
escaped, readable printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgap.core.model import Bank
from skillgap.export.report import (
    _gains,
    _safe_url,
    _section_score,
    _section_titles,
    answer_rows,
    bank_for,
    checked_points,
    checks_asked,
    claim_text,
    h,
    missed_text,
    not_asked_text,
    percent,
    question_title,
    report_heading,
)

if TYPE_CHECKING:
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline

_CSS = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6478; --line: #d8dce4;
  --bar: #2f6fdf; --bg-bar: #e6e9ef; --warn: #a23b00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { display: inline-block; width: 10rem; height: .7rem; background: var(--bg-bar);
  border: 1px solid var(--line); vertical-align: middle; }
.bar > span { display: block; height: 100%; background: var(--bar); }
.warn { color: var(--warn); } .gone { color: var(--warn); font-style: italic; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
figure.chart { margin: .5rem 0; } svg.timeline { width: 100%; max-width: 40rem; height: auto; }
ol li { margin-bottom: .4rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; color: var(--muted); }
  .bar, .bar > span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; } tr, li, figure { break-inside: avoid; }
  svg.timeline { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _html_link(title: str, url: str) -> str:
    if _safe_url(url):
        return f'<a href="{h(url)}" rel="noopener noreferrer">{h(title)}</a>'
    return h(title) + (f' <span class="muted">({h(url)})</span>' if url else "")


def _html_bar(score: float) -> str:
    width = max(0.0, min(score, 100.0))
    return f'<span class="bar" aria-hidden="true"><span style="width:{width:.1f}%"></span></span>'


def render_report_html(report: Report, bank: Bank | None, timeline: Timeline | None = None) -> str:
    """A self-contained page: inline CSS, no scripts, every value escaped, readable printed.
    With a `timeline`, a learning-plan section with an inline SVG chart."""
    result, own = report.result, bank_for(report, bank)
    checked = checks_asked(result)
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
        "<h2>Fit per role</h2>",
        '<table><thead><tr><th>Role</th><th class="num">Fit</th><th></th><th>Status</th>'
        + ("<th>Checked</th>" if checked else "")
        + "</tr></thead><tbody>",
    ]
    for role in result.roles:
        if role.ready:
            status = "ready"
        else:
            missing = ", ".join(h(question_title(q, own, result)) for q in role.missing_essentials)
            status = f'<span class="warn">missing essentials: {missing}</span>'
        out.append(
            f'<tr><td>{h(role.name)}</td><td class="num">{h(percent(role.score))}</td>'
            f"<td>{_html_bar(role.score)}</td><td>{status}</td>"
            + (f"<td>{h(checked_points(role))}</td>" if checked else "")
            + "</tr>"
        )
    out += ["</tbody></table>", "<h2>By section</h2>", "<table><thead><tr><th>Section</th>"]
    out += [f'<th class="num">{h(role.name)}</th>' for role in result.roles]
    out.append("</tr></thead><tbody>")
    for section_id, section_title in _section_titles(result).items():
        cells = "".join(
            f'<td class="num">{h(_section_score(role, section_id))}</td>' for role in result.roles
        )
        out.append(f"<tr><td>{h(section_title)}</td>{cells}</tr>")
    out += ["</tbody></table>", "<h2>Learn next</h2>"]
    if not result.next_steps:
        out.append("<p>Nothing: every target of every role is met.</p>")
    else:
        out.append("<ol>")
        names = {r.role_id: r.name for r in result.roles}
        for step in result.next_steps:
            item = (
                f"<li><strong>{h(step.title)}</strong>: level {step.from_level} &rarr;"
                f" {step.to_level} ({h(_gains(step, names))}; about {h(f'{step.hours:g}')} h)"
            )
            extra = []
            if step.needed_for:
                needed = ", ".join(h(question_title(q, own, result)) for q in step.needed_for)
                extra.append(f"<li>needed first for: {needed}</li>")
            extra += [f"<li>learn: {_html_link(r.title, r.url)}</li>" for r in step.resources]
            out.append(item + (f"<ul>{''.join(extra)}</ul>" if extra else "") + "</li>")
        out.append("</ol>")
    if timeline is not None:
        from skillgap.export.timeline import render_timeline_html

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
        claim = ""
        if checked:
            css = ' class="warn"' if row.claim == "missed" else ""
            claim = f"<td{css}>{h(claim_text(row.claim))}</td>"
        out.append(
            f"<tr><td>{h(row.title)}{gone}</td><td>{h(row.value)}</td>{claim}"
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
    not_answered = len(result.unanswered) + len(result.skipped)
    if not_answered:
        out.append(
            f'<p class="muted">{not_answered} question(s) not answered or skipped were counted'
            " as level 0.</p>"
        )
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
