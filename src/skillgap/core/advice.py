"""What to learn next, for a target role R (or both roles): the one ranking of steps, which
Results, the exports and the plan's timeline all follow. Pure functions, no I/O.

A step is one more level on one question (a prerequisite step may go several levels at once,
up to the level needed). Its `gain` is the points of fit it adds to each role, every role
shown, so the other role's gain is information. The order:

0. Steps of the person's plan, when the caller gives them (learning, then planned).
1. While R has essentials below target, those: each essential taken to its target, one level
   after another, its unmet prerequisites before it. Essentials are ordered by
   `weight x (target - level) / target` over the hours to reach the target, prerequisites'
   hours included.
2. Then every other requirement of R with a gap, a level at a time, ranked by value per hour
   with convex credit c(l) = min(l / t, 1)^2: value = weight x (c(l + 1) - c(l)), so going
   deeper toward a target beats scattering awareness. A step and the prerequisite steps it
   waits on rank together, by their total value over their total hours.

Prerequisites apply to reaching level 2 and above: awareness (level 1) never waits. Experience
questions (background, years, education) are never steps; neither are questions the plan marks
not relevant, nor questions that were not assessed. With both roles, R's essentials are the
union and value sums over the roles.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from skillgap.core.model import Bank, NextStep, Requirement, Role

#: A prerequisite applies to reaching this level and above.
PREREQUISITE_FROM = 2

#: A step while ranking: question id, from level, to level, the questions it is needed for.
_Move = tuple[str, int, int, tuple[str, ...]]


def _level_with(req: Requirement, levels: Mapping[str, int], qid: str, level: int) -> int:
    """The requirement's level with `qid` at `level` (a group's best member counts)."""
    return max(level if m == qid else levels.get(m, 0) for m in req.question_ids)


def gain(role: Role, question_id: str, low: int, high: int, levels: Mapping[str, int]) -> float:
    """Points of `role`'s fit gained by raising one answer from `low` to `high` (linear
    credit; a group gains only what its best member rises by)."""
    total = role.total_weight
    req = role.requirement_by_question.get(question_id)
    if total <= 0 or req is None:
        return 0.0
    before = req.credit(_level_with(req, levels, question_id, low))
    after = req.credit(_level_with(req, levels, question_id, high))
    return 100.0 * req.weight * (after - before) / total


def _convex(req: Requirement, level: int) -> float:
    return min(level / req.target, 1.0) ** 2


@dataclass
class _Advisor:
    bank: Bank
    #: Current levels, raised as steps are placed.
    levels: dict[str, int]
    #: The roles advice aims for: the target role, or all of them.
    roles: tuple[Role, ...]
    skip: Collection[str]
    assessed: Collection[str] | None

    def __post_init__(self) -> None:
        self.placed: list[NextStep] = []
        #: The person's levels, before any step: what a step's `requires` are unmet against.
        self.start = dict(self.levels)
        # (role, requirement) pairs of the target roles that each question counts in.
        self.counts_in: dict[str, list[tuple[Role, Requirement]]] = {}
        for role in self.roles:
            for req in role.requirements:
                for qid in req.question_ids:
                    self.counts_in.setdefault(qid, []).append((role, req))
        self.essential_ids = {
            r.question_id for role in self.roles for r in role.requirements if r.essential
        }
        self.dependents: dict[str, list[str]] = {}
        for qid, question in self.bank.questions.items():
            for pid in question.requires:
                self.dependents.setdefault(pid, []).append(qid)

    # -- what a question may be ------------------------------------------------------------

    def studiable(self, qid: str) -> bool:
        question = self.bank.questions.get(qid)
        return (
            question is not None
            and not question.experience
            and (self.assessed is None or qid in self.assessed)
        )

    def advised(self, qid: str) -> bool:
        """Studiable, and a question Learn next may suggest (not one kept for fidelity)."""
        return self.studiable(qid) and self.bank.questions[qid].advise

    def goal(self, qid: str) -> bool:
        return qid in self.counts_in and qid not in self.skip and self.advised(qid)

    def value(self, qid: str, low: int, high: int, levels: Mapping[str, int]) -> float:
        """What raising `qid` from `low` to `high` is worth to the target roles (convex)."""
        total = 0.0
        for role, req in self.counts_in.get(qid, ()):
            weight = role.total_weight
            if weight > 0:
                before = _convex(req, _level_with(req, levels, qid, low))
                after = _convex(req, _level_with(req, levels, qid, high))
                total += 100.0 * req.weight * (after - before) / weight
        return total

    # -- steps and their prerequisites -----------------------------------------------------
    # While ranking, a step is a light `_Move` (question, from, to, needed for); it becomes a
    # NextStep only when it is placed, with its gains at the levels it is placed at.

    def level(self, qid: str, pending: Mapping[str, int]) -> int:
        return pending.get(qid, self.levels.get(qid, 0))

    def chain(
        self,
        qid: str,
        high: int,
        pending: dict[str, int],
        trail: tuple[str, ...] = (),
    ) -> list[_Move]:
        """The moves that take `qid` to `high` from its level (the current levels, with
        `pending` over them, which it updates): unmet prerequisites first (from level 2 on),
        then the question itself."""
        question = self.bank.questions[qid]
        low = self.level(qid, pending)
        moves: list[_Move] = []
        if high >= PREREQUISITE_FROM:
            for pid, needed in question.requires.items():
                prerequisite = self.bank.questions.get(pid)
                now = self.level(pid, pending)
                if prerequisite is None or pid in trail or now >= needed or not self.studiable(pid):
                    continue
                reach = min(
                    (lvl for lvl in prerequisite.reachable_levels() if lvl >= needed),
                    default=prerequisite.reachable_levels()[-1],
                )
                if reach > now:
                    *before, (pq, plow, phigh, _) = self.chain(pid, reach, pending, (*trail, qid))
                    moves += [*before, (pq, plow, phigh, (qid,))]
        moves.append((qid, low, high, ()))
        pending[qid] = max(low, high)
        return moves

    def path(self, qid: str, target: int) -> list[_Move]:
        """Every move that takes `qid` to `target`, one level at a time, with prerequisites,
        from the current levels (nothing placed)."""
        pending: dict[str, int] = {}
        question = self.bank.questions[qid]
        moves: list[_Move] = []
        while (level := self.level(qid, pending)) < target:
            upper = question.next_level(level)
            if upper is None:
                break
            moves += self.chain(qid, upper, pending)
        return moves

    def worth(self, moves: Sequence[_Move]) -> tuple[float, float, float, float]:
        """(value per hour, value, hours, the last move's own value) of `moves` taken in turn
        from the current levels."""
        pending: dict[str, int] = {}
        value = hours = last = 0.0
        for qid, low, high, _ in moves:
            last = 0.0
            if self.counts_in.get(qid):
                last = self.value(qid, low, high, _Overlay(self.levels, pending))
                value += last
            hours += self.bank.questions[qid].hours_between(low, high)
            pending[qid] = high
        return value / max(hours, 1e-9), value, hours, last

    def place(self, moves: Sequence[_Move], essential: bool = False) -> list[str]:
        """Put `moves` next, as steps; returns the questions they raised."""
        raised = []
        for qid, low, high, needed_for in moves:
            if self.levels.get(qid, 0) >= high:
                continue
            question = self.bank.questions[qid]
            unmet = (
                tuple(p for p, lvl in question.requires.items() if self.start.get(p, 0) < lvl)
                if high >= PREREQUISITE_FROM
                else ()
            )
            self.placed.append(
                NextStep(
                    question_id=qid,
                    title=question.title,
                    from_level=low,
                    to_level=high,
                    gain={r.id: gain(r, qid, low, high, self.levels) for r in self.bank.roles},
                    hours=question.hours_between(low, high),
                    requires=unmet,
                    resources=question.resources,
                    needed_for=needed_for,
                    essential=essential or qid in self.essential_ids,
                )
            )
            self.levels[qid] = high
            raised.append(qid)
        return raised

    def touched_by(self, raised: Collection[str]) -> set[str]:
        """The questions whose next move may be worth something else once `raised` rose: the
        raised themselves, what needs them, and their groups' other members."""
        touched: set[str] = set()
        for qid in raised:
            touched.add(qid)
            touched.update(self.dependents.get(qid, ()))
            for _, req in self.counts_in.get(qid, ()):
                touched.update(req.question_ids)
        return touched

    # -- the order -------------------------------------------------------------------------

    def gap_of(self, qid: str) -> int | None:
        """The highest target among the target roles' requirements `qid` counts in that are
        not yet met, or None when all are."""
        targets = [
            req.target
            for _, req in self.counts_in.get(qid, ())
            if req.level(self.levels) < req.target
        ]
        return max(targets) if targets else None

    def next_for(self, qid: str) -> tuple[float, float, list[_Move]] | None:
        """The next level of `qid` with its prerequisites: (value per hour, value, moves)."""
        if not self.goal(qid) or self.gap_of(qid) is None:
            return None
        question = self.bank.questions[qid]
        level = self.levels.get(qid, 0)
        upper = question.next_level(level)
        # A group member below the best one: the first level worth something is one above it.
        while upper is not None and self.value(qid, level, upper, self.levels) <= 1e-12:
            upper = question.next_level(upper)
        if upper is None:
            return None
        moves = self.chain(qid, upper, {})
        ratio, value, _, own = self.worth(moves)
        # A level worth nothing by itself (a group member below the best) is never a goal,
        # whatever its prerequisites would be worth.
        return None if own <= 1e-12 else (ratio, value, moves)

    def plan_first(self, wanted: Mapping[str, int | None]) -> None:
        """Steps toward the plan's chosen questions, each to its plan target (or the roles'),
        best value per hour first."""
        while True:
            best: tuple[float, float, str, list[_Move]] | None = None
            for qid, target in wanted.items():
                question = self.bank.questions.get(qid)
                if question is None or qid in self.skip or not self.studiable(qid):
                    continue
                goal = target if target is not None else self.gap_of(qid)
                level = self.levels.get(qid, 0)
                upper = question.next_level(level)
                if goal is None or level >= goal or upper is None:
                    continue
                moves = self.chain(qid, upper, {})
                ratio, value, _, _ = self.worth(moves)
                if best is None or (ratio, value, qid) > (best[0], best[1], best[2]):
                    best = (ratio, value, qid, moves)
            if best is None:
                return
            self.place(best[3])

    def essential_path(self, reqs: Sequence[Requirement]) -> tuple[float, list[_Move]] | None:
        """An unmet essential's priority (weight x gap / target over the hours to its target)
        and the moves to its target by its cheapest member; None when met or out of reach."""
        req = max(reqs, key=lambda r: r.target)
        level = req.level(self.levels)
        if level >= req.target:
            return None
        members = [m for m in req.question_ids if self.advised(m) and m not in self.skip]
        # The members that can reach the target; else those that reach highest above the
        # group's level (a member that cannot pass the best one's level adds nothing).
        tops = {m: self.bank.questions[m].reachable_levels()[-1] for m in members}
        best = max(tops.values(), default=0)
        if best <= level:
            return None
        goal = min(best, req.target)
        paths = [moves for m in members if tops[m] >= goal and (moves := self.path(m, goal))]
        if not paths:
            return None
        costs = [self.worth(moves)[2] for moves in paths]
        hours, moves = min(zip(costs, paths, strict=True), key=lambda pair: pair[0])
        weight = sum(r.weight for r in reqs)
        return weight * (req.target - level) / req.target / max(hours, 1e-9), moves

    def essentials_first(self) -> None:
        """Each unmet essential of the target roles to its target, the best-placed first."""
        unmet: dict[str, list[Requirement]] = {}
        for role in self.roles:
            for req in role.requirements:
                if req.essential and any(self.advised(q) for q in req.question_ids):
                    unmet.setdefault(req.question_id, []).append(req)
        members = {rid: set(reqs[0].question_ids) for rid, reqs in unmet.items()}
        heap: list[tuple[float, str]] = []
        for rid, reqs in unmet.items():
            if (found := self.essential_path(reqs)) is not None:
                heap.append((-found[0], rid))
        heapq.heapify(heap)
        while heap:
            _, rid = heapq.heappop(heap)
            found = self.essential_path(unmet[rid])
            if found is None:
                continue
            priority, moves = found
            if heap and heap[0] < (-priority, rid):
                heapq.heappush(heap, (-priority, rid))  # worth less than when it was ranked
                continue
            touched = self.touched_by(self.place(moves, essential=True))
            # Essentials whose way there got shorter are ranked again.
            for other, questions in members.items():
                if other != rid and questions & touched:
                    again = self.essential_path(unmet[other])
                    if again is not None:
                        heapq.heappush(heap, (-again[0], other))

    def the_rest(self) -> None:
        """Every other gap of the target roles, a level at a time, best value per hour first."""
        heap: list[tuple[float, float, str, int]] = []

        def push(qid: str) -> None:
            found = self.next_for(qid)
            if found is not None:
                heapq.heappush(heap, (-found[0], -found[1], qid, self.levels.get(qid, 0)))

        for qid in self.counts_in:
            push(qid)
        while heap:
            _, _, qid, level = heapq.heappop(heap)
            if self.levels.get(qid, 0) != level:
                continue  # ranked at a level since passed; pushed again when it was raised
            found = self.next_for(qid)
            if found is None:
                continue
            ratio, value, moves = found
            if heap and heap[0][:3] < (-ratio, -value, qid):
                heapq.heappush(heap, (-ratio, -value, qid, level))  # worth less than it was
                continue
            for other in sorted(self.touched_by(self.place(moves))):
                push(other)


class _Overlay(Mapping[str, int]):
    """Levels with some raised on top, without copying them all."""

    def __init__(self, base: Mapping[str, int], top: Mapping[str, int]) -> None:
        self.base, self.top = base, top

    def __getitem__(self, key: str) -> int:
        return self.top[key] if key in self.top else self.base[key]

    def get(self, key: str, default: int = 0) -> int:  # type: ignore[override]
        return self.top.get(key, self.base.get(key, default))

    def __iter__(self) -> Iterator[str]:
        return iter({**self.base, **self.top})

    def __len__(self) -> int:
        return len({**self.base, **self.top})


def next_steps(
    bank: Bank,
    levels: Mapping[str, int],
    skip: Collection[str] = (),
    *,
    target_role: str | None = None,
    assessed: Collection[str] | None = None,
    first: Sequence[Mapping[str, int | None]] = (),
) -> list[NextStep]:
    """Steps in the order to take them (see the module's docstring), until every target of
    the target role (None: every role) is met.

    `skip`: questions left out (the plan's "not relevant"). `assessed`: for a Quick quiz, the
    questions that were assessed; the rest are never steps. `first`: plan entries to serve
    before anything else, tier by tier (question id -> the level the plan aims for)."""
    role = bank.role(target_role) if target_role is not None else None
    advisor = _Advisor(
        bank,
        {qid: levels.get(qid, 0) for qid in bank.questions},
        (role,) if role is not None else bank.roles,
        skip,
        assessed,
    )
    for wanted in first:
        advisor.plan_first(wanted)
    advisor.essentials_first()
    advisor.the_rest()
    return advisor.placed
