"""The domain, as frozen dataclasses: a bank of questions, the roles scored against it, a
person's answers, and the result of scoring them.

Every answer is a level 0-4, whatever the kind of question, so scoring is uniform.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Literal

#: The longest id of a question, option, section or role (converted banks such as OWASP DSOMM
#: name activities in up to 90 characters).
MAX_ID_LENGTH = 128
MIN_LEVEL = 0
MAX_LEVEL = 4
LEVELS = range(MIN_LEVEL, MAX_LEVEL + 1)

Kind = Literal["rating", "choice", "multi"]
KINDS: tuple[Kind, ...] = ("rating", "choice", "multi")

#: A claim of this level or more on a question with checks is followed by a knowledge check.
CHECK_LEVEL = 3

#: What backs a claim of level 3 or more: a passed check, a missed one, or none asked.
ClaimStatus = Literal["checked", "missed", "unchecked"]
CLAIM_STATUSES: tuple[ClaimStatus, ...] = ("checked", "missed", "unchecked")

#: Where a step of the learning plan stands. "not_relevant" drops it from the next steps.
PlanStatus = Literal["planned", "learning", "done", "not_relevant"]
PLAN_STATUSES: tuple[PlanStatus, ...] = ("planned", "learning", "done", "not_relevant")

#: Hours to the next level when a question does not say.
DEFAULT_EFFORT_HOURS = 10.0
#: A role's fit (percent) that "ready" needs, besides every essential at target, unless the
#: role sets its own `ready_at`.
DEFAULT_READY_AT = 75.0


@dataclass(frozen=True)
class Resource:
    """Somewhere to learn: documentation, a course, a certification body's page."""

    title: str
    url: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Option:
    """One answer to a `choice` or `multi` question, worth a level."""

    id: str
    label: str
    level: int


@dataclass(frozen=True)
class Check:
    """A short multiple-choice item that backs a claim of level 3 or more with knowledge."""

    prompt: str
    options: tuple[str, ...]
    answer: str
    #: Why the answer is right, shown when a check is missed.
    explain: str
    #: Where the answer comes from: a standard's clause, a documentation page.
    source: str


@dataclass(frozen=True)
class Question:
    """One question of the bank: a rating, or a choice of one or several options."""

    id: str
    prompt: str
    section_id: str
    kind: Kind = "rating"
    #: Behavioural anchors for rating levels, level -> what a person at that level does.
    levels: dict[int, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    #: Hours from level L-1 to level L, keyed by L (1-4).
    effort_hours: dict[int, float] = field(default_factory=dict)
    #: Prerequisites: question id -> minimum level.
    requires: dict[str, int] = field(default_factory=dict)
    resources: tuple[Resource, ...] = ()
    help: str = ""
    #: Asked in Quick mode.
    quick: bool = False
    #: A short name for lists and tables ("Docker"); the prompt when the bank gives none.
    short_title: str = ""
    #: Knowledge checks, asked after a claim of level 3 or more.
    checks: tuple[Check, ...] = ()
    #: Background, years of work, education: counts in fit, never a learning step (it grows
    #: with time, not with study).
    experience: bool = False
    #: Where the question comes from: "article" (the domain source the bank is built on) or a
    #: label naming who added it (the bundled bank's own additions say "skillgap"); "" unsaid.
    source: str = ""
    #: False for a question kept for fidelity (a retired or niche tool): it counts in fit when
    #: a person has it, and Learn next never suggests it (a plan may still choose it).
    advise: bool = True
    #: Tools, synonyms and acronyms a job ad would use for this skill ("terraform", "iac",
    #: "infrastructure as code"), lower case with single spaces: how `core.job` reads an ad.
    keywords: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.short_title or self.prompt

    def option(self, option_id: str) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None

    def reachable_levels(self) -> tuple[int, ...]:
        """The levels an answer to this question can be worth, ascending."""
        if self.kind == "rating":
            return tuple(LEVELS)
        return tuple(sorted({0, *(o.level for o in self.options)}))

    def next_level(self, level: int) -> int | None:
        """The lowest level above `level` that an answer can reach, or None at the top."""
        for candidate in self.reachable_levels():
            if candidate > level:
                return candidate
        return None

    def hours_between(self, low: int, high: int) -> float:
        """Estimated hours of learning to go from level `low` to level `high`, counting only
        the levels an answer can stand at (a choice question's options)."""
        return sum(
            self.effort_hours.get(lvl, DEFAULT_EFFORT_HOURS)
            for lvl in self.reachable_levels()
            if low < lvl <= high
        )


@dataclass(frozen=True)
class Section:
    """A skill area: a titled group of questions, asked together."""

    id: str
    title: str
    description: str = ""
    question_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirement:
    """What a role asks: a target level and a weight, of one question or of an any-of group
    (certifications, regulations by industry, one orchestrator) whose best member counts."""

    #: The question's id; for a group, the group's own id (never a question's).
    question_id: str
    target: int
    weight: float
    essential: bool = False
    #: A group's member question ids (two or more); () for a requirement on one question.
    any_of: tuple[str, ...] = ()
    #: A group's name ("A security certification"); "" for one question, or to list members.
    title: str = ""

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The questions whose answers count: the question, or the group's members."""
        return self.any_of or (self.question_id,)

    def level(self, levels: Mapping[str, int]) -> int:
        """The level that counts: the question's, or the best of a group's members."""
        return max(levels.get(qid, 0) for qid in self.question_ids)

    def credit(self, level: int) -> float:
        """How much of this requirement a level meets, 0-1: min(level / target, 1)."""
        return min(level / self.target, 1.0)


#: What a pay figure is counted over: a month, a year, or "" for a figure with no period (a
#: count of job openings). Shown beside the value, so monthly and yearly pay are never mixed.
Period = Literal["", "month", "year"]
PERIODS: tuple[Period, ...] = ("month", "year")


@dataclass(frozen=True)
class MarketFigure:
    """A dated, sourced fact about pay or openings: context, never advice."""

    label: str
    value: str
    source: str = ""
    date: str = ""
    period: Period = ""


@dataclass(frozen=True)
class MarketTable:
    """A dated, sourced table of figures (pay and living costs by city): context, never advice.
    Every row has one cell per column; `period` applies to every figure in it."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    period: Period = ""
    source: str = ""
    date: str = ""
    note: str = ""


@dataclass(frozen=True)
class SourceView:
    """What one named source thinks, at a date: its opinion, shown as such and never as
    skillgap's advice. `market` is its reading of the job market, `drivers` what makes
    employers hire the role, `advice` what it recommends."""

    source: str
    date: str
    market: tuple[str, ...] = ()
    drivers: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    """A job profile (DevOps, DevSecOps): its requirements, and what the job is like."""

    id: str
    name: str
    summary: str = ""
    requirements: tuple[Requirement, ...] = ()
    responsibilities: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    education: tuple[str, ...] = ()
    market: tuple[MarketFigure, ...] = ()
    #: Tables of figures too wide for a list, such as pay and living costs in five cities.
    tables: tuple[MarketTable, ...] = ()
    #: Sources' opinions of the job market, what drives hiring, and their advice.
    views: tuple[SourceView, ...] = ()
    #: Ready also needs this fit (percent), besides every essential at its target.
    ready_at: float = DEFAULT_READY_AT

    @cached_property
    def total_weight(self) -> float:
        return sum(r.weight for r in self.requirements)

    @cached_property
    def requirement_by_question(self) -> dict[str, Requirement]:
        """Each question's requirement, a group's members included (they share the group's)."""
        return {qid: r for r in self.requirements for qid in r.question_ids}


@dataclass(frozen=True)
class Bank:
    """A whole question bank: the scale, sections, questions and roles, as validated."""

    name: str
    version: str
    #: Labels of the 0-4 scale, index = level.
    scale: tuple[str, ...]
    sections: tuple[Section, ...]
    questions: dict[str, Question]
    roles: tuple[Role, ...]
    description: str = ""

    def role(self, role_id: str) -> Role | None:
        for role in self.roles:
            if role.id == role_id:
                return role
        return None

    @cached_property
    def groups(self) -> dict[str, Requirement]:
        """Every role's any-of groups by group id (the first role's, where several share one)."""
        found: dict[str, Requirement] = {}
        for role in self.roles:
            for req in role.requirements:
                if req.any_of:
                    found.setdefault(req.question_id, req)
        return found

    def section(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def ordered_questions(self, quick: bool = False) -> list[Question]:
        """Questions in quiz order: section by section, as written in each file."""
        ordered = [self.questions[qid] for s in self.sections for qid in s.question_ids]
        return [q for q in ordered if q.quick] if quick else ordered


@dataclass(frozen=True)
class CheckOutcome:
    """A knowledge check asked after a claim, and what the person chose. It keeps the check's
    own text, so a report still reads right after the bank's checks change."""

    #: Which of the question's checks was asked, when it was asked.
    index: int
    prompt: str
    #: The option the person chose; "" when they did not know.
    chosen: str
    #: The right option.
    answer: str
    explain: str = ""
    source: str = ""

    @property
    def passed(self) -> bool:
        return self.chosen == self.answer


@dataclass(frozen=True)
class Answer:
    """What a person said to one question. `value` is a level (rating), an option id (choice)
    or a tuple of option ids (multi); None means skipped."""

    question_id: str
    value: int | str | tuple[str, ...] | None
    level: int
    note: str = ""
    #: The knowledge check asked after this answer's claim, if any. It counts only while the
    #: level is CHECK_LEVEL or more (see checks.claim_status).
    check: CheckOutcome | None = None

    @property
    def skipped(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Answers:
    """A person's answers, by question id. Absent questions are unanswered and count as 0."""

    by_question: dict[str, Answer] = field(default_factory=dict)

    def level(self, question_id: str) -> int:
        answer = self.by_question.get(question_id)
        return answer.level if answer is not None else 0

    def get(self, question_id: str) -> Answer | None:
        return self.by_question.get(question_id)

    def with_answer(self, answer: Answer) -> Answers:
        return Answers({**self.by_question, answer.question_id: answer})


@dataclass(frozen=True)
class SectionScore:
    """A role's fit within one section."""

    section_id: str
    title: str
    #: 0-100, or None when the role asks nothing in this section.
    score: float | None
    weight: float


@dataclass(frozen=True)
class Gap:
    """A requirement not yet met."""

    question_id: str
    level: int
    target: int
    weight: float
    essential: bool


@dataclass(frozen=True)
class Backing:
    """A role's self-rated fit split by what backs each answer's points (see checks.backing).
    The four parts add up to the fit, so `checked` is never more than it."""

    #: Points from claims of level 3+ backed by a passed knowledge check.
    checked: float = 0.0
    #: Points from claims of level 3+ whose check was missed.
    missed: float = 0.0
    #: Points from claims of level 3+ with no check asked (checks off, or the question has none).
    unchecked: float = 0.0
    #: Points from answers below level 3, for which no check is asked.
    below_3: float = 0.0

    @property
    def total(self) -> float:
        return self.checked + self.missed + self.unchecked + self.below_3


@dataclass(frozen=True)
class RoleResult:
    """How a set of answers fits one role: the fit, by section, and the gaps."""

    role_id: str
    name: str
    #: Fit, 0-100.
    score: float
    sections: tuple[SectionScore, ...]
    gaps: tuple[Gap, ...]
    #: How much of the fit passed checks back; None in reports saved before checks existed.
    backing: Backing | None = None
    #: The fit "ready" needs (the role's ready_at).
    ready_at: float = DEFAULT_READY_AT
    #: The share of the role's weight that was assessed, 0-1 (a Quick quiz may leave some out).
    coverage: float = 1.0
    #: (met, total) of the role's essentials; None in reports saved before it was recorded.
    essentials: tuple[int, int] | None = None
    #: Requirement ids neither asked nor carried from an earlier report: out of the fit.
    not_assessed: tuple[str, ...] = ()

    @property
    def missing_essentials(self) -> tuple[str, ...]:
        return tuple(g.question_id for g in self.gaps if g.essential)

    @property
    def essentials_met(self) -> bool:
        if self.essentials is None:
            return not self.missing_essentials
        return self.essentials[0] >= self.essentials[1]

    @property
    def ready(self) -> bool:
        """Every essential at its target, and the fit at or above the role's ready_at."""
        return self.essentials_met and self.score >= self.ready_at - 1e-9


@dataclass(frozen=True)
class NextStep:
    """One more level on one question, and why it is worth learning."""

    question_id: str
    title: str
    from_level: int
    to_level: int
    #: Points each role's fit gains, by role id.
    gain: dict[str, float]
    hours: float
    #: Prerequisite question ids this step waits on (unmet when the advice was made).
    requires: tuple[str, ...]
    resources: tuple[Resource, ...]
    #: Set when this step is here only because a later step needs it.
    needed_for: tuple[str, ...] = ()
    #: The step serves an essential of the target role (itself, or as a prerequisite of one).
    essential: bool = False

    @property
    def total_gain(self) -> float:
        return sum(self.gain.values())


@dataclass(frozen=True)
class Result:
    """Answers scored against every role of a bank, with the ranked next steps."""

    bank_name: str
    bank_version: str
    roles: tuple[RoleResult, ...]
    next_steps: tuple[NextStep, ...]
    #: Questions with no answer, counted as level 0.
    unanswered: tuple[str, ...]
    #: Questions the person chose to skip, counted as level 0.
    skipped: tuple[str, ...]
    #: Each claim of level 3+ by question id: checked, missed or unchecked.
    claims: dict[str, ClaimStatus] = field(default_factory=dict)
    #: Questions the adaptive quiz did not ask (counted as 0), by question id -> the
    #: prerequisite answered 0 that they need first.
    not_asked: dict[str, str] = field(default_factory=dict)
    #: "full" (every question assessed) or "quick" (some may be not assessed).
    mode: str = "full"
    #: The role Learn next aims for; None for both.
    target_role: str | None = None
    #: Questions neither asked nor carried from an earlier report: out of every fit.
    not_assessed: tuple[str, ...] = ()
    #: Answers a Quick quiz carried over from an earlier report, for the questions it did not
    #: ask: question id -> the id of the report the answer was given in.
    carried: dict[str, int] = field(default_factory=dict)

    def role(self, role_id: str) -> RoleResult | None:
        for role in self.roles:
            if role.role_id == role_id:
                return role
        return None


@dataclass(frozen=True)
class PlanEntry:
    """One question in a person's learning plan, kept across assessments."""

    question_id: str
    status: PlanStatus
    #: The level the step aims for (its to_level when added); None when not known.
    target: int | None = None
    updated_at: datetime | None = None
