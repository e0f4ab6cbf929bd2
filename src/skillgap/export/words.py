"""What every export format says alike: a report's heading, its answers as rows, the words
for knowledge checks, questions not asked, a role's essentials and readiness, what a Quick quiz
assessed and carried over, a step's gains, a plan's work items, and which format a file name
asks for. Raw text: each format escapes it for where it goes (Results on screen say the same)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skillgap.core.checks import claim_status
from skillgap.core.model import Bank, CheckOutcome, ClaimStatus, NextStep, Result, RoleResult
from skillgap.core.wording import added_by, describe_answer, percent, question_title
from skillgap.escape import one_line

if TYPE_CHECKING:
    from skillgap.core.comparison import ReportDiff
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline, WorkItem

FORMATS = ("text", "md", "html", "json")

EXTENSIONS = {
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
    return EXTENSIONS.get(Path(path).suffix.lower())


def bank_for(report: Report, bank: Bank | None) -> Bank | None:
    """`bank` when the report was made with it (any version), else None: another bank's
    titles would mislabel the report's questions."""
    return bank if bank is not None and bank.name == report.bank_name else None


def report_heading(report: Report) -> str:
    """ "Report 7, 2024-05-01 09:30 UTC", and whose it is when it carries a name (raw text:
    each face escapes it)."""
    when = report.created_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"Report {report.id}, {when}" + (f", {report.name}" if report.name else "")


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
    #: The report a Quick quiz carried this answer over from; None when it was given here.
    carried_from: int | None = None
    #: "added by skillgap" for a question the bank adds beyond its article; else "".
    added_by: str = ""


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
            title=question_title(bank, qid, report.result),
            section=section,
            value=describe_answer(bank, answer),
            level=answer.level,
            note=answer.note,
            gone=bank is not None and qid not in bank.questions,
            claim=claim_status(answer),
            check=answer.check if claim_status(answer) in ("checked", "missed") else None,
            carried_from=report.result.carried.get(qid),
            added_by=added_by(bank, qid),
        )
        for qid, section in order
        if (answer := by_question.get(qid)) is not None
    ]


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
        f"{question_title(bank, qid, result)}: not asked: needs"
        f" {question_title(bank, pid, result)} first"
        for qid, pid in result.not_asked.items()
    ]


def carried_mark(report_id: int | None) -> str:
    """ "from report 4": where a carried answer was given; "" for one given in this quiz."""
    return "" if report_id is None else f"from report {report_id}"


def carried_text(result: Result) -> str:
    """ "9 answers carried from report 4" (or "… : 7 from report 4, 2 from report 2"): the
    answers a Quick quiz did not ask but took from earlier reports; "" when none."""
    counts = sorted(Counter(result.carried.values()).items(), reverse=True)
    total = sum(n for _, n in counts)
    if not counts:
        return ""
    noun = "answer" if total == 1 else "answers"
    if len(counts) == 1:
        return f"{total} {noun} carried from report {counts[0][0]}"
    return f"{total} {noun} carried: " + ", ".join(f"{n} from report {rid}" for rid, n in counts)


def quick_text(result: Result) -> str:
    """ "Quick quiz: 9 answers carried from report 4; 12 questions not assessed", for a Quick
    result ("" for a Full one)."""
    if result.mode != "quick":
        return ""
    carried, left = carried_text(result), len(result.not_assessed)
    questions = f"{left} question{'' if left == 1 else 's'} not assessed"
    if not carried:
        return f"Quick quiz: {questions}, none carried from an earlier report"
    if not left:
        return f"Quick quiz: {carried}, so every question is assessed"
    return f"Quick quiz: {carried}; {questions}"


def coverage_text(role: RoleResult) -> str:
    """ "Quick: 44% of the role assessed": how much of the role's weight a Quick quiz asked or
    carried over."""
    return f"Quick: {percent_assessed(role)} of the role assessed"


def percent_assessed(role: RoleResult) -> str:
    """ "44%": the share of the role's weight a Quick quiz asked or carried over."""
    return percent(100 * role.coverage)


def essentials_text(role: RoleResult) -> str:
    """ "essentials 2 of 5": the role's essentials at their target; "" for a report saved
    before it was recorded, or a role with none."""
    if role.essentials is None or role.essentials[1] == 0:
        return ""
    return f"essentials {role.essentials[0]} of {role.essentials[1]}"


def essentials_not_assessed(role: RoleResult) -> int:
    """How many of the role's essentials a Quick quiz did not assess (neither met nor
    missing)."""
    if role.essentials is None:
        return 0
    met, total = role.essentials
    return max(0, total - met - len(role.missing_essentials))


def not_ready_reasons(
    role: RoleResult, bank: Bank | None, result: Result | None = None
) -> list[str]:
    """Why a role is not ready, in words: the essentials below target ("missing Linux"),
    those not assessed, a fit below the role's ready_at. [] when it is ready."""
    if role.ready:
        return []
    reasons = []
    if role.missing_essentials:
        titles = (one_line(question_title(bank, q, result)) for q in role.missing_essentials)
        reasons.append("missing " + ", ".join(titles))
    if left := essentials_not_assessed(role):
        reasons.append(f"{left} essential{'' if left == 1 else 's'} not assessed")
    if role.score < role.ready_at - 1e-9:
        # 74.6 shows as 75%: say so, or "75% fit" and "fit below 75%" read as a contradiction
        shown = f"fit {role.score:.1f}%, " if round(role.score) >= role.ready_at else "fit "
        reasons.append(f"{shown}below {role.ready_at:g}%")
    return reasons


def status_text(role: RoleResult, bank: Bank | None, result: Result | None = None) -> str:
    """ "ready", or "not ready: missing Linux; fit below 75%"."""
    if role.ready:
        return "ready" if role.coverage >= 1 - 1e-9 else "ready on what was assessed"
    return "not ready: " + "; ".join(not_ready_reasons(role, bank, result))


def not_assessed_titles(result: Result, bank: Bank | None) -> list[str]:
    """The titles of the questions a Quick quiz neither asked nor carried over."""
    return [question_title(bank, qid, result) for qid in result.not_assessed]


def not_assessed_sections(role: RoleResult, bank: Bank | None) -> set[str]:
    """The sections holding a requirement of `role` that was not assessed."""
    if bank is None:
        return set()
    found = set()
    for rid in role.not_assessed:
        group = bank.groups.get(rid)
        question = bank.questions.get(group.any_of[0] if group else rid)
        if question is not None:
            found.add(question.section_id)
    return found


def modes_text(diff: ReportDiff) -> str:
    """When a Quick and a Full report are compared: "report 3 is from a Full quiz, report 4
    from a Quick one: the Quick fit counts only what it asked or carried over"."""
    old, new = diff.old, diff.new

    def mode(report: Report) -> str:
        return "Quick" if report.result.mode == "quick" else "Full"

    return (
        f"report {old.id} is from a {mode(old)} quiz, report {new.id} from a {mode(new)} one:"
        " the Quick fit counts only what it asked or carried over"
    )


def not_assessed_diff_text(diff: ReportDiff) -> list[str]:
    """ "Not assessed in report 5 (Quick), 2 left out of the changes: Docker, Kubernetes", for
    each report whose not-assessed questions the other answered."""
    out = []
    for report, left_out in ((diff.old, diff.old_not_assessed), (diff.new, diff.new_not_assessed)):
        if left_out:
            titles = ", ".join(diff.titles.get(qid, qid) for qid in left_out)
            out.append(
                f"Not assessed in report {report.id} (Quick), {len(left_out)} left out of the"
                f" changes: {titles}"
            )
    return out


def section_titles(result: Result) -> dict[str, str]:
    return {s.section_id: s.title for r in result.roles for s in r.sections if s.score is not None}


def section_score(role: RoleResult, section_id: str, bank: Bank | None = None) -> str:
    """A section's score within a role: "62%", "-" when the role asks nothing there, or "not
    assessed" when what it asks there was not assessed (a Quick quiz; needs the bank)."""
    score = next((s.score for s in role.sections if s.section_id == section_id), None)
    if score is not None:
        return percent(score)
    return "not assessed" if section_id in not_assessed_sections(role, bank) else "-"


def learn_next_heading(result: Result) -> str:
    """ "Learn next for DevSecOps engineer", or "for both roles": the role the steps aim for."""
    names = {r.role_id: r.name for r in result.roles}
    aim = result.target_role
    return f"Learn next for {names.get(aim, aim) if aim else 'both roles'}"


def gains(step: NextStep, names: dict[str, str]) -> str:
    gains = [f"+{p:.1f} {names.get(rid, rid)}" for rid, p in step.gain.items() if p > 0]
    return ", ".join(gains) or "no points by itself"


def work_item_text(item: WorkItem, arrow: str = "->") -> str:
    state = "done" if item.finished else "continues"
    return (
        f"{one_line(item.title)} {item.from_level}{arrow}{item.to_level}"
        f" ({item.hours:.3g} h, {state})"
    )


def ending_text(timeline: Timeline, arrow: str = "->") -> str:
    if timeline.complete:
        return f"Every step is scheduled: {len(timeline.weeks)} week(s)."
    step = timeline.next_step
    more = (
        f"; next: {one_line(step.title)} level {step.from_level} {arrow} {step.to_level}"
        if step is not None
        else ""
    )
    return f"Not finished within {len(timeline.weeks)} week(s){more}. Try more hours or weeks."


def readiness_text(timeline: Timeline) -> str:
    """ "Aiming for DevSecOps engineer: ready after week 28", for the role the plan aims for
    (or each role, for both)."""
    aim = timeline.target_role
    wanted = [aim] if aim is not None else list(timeline.role_names)
    parts = []
    for rid in wanted:
        week = timeline.ready_week(rid)
        if week == 0:
            when = "ready now"
        elif week is not None:
            when = f"ready after week {week}"
        else:
            when = f"not ready within {len(timeline.weeks)} week(s)"
        parts.append(when if aim is not None else f"{one_line(timeline.role_names[rid])} {when}")
    target = "both roles" if aim is None else one_line(timeline.role_names.get(aim, aim))
    return f"Aiming for {target}: " + " · ".join(parts)


def grows_with_time(bank: Bank | None, result: Result) -> list[str]:
    """The experience questions below a role's target ("Engineering background 2 of 3"):
    they count in the fit but are never steps, since years and degrees grow with time."""
    if bank is None:
        return []
    below: dict[str, tuple[int, int]] = {}
    for role in result.roles:
        for gap in role.gaps:
            question = bank.questions.get(gap.question_id)
            if question is not None and question.experience:
                level, target = below.get(gap.question_id, (gap.level, 0))
                below[gap.question_id] = (level, max(target, gap.target))
    return [
        f"{question_title(bank, qid)} {level} of {target}" for qid, (level, target) in below.items()
    ]


def step_notes(step: NextStep, result: Result, bank: Bank | None) -> str:
    """What a step's line says after its hours, raw text for each face to escape: whom it is
    essential for, and that the bank added it beyond its article ("; essential for …")."""
    notes = [essential_for(step, result), added_by(bank, step.question_id)]
    return "".join(f"; {note}" for note in notes if note)


def essential_for(step: NextStep, result: Result) -> str:
    """ "essential for DevSecOps engineer" when the step serves an essential of the role aimed
    for (of a role, for both), else ""."""
    if not step.essential:
        return ""
    names = {r.role_id: r.name for r in result.roles}
    aim = result.target_role
    return f"essential for {names.get(aim, aim)}" if aim else "serves an essential"


def aimed_roles(result: Result) -> list[RoleResult]:
    """The role Learn next aims for, or every role when it aims for both: those whose
    readiness the Ready block says first."""
    aimed = result.role(result.target_role) if result.target_role else None
    return [aimed] if aimed is not None else list(result.roles)


@dataclass(frozen=True)
class EssentialGap:
    """An essential of a role still below its target, and the hours to reach it."""

    question_id: str
    title: str
    level: int
    target: int
    #: The bank's estimate from `level` to `target` (the cheapest member, for a group); None
    #: when the question is not in the bank.
    hours: float | None


def essential_gaps(role: RoleResult, bank: Bank | None, result: Result) -> list[EssentialGap]:
    """The role's essentials below target, in the role's order, with their hours."""
    out = []
    for gap in role.gaps:
        if not gap.essential:
            continue
        hours: float | None = None
        if bank is not None:
            group = bank.groups.get(gap.question_id)
            members = group.any_of if group is not None else (gap.question_id,)
            options = [
                bank.questions[m].hours_between(gap.level, gap.target)
                for m in members
                if m in bank.questions
            ]
            hours = min(options) if options else None
        title = question_title(bank, gap.question_id, result)
        out.append(EssentialGap(gap.question_id, title, gap.level, gap.target, hours))
    return out


def hours_text(hours: float) -> str:
    """ "about 80 h"."""
    return f"about {hours:g} h"


def points_of_fit(step: NextStep, names: dict[str, str]) -> str:
    """ "+3.4 points of fit DevOps engineer · +2.2 DevSecOps engineer": what a step adds to
    each role's fit, in points (a role it adds nothing to is left out); "no points of fit by
    itself" for a step only there because a later one needs it."""
    shown = [(rid, p) for rid, p in step.gain.items() if p >= 0.05]
    if not shown:
        return "no points of fit by itself"
    parts = [f"+{p:.1f} {names.get(rid, rid)}" for rid, p in shown]
    first, *rest = parts
    head = first.replace(" ", " points of fit ", 1)
    return " · ".join([head, *rest])
