"""core/team.py: the team's skills matrix, by hand on a small team of the mini bank, and
properties that hold for any bank and any team."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.core.model import Bank
from skillgap.core.scoring import score_role
from skillgap.core.team import MENTOR_LEVEL, Member, build_team, one_per_person
from tests.strategies import banks, level_maps

T0 = datetime(2026, 11, 20, 10, tzinfo=timezone.utc)


def member(name: str, day: int, assessed: set[str] | None = None, **levels: int) -> Member:
    return Member(
        name=name,
        source=f"{name or 'unnamed'}.json",
        created_at=T0 + timedelta(days=day),
        levels=levels,
        assessed=None if assessed is None else frozenset(assessed),
    )


# The team of tests/data/team/people (scripts/team_fixtures.py), as members.
ADA = member("Ada", 0, linux=4, docker=3, kubernetes=2, scanning=1, cissp=0, background=3)
ADA_OLDER = member(" ada ", -200, linux=1, docker=0, kubernetes=0, scanning=0)
BO = member("Bo", 1, linux=3, docker=1, kubernetes=0, scanning=3, cissp=4, background=4)
CY = member("Cy", 2, linux=2, docker=2, kubernetes=1, scanning=0, cissp=2, background=0)
NONE = member("", 3, linux=0, docker=0, kubernetes=0, scanning=0, cissp=0, background=0)
DEE = member("Dee", 4, {"linux", "docker", "scanning"}, linux=3, docker=4, scanning=2)
TEAM = [ADA, ADA_OLDER, BO, CY, NONE, DEE]


def test_one_person_counts_once_by_the_newest_report() -> None:
    people, superseded = one_per_person([ADA_OLDER, BO, ADA])
    assert [p.label for p in people] == ["Ada", "Bo"]
    assert people[0].levels["linux"] == 4
    assert [(s.person, s.source) for s in superseded] == [("Ada", " ada .json")]
    # Unnamed reports are each their own person, even alike.
    people, _ = one_per_person([NONE, member("", 3, linux=1)])
    assert len(people) == 1  # same file name and no path: the same report given twice
    twin = Member("", "unnamed.json", NONE.created_at, {}, path="elsewhere/unnamed.json")
    assert len(one_per_person([NONE, twin])[0]) == 2


def test_counts_by_hand(mini_bank: Bank) -> None:
    team = build_team(mini_bank, TEAM)
    assert team.people == ("Ada", "Bo", "Cy", "Dee", "unnamed.json")
    by_id = {q.id: q for q in team.questions}
    assert by_id["linux"].levels == (1, 0, 1, 2, 1)
    assert by_id["linux"].meets == {"ops": 3, "secops": 3}
    assert by_id["docker"].levels == (1, 1, 1, 1, 1)
    assert by_id["docker"].meets == {"ops": 2, "secops": 2}
    assert by_id["kubernetes"].levels == (3, 1, 1, 0, 0)
    assert by_id["kubernetes"].not_assessed == 1  # Dee's bank has no kubernetes
    assert by_id["kubernetes"].meets == {"ops": 1, "secops": 1}
    assert by_id["scanning"].levels == (2, 1, 1, 1, 0)
    assert by_id["scanning"].meets == {"secops": 1}
    assert by_id["cissp"].levels == (3, 0, 1, 0, 1)
    assert by_id["background"].levels == (3, 0, 0, 1, 1)


def test_bus_factor_by_hand(mini_bank: Bank) -> None:
    team = build_team(mini_bank, TEAM)
    assert [(b.role_id, b.id, b.met_by) for b in team.bus_factor] == [
        ("ops", "kubernetes", ("Ada",)),
        ("secops", "kubernetes", ("Ada",)),
        ("secops", "scanning", ("Bo",)),
        ("secops", "background", ("Bo",)),
    ]
    ops = build_team(mini_bank, TEAM, "ops")
    assert [(b.role_id, b.id) for b in ops.bus_factor] == [("ops", "kubernetes")]
    nobody = build_team(mini_bank, [NONE])
    assert all(b.met_by == () for b in nobody.bus_factor)
    assert len(nobody.bus_factor) == 9  # every requirement of both roles


def test_mentors_by_hand(mini_bank: Bank) -> None:
    team = build_team(mini_bank, TEAM)
    mentors = {q.id: [(s.person, s.level) for s in q.mentors] for q in team.questions}
    assert mentors == {
        "linux": [("Ada", 4), ("Bo", 3), ("Dee", 3)],
        "docker": [("Dee", 4), ("Ada", 3)],
        "kubernetes": [],  # no one stands at 3
        "scanning": [("Bo", 3)],
        "cissp": [("Bo", 4)],
        "background": [("Bo", 4), ("Ada", 3)],  # Ada lacks 4, and can still teach Cy at 0
    }
    learners = {q.id: [s.person for s in q.learners] for q in team.questions}
    assert learners["kubernetes"] == ["Bo", "unnamed.json", "Cy"]  # Dee did not assess it


def test_fit_and_readiness_by_hand(mini_bank: Bank) -> None:
    team = build_team(mini_bank, TEAM)
    ops, secops = team.roles
    fits = {p.person: round(p.fit, 2) for p in ops.people}
    # ops: linux 3 (w2, essential), docker 3 (w2), kubernetes 2 (w1); Dee not assessed on k8s.
    assert fits == {"Ada": 100, "Bo": 53.33, "Cy": 63.33, "Dee": 100, "unnamed.json": 0}
    assert (ops.low, round(ops.middle, 2), ops.high, ops.ready) == (0, 63.33, 100, 2)
    fits = {p.person: round(p.fit, 2) for p in secops.people}
    assert fits == {"Ada": 71.3, "Bo": 74.07, "Cy": 46.3, "Dee": 88.89, "unnamed.json": 0}
    assert (round(secops.middle, 2), round(secops.high, 2), secops.ready) == (71.3, 88.89, 0)


def test_the_teams_learn_next_by_hand(mini_bank: Bank) -> None:
    team = build_team(mini_bank, TEAM)
    steps = [(s.id, round(s.gain, 2)) for s in team.next_steps]
    # Points of mean fit over 5 people, ops (weight 5) plus secops (weight 9): docker is
    # Bo 1, Cy 2, unnamed 0 below 3 at weight 2: (2/3 + 1/3 + 1) * 200 / 5 / 5 + ... / 9 / 5.
    assert steps == [
        ("docker", 24.89),
        ("linux", 16.59),
        ("kubernetes", 15.56),
        ("scanning", 13.33),
        ("background", 5.0),
        ("cissp", 4.44),
    ]
    docker = team.next_steps[0]
    assert [t.person for t in docker.teachers] == ["Dee", "Ada"]
    assert [b.person for b in docker.below] == ["unnamed.json", "Bo", "Cy"]
    ops = build_team(mini_bank, TEAM, "ops")
    assert [(s.id, round(s.gain, 2)) for s in ops.next_steps] == [
        ("docker", 16.0),
        ("linux", 10.67),
        ("kubernetes", 10.0),
    ]


def test_anonymous_leaves_no_name_or_file(mini_bank: Bank) -> None:
    team = build_team(mini_bank, TEAM, anonymous=True)
    assert team.people == tuple(f"person {i}" for i in range(1, 6))
    text = repr(team)
    for secret in ("Ada", "ada", "Bo", "Cy", "Dee", "unnamed"):
        assert secret not in text
    assert [s.person for s in team.superseded] == ["person 1"]


# -- properties -------------------------------------------------------------------------------


@st.composite
def teams(draw: st.DrawFn) -> tuple[Bank, list[Member]]:
    bank = draw(banks())
    size = draw(st.integers(0, 8))
    members = []
    for i in range(size):
        levels = draw(level_maps(bank))
        name = draw(st.sampled_from(["", "Ada", "ada ", "Bo", "Cy"]))
        assessed = draw(st.none() | st.frozensets(st.sampled_from(sorted(bank.questions))))
        members.append(
            Member(name, f"f{i}.json", T0 + timedelta(days=draw(st.integers(0, 3))), levels,
                   assessed)
        )  # fmt: skip
    return bank, members


@settings(max_examples=150, deadline=None)
@given(teams(), st.data())
def test_properties_of_any_team(drawn: tuple[Bank, list[Member]], data: st.DataObject) -> None:
    bank, members = drawn
    role = data.draw(st.sampled_from([None, *[r.id for r in bank.roles]]))
    team = build_team(bank, members, role)
    people = team.members
    names = {m.key for m in members}
    assert len(people) == len(names)  # one person once
    considered = [r for r in bank.roles if role is None or r.id == role]
    for q in team.questions:
        assert sum(q.levels) == len(people)  # counts sum to the number of people
        for s in q.mentors:
            assert s.level >= MENTOR_LEVEL  # a mentor always stands at 3+
            assert s.level > min(x.level for x in q.learners)
        for rid, n in q.meets.items():
            target = bank.role(rid).requirement_by_question[q.id].target  # type: ignore[union-attr]
            assert n == sum(1 for m in people if m.levels.get(q.id, 0) >= target)
    # The bus factor lists exactly the requirements met by at most one person.
    expected = {
        (r.id, req.question_id)
        for r in considered
        for req in r.requirements
        if sum(1 for m in people if req.level(m.levels) >= req.target) <= 1
    }
    assert {(b.role_id, b.id) for b in team.bus_factor} == expected
    for spread in team.roles:
        role_of = bank.role(spread.id)
        assert role_of is not None
        for m, p in zip(people, spread.people, strict=True):
            # The same fit, essentials, readiness and coverage as scoring gives one person.
            one = score_role(bank, role_of, m.levels, m.assessed)
            assert abs(p.fit - one.score) < 1e-9 and p.ready == one.ready
            assert p.essentials == one.essentials and abs(p.coverage - one.coverage) < 1e-9
        assert spread.low <= spread.middle <= spread.high
        assert 0 <= spread.ready <= len(people)
    gains = [s.gain for s in team.next_steps]
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(gains))
    assert all(g > 0 for g in gains)
    for step in team.next_steps:
        assert all(t.level >= MENTOR_LEVEL for t in step.teachers)


@pytest.mark.parametrize("anonymous", [False, True])
def test_an_empty_team_is_empty_not_an_error(mini_bank: Bank, anonymous: bool) -> None:
    team = build_team(mini_bank, [], anonymous=anonymous)
    assert team.people == () and team.next_steps == ()
    assert all(sum(q.levels) == 0 for q in team.questions)
