"""Renderers of a scored result: plain text for the terminal, and JSON for scripts.

Every value that came from a bank or an answers file is made safe before it is shown.
"""

from __future__ import annotations

from typing import Any

from skillgap.model import Bank, NextStep, Result, RoleResult
from skillgap.text import one_line

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
    }


def result_json(result: Result) -> dict[str, Any]:
    """The `score --json` document (a public contract: see DESIGN.md)."""
    return {
        "roles": [role_json(role) for role in result.roles],
        "next_steps": [step_json(step) for step in result.next_steps],
        "bank": {"name": result.bank_name, "version": result.bank_version},
        "unanswered": list(result.unanswered),
        "skipped": list(result.skipped),
    }


def _title(bank: Bank | None, question_id: str) -> str:
    question = bank.questions.get(question_id) if bank else None
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
    return "\n".join(out) + "\n"
