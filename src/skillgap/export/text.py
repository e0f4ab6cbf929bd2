"""Plain text for the terminal: a scored result, a saved report, the `report list` table, a
report comparison and the learning plan. Every value from outside is folded onto one line with
no escape sequences (`escape.one_line`).

Each renderer takes the `width` of the terminal (the command line says how wide): no line is
then wider, a table cell too long is cut with an ellipsis, free text wraps under its indent
(export/layout.py). Without a width, the text is laid out as it comes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skillgap.core.model import Bank, Result
from skillgap.core.wording import BAR_WIDTH, bar, percent, question_title, sparkline
from skillgap.escape import one_line
from skillgap.export.layout import (
    cell,
    cells,
    clip,
    fit_lines,
    pad,
    shrink,
    together,
    whole,
    wrap,
)
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
#: Beside a role's bar, the status wraps in a column at least this wide, else goes below.
STATUS_ROOM = 50
#: The plan's Steps column this wide stands beside the weeks, whatever the steps' length.
STEPS_WIDE = 40


def render_text(
    result: Result, bank: Bank | None, steps: int = 10, width: int | None = None
) -> str:
    """A plain-text summary for the terminal: fit per role, sections, and what to learn next.
    With `width`, no line is wider: table cells are cut with an ellipsis, free text wraps."""
    return fit_lines(_result_lines(result, bank, steps, width), width)


def _result_lines(result: Result, bank: Bank | None, steps: int, width: int | None) -> list[str]:
    out = wrap(f"{one_line(result.bank_name)} (version {one_line(result.bank_version)})", width)
    if quick := quick_text(result):
        out += wrap(quick, width)
    out.append("")
    out += _role_lines(result, bank, width)
    out += ["", "By section"]
    out += _section_lines(result, bank, width)
    out += ["", *wrap(one_line(learn_next_heading(result)), width)]
    if not result.next_steps:
        out.append("  Nothing: every target of every role is met.")
    role_names = {r.role_id: one_line(r.name) for r in result.roles}
    for i, step in enumerate(result.next_steps[:steps], 1):
        gains = ", ".join(
            f"+{points:.1f} {role_names.get(rid, rid)}"
            for rid, points in step.gain.items()
            if points > 0
        )
        out += wrap(
            f"{one_line(step.title)}: {together(f'level {step.from_level} -> {step.to_level}')}"
            f" ({gains or 'no points by itself'}; {together(f'about {step.hours:g} h')}"
            f"{one_line(step_notes(step, result, bank))})",
            width,
            f"  {i}. ",
        )
        if step.needed_for:
            needed = ", ".join(one_line(question_title(bank, q)) for q in step.needed_for)
            out += wrap(needed, width, "     needed first for: ")
        for resource in step.resources[:2]:
            out += _learn_lines(one_line(resource.title), one_line(resource.url), width)
    if len(result.next_steps) > steps:
        out += wrap(
            f"... and {len(result.next_steps) - steps} more (use --json for all)", width, "  "
        )
    if grown := grows_with_time(bank, result):
        out += wrap(
            f"Not steps, they grow with time: {one_line(', '.join(grown))}", width, "  ", "    "
        )
    unanswered = len(result.unanswered) + len(result.skipped)
    if unanswered:
        text = f"{unanswered} question(s) not answered or skipped were counted as level 0."
        out += ["", *wrap(text, width)]
    if result.not_asked:
        out += ["", *wrap("Not asked (counted as 0; you can still answer them)", width)]
        for line in not_asked_text(result, bank):
            out += wrap(one_line(line), width, "  ", "    ")
    if result.not_assessed:
        heading = "Not assessed (a Quick quiz did not ask them: out of the fit, not missing)"
        out += ["", *wrap(heading, width)]
        for title in not_assessed_titles(result, bank):
            out += wrap(one_line(title), width, "  ", "    ")
    return out


def _learn_lines(title: str, url: str, width: int | None) -> list[str]:
    """ "learn: TITLE <URL>", wrapped under the title; a link too long for that indent goes
    on a line of its own nearer the margin, and one too long for any line stays whole (a
    link broken or cut could be neither clicked nor copied)."""
    link = f"<{url}>" if url else ""
    first = "     learn: "
    if not link or width is None or cells(link) <= width - cells(first):
        return wrap(f"{title} {link}" if link else title, width, first)
    indent = "       " if cells(link) <= width - 7 else ""
    return [*wrap(title, width, first), whole(indent + link)]


def _role_lines(result: Result, bank: Bank | None, width: int | None) -> list[str]:
    """A line per role: name, fit, bar, then essentials and readiness on the same line when
    the whole of it fits there, else on the lines below (a narrow terminal)."""
    out: list[str] = []
    nw = max((cells(one_line(r.name)) for r in result.roles), default=10)
    bar_width = BAR_WIDTH
    if width is not None:
        # the bar gives way first (down to 5 cells, then none), then the names are cut
        bar_width = min(BAR_WIDTH, width - (2 + nw + 2 + 4 + 2))
        if bar_width < 5:
            bar_width = 0
            nw = max(1, min(nw, width - (2 + 2 + 4)))
    tail = 2 + nw + 2 + 4 + (2 + bar_width if bar_width else 0)
    for role in result.roles:
        status = one_line(status_text(role, bank, result))
        essentials = essentials_text(role)
        status = f"{essentials} · {status}" if essentials else status
        name = cell(one_line(role.name), nw)
        line = f"  {name}  {percent(role.score):>4}"
        line += f"  {bar(role.score, bar_width)}" if bar_width else ""
        notes = [coverage_text(role)] if result.mode == "quick" else []
        if checks_asked(result) and role.backing is not None:
            notes.append(checked_points(role))
        indent = " " * (2 + nw + 2)
        if width is not None and tail + 2 + cells(status) > width:
            if width - tail - 2 >= STATUS_ROOM:  # a wide terminal: it wraps in its column
                out += wrap(status, width, f"{line}  ", " " * (tail + 2))
            else:  # a narrow one: below the bar, and the notes with it
                out += [line, *wrap(status, width, "    ")]
                indent = "    "
        else:
            out.append(f"{line}  {status}")
        for note in notes:
            fits = width is None or cells(indent) + cells(note) <= width
            out += wrap(note, width, indent if fits else "    ")
    return out


def _section_lines(result: Result, bank: Bank | None, width: int | None) -> list[str]:
    """The By section table: a section a row, a role a column. A long title is cut first,
    then the role names over their columns, then the titles again."""
    names = [one_line(r.name) for r in result.roles]
    titles = {s.section_id: one_line(s.title) for r in result.roles for s in r.sections}
    rows = {sid: [section_score(r, sid, bank) for r in result.roles] for sid in titles}
    col = max(8, *(cells(n) for n in names)) if names else 8
    col = max(col, *(cells(c) for row in rows.values() for c in row)) if rows else col
    tw = max((cells(t) for t in titles.values()), default=10)
    widths = [tw] + [col] * len(names)
    if width is not None:
        score_width = max((cells(c) for row in rows.values() for c in row), default=4)
        roles = range(1, len(widths))
        excess = sum(widths) + 2 * len(widths) - width
        # titles first, the room the longest role name leaves the others, the titles again,
        # then the role names (cut), the titles to 8, the role names to their scores
        own = [max(score_width, cells(n)) for n in names]
        steps: list[tuple[int | tuple[int, ...], int]] = [(0, 24)]
        steps += [*((i, own[i - 1]) for i in roles), (0, 20)]
        steps += [(tuple(roles), max(score_width, 9)), (0, 8), (tuple(roles), score_width)]
        widths = shrink(widths, steps, excess)
    tw, cols = widths[0], widths[1:]
    out = [
        "  "
        + " " * tw
        + "  "
        + "  ".join(cell(n, w, True) for n, w in zip(names, cols, strict=True))
    ]
    for section_id, title in titles.items():
        scores = "  ".join(cell(c, w, True) for c, w in zip(rows[section_id], cols, strict=True))
        out.append(f"  {cell(title, tw)}  {scores}")
    return out


def render_report_text(report: Report, bank: Bank | None, width: int | None = None) -> str:
    """A saved report for the terminal: its heading, the result (render_text), and every
    answer with its note. With `width`, long titles are cut and answers and notes wrap."""
    own = bank_for(report, bank)
    out = wrap(one_line(report_heading(report)), width)
    out += _result_lines(report.result, own, 10, width)
    out += ["", "Your answers"]
    rows = answer_rows(report, bank)
    tw = max((cells(one_line(r.title)) for r in rows), default=10)
    if width is not None:
        tw = min(tw, max(10, width - 4 - min(28, width // 2)))
    indent = " " * (2 + tw + 2)
    for row in rows:
        gone = " " + together("(no longer in the bank)") if row.gone else ""
        gone += "  " + together(f"({row.added_by})") if row.added_by else ""
        claim = f"  [{row.claim}]" if row.claim and checks_asked(report.result) else ""
        carried = "  " + together(f"({carried_mark(row.carried_from)})") if row.carried_from else ""
        value = f"{one_line(row.value)}{claim}{carried}{gone}"
        out += wrap(value, width, f"  {cell(one_line(row.title), tw)}  ", indent)
        if row.note:
            out += wrap(one_line(row.note), width, f"{indent}note: ")
        if row.claim == "missed" and row.check is not None:
            out += wrap(one_line(missed_text(row.check)), width, f"{indent}check missed: ")
    if not rows:
        out.append("  none")
    return fit_lines(out, width)


def render_timeline_text(timeline: Timeline, heading: str = "", width: int | None = None) -> str:
    """The `skillgap plan` output: one row per week with projected fit per role and the steps
    worked on, then a sparkline per role from now to the last week. With `width`, the steps
    wrap in their column, or go below their week when the column would be too narrow."""
    names = {rid: one_line(name) for rid, name in timeline.role_names.items()}
    out = wrap(heading, width) if heading else []
    out.append(f"{timeline.hours_per_week:g} h a week")
    if timeline.done:
        out += wrap(f"Counted as done (from your plan): {', '.join(timeline.done)}", width)
    out.append("")
    rids = list(names)
    natural = [max(cells(names[rid]), 5) for rid in rids]
    widths, below = natural, False  # below: the steps on lines of their own under the week
    # the steps stand beside their week when the longest of them fits there, or when there
    # are STEPS_WIDE cells (a longer one wraps), else below it; the role names are cut only
    # when a row does not fit
    items = [[work_item_text(item) for item in week.items] for week in timeline.weeks]
    room = min(STEPS_WIDE, max([1, *(cells(item) for week in items for item in week)]))
    if width is not None and 4 + sum(w + 2 for w in natural) + 2 + room > width:
        below = True
        roles = tuple(range(len(rids)))
        excess = 4 + sum(w + 2 for w in natural) - width
        widths = shrink(natural, [(roles, 9), (roles, 4)], excess)
    cols = dict(zip(rids, widths, strict=True))
    header = "Week" + "".join(f"  {cell(names[rid], w, True)}" for rid, w in cols.items())
    out.append(header if below else header + "  Steps")
    steps_at = " " * (4 + sum(w + 2 for w in cols.values()) + 2)

    def row(label: str, scores: dict[str, float], items: list[str]) -> list[str]:
        cells_ = "".join(f"  {percent(scores.get(rid, 0.0)):>{w}}" for rid, w in cols.items())
        line = f"{label:>4}{cells_}"
        if not items:
            return [line]
        if width is None:
            return [f"{line}  {'; '.join(items)}"]
        # with a width, a step a line, its "(6 h, continues)" never broken
        lines, first = ([line], "      ") if below else ([], f"{line}  ")
        rest = "      " if below else steps_at
        for item in items:
            title, _, hours = item.rpartition(" (")
            lines += wrap(f"{title} {together('(' + hours)}" if title else item, width, first, rest)
            first = rest
        return lines

    out += row("now", timeline.start, [])
    for week, texts in zip(timeline.weeks, items, strict=True):
        out += row(str(week.number), week.scores, texts)
    if not timeline.weeks:
        out += wrap("Nothing to learn: every target of every role is met.", width, "  ")
    out += ["", "Projected fit"]
    nw = max((cells(n) for n in names.values()), default=4)
    spark_width = SPARK_WIDTH
    if width is not None:
        # "  NAME  100% SPARK 100%": the sparkline keeps 8 cells before a name is cut
        nw = max(4, min(nw, width - 14 - 8))
        spark_width = max(1, min(SPARK_WIDTH, width - 14 - nw))
    for rid, name in names.items():
        series = timeline.series(rid)
        spark = sparkline(series, spark_width)
        out.append(f"  {cell(name, nw)}  {percent(series[0]):>4} {spark} {percent(series[-1])}")
    out.append("")
    out += wrap(ending_text(timeline), width)
    out += wrap(readiness_text(timeline), width)
    return fit_lines(out, width)


def _score(value: float | None) -> str:
    return "-" if value is None else percent(value)


def _delta(change: ScoreChange) -> str:
    delta = change.delta
    if delta is None:
        return "added" if change.old is None else "removed"
    return f"{delta:+.0f}" if round(delta) != 0 else "="


def render_diff_text(d: ReportDiff, width: int | None = None) -> str:
    """`report diff`: fit, sections and answers that changed, the steps done since, and the
    plan's progress. With `width`, names and titles are cut and free text wraps."""
    old, new = d.old, d.new

    def head(r: Report) -> str:
        quick = ", Quick" if r.result.mode == "quick" else ""
        return f"report {r.id} ({r.created_at:%Y-%m-%d %H:%M} UTC{quick})"

    out = wrap(f"From {head(old)} to {head(new)}", width)
    if (old.bank_name, old.bank_version) != (new.bank_name, new.bank_version):
        out += wrap(
            f"Bank: {one_line(old.bank_name)} {one_line(old.bank_version)}"
            f" -> {one_line(new.bank_name)} {one_line(new.bank_version)}"
            + ("" if d.same_bank else " (different banks: scores are not comparable)"),
            width,
        )
    out += ["", "Fit"]
    if d.modes_differ:
        out += wrap(f"({modes_text(d)})", width, "  ", "   ")
    # "  NAME  OLD% -> NEW%  DELTA": 25 cells besides the name (27 for a section's title)
    nw = max((cells(one_line(c.name)) for c in d.roles), default=10)
    nw = nw if width is None else max(4, min(nw, width - 25))
    for c in d.roles:
        out.append(f"  {cell(one_line(c.name), nw)}  {_change(c)}")
    changed = [c for c in d.sections if c.delta is None or round(c.delta) != 0]
    out += ["", "By section" + ("" if changed else ": no change")]
    names = {c.role_id: c.name for c in d.roles}
    tw = max((cells(one_line(c.name)) for c in changed), default=10)
    tw = tw if width is None else max(4, min(tw, width - 27))
    for rid in dict.fromkeys(c.role_id for c in changed):
        out.append(f"  {clip(one_line(names.get(rid, rid)), None if width is None else width - 2)}")
        for c in (c for c in changed if c.role_id == rid):
            out.append(f"    {cell(one_line(c.name), tw)}  {_change(c)}")
    out += ["", f"Answers changed: {len(d.answers) or 'none'}"]
    aw = max((cells(one_line(a.title)) for a in d.answers), default=10)
    if width is not None:
        aw = min(aw, max(10, width - 4 - min(28, width // 2)))
    indent = " " * (2 + aw + 2)
    for a in d.answers:
        gone = " (no longer in the bank)" if a.gone else ""
        old_text, new_text = (
            one_line(text) + (f" ({carried_mark(carried)})" if carried else "")
            for text, carried in ((a.old_text, a.old_carried), (a.new_text, a.new_carried))
        )
        out += wrap(
            f"{old_text} -> {new_text}{gone}", width, f"  {cell(one_line(a.title), aw)}  ", indent
        )
        if a.old is not None and a.new is not None and a.old.note != a.new.note:
            out += wrap(one_line(a.new.note) or "(removed)", width, f"{indent}note: ")
    for line in not_assessed_diff_text(d):
        out += wrap(one_line(line), width, "  ", "    ")
    out += ["", f"Steps done since: {len(d.steps_done) or 'none'}"]
    for step in d.steps_done:
        text = f"{one_line(step.title)}: level {step.from_level} -> {step.to_level}"
        out += wrap(text, width, "  ", "    ")
    if d.plan:
        out += ["", "Your plan"]
        for row in d.plan:
            target = f" (target {row.target}{', reached' if row.reached else ''})"
            text = f"{one_line(row.title)}, {row.status}: level {row.before} -> {row.after}"
            out += wrap(text + (target if row.target is not None else ""), width, "  ", "    ")
    return fit_lines(out, width)


def _change(c: ScoreChange) -> str:
    return f"{_score(c.old):>4} -> {_score(c.new):>4}  {_delta(c):>7}"


def render_report_list(
    summaries: list[ReportSummary],
    previous: dict[int, ReportSummary],
    more: bool = False,
    width: int | None = None,
) -> str:
    """The `report list` table: one row per report, its quiz (Quick or Full), fit per role and
    the change since the previous report of the same bank and mode. With `width`, the Bank
    column and then the role names are cut; on a narrow terminal the Bank column goes, then the
    time of day."""
    if not summaries:
        return fit_lines(
            wrap(
                "No saved reports yet. Finish an assessment, or: skillgap score ANSWERS --save",
                width,
            ),
            width,
        )
    roles: dict[str, str] = {}
    labels: dict[tuple[str, str], str] = {}
    for s in summaries:
        for rid, name in s.role_names.items():
            if rid not in roles:
                roles[rid] = one_line(name)
        key = (s.bank_name, s.bank_version)
        if key not in labels:
            labels[key] = f"{one_line(s.bank_name)} {one_line(s.bank_version)}"
    shown: dict[int, dict[str, str]] = {}
    for s in summaries:
        before = previous.get(s.id)
        shown[s.id] = {}
        for rid, score in s.scores.items():
            text = percent(score)
            if before is not None and rid in before.scores:
                delta = round(score - before.scores[rid])
                text += f" {delta:+d}" if delta else " ="
            shown[s.id][rid] = text
    iw = max(2, len(str(max(s.id for s in summaries))))
    bw = max(len("Bank"), *(cells(label) for label in labels.values()))
    natural = [max(cells(name), 10) for name in roles.values()]
    floors = [max([cells(shown[s.id].get(rid, "")) for s in summaries] + [1]) for rid in roles]
    role_columns = tuple(range(1, len(roles) + 1))
    layouts = [(True, True), (False, True), (False, False)] if width is not None else [(True, True)]
    for with_bank, with_time in layouts:
        date_width = 16 if with_time else 10
        widths = [bw if with_bank else 0, *natural]
        fixed = iw + 2 + date_width + 2 + (2 if with_bank else 0) + 5 + 2 * len(roles)
        if width is None:
            break
        # the Bank column gives way to 14 cells, the role names to 10; then the Bank column
        # goes, then the time of day; last, the role names are cut to the scores under them
        excess = fixed + sum(widths) - width
        steps: list[tuple[int | tuple[int, ...], int]] = [(0, 14)] if with_bank else []
        widths = shrink(widths, [*steps, (role_columns, max([10, *floors]))], excess)
        if fixed + sum(widths) <= width:
            break
    if width is not None and fixed + sum(widths) > width:
        excess = fixed + sum(widths) - width
        steps = [(role_columns, max(floors, default=1))]
        widths = shrink(widths, [*steps, *((i + 1, f) for i, f in enumerate(floors))], excess)
    bank_width, cols = widths[0], dict(zip(roles, widths[1:], strict=True))
    saved = "Saved (UTC)" if with_time else "Saved"
    bank_head = f"{pad('Bank', bank_width)}  " if with_bank else ""
    header = f"{'ID':>{iw}}  {saved:<{date_width}}  {bank_head}Quiz "
    out = [header + "".join(f"  {cell(roles[rid], w, True)}" for rid, w in cols.items())]
    for s in summaries:
        when = s.created_at.isoformat(" ", "minutes")[:date_width]
        bank = f"{cell(labels[(s.bank_name, s.bank_version)], bank_width)}  " if with_bank else ""
        row = [f"{s.id:>{iw}}  {when}  {bank}{s.mode.title():<5}"]
        for rid, w in cols.items():
            change = shown[s.id].get(rid)
            row.append(" " * (w + 2) if change is None else f"  {change:>{w}}")
        out.append("".join(row))
    if any(s.mode == "quick" for s in summaries):
        out += wrap("(a Quick report's change is against the Quick report before it)", width)
    if more:
        out += wrap(f"(newest {len(summaries)} shown; --limit 0 shows all)", width)
    return fit_lines(out, width)


def render_job(document: dict[str, Any]) -> str:
    """The text of `skillgap job`: the role, one line per requirement, what was not understood."""
    role = document["role"]
    requirements = document["requirements"]
    unknown = document["not_understood"]
    essentials = sum(1 for r in requirements if r["essential"])
    lines = [
        f"{one_line(role['name'])} (role {role['id']}): {len(requirements)} requirements,"
        f" {essentials} essential",
        "",
    ]
    width = max(len(one_line(r["title"])) for r in requirements)
    width = min(width, 40)
    for r in requirements:
        title = one_line(r["title"])
        title = title if len(title) <= width else title[: width - 1] + "…"
        marks = f"target {r['target']} · weight {r['weight']:g}"
        if r["essential"]:
            marks += " · essential"
        words = ", ".join(one_line(p) for p in r["phrases"])
        where = ", ".join(str(n) for n in r["lines"])
        lines.append(f"  {title:<{width}}  {marks}")
        plural = "s" if len(r["lines"]) > 1 else ""
        lines.append(f"  {'':<{width}}  from: {words} (line{plural} {where})")
    lines.append("")
    if unknown:
        lines.append("Not understood: " + ", ".join(one_line(w) for w in unknown))
    else:
        lines.append("Not understood: nothing (every tool-like word was placed)")
    return "\n".join(lines) + "\n"
