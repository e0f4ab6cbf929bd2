"""Renderers of a scored result and of saved reports: plain text for the terminal, JSON for
scripts and for `report import`, Markdown for code-hosting sites, and a self-contained HTML page.

Every value that came from a bank, an answers file or an imported report is made safe for where
it is shown: terminal text has no escape sequences, Markdown is escaped, HTML is escaped.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgap.core.checks import claim_status
from skillgap.core.model import (
    Answer,
    Bank,
    CheckOutcome,
    ClaimStatus,
    NextStep,
    Result,
    RoleResult,
)
from skillgap.escape import one_line, safe
from skillgap.formats.report_json import backing_to_json, report_to_json

if TYPE_CHECKING:
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline

BAR_WIDTH = 20


def percent(score: float) -> str:
    return f"{score:.0f}%"


def bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = round(width * max(0.0, min(score, 100.0)) / 100)
    return "█" * filled + "░" * (width - filled)


def step_json(step: NextStep) -> dict[str, Any]:
    return {
        "id": step.question_id,
        "title": step.title,
        "from_level": step.from_level,
        "to_level": step.to_level,
        "gain": {role_id: round(points, 2) for role_id, points in step.gain.items()},
        "hours": step.hours,
        "requires": list(step.requires),
        "needed_for": list(step.needed_for),
        "resources": [{"title": r.title, "url": r.url, "kind": r.kind} for r in step.resources],
    }


def role_json(role: RoleResult) -> dict[str, Any]:
    return {
        "id": role.role_id,
        "name": role.name,
        "score": round(role.score, 1),
        "ready": role.ready,
        "sections": [
            {
                "id": s.section_id,
                "title": s.title,
                "score": None if s.score is None else round(s.score, 1),
            }
            for s in role.sections
            if s.score is not None
        ],
        "missing_essentials": list(role.missing_essentials),
        "gaps": [
            {"id": g.question_id, "level": g.level, "target": g.target, "essential": g.essential}
            for g in role.gaps
        ],
        "checked": None if role.backing is None else round(role.backing.checked, 1),
        "backing": None
        if role.backing is None
        else {k: round(v, 1) for k, v in backing_to_json(role.backing).items()},
    }


def result_json(result: Result) -> dict[str, Any]:
    """The `score --json` document (a public contract: see DESIGN.md)."""
    return {
        "roles": [role_json(role) for role in result.roles],
        "next_steps": [step_json(step) for step in result.next_steps],
        "bank": {"name": result.bank_name, "version": result.bank_version},
        "unanswered": list(result.unanswered),
        "skipped": list(result.skipped),
        "claims": dict(result.claims),
        "not_asked": dict(result.not_asked),
    }


# -- knowledge checks and the adaptive quiz, as every format shows them ----------------------


def checks_asked(result: Result) -> bool:
    """Whether any knowledge check was asked (passed or missed) in this assessment: only then
    do the renderers show the "checked" figures, which would otherwise all read 0."""
    return any(status != "unchecked" for status in result.claims.values())


def checked_points(role: RoleResult) -> str:
    """ "checked: 62 of 78 points": the part of the role's self-rated fit that passed checks
    back, of the fit (see checks.backing); "" for a report saved before checks existed."""
    if role.backing is None:
        return ""
    return f"checked: {role.backing.checked:.0f} of {role.score:.0f} points"


def claim_text(status: ClaimStatus | None) -> str:
    return "" if status is None else status


def missed_text(check: CheckOutcome) -> str:
    """A missed check in one line: the question, the right answer, why, and the source."""
    chosen = f"you chose {check.chosen!r}" if check.chosen else "you did not know"
    explain = f" {check.explain}" if check.explain else ""
    source = f" (source: {check.source})" if check.source else ""
    return f"{check.prompt} The answer is {check.answer!r}; {chosen}.{explain}{source}"


def not_asked_text(result: Result, bank: Bank | None) -> list[str]:
    """ "Kubernetes: not asked: needs Docker first", one per question the quiz left out."""
    return [
        f"{question_title(qid, bank, result)}: not asked: needs"
        f" {question_title(pid, bank, result)} first"
        for qid, pid in result.not_asked.items()
    ]


def _title(bank: Bank | None, question_id: str) -> str:
    """A question's title; with no bank to look in (a report of another bank), its id."""
    if bank is None:
        return one_line(question_id)
    question = bank.questions.get(question_id)
    return one_line(question.title) if question else f"{question_id} (no longer in the bank)"


def render_text(result: Result, bank: Bank | None, steps: int = 10) -> str:
    """A plain-text summary for the terminal: fit per role, sections, and what to learn next."""
    out = [f"{one_line(result.bank_name)} (version {one_line(result.bank_version)})", ""]
    width = max((len(r.name) for r in result.roles), default=10)
    for role in result.roles:
        status = (
            "ready"
            if role.ready
            else "missing essentials: "
            + ", ".join(_title(bank, q) for q in role.missing_essentials)
        )
        name = f"{one_line(role.name):<{width}}"
        out.append(f"  {name}  {percent(role.score):>4}  {bar(role.score)}  {status}")
        if checks_asked(result) and role.backing is not None:
            out.append(f"  {'':<{width}}  {checked_points(role)}")
    out += ["", "By section"]
    names = [one_line(r.name) for r in result.roles]
    col = max(8, *(len(n) for n in names)) if names else 8
    titles = {s.section_id: s.title for r in result.roles for s in r.sections}
    tw = max((len(t) for t in titles.values()), default=10)
    out.append(f"  {'':<{tw}}  " + "  ".join(f"{n:>{col}}" for n in names))
    for section_id, title in titles.items():
        cells = []
        for role in result.roles:
            score = next((s.score for s in role.sections if s.section_id == section_id), None)
            cells.append(f"{'-' if score is None else percent(score):>{col}}")
        out.append(f"  {one_line(title):<{tw}}  " + "  ".join(cells))
    out += ["", "Learn next"]
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
            f" ({gains or 'no points by itself'}; about {step.hours:g} h)"
        )
        if step.needed_for:
            out.append(
                "     needed first for: " + ", ".join(_title(bank, q) for q in step.needed_for)
            )
        for resource in step.resources[:2]:
            link = f" <{one_line(resource.url)}>" if resource.url else ""
            out.append(f"     learn: {one_line(resource.title)}{link}")
    if len(result.next_steps) > steps:
        out.append(f"  ... and {len(result.next_steps) - steps} more (use --json for all)")
    unanswered = len(result.unanswered) + len(result.skipped)
    if unanswered:
        out += ["", f"{unanswered} question(s) not answered or skipped were counted as level 0."]
    if result.not_asked:
        out += ["", "Not asked (counted as 0; you can still answer them)"]
        out += [f"  {one_line(line)}" for line in not_asked_text(result, bank)]
    return "\n".join(out) + "\n"


# -- saved reports: text, Markdown, HTML, JSON -------------------------------------------------

FORMATS = ("text", "md", "html", "json")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def format_for_path(path: str | Path) -> str | None:
    """The export format a file name asks for by its extension, or None."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


def bank_for(report: Report, bank: Bank | None) -> Bank | None:
    """`bank` when the report was made with it (any version), else None: another bank's
    titles would mislabel the report's questions."""
    return bank if bank is not None and bank.name == report.bank_name else None


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    title: str
    section: str
    value: str
    level: int
    note: str
    #: The report's question is not in the current version of its bank.
    gone: bool
    #: checked / missed / unchecked for a claim of 3+, else None.
    claim: ClaimStatus | None = None
    #: The knowledge check asked, while it counts (the claim is still 3+).
    check: CheckOutcome | None = None


def question_title(question_id: str, bank: Bank | None, result: Result | None = None) -> str:
    """A question's title from the bank, else from the report's own steps, else its id."""
    question = bank.questions.get(question_id) if bank else None
    if question is not None:
        return question.title
    if result is not None:
        for step in result.next_steps:
            if step.question_id == question_id:
                return step.title
    return question_id


def describe_answer(answer: Answer | None, bank: Bank | None) -> str:
    """An answer as a person would say it: "3 Independent", "Studying", "skipped"."""
    if answer is None:
        return "not answered"
    if answer.skipped:
        return "skipped"
    question = bank.questions.get(answer.question_id) if bank else None
    if isinstance(answer.value, int) or (question is not None and question.kind == "rating"):
        label = bank.scale[answer.level] if bank and answer.level < len(bank.scale) else ""
        return f"{answer.level} {label}".strip()
    chosen = (answer.value,) if isinstance(answer.value, str) else (answer.value or ())
    labels = [
        opt.label if question is not None and (opt := question.option(o)) is not None else o
        for o in chosen
    ]
    return f"{', '.join(labels) or 'none'} (level {answer.level})"


def answer_rows(report: Report, bank: Bank | None) -> list[AnswerRow]:
    """The report's answers in the bank's order; questions gone from the bank come last."""
    bank = bank_for(report, bank)
    by_question = report.answers.by_question
    order: list[tuple[str, str]] = []
    if bank is not None:
        order = [(qid, s.title) for s in bank.sections for qid in s.question_ids]
    known = {qid for qid, _ in order}
    order += [(qid, "") for qid in by_question if qid not in known]
    return [
        AnswerRow(
            question_id=qid,
            title=question_title(qid, bank, report.result),
            section=section,
            value=describe_answer(answer, bank),
            level=answer.level,
            note=answer.note,
            gone=bank is not None and qid not in bank.questions,
            claim=claim_status(answer),
            check=answer.check if claim_status(answer) in ("checked", "missed") else None,
        )
        for qid, section in order
        if (answer := by_question.get(qid)) is not None
    ]


def report_heading(report: Report) -> str:
    when = report.created_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"Report {report.id}, {when}"


def render_report_text(report: Report, bank: Bank | None) -> str:
    own = bank_for(report, bank)
    out = [report_heading(report), render_text(report.result, own, steps=10), "Your answers"]
    rows = answer_rows(report, bank)
    width = max((len(one_line(r.title)) for r in rows), default=10)
    for row in rows:
        gone = " (no longer in the bank)" if row.gone else ""
        claim = f"  [{row.claim}]" if row.claim and checks_asked(report.result) else ""
        out.append(f"  {one_line(row.title):<{width}}  {one_line(row.value)}{claim}{gone}")
        if row.note:
            out.append(f"  {'':<{width}}  note: {one_line(row.note)}")
        if row.claim == "missed" and row.check is not None:
            out.append(f"  {'':<{width}}  check missed: {one_line(missed_text(row.check))}")
    if not rows:
        out.append("  none")
    return "\n".join(out) + "\n"


def render_report(
    report: Report, bank: Bank | None, fmt: str, timeline: Timeline | None = None
) -> str:
    """The report in `fmt` (one of FORMATS). `timeline`, the learning plan, goes into the
    Markdown (a table) and HTML (an SVG chart and a table) formats."""
    if fmt == "text":
        return render_report_text(report, bank)
    if fmt == "md":
        return render_report_markdown(report, bank, timeline)
    if fmt == "html":
        return render_report_html(report, bank, timeline)
    if fmt == "json":
        return json.dumps(report_json(report), indent=2, ensure_ascii=True) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def report_json(report: Report) -> dict[str, Any]:
    """The export document that `report import` reads back."""
    return report_to_json(report.id, report.created_at, report.answers, report.result)


# -- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")


def md(text: str) -> str:
    """Outside text as inline Markdown: one line, every character that could format escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def render_report_markdown(
    report: Report, bank: Bank | None, timeline: Timeline | None = None
) -> str:
    """Markdown that reads well on a code-hosting site (see export_markdown)."""
    from skillgap.export.markdown import render_report_markdown as render

    return render(report, bank, timeline)


def _safe_url(url: str) -> bool:
    return re.fullmatch(r"https?://[^\s<>\"'`\\]+", url) is not None


def _section_titles(result: Result) -> dict[str, str]:
    return {s.section_id: s.title for r in result.roles for s in r.sections if s.score is not None}


def _section_score(role: RoleResult, section_id: str) -> str:
    score = next((s.score for s in role.sections if s.section_id == section_id), None)
    return "-" if score is None else percent(score)


def _gains(step: NextStep, names: dict[str, str]) -> str:
    gains = [f"+{p:.1f} {names.get(rid, rid)}" for rid, p in step.gain.items() if p > 0]
    return ", ".join(gains) or "no points by itself"


# -- HTML -------------------------------------------------------------------------------------


def h(text: object) -> str:
    """Any value as HTML text: control and bidi-override characters made visible, every
    special character escaped, quotes included."""
    return html.escape(safe(str(text)), quote=True)


def render_report_html(report: Report, bank: Bank | None, timeline: Timeline | None = None) -> str:
    """A self-contained page: inline CSS, no scripts, every value escaped, readable printed
    (see export_html)."""
    from skillgap.export.html import render_report_html as render

    return render(report, bank, timeline)
