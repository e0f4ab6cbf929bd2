"""Knowledge checks: which one is asked, when, how the outcome is kept, and how much of each
role's fit passed checks back, in results, reports and every export format."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.cli.main import main
from skillgap.core.answering import make_answer
from skillgap.core.checks import (
    answer_lines,
    asked_before,
    assessment_seed,
    backing,
    choose_check,
    claim_status,
    claim_statuses,
    needs_check,
    outcome,
    shuffled_options,
    with_outcome,
)
from skillgap.core.model import Answer, Answers, Bank, Check, CheckOutcome, Option, Question
from skillgap.core.report import Report
from skillgap.core.scoring import score
from skillgap.export.json_docs import result_json
from skillgap.export.report import render_report
from skillgap.export.text import render_text
from skillgap.formats.bank import load_bank
from skillgap.formats.report_json import answers_from_json, answers_to_json, report_from_json
from skillgap.paths import bundled_bank_dir
from skillgap.store import Store
from tests.conftest import DATA
from tests.strategies import banks, level_maps

CHECKS_BANK = DATA / "banks" / "checks"
T0 = datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(CHECKS_BANK)


def answered(bank: Bank, passed: dict[str, bool | None], **values: Any) -> Answers:
    """Answers with values; for each id in `passed`, its first check asked and passed or
    missed (None: asked, "I don't know")."""
    found = {}
    for qid, value in values.items():
        answer = make_answer(bank.questions[qid], value)
        if qid in passed:
            check = bank.questions[qid].checks[0]
            result = passed[qid]
            chosen = "" if result is None else check.answer if result else check.options[-1]
            if chosen == check.answer and not result:
                chosen = check.options[0]
            answer = with_outcome(answer, outcome(bank.questions[qid], 0, chosen))
        found[qid] = answer
    return Answers(found)


# -- asking -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "asked"), [(0, False), (1, False), (2, False), (3, True), (4, True)]
)
def test_a_check_is_asked_only_after_a_claim_of_3_or_more(
    bank: Bank, level: int, asked: bool
) -> None:
    linux = bank.questions["linux"]
    assert needs_check(linux, make_answer(linux, level)) is asked
    assert needs_check(linux, make_answer(linux, level), enabled=False) is False


def test_no_check_for_a_question_without_checks_or_once_asked(bank: Bank) -> None:
    scanning = bank.questions["scanning"]
    assert not needs_check(scanning, make_answer(scanning, 4))
    linux = bank.questions["linux"]
    done = with_outcome(make_answer(linux, 4), outcome(linux, 0, "SIGTERM"))
    assert not needs_check(linux, done)
    assert not needs_check(linux, None)


def test_a_choice_question_worth_3_or_more_is_a_claim() -> None:
    question = Question(
        "cert",
        "Held?",
        "s",
        kind="choice",
        options=(
            Option("held", "Held", 4),
            Option("no", "No", 0),
        ),
        checks=(Check("Q?", ("a", "b"), "a", "because", "src"),),
    )
    assert needs_check(question, make_answer(question, "held"))
    assert not needs_check(question, make_answer(question, "no"))


def test_the_same_assessment_asks_the_same_check_and_others_vary(bank: Bank) -> None:
    linux = bank.questions["linux"]
    seed = assessment_seed(T0)
    assert choose_check(linux, seed) == choose_check(linux, assessment_seed(T0))
    chosen = {choose_check(linux, assessment_seed(T0 + timedelta(minutes=m))) for m in range(40)}
    assert len({c[0] for c in chosen if c}) == 2  # both checks come up across assessments
    assert choose_check(bank.questions["scanning"], seed) is None


def test_a_check_asked_last_time_is_avoided_while_there_is_another(bank: Bank) -> None:
    linux = bank.questions["linux"]
    for minute in range(20):
        seed = assessment_seed(T0 + timedelta(minutes=minute))
        chosen = choose_check(linux, seed, asked_before={linux.checks[0].prompt})
        assert chosen is not None and chosen[0] == 1
    previous = answered(bank, {"linux": True}, linux=4)
    assert asked_before(previous, "linux") == (linux.checks[0].prompt,)
    assert asked_before(previous, "docker") == asked_before(None, "linux") == ()
    docker = bank.questions["docker"]  # only one check: asked again
    again = choose_check(docker, 1, asked_before={docker.checks[0].prompt})
    assert again is not None and again[0] == 0


# -- the order of the options -----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    options=st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=8, unique=True),
    prompt=st.text(max_size=40),
    seed=st.integers(min_value=0, max_value=2**64 - 1),
    line=st.none() | st.integers(min_value=0, max_value=7),
    data=st.data(),
)
def test_shuffling_is_a_permutation_and_the_same_for_a_seed(
    options: list[str], prompt: str, seed: int, line: int | None, data: st.DataObject
) -> None:
    answer = data.draw(st.sampled_from(options))
    check = Check(prompt, tuple(options), answer, "why", "source")
    order = shuffled_options(check, seed, line)
    assert isinstance(order, tuple) and sorted(order) == sorted(options)
    assert shuffled_options(check, seed, line) == order  # a re-render, a resume
    assert shuffled_options(dataclasses.replace(check), seed, line) == order  # an equal check
    if line is not None and line < len(options):
        assert order.index(answer) == line


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=2, max_value=6), max_size=60),
    seed=st.integers(min_value=0, max_value=2**64 - 1),
)
def test_answer_lines_spread_each_size_evenly_and_are_the_same_for_a_seed(
    sizes: list[int], seed: int
) -> None:
    asked = [Check(f"Q{i}?", tuple("abcdef"[:n]), "a", "", "") for i, n in enumerate(sizes)]
    lines = answer_lines(asked, seed)
    assert lines == answer_lines(asked, seed) and len(lines) == len(asked)
    assert all(0 <= line < n for line, n in zip(lines, sizes, strict=True))
    for n in set(sizes):
        on_size = [line for line, size in zip(lines, sizes, strict=True) if size == n]
        for line in range(n):  # any one line: ceil(k / n) at most
            assert on_size.count(line) <= -(-len(on_size) // n)


def test_each_check_gets_its_own_order_and_new_assessments_new_ones() -> None:
    first = Check("First?", ("a", "b", "c", "d"), "a", "why", "source")
    second = dataclasses.replace(first, prompt="Second?")
    seeds = [assessment_seed(T0 + timedelta(minutes=m)) for m in range(64)]
    orders = [shuffled_options(first, seed) for seed in seeds]
    assert len(set(orders)) > 12  # of the 24
    assert {order.index("a") for order in orders} == {0, 1, 2, 3}  # the answer goes anywhere
    assert any(
        shuffled_options(second, seed) != order for seed, order in zip(seeds, orders, strict=True)
    )
    dealt = {answer_lines([first, second], seed) for seed in seeds}
    assert len(dealt) > 4  # the lines dealt change with the seed too


@pytest.fixture(scope="module")
def bundled() -> Bank:
    return load_bank(bundled_bank_dir())


def _blind(shown: list[tuple[Check, tuple[str, ...]]], line: int = 0) -> int:
    """How many checks a person passes pressing Enter on `line` every time (0: the first)."""
    return sum(order[line] == check.answer for check, order in shown)


def test_a_blind_enter_passes_at_most_a_quarter_of_the_bundled_checks(bundled: Bank) -> None:
    every = [check for q in bundled.questions.values() for check in q.checks]
    assert len(every) >= 18 and all(len(c.options) == 4 for c in every)
    most = -(-len(every) // 4)  # ceil: 31 of 121
    for minute in range(100):
        seed = assessment_seed(T0 + timedelta(minutes=minute))
        lines = answer_lines(every, seed)
        shown = [(c, shuffled_options(c, seed, n)) for c, n in zip(every, lines, strict=True)]
        for line in range(4):  # Enter on the first line, or ↓ Enter, ...: none does better
            assert _blind(shown, line) <= most


def test_a_blind_enter_through_one_assessment_passes_at_most_a_quarter(bundled: Bank) -> None:
    """What one quiz asks a person who claims 3+ everywhere: one check per question, in the
    order they come, each in the order the dialog shows it."""
    from skillgap.core.quiz import QuizState

    for minute in range(100):
        state = QuizState(bundled, "full", started_at=T0 + timedelta(minutes=minute))
        shown = []
        for question in state.questions:
            state.jump(state.questions.index(question))
            state.answer(4 if question.kind == "rating" else None)
            pending = state.check_for(question)
            if question.kind == "rating" and question.checks:
                assert pending is not None
            if pending is not None:
                shown.append((pending[1], state.check_options(question, pending[1])))
        assert len(shown) >= 18
        assert _blind(shown) <= -(-len(shown) // 4)  # 11 of 41 at most; 18 of 41 was possible


def test_the_seed_is_the_moment_whatever_its_zone_and_survives_the_store(
    bank: Bank, tmp_path: Path
) -> None:
    from skillgap.core.quiz import QuizState

    elsewhere = T0.astimezone(timezone(timedelta(hours=2)))
    assert assessment_seed(elsewhere) == assessment_seed(T0)
    assert assessment_seed(T0.replace(tzinfo=None)) == assessment_seed(T0)  # naive: UTC
    linux = bank.questions["linux"]
    for started in (elsewhere, T0 + timedelta(microseconds=7), T0):
        state = QuizState(bank, "full", started_at=started)
        state.answer(3)
        asked = state.check_for(linux)
        assert asked is not None
        with Store.open(tmp_path) as store:
            store.save_session(state.to_session())
            session = store.load_session()
        assert session is not None
        resumed = QuizState.from_session(bank, session)
        assert resumed.check_for(linux) == asked
        assert resumed.check_options(linux, asked[1]) == state.check_options(linux, asked[1])


def test_an_outcome_keeps_the_checks_text_and_refuses_other_options(bank: Bank) -> None:
    linux = bank.questions["linux"]
    got = outcome(linux, 1, "/proc/mounts")
    assert not got.passed and got.answer == "/etc/fstab" and "boot" in got.explain
    assert got.source.startswith("https://") and got.prompt == linux.checks[1].prompt
    assert outcome(linux, 1, "/etc/fstab").passed
    assert not outcome(linux, 1, "").passed  # "I don't know"
    with pytest.raises(ValueError, match="not an option"):
        outcome(linux, 1, "/etc/passwd")


def test_make_answer_keeps_a_check_when_the_level_changes(bank: Bank) -> None:
    linux = bank.questions["linux"]
    check = outcome(linux, 0, "SIGTERM")
    raised = make_answer(linux, 4, "", check)
    assert raised.check == check and claim_status(raised) == "checked"


# -- claim statuses and backing ---------------------------------------------------------------


def test_claim_statuses(bank: Bank) -> None:
    answers = answered(
        bank, {"linux": True, "docker": False}, linux=3, docker=4, scanning=3, kubernetes=2
    )
    assert claim_statuses(answers) == {
        "linux": "checked",
        "docker": "missed",
        "scanning": "unchecked",
    }


def test_a_claim_lowered_below_3_no_longer_counts_its_check(bank: Bank) -> None:
    answers = answered(bank, {"linux": True}, linux=3)
    lowered = dataclasses.replace(answers.by_question["linux"], value=2, level=2)
    assert claim_status(lowered) is None
    result = score(bank, Answers({"linux": lowered}))
    assert result.claims == {}
    role = result.role("ops")
    assert role is not None and role.backing is not None and role.backing.checked == 0


def test_checked_points_are_the_part_of_the_fit_passed_checks_back(bank: Bank) -> None:
    answers = answered(bank, {"linux": True, "docker": False}, linux=3, docker=3, kubernetes=1)
    ops = score(bank, answers).role("ops")
    assert ops is not None and ops.backing is not None
    # ops: linux 3/3 weight 2, docker 3/3 weight 2, kubernetes 1/2 weight 1, of 5.
    assert ops.score == pytest.approx(90)
    assert ops.backing.checked == pytest.approx(40)
    assert ops.backing.missed == pytest.approx(40)
    assert ops.backing.below_3 == pytest.approx(10)
    assert ops.backing.unchecked == 0


def _with_checks(bank: Bank) -> Bank:
    check = Check("Q?", ("right", "wrong"), "right", "why", "source")
    return dataclasses.replace(
        bank,
        questions={
            qid: dataclasses.replace(q, checks=(check,)) for qid, q in bank.questions.items()
        },
    )


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_checked_never_exceeds_the_fit_and_the_parts_add_up(data: st.DataObject) -> None:
    bank = _with_checks(data.draw(banks()))
    levels = data.draw(level_maps(bank))
    found = {}
    for qid, level in levels.items():
        chosen = data.draw(st.sampled_from(["right", "wrong", None]))
        check = None if chosen is None else CheckOutcome(0, "Q?", chosen, "right")
        found[qid] = Answer(qid, level, level, "", check)
    answers = Answers(found)
    result = score(bank, answers)
    for role in result.roles:
        b = role.backing
        assert b is not None
        assert 0 <= b.checked <= role.score
        assert b.total == pytest.approx(role.score, abs=1e-6)
        everything_passed = all(
            a.level < 3 or (a.check is not None and a.check.passed) for a in found.values()
        )
        if everything_passed:
            assert b.missed == b.unchecked == 0
    # The score itself stays self-rated: checks change nothing in it.
    plain = score(bank, Answers({q: dataclasses.replace(a, check=None) for q, a in found.items()}))
    assert [r.score for r in plain.roles] == [r.score for r in result.roles]


def test_backing_of_a_role_with_no_weight_is_empty(bank: Bank) -> None:
    role = dataclasses.replace(bank.roles[0], requirements=())
    assert backing(role, Answers(), {}).total == 0


# -- kept in reports, shown and exported ------------------------------------------------------


def test_outcomes_survive_the_store_and_the_report_document(bank: Bank, tmp_path: Path) -> None:
    answers = answered(bank, {"linux": True, "docker": None}, linux=4, docker=3, scanning=3)
    assert answers_from_json(json.loads(json.dumps(answers_to_json(answers)))) == answers
    result = score(bank, answers)
    with Store.open(tmp_path) as store:
        report = store.get_report(store.save_report(answers, result, T0))
    assert report.answers == answers and report.result == result
    doc = json.loads(render_report(report, bank, "json"))
    assert doc["answers"]["docker"]["check"]["passed"] is False
    assert doc["answers"]["docker"]["check"]["chosen"] == ""
    assert doc["result"]["claims"] == {
        "linux": "checked",
        "docker": "missed",
        "scanning": "unchecked",
    }
    read = report_from_json(doc)
    assert read.answers == answers and read.result == result


def test_a_document_whose_passed_flag_lies_is_refused(bank: Bank) -> None:
    answers = answered(bank, {"linux": False}, linux=4)
    data = answers_to_json(answers)
    data["linux"]["check"]["passed"] = True
    with pytest.raises(ValueError, match="passed"):
        answers_from_json(data)


def test_a_version_1_document_still_reads(bank: Bank) -> None:
    answers = answered(bank, {}, linux=4)
    report = Report(3, T0, bank.name, bank.version, answers, score(bank, answers))
    doc = json.loads(render_report(report, bank, "json"))
    doc["schema_version"] = 1
    for role in doc["result"]["roles"]:
        del role["backing"]
    del doc["result"]["claims"], doc["result"]["not_asked"]
    read = report_from_json(doc)
    assert read.result.claims == {} and all(r.backing is None for r in read.result.roles)
    assert "checked:" not in render_report(
        dataclasses.replace(report, result=read.result), bank, "text"
    )


def _report(bank: Bank) -> Report:
    answers = answered(bank, {"linux": True, "docker": False}, linux=3, docker=3, kubernetes=1)
    return Report(5, T0, bank.name, bank.version, answers, score(bank, answers))


def test_text_shows_checked_points_per_role_and_each_claim(bank: Bank) -> None:
    text = render_report(_report(bank), bank, "text")
    assert "checked: 40 of 90 points" in text
    assert "[checked]" in text and "[missed]" in text
    assert "check missed: Which instruction sets the user" in text
    assert "The answer is 'USER'" in text and "docs.docker.com" in text


def test_markdown_and_html_show_checked_and_missed(bank: Bank) -> None:
    report = _report(bank)
    markdown = render_report(report, bank, "md")
    assert "| Checked |" in markdown and "checked: 40 of 90 points" in markdown
    assert "| Check |" in markdown and "| missed |" in markdown
    assert "## Checks missed" in markdown and "USER sets the user" in markdown
    page = render_report(report, bank, "html")
    assert "<th>Checked</th>" in page and "checked: 40 of 90 points" in page
    assert '<td class="warn">missed</td>' in page and "<h2>Checks missed</h2>" in page


def test_no_checked_figures_when_no_check_was_asked(bank: Bank) -> None:
    answers = answered(bank, {}, linux=4)
    result = score(bank, answers)
    assert result.claims == {"linux": "unchecked"}
    assert "checked:" not in render_text(result, bank)
    doc = result_json(result)
    assert doc["claims"] == {"linux": "unchecked"} and doc["roles"][0]["checked"] == 0


def test_validate_rejects_a_check_whose_answer_is_not_an_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    broken = tmp_path / "bank"
    shutil.copytree(CHECKS_BANK, broken)
    section = broken / "sections" / "10-base.yaml"
    section.write_text(section.read_text().replace("answer: USER", "answer: CMD"))
    assert main(["validate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "10-base.yaml:" in err and "'CMD' is not one of the check's options" in err
