"""The timeline: steps week by week in advice order, projected fit that never falls and reaches
100 with enough hours; and the `skillgap plan` command."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import xml.dom.minidom
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from skillgap.cli.main import main
from skillgap.core.advice import PREREQUISITE_FROM
from skillgap.core.model import Bank, PlanEntry, Requirement
from skillgap.core.scoring import fit
from skillgap.core.timeline import schedule
from skillgap.core.wording import sparkline
from skillgap.export.html import render_timeline_svg
from skillgap.export.json_docs import timeline_json
from skillgap.export.markdown import render_timeline_markdown
from skillgap.export.text import render_timeline_text
from tests.conftest import MINI_BANK
from tests.strategies import banks, level_maps

FAST = settings(max_examples=40, deadline=None)


def reachable(bank: Bank) -> Bank:
    """The bank with every target one of its questions can reach, as validation ensures, and
    no experience question (those are never steps, so no plan reaches 100 through them)."""
    roles = []
    for role in bank.roles:
        reqs = []
        for req in role.requirements:
            top = max(bank.questions[q].reachable_levels()[-1] for q in req.question_ids)
            if top > 0:
                reqs.append(dataclasses.replace(req, target=min(req.target, top)))
        roles.append(dataclasses.replace(role, requirements=tuple(reqs)))
    questions = {qid: dataclasses.replace(q, experience=False) for qid, q in bank.questions.items()}
    return dataclasses.replace(bank, roles=tuple(roles), questions=questions)


@FAST
@given(st.data())
def test_projected_fit_never_falls_and_enough_hours_reach_100(data: st.DataObject) -> None:
    bank = reachable(data.draw(banks()))
    assume(all(role.requirements for role in bank.roles))
    levels = data.draw(level_maps(bank))
    everything = schedule(bank, levels, 1e9, 1)
    total = sum(w.hours for w in everything.weeks)
    assert everything.complete
    assert all(s == pytest.approx(100) for s in everything.end.values())

    hours = data.draw(st.floats(0.5, 80))
    weeks = data.draw(st.integers(1, 30))
    timeline = schedule(bank, levels, hours, weeks)
    for role in bank.roles:
        series = timeline.series(role.id)
        assert all(b >= a for a, b in itertools.pairwise(series))
    assert len(timeline.weeks) <= weeks
    for week in timeline.weeks[:-1]:
        assert week.hours == pytest.approx(hours)  # full weeks until the work runs out
    if timeline.complete:
        assert all(s == pytest.approx(100) for s in timeline.end.values())
        assert sum(w.hours for w in timeline.weeks) == pytest.approx(total)
    else:
        assert len(timeline.weeks) == weeks and timeline.next_step is not None

    enough = schedule(bank, levels, hours, int(total / hours) + 2)
    assert enough.complete and all(s == pytest.approx(100) for s in enough.end.values())


@FAST
@given(st.data())
def test_a_step_never_comes_before_its_prerequisite(data: st.DataObject) -> None:
    bank = reachable(data.draw(banks()))
    levels = data.draw(level_maps(bank))
    reached = dict(levels)
    timeline = schedule(bank, levels, data.draw(st.floats(1, 50)), 200)
    for week in timeline.weeks:
        for item in week.items:
            question = bank.questions[item.question_id]
            assert item.from_level == reached[item.question_id]
            if item.finished:
                if item.to_level >= PREREQUISITE_FROM:  # awareness (level 1) never waits
                    for pid, needed in question.requires.items():
                        assert reached[pid] >= needed or pid == item.question_id
                reached[item.question_id] = item.to_level


def test_a_long_step_carries_on_into_the_next_weeks(mini_bank: Bank) -> None:
    # First linux 0 -> 1 (10 hours, an essential of both roles): at 4 hours a week, weeks 1-3.
    timeline = schedule(mini_bank, {}, 4, 3)
    first = [(i.question_id, i.hours, i.finished) for w in timeline.weeks for i in w.items][:3]
    assert first == [("linux", 4, False), ("linux", 4, False), ("linux", 2, True)]
    assert timeline.weeks[0].items[0].step_hours == 10
    assert timeline.weeks[0].scores == timeline.start
    assert timeline.weeks[2].scores["ops"] > timeline.start["ops"]


def test_learning_then_planned_steps_go_first(mini_bank: Bank) -> None:
    plan = {
        "scanning": PlanEntry("scanning", "planned", 2),
        "cissp": PlanEntry("cissp", "learning", 2),
    }
    timeline = schedule(mini_bank, {}, 100, 1, plan)
    order = [i.question_id for i in timeline.weeks[0].items]
    assert order[0] == "cissp"
    assert order[1:3] == ["scanning", "scanning"]  # level 1 then 2, its target


def test_a_planned_step_brings_its_prerequisites_first(mini_bank: Bank) -> None:
    plan = {"kubernetes": PlanEntry("kubernetes", "planned", 2)}  # level 2 waits on docker
    items = schedule(mini_bank, {}, 500, 1, plan).weeks[0].items
    order = [(i.question_id, i.to_level) for i in items]
    # Awareness never waits; level 2 waits on docker 2, which waits on linux 2.
    assert order[0] == ("kubernetes", 1)
    assert order.index(("linux", 2)) < order.index(("docker", 2)) < order.index(("kubernetes", 2))
    assert order.index(("kubernetes", 2)) < [q for q, _ in order].index("scanning")


def test_not_relevant_steps_are_skipped_and_done_steps_count_from_the_start(
    mini_bank: Bank,
) -> None:
    plan = {
        "cissp": PlanEntry("cissp", "not_relevant"),
        "scanning": PlanEntry("scanning", "done", 3),
    }
    timeline = schedule(mini_bank, {"scanning": 1}, 1000, 5, plan)
    worked = {i.question_id for w in timeline.weeks for i in w.items}
    assert "cissp" not in worked and "scanning" not in worked
    assert timeline.done == ("scanning",)
    assert timeline.complete and timeline.end["ops"] == pytest.approx(100)
    assert timeline.end["secops"] < 100  # CISSP is a requirement, left out on purpose
    assert timeline.start["secops"] > schedule(mini_bank, {"scanning": 1}, 1, 1).start["secops"]


def test_nothing_to_learn_is_an_empty_complete_plan(mini_bank: Bank) -> None:
    top = {
        qid: max(r.target for role in mini_bank.roles for r in role.requirements)
        for qid in mini_bank.questions
    }
    timeline = schedule(mini_bank, top, 5, 10)
    assert timeline.weeks == () and timeline.complete and timeline.end == timeline.start
    assert "Nothing to learn" in render_timeline_text(timeline)


@pytest.mark.parametrize(("hours", "weeks"), [(0, 1), (-1, 1), (float("nan"), 1), (5, 0)])
def test_bad_arguments_are_refused(mini_bank: Bank, hours: float, weeks: int) -> None:
    with pytest.raises(ValueError):
        schedule(mini_bank, {}, hours, weeks)


# -- rendering --------------------------------------------------------------------------------


def test_sparkline() -> None:
    assert sparkline([0, 50, 100], 40) == "▁▅█"
    assert len(sparkline([float(i % 100) for i in range(500)], 40)) == 40
    assert sparkline([], 40) == ""


def _evil(bank: Bank) -> Bank:
    role = dataclasses.replace(bank.roles[0], name='<b>"Ops" & co</b> | x')
    return dataclasses.replace(bank, roles=(role, *bank.roles[1:]))


def test_markdown_table_and_svg_chart_are_escaped(mini_bank: Bank) -> None:
    timeline = schedule(_evil(mini_bank), {}, 20, 8)
    markdown = render_timeline_markdown(timeline)
    assert "| Week | \\<b\\>" in markdown and "| now |" in markdown
    assert markdown.count("\n| ") == len(timeline.weeks) + 3  # header, rule, now, weeks
    svg = render_timeline_svg(timeline)
    xml.dom.minidom.parseString(svg)  # well-formed
    assert "<script" not in svg and "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<polyline") == len(mini_bank.roles)


def test_the_html_report_carries_the_chart(mini_bank: Bank) -> None:
    from skillgap.export.report import render_report
    from tests.test_export_reports import make_report

    report = make_report(mini_bank)
    timeline = schedule(mini_bank, {}, 10, 4)
    page = render_report(report, mini_bank, "html", timeline)
    assert "<h2>Learning plan</h2>" in page and "<svg" in page and "<script" not in page
    markdown = render_report(report, mini_bank, "md", timeline)
    assert "## Learning plan" in markdown and "| Week |" in markdown
    assert "<svg" not in render_report(report, mini_bank, "html")


# -- skillgap plan ----------------------------------------------------------------------------


def sg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--questions", str(MINI_BANK), *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> list[int]:
    ids = []
    for text in ("answers:\n  linux: 1\n", "answers:\n  linux: 2\n  docker: 1\n"):
        path = tmp_path / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        code, _, err = sg(capsys, "score", str(path), "--save")
        assert code == 0
        ids.append(int(re.findall(r"report (\d+)", err)[0]))
    return ids


def test_plan_json_has_the_documented_shape(
    capsys: pytest.CaptureFixture[str], saved: list[int]
) -> None:
    code, out, _ = sg(capsys, "plan", "--hours", "6", "--weeks", "40", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["report"] == saved[-1] and doc["hours_per_week"] == 6
    week = doc["weeks"][0]
    assert week["week"] == 1 and set(week["scores"]) == {"ops", "secops"}
    assert {"id", "title", "hours"} <= set(week["steps"][0])
    assert week["steps"][0]["id"] == "linux"  # an essential of both roles, below its target
    assert doc["weeks"][-1]["scores"] == {"ops": 100.0, "secops": 100.0} and doc["complete"]
    first = json.loads(sg(capsys, "plan", str(saved[0]), "--hours", "6", "--json")[1])
    assert first["report"] == saved[0] and first["start"]["ops"] < doc["start"]["ops"]


def test_plan_text_has_a_week_table_and_a_sparkline_per_role(
    capsys: pytest.CaptureFixture[str], saved: list[int]
) -> None:
    code, out, _ = sg(capsys, "plan", "--hours", "5", "--weeks", "3")
    assert code == 0
    assert f"Learning plan from report {saved[-1]}" in out and "up to 3 week(s)" in out
    assert re.search(r"Week\s+Ops engineer\s+SecOps engineer\s+Steps", out)
    assert re.search(r"^\s+1\s+\d+%\s+\d+%\s+Linux 2->3 \(5 h, continues\)", out, re.M)
    assert re.search(r"^  Ops engineer\s+\d+% [▁▂▃▄▅▆▇█]{4} \d+%$", out, re.M)
    assert "Not finished within 3 week(s)" in out


def test_plan_uses_the_saved_hours_and_plan_statuses(
    capsys: pytest.CaptureFixture[str], saved: list[int], _isolated_data_dir: Path
) -> None:
    from skillgap.core.plan import HOURS_SETTING
    from skillgap.store import Store

    with Store.open(_isolated_data_dir) as store:
        store.set_setting(HOURS_SETTING, "12")
        store.set_plan("Mini bank", [PlanEntry("scanning", "learning", 1)])
    doc = json.loads(sg(capsys, "plan", "--json")[1])
    assert doc["hours_per_week"] == 12 and doc["weeks"][0]["steps"][0]["id"] == "scanning"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--hours", "0"], "number of hours"),
        (["--hours", "-3"], "number of hours"),
        (["--hours", "169"], "number of hours"),
        (["--hours", "x"], "number of hours"),
        (["--weeks", "0"], "number of weeks"),
        (["--weeks", "521"], "number of weeks"),
        (["99"], "there is no report 99"),
        (["abc"], "not a report id"),
    ],
)
def test_plan_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], saved: list[int], args: list[str], says: str
) -> None:
    code, out, err = sg(capsys, "plan", *args)
    assert code == 2 and says in err and out == ""


def test_plan_with_no_report_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = sg(capsys, "plan")
    assert code == 1 and "no saved reports yet" in err and out == ""
    assert "Traceback" not in err


def test_plan_of_another_banks_report(
    capsys: pytest.CaptureFixture[str], saved: list[int], tmp_path: Path
) -> None:
    from tests.test_checks import CHECKS_BANK

    code, _, err = sg(capsys, "--questions", str(CHECKS_BANK), "plan")
    assert code == 2 and "made with the bank 'Mini bank'" in err


def test_timeline_json_rounds_scores(mini_bank: Bank) -> None:
    doc = timeline_json(schedule(mini_bank, {}, 3, 2), 4)
    assert (
        all(v == round(v, 1) for w in doc["weeks"] for v in w["scores"].values())
        and doc["report"] == 4
    )


def test_requirement_strategy_helper_keeps_targets_reachable() -> None:
    bank = reachable(_tiny())
    assert all(
        r.target <= bank.questions[r.question_id].reachable_levels()[-1]
        for role in bank.roles
        for r in role.requirements
    )


def _tiny() -> Bank:
    from skillgap.core.model import Option, Question, Role, Section

    question = Question(
        "c", "C?", "s", kind="choice", options=(Option("a", "A", 2), Option("b", "B", 0))
    )
    role = Role("r", "R", requirements=(Requirement("c", 4, 1.0),))
    return Bank("T", "1", ("0", "1", "2", "3", "4"), (Section("s", "S", question_ids=("c",)),),
                {"c": question}, (role,))  # fmt: skip


@FAST
@given(st.data())
def test_the_timeline_takes_the_steps_of_learn_next_in_its_order(data: st.DataObject) -> None:
    """One ranking: the weeks take advice.next_steps' steps, plan steps first, in order."""
    from skillgap.core.advice import next_steps
    from skillgap.core.model import PLAN_STATUSES
    from skillgap.core.plan import skip_ids

    bank = data.draw(banks())
    levels = data.draw(level_maps(bank))
    plan = {
        qid: PlanEntry(qid, data.draw(st.sampled_from(PLAN_STATUSES)), data.draw(st.integers(1, 4)))
        for qid in data.draw(st.lists(st.sampled_from(sorted(bank.questions)), unique=True))
        if data.draw(st.booleans())
    }
    target = data.draw(st.sampled_from([None, *(r.id for r in bank.roles)]))
    start = dict(levels)
    for qid, entry in plan.items():
        if entry.status == "done" and entry.target is not None:
            start[qid] = max(start[qid], entry.target)
    timeline = schedule(bank, levels, 1e9, 1, plan, target_role=target)
    taken = [
        (i.question_id, i.from_level, i.to_level, i.step_hours)
        for w in timeline.weeks
        for i in w.items
    ]
    first = [
        {q: e.target for q, e in plan.items() if e.status == s} for s in ("learning", "planned")
    ]
    advice = next_steps(bank, start, skip_ids(plan), target_role=target, first=first)
    assert taken == [(s.question_id, s.from_level, s.to_level, s.hours) for s in advice]
    reached = dict(start)
    for qid, _, to_level, _ in taken:
        reached[qid] = to_level
    for role in bank.roles:
        assert timeline.end[role.id] == pytest.approx(fit(role, reached), abs=1e-9)
