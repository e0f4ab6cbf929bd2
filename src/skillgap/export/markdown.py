"""The report as Markdown that reads well on a code-hosting site: tables for fit and
sections, the learning plan as a table, every value from outside escaped (`escape.md`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgap.core.model import Bank
from skillgap.core.wording import percent, question_title
from skillgap.escape import is_safe_url, md, url_target
from skillgap.export.words import (
    answer_rows,
    bank_for,
    carried_mark,
    checked_points,
    checks_asked,
    claim_text,
    ending_text,
    essentials_text,
    gains,
    learn_next_heading,
    missed_text,
    not_asked_text,
    not_assessed_titles,
    percent_assessed,
    quick_text,
    report_heading,
    section_score,
    section_titles,
    status_text,
    step_notes,
    work_item_text,
)

if TYPE_CHECKING:
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline


def render_report_markdown(
    report: Report, bank: Bank | None, timeline: Timeline | None = None
) -> str:
    result, own = report.result, bank_for(report, bank)
    checked = checks_asked(result)
    quick = result.mode == "quick"
    out = [
        f"# skillgap {md(report_heading(report))}",
        "",
        f"Bank: {md(result.bank_name)}, version {md(result.bank_version)}",
        *(["", md(quick_text(result))] if quick else []),
        "",
        "## Fit per role",
        "",
        "| Role | Fit | Essentials | Status |"
        + (" Assessed |" if quick else "")
        + (" Checked |" if checked else ""),
        "| --- | ---: | --- | --- |" + (" ---: |" if quick else "") + (" --- |" if checked else ""),
    ]
    for role in result.roles:
        status = md(status_text(role, own, result))
        extra = f" {percent_assessed(role)} |" if quick else ""
        extra += f" {md(checked_points(role))} |" if checked else ""
        essentials = essentials_text(role).removeprefix("essentials ") or "-"
        out.append(f"| {md(role.name)} | {percent(role.score)} | {essentials} | {status} |{extra}")
    out += ["", "## By section", "", md_row(["Section", *(md(r.name) for r in result.roles)])]
    out.append(md_row(["---", *("---:" for _ in result.roles)]))
    for section_id, title in section_titles(result).items():
        cells = [section_score(role, section_id, own) for role in result.roles]
        out.append(md_row([md(title), *cells]))
    out += ["", f"## {md(learn_next_heading(result))}", ""]
    if not result.next_steps:
        out.append("Nothing: every target of every role is met.")
    names = {r.role_id: r.name for r in result.roles}
    for i, step in enumerate(result.next_steps, 1):
        out.append(
            f"{i}. **{md(step.title)}**: level {step.from_level} → {step.to_level}"
            f" ({md(gains(step, names))}; about {step.hours:g} h"
            f"{md(step_notes(step, result, own))})"
        )
        if step.needed_for:
            needed = ", ".join(md(question_title(own, q, result)) for q in step.needed_for)
            out.append(f"   - needed first for: {needed}")
        for resource in step.resources:
            out.append(f"   - learn: {md_link(resource.title, resource.url)}")
    if timeline is not None:
        out += ["", "## Learning plan", "", render_timeline_markdown(timeline).rstrip()]
    rows = answer_rows(report, bank)
    out += ["", "## Answers", ""]
    out += (
        ["| Question | Answer | Check | Note |", "| --- | --- | --- | --- |"]
        if checked
        else [
            "| Question | Answer | Note |",
            "| --- | --- | --- |",
        ]
    )
    for row in rows:
        gone = " *(no longer in the bank)*" if row.gone else ""
        gone += f" *({md(row.added_by)})*" if row.added_by else ""
        claim = f" {md(claim_text(row.claim))} |" if checked else ""
        value = md(row.value) + (
            f" *({carried_mark(row.carried_from)})*" if row.carried_from else ""
        )
        out.append(f"| {md(row.title)}{gone} | {value} |{claim} {md(row.note)} |")
    missed = [row for row in rows if row.claim == "missed" and row.check is not None]
    if missed:
        out += ["", "## Checks missed", ""]
        out += [f"- **{md(r.title)}**: {md(missed_text(r.check))}" for r in missed if r.check]
    if result.not_asked:
        out += ["", "## Not asked", "", "Counted as level 0; they can still be answered.", ""]
        out += [f"- {md(line)}" for line in not_asked_text(result, own)]
    if result.not_assessed:
        out += [
            "",
            "## Not assessed",
            "",
            "This Quick quiz did not ask them and no earlier report answered them: they are out"
            " of the fit, not missing. A Full quiz asks them.",
            "",
        ]
        out += [f"- {md(title)}" for title in not_assessed_titles(result, own)]
    not_answered = len(result.unanswered) + len(result.skipped)
    if not_answered:
        out += ["", f"{not_answered} question(s) not answered or skipped were counted as level 0."]
    return "\n".join(out) + "\n"


def md_link(title: str, url: str) -> str:
    if is_safe_url(url):
        return f"[{md(title)}]({url_target(url)})"
    return md(title) + (f" ({md(url)})" if url else "")


def md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


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
        steps = "; ".join(md(work_item_text(item, "→")) for item in week.items)
        out.append(_md_week(str(week.number), week.scores, steps, names))
    out += ["", md(ending_text(timeline, "→"))]
    return "\n".join(out) + "\n"


def _md_week(label: str, scores: dict[str, float], steps: str, names: list[tuple[str, str]]) -> str:
    cells = " | ".join(percent(scores.get(rid, 0.0)) for rid, _ in names)
    return f"| {label} | {cells} | {steps} |"
