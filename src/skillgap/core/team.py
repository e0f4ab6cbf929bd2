"""A team's skills matrix from the reports its people share: pure functions, no I/O.

Each member is one report read into levels by question id (app/team.py reads the files). One
person counts once, by their newest report: a named report is that person (the trimmed name,
matched without regard to case); a report without a name is its own person, labelled by its
file. Then, for the bank the command uses:

- per question, how many people stand at each level 0-4 (not assessed counts as 0, and is
  counted apart too) and how many meet each role's target;
- the **bus factor**: each requirement of the roles considered that at most one person meets;
- **mentors**: per question, the people at 3 or more who stand above a teammate who lacks it
  (below the highest target the roles considered set, or below 3 where none sets one);
- per role, each person's fit and readiness (core.scoring) and the team's spread;
- the **team's Learn next**: the requirements whose gaps cost the team most fit, averaged over
  its people and summed over the roles considered, with who could teach them (3 or more).

Experience questions (years of work, education) have neither mentors nor steps: they cannot
be taught. A report of another bank, or a Quick one, is matched by question id: what it does not
assess is out of that person's fit (core.scoring's `assessed`), never "missing".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from statistics import median

from skillgap.core.model import LEVELS, Bank, Question, Requirement, Role

#: A mentor stands at this level or above (Independent: can do it unaided and explain it).
MENTOR_LEVEL = 3
#: The team's Learn next shows this many steps.
TEAM_STEPS = 10


@dataclass(frozen=True)
class Member:
    """One report as the team sees it."""

    #: The person's name as written on the report (trimmed); "" when it has none.
    name: str
    #: Where the report came from (its file's name): labels an unnamed one.
    source: str
    created_at: datetime
    #: Question id -> level, for the bank's questions only.
    levels: Mapping[str, int]
    #: The question ids the report assessed; None: every question (a Full report of this bank).
    assessed: frozenset[str] | None = None
    bank_name: str = ""
    bank_version: str = ""
    #: Question ids of the report the bank does not have: left out.
    unknown: tuple[str, ...] = ()
    #: The file as given (identity of an unnamed report: two folders may hold the same name).
    path: str = ""

    @property
    def label(self) -> str:
        return self.name or self.source

    @property
    def key(self) -> str:
        """Who this is: the name without case or surrounding space, else the file."""
        if self.name:
            return f"name:{self.name.strip().casefold()}"
        return f"file:{self.path or self.source}"


@dataclass(frozen=True)
class Superseded:
    """A report left out because the same person has a newer one."""

    person: str
    #: The file left out ("" when anonymous).
    source: str
    #: Who kept it: the person's Member.key ("" when anonymous).
    kept: str


@dataclass(frozen=True, slots=True)
class Standing:
    """A person and the level they stand at on one skill."""

    person: str
    level: int


@dataclass(frozen=True)
class QuestionCounts:
    id: str
    title: str
    #: People at each level 0-4; the five sum to the number of people.
    levels: tuple[int, ...]
    #: Of those at 0, how many did not assess the question at all.
    not_assessed: int
    #: Role id -> people at or above its target (roles considered that need the question).
    meets: dict[str, int]
    #: People at 3+ standing above a teammate who lacks the skill, highest first.
    mentors: tuple[Standing, ...]
    #: People below the skill's target (assessed only), lowest first.
    learners: tuple[Standing, ...]
    experience: bool = False


@dataclass(frozen=True)
class BusFactor:
    """A requirement of a role that at most one person meets."""

    role_id: str
    id: str
    title: str
    target: int
    essential: bool
    met_by: tuple[str, ...]


@dataclass(frozen=True)
class PersonFit:
    person: str
    fit: float
    ready: bool
    essentials: tuple[int, int]
    coverage: float


@dataclass(frozen=True)
class RoleSpread:
    id: str
    name: str
    people: tuple[PersonFit, ...]
    low: float
    middle: float
    high: float
    ready: int


@dataclass(frozen=True)
class TeamStep:
    """A requirement whose gaps cost the team fit."""

    id: str
    title: str
    #: Points of the team's mean fit (summed over the roles considered) if all reached target.
    gain: float
    essential: bool
    roles: tuple[str, ...]
    #: People below the target.
    below: tuple[Standing, ...]
    #: People at 3+ on it, highest first.
    teachers: tuple[Standing, ...]


@dataclass(frozen=True)
class Team:
    bank_name: str
    bank_version: str
    #: The role considered; None: every role of the bank.
    target_role: str | None
    members: tuple[Member, ...]
    superseded: tuple[Superseded, ...]
    questions: tuple[QuestionCounts, ...]
    roles: tuple[RoleSpread, ...]
    bus_factor: tuple[BusFactor, ...]
    next_steps: tuple[TeamStep, ...]

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.members)


# -- one person, once -------------------------------------------------------------------------


def one_per_person(members: Iterable[Member]) -> tuple[list[Member], list[Superseded]]:
    """Each person's newest report (a tie: the later one given), ordered by label without
    case; and the reports left out for a newer one."""
    newest: dict[str, Member] = {}
    older: list[Member] = []
    for member in members:
        kept = newest.get(member.key)
        if kept is None:
            newest[member.key] = member
        elif member.created_at >= kept.created_at:
            older.append(kept)
            newest[member.key] = member
        else:
            older.append(member)
    superseded = [Superseded(newest[m.key].label, m.source, m.key) for m in older]
    people = sorted(newest.values(), key=lambda m: (m.label.casefold(), m.label, m.source))
    superseded.sort(key=lambda s: (s.person.casefold(), s.source))
    return people, superseded


def anonymise(members: Sequence[Member]) -> list[Member]:
    """The members as "person 1".."person n", in their order, with no file or name left."""
    return [
        replace(m, name=f"person {i}", source=f"report {i}", path=f"report {i}")
        for i, m in enumerate(members, 1)
    ]


# -- the matrix -------------------------------------------------------------------------------


def build_team(
    bank: Bank,
    members: Iterable[Member],
    target_role: str | None = None,
    *,
    anonymous: bool = False,
    steps: int = TEAM_STEPS,
) -> Team:
    """The team of `members` (one per person, newest kept) against `bank`'s roles, or only
    `target_role`'s when given."""
    people, superseded = one_per_person(members)
    if anonymous:
        renamed = anonymise(people)
        new_label = {m.key: a.label for m, a in zip(people, renamed, strict=True)}
        superseded = [Superseded(new_label[s.kept], "", "") for s in superseded]
        people = renamed
    roles = tuple(r for r in bank.roles if target_role is None or r.id == target_role) or bank.roles
    levels = [m.levels for m in people]
    assessed = [m.assessed for m in people]
    labels = [m.label for m in people]
    columns = _columns(roles, levels, assessed)
    return Team(
        bank_name=bank.name,
        bank_version=bank.version,
        target_role=target_role,
        members=tuple(people),
        superseded=tuple(superseded),
        questions=tuple(
            _question(q, roles, labels, levels, assessed) for q in bank.ordered_questions()
        ),
        roles=tuple(_spread(role, labels, assessed, columns) for role in roles),
        bus_factor=tuple(_bus_factor(bank, roles, labels, columns)),
        next_steps=tuple(_steps(bank, roles, labels, columns)[:steps]),
    )


@dataclass(frozen=True)
class _Column:
    """One requirement's questions: each person's level on it (a group's best member) and
    whether their report assessed it, in the order of the people."""

    levels: tuple[int, ...]
    seen: tuple[bool, ...]


def _columns(
    roles: Sequence[Role],
    levels: Sequence[Mapping[str, int]],
    assessed: Sequence[Collection[str] | None],
) -> dict[tuple[str, ...], _Column]:
    """Every requirement's column, by its question ids (computed once for all roles)."""
    found: dict[tuple[str, ...], _Column] = {}
    for role in roles:
        for req in role.requirements:
            ids = req.question_ids
            if ids in found:
                continue
            if len(ids) == 1:
                qid = ids[0]
                found[ids] = _Column(
                    tuple(lv.get(qid, 0) for lv in levels),
                    tuple(seen is None or qid in seen for seen in assessed),
                )
            else:
                found[ids] = _Column(
                    tuple(max(lv.get(q, 0) for q in ids) for lv in levels),
                    tuple(seen is None or any(q in seen for q in ids) for seen in assessed),
                )
    return found


def _question(
    question: Question,
    roles: Sequence[Role],
    labels: Sequence[str],
    levels: Sequence[Mapping[str, int]],
    assessed: Sequence[Collection[str] | None],
) -> QuestionCounts:
    """One question's counts. The people come in label order, so each level's people, kept
    in that order, need no sorting."""
    qid = question.id
    at: list[list[int]] = [[] for _ in LEVELS]  # the people at each level, by index
    for i, lv in enumerate(levels):
        level = lv.get(qid, 0)
        at[level if 0 <= level < len(at) else 0].append(i)
    not_assessed = sum(1 for seen in assessed if seen is not None and qid not in seen)
    targets = {
        r.id: r.requirement_by_question[qid].target
        for r in roles
        if qid in r.requirement_by_question
    }
    meets = {rid: sum(len(at[lv]) for lv in LEVELS if lv >= t) for rid, t in targets.items()}
    mentors: tuple[Standing, ...] = ()
    learners: tuple[Standing, ...] = ()
    if not question.experience:
        target = max(targets.values(), default=MENTOR_LEVEL)
        lacking = [
            Standing(labels[i], level)
            for level in range(min(target, len(at)))
            for i in at[level]
            if _assessed(assessed[i], qid)
        ]
        if lacking:
            lowest = lacking[0].level
            mentors = tuple(
                Standing(labels[i], level)
                for level in range(len(at) - 1, max(MENTOR_LEVEL, lowest + 1) - 1, -1)
                for i in at[level]
            )
            learners = tuple(lacking)
    return QuestionCounts(
        qid,
        question.title,
        tuple(len(people) for people in at),
        not_assessed,
        meets,
        mentors,
        learners,
        question.experience,
    )


def _assessed(seen: Collection[str] | None, qid: str) -> bool:
    return seen is None or qid in seen


def _ranked(standings: Iterable[Standing]) -> tuple[Standing, ...]:
    """Highest level first; the people come in label order and a stable sort keeps it."""
    return tuple(sorted(standings, key=lambda s: -s.level))


def _spread(
    role: Role,
    labels: Sequence[str],
    assessed: Sequence[Collection[str] | None],
    columns: Mapping[tuple[str, ...], _Column],
) -> RoleSpread:
    """Each person's fit, essentials and readiness as core.scoring.score_role gives them
    (tests hold the two equal), from the columns: one pass per requirement."""
    people = len(labels)
    earned, weight, met = [0.0] * people, [0.0] * people, [0] * people
    essentials = 0
    for req in role.requirements:
        column = columns[req.question_ids]
        w, target = req.weight, req.target
        essentials += req.essential
        for i, (level, seen) in enumerate(zip(column.levels, column.seen, strict=True)):
            if seen:
                weight[i] += w
                earned[i] += w * min(level / target, 1.0)
                if req.essential and level >= target:
                    met[i] += 1
    total = role.total_weight
    fits = []
    for i, label in enumerate(labels):
        fit = min(100.0, 100.0 * earned[i] / weight[i]) if weight[i] > 0 else 0.0
        coverage = 1.0 if assessed[i] is None or total <= 0 else weight[i] / total
        ready = met[i] >= essentials and fit >= role.ready_at - 1e-9
        fits.append(PersonFit(label, fit, ready, (met[i], essentials), coverage))
    scores = [f.fit for f in fits] or [0.0]
    return RoleSpread(
        role.id,
        role.name,
        tuple(fits),
        min(scores),
        float(median(scores)),
        max(scores),
        sum(1 for f in fits if f.ready),
    )


def _title(bank: Bank, req: Requirement) -> str:
    if req.title:
        return req.title
    question = bank.questions.get(req.question_ids[0])
    if not req.any_of:
        return question.title if question is not None else req.question_id
    return " or ".join(
        q.title if (q := bank.questions.get(m)) is not None else m for m in req.any_of
    )


def _bus_factor(
    bank: Bank,
    roles: Sequence[Role],
    labels: Sequence[str],
    columns: Mapping[tuple[str, ...], _Column],
) -> Iterable[BusFactor]:
    for role in roles:
        for req in role.requirements:
            column = columns[req.question_ids].levels
            met_by = [labels[i] for i, level in enumerate(column) if level >= req.target]
            if len(met_by) <= 1:
                title = _title(bank, req)
                yield BusFactor(
                    role.id, req.question_id, title, req.target, req.essential, tuple(met_by)
                )


def _is_experience(bank: Bank, req: Requirement) -> bool:
    questions = [bank.questions.get(qid) for qid in req.question_ids]
    return all(q is None or q.experience for q in questions)


@dataclass
class _Gathering:
    """A step while the roles are summed (mutable, private)."""

    req: Requirement
    below: list[Standing]
    teachers: tuple[Standing, ...]
    gain: float = 0.0
    essential: bool = False
    roles: list[str] | None = None


def _steps(
    bank: Bank,
    roles: Sequence[Role],
    labels: Sequence[str],
    columns: Mapping[tuple[str, ...], _Column],
) -> list[TeamStep]:
    """Every teachable requirement of the roles considered with a gap, costliest first."""
    people = len(labels)
    found: dict[str, _Gathering] = {}
    for role in roles:
        total = role.total_weight
        if total <= 0 or people == 0:
            continue
        for req in role.requirements:
            if _is_experience(bank, req):
                continue
            column = columns[req.question_ids]
            lost = 0.0
            below: list[Standing] = []
            for label, level, seen in zip(labels, column.levels, column.seen, strict=True):
                if seen and level < req.target:  # not assessed: not a gap we know of
                    below.append(Standing(label, level))
                    lost += 100.0 * req.weight * (1.0 - req.credit(level)) / total
            if not below:
                continue
            entry = found.get(req.question_id)
            if entry is None:
                teachers = _ranked(
                    Standing(label, level)
                    for label, level in zip(labels, column.levels, strict=True)
                    if level >= MENTOR_LEVEL
                )
                entry = found[req.question_id] = _Gathering(req, below, teachers, roles=[])
            entry.gain += lost / people
            entry.essential = entry.essential or req.essential
            assert entry.roles is not None
            entry.roles.append(role.id)
            if len(below) > len(entry.below):
                entry.below = below  # a higher target in another role
    steps = [
        TeamStep(
            rid,
            _title(bank, e.req),
            e.gain,
            e.essential,
            tuple(e.roles or ()),
            tuple(sorted(e.below, key=lambda s: (s.level, s.person.casefold()))),
            e.teachers,
        )
        for rid, e in found.items()
    ]
    steps.sort(key=lambda s: (-round(s.gain, 9), not s.essential, s.id))
    return steps
