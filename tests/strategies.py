"""Hypothesis strategies for banks and answers, built straight from the model."""

from __future__ import annotations

from hypothesis import strategies as st

from skillgap.core.model import Answer, Answers, Bank, Option, Question, Requirement, Role, Section

levels = st.integers(min_value=0, max_value=4)


@st.composite
def banks(draw: st.DrawFn, max_questions: int = 10) -> Bank:
    count = draw(st.integers(min_value=1, max_value=max_questions))
    ids = [f"q{i}" for i in range(count)]
    questions: dict[str, Question] = {}
    for i, qid in enumerate(ids):
        kind = draw(st.sampled_from(["rating", "rating", "choice", "multi"]))
        options: tuple[Option, ...] = ()
        if kind != "rating":
            option_levels = draw(st.lists(levels, min_size=2, max_size=4))
            options = tuple(
                Option(f"o{j}", f"Option {j}", lvl) for j, lvl in enumerate(option_levels)
            )
        # Prerequisites only on earlier questions, so the graph has no cycle, and only at a
        # level the prerequisite can reach (both as validated).
        requires: dict[str, int] = {}
        for pid in draw(st.lists(st.sampled_from(ids[:i]), max_size=2, unique=True)) if i else []:
            top = questions[pid].reachable_levels()[-1]
            if top > 0:
                requires[pid] = draw(st.integers(1, top))
        effort = draw(st.dictionaries(st.integers(1, 4), st.floats(0.5, 200), max_size=4))
        questions[qid] = Question(
            id=qid,
            prompt=f"Question {qid}?",
            section_id="s0" if i % 2 == 0 else "s1",
            kind=kind,
            options=options,
            effort_hours=effort,
            requires=requires,
            experience=draw(st.integers(0, 5)) == 0,
        )
    role_count = draw(st.integers(min_value=1, max_value=3))
    roles = []
    for r in range(role_count):
        chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=count, unique=True))
        # Sometimes the first two or three chosen questions form an any-of group.
        grouped = draw(st.integers(0, 3)) if len(chosen) >= 3 else 0
        members = tuple(chosen[:grouped]) if grouped >= 2 else ()
        requirements = tuple(
            Requirement(
                qid,
                draw(st.integers(1, 4)),
                draw(st.floats(0.1, 10)),
                draw(st.booleans()),
            )
            for qid in chosen[len(members) :]
        )
        if members:
            group = Requirement(
                f"g{r}",
                draw(st.integers(1, 4)),
                draw(st.floats(0.1, 10)),
                draw(st.booleans()),
                any_of=members,
            )
            requirements = (group, *requirements)
        ready_at = draw(st.sampled_from([50.0, 75.0, 100.0]))
        roles.append(Role(f"r{r}", f"Role {r}", requirements=requirements, ready_at=ready_at))
    sections = (
        Section("s0", "Even", question_ids=tuple(ids[0::2])),
        Section("s1", "Odd", question_ids=tuple(ids[1::2])),
    )
    return Bank("Generated", "1", ("0", "1", "2", "3", "4"), sections, questions, tuple(roles))


def level_maps(bank: Bank) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries({qid: levels for qid in bank.questions})


def answers_for(levels_by_id: dict[str, int]) -> Answers:
    return Answers({qid: Answer(qid, lvl, lvl) for qid, lvl in levels_by_id.items()})
