"""Plain text for the terminal: a scored result, a saved report, the `report list` table, a
report comparison and the learning plan. Every value from outside is folded onto one line with
no escape sequences (`escape.one_line`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillgap.core.model import Bank, Result
from skillgap.core.wording import bar, percent, question_title, sparkline
from skillgap.escape import one_line
from skillgap.export.words import (
    answer_rows,
    bank_for,
    carried_mark,
    checked_points,
    checks_asked,
    coverage_text,
    ending_text,
    essentials_text,
    grows_with_time,
    learn_next_heading,
    missed_text,
    modes_text,
    not_asked_text,
    not_assessed_diff_text,
    not_assessed_titles,
    quick_text,
    readiness_text,
    report_heading,
    section_score,
    status_text,
    step_notes,
    work_item_text,
)

if TYPE_CHECKING:
    from skillgap.core.comparison import ReportDiff, ScoreChange
    from skillgap.core.report import Report, ReportSummary
    from skillgap.core.timeline import Timeline

#: The plan's sparkline: at most this many weeks shown, sampled.
SPARK_WIDTH = 40


def render_text(result: Result, bank: Bank | None, steps: int = 10) -> str:
    """A plain-text summary for the terminal: fit per role, sections, and what to learn next."""
    out = [f"{one_line(result.bank_name)} (version {one_line(result.bank_version)})"]
    if quick := quick_text(result):
        out.append(quick)
    out.append("")
    width = max((len(r.name) for r in result.roles), default=10)
    for role in result.roles:
        status = one_line(status_text(role, bank, result))
        essentials = essentials_text(role)
        status = f"{essentials} · {status}" if essentials else status
        name = f"{one_line(role.name):<{width}}"
        out.append(f"  {name}  {percent(role.score):>4}  {bar(role.score)}  {status}")
        if result.mode == "quick":
            out.append(f"  {'':<{width}}  {coverage_text(role)}")
        if checks_asked(result) and role.backing is not None:
            out.append(f"  {'':<{width}}  {checked_points(role)}")
    out += ["", "By section"]
    names = [one_line(r.name) for r in result.roles]
    col = max(8, *(len(n) for n in names)) if names else 8
    titles = {s.section_id: s.title for r in result.roles for s in r.sections}
    tw = max((len(t) for t in titles.values()), default=10)
    rows = {sid: [section_score(r, sid, bank) for r in result.roles] for sid in titles}
    col = max(col, *(len(c) for cells in rows.values() for c in cells)) if rows else col
    out.append(f"  {'':<{tw}}  " + "  ".join(f"{n:>{col}}" for n in names))
    for section_id, title in titles.items():
        cells = [f"{cell:>{col}}" for cell in rows[section_id]]
        out.append(f"  {one_line(title):<{tw}}  " + "  ".join(cells))
    out += ["", one_line(learn_next_heading(result))]
    if not result.next_steps:
        out.append("  Nothing: every target of every role is met.")
    role_names = {r.role_id: one_line(r.name) for r in result.roles}
    for i, step in enumerate(result.next_steps[:steps], 1):
        gains = ", ".join(
            f"+{points:.1f} {role_names.get(rid, rid)}"
            for rid, points in step.gain.items()
            if points > 0
        )
        out.append(
            f"  {i}. {one_line(step.title)}: level {step.from_level} -> {step.to_level}"
            f" ({gains or 'no points by itself'}; about {step.hours:g} h"
            f"{step_notes(step, result, bank)})"
        )
        if step.needed_for:
            out.append(
                "     needed first for: "
                + ", ".join(question_title(bank, q) for q in step.needed_for)
            )
        for resource in step.resources[:2]:
            link = f" <{one_line(resource.url)}>" if resource.url else ""
            out.append(f"     learn: {one_line(resource.title)}{link}")
    if len(result.next_steps) > steps:
        out.append(f"  ... and {len(result.next_steps) - steps} more (use --json for all)")
    if grown := grows_with_time(bank, result):
        out.append(f"  Not steps, they grow with time: {one_line(', '.join(grown))}")
    unanswered = len(result.unanswered) + len(result.skipped)
    if unanswered:
        out += ["", f"{unanswered} question(s) not answered or skipped were counted as level 0."]
    if result.not_asked:
        out += ["", "Not asked (counted as 0; you can still answer them)"]
        out += [f"  {one_line(line)}" for line in not_asked_text(result, bank)]
    if result.not_assessed:
        out += ["", "Not assessed (a Quick quiz did not ask them: out of the fit, not missing)"]
        out += [f"  {one_line(title)}" for title in not_assessed_titles(result, bank)]
    return "\n".join(out) + "\n"


def render_report_text(report: Report, bank: Bank | None) -> str:
    own = bank_for(report, bank)
    out = [report_heading(report), render_text(report.result, own, steps=10), "Your answers"]
    rows = answer_rows(report, bank)
    width = max((len(one_line(r.title)) for r in rows), default=10)
    for row in rows:
        gone = " (no longer in the bank)" if row.gone else ""
        gone += f"  ({row.added_by})" if row.added_by else ""
        claim = f"  [{row.claim}]" if row.claim and checks_asked(report.result) else ""
        carried = f"  ({carried_mark(row.carried_from)})" if row.carried_from else ""
        out.append(f"  {one_line(row.title):<{width}}  {one_line(row.value)}{claim}{carried}{gone}")
        if row.note:
            out.append(f"  {'':<{width}}  note: {one_line(row.note)}")
        if row.claim == "missed" and row.check is not None:
            out.append(f"  {'':<{width}}  check missed: {one_line(missed_text(row.check))}")
    if not rows:
        out.append("  none")
    return "\n".join(out) + "\n"


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
        out.append(row(str(week.number), week.scores, "; ".join(map(work_item_text, week.items))))
    if not timeline.weeks:
        out.append("  Nothing to learn: every target of every role is met.")
    out += ["", "Projected fit"]
    nw = max((len(n) for n in names.values()), default=4)
    for rid, name in names.items():
        series = timeline.series(rid)
        spark = sparkline(series, SPARK_WIDTH)
        out.append(f"  {name:<{nw}}  {percent(series[0]):>4} {spark} {percent(series[-1])}")
    out.append("")
    out.append(ending_text(timeline))
    out.append(readiness_text(timeline))
    return "\n".join(out) + "\n"


def _score(value: float | None) -> str:
    return "-" if value is None else percent(value)


def _delta(change: ScoreChange) -> str:
    delta = change.delta
    if delta is None:
        return "added" if change.old is None else "removed"
    return f"{delta:+.0f}" if round(delta) != 0 else "="


def render_diff_text(d: ReportDiff) -> str:
    old, new = d.old, d.new

    def head(r: Report) -> str:
        quick = ", Quick" if r.result.mode == "quick" else ""
        return f"report {r.id} ({r.created_at:%Y-%m-%d %H:%M} UTC{quick})"

    out = [f"From {head(old)} to {head(new)}"]
    if (old.bank_name, old.bank_version) != (new.bank_name, new.bank_version):
        out.append(
            f"Bank: {one_line(old.bank_name)} {one_line(old.bank_version)}"
            f" -> {one_line(new.bank_name)} {one_line(new.bank_version)}"
            + ("" if d.same_bank else " (different banks: scores are not comparable)")
        )
    out += ["", "Fit"]
    if d.modes_differ:
        out.append(f"  ({modes_text(d)})")
    width = max((len(one_line(c.name)) for c in d.roles), default=10)
    for c in d.roles:
        out.append(
            f"  {one_line(c.name):<{width}}  {_score(c.old):>4} -> {_score(c.new):>4}"
            f"  {_delta(c):>7}"
        )
    changed = [c for c in d.sections if c.delta is None or round(c.delta) != 0]
    out += ["", "By section" + ("" if changed else ": no change")]
    names = {c.role_id: c.name for c in d.roles}
    tw = max((len(one_line(c.name)) for c in changed), default=10)
    for rid in dict.fromkeys(c.role_id for c in changed):
        out.append(f"  {one_line(names.get(rid, rid))}")
        for c in (c for c in changed if c.role_id == rid):
            out.append(
                f"    {one_line(c.name):<{tw}}  {_score(c.old):>4} -> {_score(c.new):>4}"
                f"  {_delta(c):>7}"
            )
    out += ["", f"Answers changed: {len(d.answers) or 'none'}"]
    aw = max((len(one_line(a.title)) for a in d.answers), default=10)
    for a in d.answers:
        gone = " (no longer in the bank)" if a.gone else ""
        old_text, new_text = (
            one_line(text) + (f" ({carried_mark(carried)})" if carried else "")
            for text, carried in ((a.old_text, a.old_carried), (a.new_text, a.new_carried))
        )
        out.append(f"  {one_line(a.title):<{aw}}  {old_text} -> {new_text}{gone}")
        if a.old is not None and a.new is not None and a.old.note != a.new.note:
            out.append(f"  {'':<{aw}}  note: {one_line(a.new.note) or '(removed)'}")
    for line in not_assessed_diff_text(d):
        out.append(f"  {one_line(line)}")
    out += ["", f"Steps done since: {len(d.steps_done) or 'none'}"]
    for step in d.steps_done:
        out.append(f"  {one_line(step.title)}: level {step.from_level} -> {step.to_level}")
    if d.plan:
        out += ["", "Your plan"]
        for row in d.plan:
            target = f" (target {row.target}{', reached' if row.reached else ''})"
            out.append(
                f"  {one_line(row.title)}, {row.status}: level {row.before} -> {row.after}"
                + (target if row.target is not None else "")
            )
    return "\n".join(out) + "\n"


def render_report_list(
    summaries: list[ReportSummary], previous: dict[int, ReportSummary], more: bool = False
) -> str:
    """The `report list` table: one row per report, its quiz (Quick or Full), fit per role and
    the change since the previous report of the same bank and mode."""
    from skillgap.core.wording import percent
    from skillgap.escape import one_line

    if not summaries:
        return "No saved reports yet. Finish an assessment, or: skillgap score ANSWERS --save\n"
    roles: dict[str, str] = {}
    labels: dict[tuple[str, str], str] = {}
    for s in summaries:
        for rid, name in s.role_names.items():
            if rid not in roles:
                roles[rid] = one_line(name)
        key = (s.bank_name, s.bank_version)
        if key not in labels:
            labels[key] = f"{one_line(s.bank_name)} {one_line(s.bank_version)}"
    cols = {rid: max(len(name), 10) for rid, name in roles.items()}
    bw = max(len("Bank"), *(len(label) for label in labels.values()))
    iw = max(2, len(str(max(s.id for s in summaries))))
    header = f"{'ID':>{iw}}  {'Saved (UTC)':<16}  {'Bank':<{bw}}  Quiz "
    out = [header + "".join(f"  {roles[rid]:>{cols[rid]}}" for rid in roles)]
    for s in summaries:
        before = previous.get(s.id)
        row = [f"{s.id:>{iw}}  {s.created_at.isoformat(' ', 'minutes')[:16]}  "
               f"{labels[(s.bank_name, s.bank_version)]:<{bw}}  {s.mode.title():<5}"]  # fmt: skip
        for rid, width in cols.items():
            score = s.scores.get(rid)
            if score is None:
                row.append(" " * (width + 2))
                continue
            shown = percent(score)
            if before is not None and rid in before.scores:
                delta = round(score - before.scores[rid])
                shown += f" {delta:+d}" if delta else " ="
            row.append(f"  {shown:>{width}}")
        out.append("".join(row))
    if any(s.mode == "quick" for s in summaries):
        out.append("(a Quick report's change is against the Quick report before it)")
    if more:
        out.append(f"(newest {len(summaries)} shown; --limit 0 shows all)")
    return "\n".join(out) + "\n"
