"""The team's skills matrix (core/team.py) as text, Markdown, a self-contained HTML page and
the `skillgap team --json` document. Every name, title and note comes from outside (shared
report files, the bank) and is escaped for where it goes: `safe`/`one_line` for the terminal,
`md` for Markdown, `h` for HTML. The HTML page has inline styles only (no scripts, a
Content-Security-Policy that allows nothing else), a symbol per level beside its colour, and
prints on paper as it shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from skillgap.core.team import MENTOR_LEVEL, Member, QuestionCounts, Standing, Team
from skillgap.escape import h, md, one_line
from skillgap.formats.report_json import timestamp

#: The matrix of people by question is drawn up to this many people; beyond, the counts only.
MATRIX_PEOPLE = 30
#: People named in one cell of a list (mentors, learners) before "and N more".
NAMES_SHOWN = 6
#: Level 0-4: the symbol shown in every format, and its cell colour in HTML (light, so the
#: symbol reads in print too).
LEVEL_SYMBOLS = ("·", "1", "2", "3", "4")
LEVEL_COLOURS = ("#eeeeee", "#fde2c8", "#fff1a8", "#cfe8c4", "#7cc47f")
_INK = "#1d2330"
#: A question the person's report did not assess (another bank's, a Quick quiz's): an en dash.
NOT_ASSESSED = "\u2013"


# -- shared wording ---------------------------------------------------------------------------


def team_heading(team: Team) -> str:
    names = {r.id: r.name for r in team.roles}
    aim = (
        f", aiming for {names.get(team.target_role, team.target_role)}" if team.target_role else ""
    )
    return f"Team skills matrix: {len(team.members)} people{aim}"


def bank_line(team: Team) -> str:
    return f"Bank: {team.bank_name}, version {team.bank_version}"


def skipped_line(skipped: int) -> str:
    return f"{skipped} bad file(s) skipped (--skip-bad)" if skipped else ""


def names(standings: Sequence[Standing], limit: int = NAMES_SHOWN, levels: bool = True) -> str:
    shown = [f"{s.person} ({s.level})" if levels else s.person for s in standings[:limit]]
    more = len(standings) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "") if shown else "no one"


def met_by_text(met_by: Sequence[str]) -> str:
    return f"only {met_by[0]}" if met_by else "no one"


def counts_text(q: QuestionCounts) -> str:
    return " ".join(f"{i}:{n}" for i, n in enumerate(q.levels))


def _fit(value: float) -> str:
    return f"{value:.0f}%"


def _role_names(team: Team) -> dict[str, str]:
    return {r.id: r.name for r in team.roles}


# -- JSON -------------------------------------------------------------------------------------


def _standing(s: Standing) -> dict[str, Any]:
    return {"name": s.person, "level": s.level}


def team_json(team: Team, notes: Sequence[str] = (), skipped: int = 0) -> dict[str, Any]:
    """The `skillgap team --json` document (a public contract: see the README's Teams)."""
    return {
        "bank": {"name": team.bank_name, "version": team.bank_version},
        "target_role": team.target_role,
        "people": [
            {
                "name": m.label,
                "named": bool(m.name),
                "created_at": timestamp(m.created_at),
                "bank": {"name": m.bank_name, "version": m.bank_version},
                "unknown_ids": list(m.unknown),
            }
            for m in team.members
        ],
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "fit": {
                    "min": round(r.low, 1),
                    "median": round(r.middle, 1),
                    "max": round(r.high, 1),
                },
                "ready": r.ready,
                "people": [
                    {
                        "name": p.person,
                        "fit": round(p.fit, 1),
                        "ready": p.ready,
                        "essentials": {"met": p.essentials[0], "total": p.essentials[1]},
                        "coverage": round(p.coverage, 3),
                    }
                    for p in r.people
                ],
            }
            for r in team.roles
        ],
        "questions": [
            {
                "id": q.id,
                "title": q.title,
                "levels": list(q.levels),
                "not_assessed": q.not_assessed,
                "meets": dict(q.meets),
                "mentors": [_standing(s) for s in q.mentors],
            }
            for q in team.questions
        ],
        "bus_factor": [
            {
                "role": b.role_id,
                "id": b.id,
                "title": b.title,
                "target": b.target,
                "essential": b.essential,
                "met_by": list(b.met_by),
            }
            for b in team.bus_factor
        ],
        "next_steps": [
            {
                "id": s.id,
                "title": s.title,
                "gain": round(s.gain, 2),
                "essential": s.essential,
                "roles": list(s.roles),
                "below": [_standing(x) for x in s.below],
                "teachers": [_standing(x) for x in s.teachers],
            }
            for s in team.next_steps
        ],
        "notes": list(notes),
        "skipped": skipped,
    }


# -- text -------------------------------------------------------------------------------------


def render_team_text(team: Team, notes: Sequence[str] = (), skipped: int = 0) -> str:
    """For the terminal: every outside string through `one_line`."""
    role_names = _role_names(team)
    out = [one_line(team_heading(team)), one_line(bank_line(team))]
    if skipped:
        out.append(skipped_line(skipped))
    out += [f"note: {one_line(n)}" for n in notes]
    out += ["", "People:"]
    out += [f"  {one_line(m.label)}  ({m.created_at:%Y-%m-%d})" for m in team.members]
    for r in team.roles:
        out += [
            "",
            f"{one_line(r.name)}: fit {_fit(r.low)} / {_fit(r.middle)} / {_fit(r.high)}"
            f" (min / median / max), {r.ready} of {len(r.people)} ready",
        ]
        for p in sorted(r.people, key=lambda p: (-p.fit, p.person.casefold())):
            ready = "ready" if p.ready else "not ready"
            out.append(
                f"  {one_line(p.person)}: {_fit(p.fit)}, essentials {p.essentials[0]} of"
                f" {p.essentials[1]}, {ready}"
            )
    out += ["", "Bus factor (requirements at most one person meets):"]
    if not team.bus_factor:
        out.append("  none: every requirement is met by two people or more")
    for b in team.bus_factor:
        essential = ", essential" if b.essential else ""
        out.append(
            f"  {one_line(role_names.get(b.role_id, b.role_id))}: {one_line(b.title)}"
            f" (target {b.target}{essential}): {one_line(met_by_text(b.met_by))}"
        )
    out += ["", "The team's Learn next (points of the team's mean fit if all reached target):"]
    if not team.next_steps:
        out.append("  nothing: everyone meets every target")
    for i, s in enumerate(team.next_steps, 1):
        essential = ", essential" if s.essential else ""
        out.append(f"  {i}. {one_line(s.title)}  +{s.gain:.1f}{essential}")
        out.append(f"     below target: {one_line(names(s.below))}")
        out.append(f"     could teach: {one_line(names(s.teachers))}")
    out += ["", "Per question (people at level 0 1 2 3 4; meeting each role's target):"]
    for q in team.questions:
        meets = ", ".join(f"{one_line(role_names.get(rid, rid))} {n}" for rid, n in q.meets.items())
        line = f"  {one_line(q.title)}: {counts_text(q)}"
        if meets:
            line += f"; meets: {meets}"
        out.append(line)
        if q.mentors:
            out.append(f"     mentors: {one_line(names(q.mentors))}")
    return "\n".join(out) + "\n"


# -- Markdown ---------------------------------------------------------------------------------


def render_team_markdown(team: Team, notes: Sequence[str] = (), skipped: int = 0) -> str:
    """Markdown tables; every outside string through `md`."""
    role_names = _role_names(team)
    out = [f"# {md(team_heading(team))}", "", md(bank_line(team)), ""]
    if skipped:
        out += [md(skipped_line(skipped)), ""]
    if notes:
        out += [f"- {md(n)}" for n in notes] + [""]
    out += ["## Fit per role", ""]
    out += ["| Role | Min | Median | Max | Ready |", "| --- | ---: | ---: | ---: | ---: |"]
    for r in team.roles:
        out.append(
            f"| {md(r.name)} | {_fit(r.low)} | {_fit(r.middle)} | {_fit(r.high)}"
            f" | {r.ready} of {len(r.people)} |"
        )
    out += ["", "## Each person", ""]
    out.append("| Person | " + " | ".join(md(r.name) for r in team.roles) + " |")
    out.append("| --- |" + " ---: |" * len(team.roles))
    for i, m in enumerate(team.members):
        cells = []
        for r in team.roles:
            p = r.people[i]
            cells.append(f"{_fit(p.fit)}{' ready' if p.ready else ''}")
        out.append(f"| {md(m.label)} | " + " | ".join(cells) + " |")
    out += ["", "## Bus factor", ""]
    if team.bus_factor:
        out += ["| Role | Requirement | Target | Met by |", "| --- | --- | ---: | --- |"]
        for b in team.bus_factor:
            essential = " (essential)" if b.essential else ""
            out.append(
                f"| {md(role_names.get(b.role_id, b.role_id))} | {md(b.title)}{essential}"
                f" | {b.target} | {md(met_by_text(b.met_by))} |"
            )
    else:
        out.append("Every requirement is met by two people or more.")
    out += ["", "## The team's Learn next", ""]
    if team.next_steps:
        out += [
            "| # | Skill | Gain | Below target | Could teach |",
            "| ---: | --- | ---: | --- | --- |",
        ]
        for i, s in enumerate(team.next_steps, 1):
            essential = " (essential)" if s.essential else ""
            out.append(
                f"| {i} | {md(s.title)}{essential} | +{s.gain:.1f} | {md(names(s.below))}"
                f" | {md(names(s.teachers))} |"
            )
        out += ["", "Gain: points of the team's mean fit if everyone below reached the target."]
    else:
        out.append("Everyone meets every target.")
    out += ["", "## Per question", ""]
    roles = [r.id for r in team.roles]
    head = "| Question | " + " | ".join(LEVEL_SYMBOLS) + " | "
    head += " | ".join(f"Meets {md(role_names[r])}" for r in roles) + " | Mentors |"
    out += [head, "| --- |" + " ---: |" * (len(LEVEL_SYMBOLS) + len(roles)) + " --- |"]
    for q in team.questions:
        meets = " | ".join(str(q.meets[r]) if r in q.meets else "" for r in roles)
        levels = " | ".join(str(n) for n in q.levels)
        mentors = md(names(q.mentors)) if q.mentors else ""
        out.append(f"| {md(q.title)} | {levels} | {meets} | {mentors} |")
    if len(team.members) <= MATRIX_PEOPLE:
        out += ["", "## Matrix", "", _legend_text(), ""]
        out.append("| Question | " + " | ".join(md(m.label) for m in team.members) + " |")
        out.append("| --- |" + " :---: |" * len(team.members))
        for q in team.questions:
            row = " | ".join(
                LEVEL_SYMBOLS[_level(m.levels.get(q.id, 0))] if _assessed(m, q.id) else NOT_ASSESSED
                for m in team.members
            )
            out.append(f"| {md(q.title)} | {row} |")
    return "\n".join(out) + "\n"


def _legend_text() -> str:
    return (
        "Levels: · none, 1 aware, 2 practised, 3 independent, 4 expert; "
        + NOT_ASSESSED
        + " not assessed."
    )


def _assessed(member: Member, qid: str) -> bool:
    return member.assessed is None or qid in member.assessed


_NOT_ASSESSED_CELL = (
    '<td class="lv" style="background:#ffffff;color:#5b6478" title="not assessed">\u2013</td>'
)


def _level(level: int) -> int:
    return level if 0 <= level < len(LEVEL_SYMBOLS) else 0


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d2330; background: #ffffff; max-width: 80rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.meta { color: #5b6478; margin: .2rem 0; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { text-align: left; padding: .3rem .5rem; border: 1px solid #d8dce4; vertical-align: top; }
th { background: #f0f2f6; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.lv { text-align: center; font-weight: 600; min-width: 2rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
th.person { writing-mode: vertical-rl; white-space: nowrap; vertical-align: bottom;
  font-weight: 600; }
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .3rem;
  border: 1px solid #d8dce4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.warn { color: #a23b00; font-weight: 600; }
ul.notes li { color: #5b6478; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; } tr { break-inside: avoid; }
}
"""


def _cell(level: int, text: str | None = None) -> str:
    lv = _level(level)
    shown = LEVEL_SYMBOLS[lv] if text is None else text
    return (
        f'<td class="lv" style="background:{LEVEL_COLOURS[lv]};color:{_INK}"'
        f' title="level {lv}">{h(shown)}</td>'
    )


def _heat(count: int, people: int, level: int) -> str:
    """A count of people at a level: the darker the cell, the larger the share of the team
    (the count is written in it, so the page reads without colour too)."""
    if count == 0 or people == 0:
        return f'<td class="num" title="no one at level {level}">0</td>'
    share = count / people
    ink = "#ffffff" if share > 0.5 else _INK
    return (
        f'<td class="lv" style="background:rgba(47,111,223,{0.12 + 0.78 * share:.2f});'
        f'color:{ink}" title="{count} of {people} at level {level}">{count}</td>'
    )


def render_team_html(team: Team, notes: Sequence[str] = (), skipped: int = 0) -> str:
    """A self-contained, printable page: inline CSS, no scripts, every value escaped."""
    role_names = _role_names(team)
    title = team_heading(team)
    people = len(team.members)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>skillgap: {h(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{h(title)}</h1>",
        f'<p class="meta">{h(bank_line(team))}</p>',
    ]
    if skipped:
        out.append(f'<p class="warn">{h(skipped_line(skipped))}</p>')
    if notes:
        out.append('<ul class="notes">' + "".join(f"<li>{h(n)}</li>" for n in notes) + "</ul>")
    out += [
        "<h2>Fit per role</h2>",
        '<table><thead><tr><th>Role</th><th class="num">Min</th><th class="num">Median</th>'
        '<th class="num">Max</th><th class="num">Ready</th></tr></thead><tbody>',
    ]
    for r in team.roles:
        out.append(
            f'<tr><td>{h(r.name)}</td><td class="num">{_fit(r.low)}</td>'
            f'<td class="num">{_fit(r.middle)}</td><td class="num">{_fit(r.high)}</td>'
            f'<td class="num">{r.ready} of {len(r.people)}</td></tr>'
        )
    out.append("</tbody></table>")
    out += ["<h2>Each person</h2>", "<table><thead><tr><th>Person</th>"]
    out += [f'<th class="num">{h(r.name)}</th>' for r in team.roles]
    out.append("</tr></thead><tbody>")
    for i, m in enumerate(team.members):
        row = f"<tr><td>{h(m.label)}</td>"
        for r in team.roles:
            p = r.people[i]
            ready = " ✓ ready" if p.ready else ""
            row += (
                f'<td class="num">{_fit(p.fit)}{ready}'
                f" (essentials {p.essentials[0]}/{p.essentials[1]})</td>"
            )
        out.append(row + "</tr>")
    out.append("</tbody></table>")
    out.append("<h2>Bus factor</h2>")
    if team.bus_factor:
        out.append(
            '<table><thead><tr><th>Role</th><th>Requirement</th><th class="num">Target</th>'
            "<th>Met by</th></tr></thead><tbody>"
        )
        for b in team.bus_factor:
            essential = " <strong>(essential)</strong>" if b.essential else ""
            who = h(met_by_text(b.met_by))
            who = f'<span class="warn">{who}</span>' if not b.met_by else who
            out.append(
                f"<tr><td>{h(role_names.get(b.role_id, b.role_id))}</td>"
                f'<td>{h(b.title)}{essential}</td><td class="num">{b.target}</td>'
                f"<td>{who}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>Every requirement is met by two people or more.</p>")
    out.append("<h2>The team's Learn next</h2>")
    if team.next_steps:
        out.append(
            '<table><thead><tr><th class="num">#</th><th>Skill</th><th class="num">Gain</th>'
            "<th>Below target</th><th>Could teach</th></tr></thead><tbody>"
        )
        for i, s in enumerate(team.next_steps, 1):
            essential = " <strong>(essential)</strong>" if s.essential else ""
            out.append(
                f'<tr><td class="num">{i}</td><td>{h(s.title)}{essential}</td>'
                f'<td class="num">+{s.gain:.1f}</td><td>{h(names(s.below))}</td>'
                f"<td>{h(names(s.teachers))}</td></tr>"
            )
        out.append("</tbody></table>")
        out.append(
            '<p class="meta">Gain: points of the team\'s mean fit if everyone below reached the'
            f" target. Could teach: at level {MENTOR_LEVEL} or more.</p>"
        )
    else:
        out.append("<p>Everyone meets every target.</p>")
    roles = [r.id for r in team.roles]
    out += [
        "<h2>Heat map: people at each level</h2>",
        '<p class="meta">Each cell: how many people stand at that level; the darker, the'
        " larger the share of the team.</p>",
        "<table><thead><tr><th>Question</th>"
        + "".join(f'<th class="num">{lv}</th>' for lv in range(len(LEVEL_SYMBOLS)))
        + "".join(f'<th class="num">Meets {h(role_names[r])}</th>' for r in roles)
        + "<th>Mentors</th></tr></thead><tbody>",
    ]
    for q in team.questions:
        cells = "".join(_heat(n, people, lv) for lv, n in enumerate(q.levels))
        meets = "".join(f'<td class="num">{q.meets.get(r, "")}</td>' for r in roles)
        mentors = h(names(q.mentors)) if q.mentors else ""
        out.append(f"<tr><td>{h(q.title)}</td>{cells}{meets}<td>{mentors}</td></tr>")
    out.append("</tbody></table>")
    if 0 < people <= MATRIX_PEOPLE:
        out += [
            "<h2>Matrix: each person's level</h2>",
            _legend_html(),
            "<table><thead><tr><th>Question</th>"
            + "".join(f'<th class="person">{h(m.label)}</th>' for m in team.members)
            + "</tr></thead><tbody>",
        ]
        for q in team.questions:
            cells = "".join(
                _cell(m.levels.get(q.id, 0)) if _assessed(m, q.id) else _NOT_ASSESSED_CELL
                for m in team.members
            )
            out.append(f"<tr><td>{h(q.title)}</td>{cells}</tr>")
        out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _legend_html() -> str:
    words = ("none", "aware", "practised", "independent", "expert")
    spans = "".join(
        f'<span style="background:{LEVEL_COLOURS[i]};color:{_INK}">{h(LEVEL_SYMBOLS[i])}'
        f" {words[i]}</span>"
        for i in range(len(LEVEL_SYMBOLS))
    )
    spans += '<span style="background:#ffffff;color:#5b6478">\u2013 not assessed</span>'
    return f'<p class="legend">Levels: {spans}</p>'


def write_team_json(
    team: Team, stream: TextIO, notes: Sequence[str] = (), skipped: int = 0
) -> None:
    """The --json document written to `stream` piece by piece, as `render_team(..., "json")`
    gives it: with 10,000 people the document is tens of MB, and an indented `json.dumps`
    holds every piece of it at once (the indenting encoder is the pure-Python one)."""
    import json

    encoder = json.JSONEncoder(indent=2, ensure_ascii=True)
    for chunk in encoder.iterencode(team_json(team, notes, skipped)):
        stream.write(chunk)
    stream.write("\n")


def render_team(team: Team, fmt: str, notes: Sequence[str] = (), skipped: int = 0) -> str:
    """The team in `fmt`: text, md, html or json."""
    if fmt == "text":
        return render_team_text(team, notes, skipped)
    if fmt == "md":
        return render_team_markdown(team, notes, skipped)
    if fmt == "html":
        return render_team_html(team, notes, skipped)
    if fmt == "json":
        import json

        return json.dumps(team_json(team, notes, skipped), indent=2, ensure_ascii=True) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
