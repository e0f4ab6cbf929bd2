"""Comparing two reports: per role, per section, answers, steps done; old banks included."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from skillgap.core.comparison import diff_reports
from skillgap.core.model import Answer, Answers, Bank
from skillgap.core.report import Report
from skillgap.export.json_docs import diff_json
from skillgap.export.text import render_diff_text
from tests.test_store import T0, scored


def report(bank: Bank, report_id: int, values: dict[str, object], **notes: str) -> Report:
    answers, result = scored(bank, values, notes)
    return Report(
        report_id,
        T0 + timedelta(days=report_id),
        result.bank_name,
        result.bank_version,
        answers,
        result,
    )


OLD = {"linux": 1, "docker": 1, "cissp": "none"}
NEW = {"linux": 3, "docker": 1, "cissp": "studying", "scanning": 2}


def test_roles_sections_answers_and_steps(mini_bank: Bank) -> None:
    old, new = report(mini_bank, 1, OLD), report(mini_bank, 2, NEW, linux="runs prod")
    d = diff_reports(old, new, mini_bank)
    ops = next(c for c in d.roles if c.role_id == "ops")
    assert ops.old == old.result.roles[0].score and ops.new == new.result.roles[0].score
    assert ops.delta is not None and ops.delta > 0
    sec = next(c for c in d.sections if c.role_id == "secops" and c.section_id == "sec")
    assert sec.old is not None and sec.new is not None and sec.new > sec.old
    # ops asks nothing in "sec": no row for it
    assert not any(c.role_id == "ops" and c.section_id == "sec" for c in d.sections)
    changed = {a.question_id: a for a in d.answers}
    assert set(changed) == {"linux", "cissp", "scanning"}
    assert changed["linux"].old_text == "1 Aware" and changed["linux"].new_text == "3 Independent"
    assert changed["linux"].level_delta == 2
    assert changed["scanning"].old is None and changed["scanning"].old_text == "not answered"
    assert changed["cissp"].new_text == "Studying (level 2)"
    done = {s.question_id for s in d.steps_done}
    assert "linux" in done and "docker" not in done
    assert d.same_bank


def test_a_note_change_alone_is_a_change(mini_bank: Bank) -> None:
    d = diff_reports(report(mini_bank, 1, OLD), report(mini_bank, 2, OLD, linux="new evidence"))
    assert [a.question_id for a in d.answers] == ["linux"]
    assert "note: new evidence" in render_diff_text(d)


def test_identical_reports_have_no_changes(mini_bank: Bank) -> None:
    d = diff_reports(report(mini_bank, 1, OLD), report(mini_bank, 2, OLD), mini_bank)
    assert d.answers == () and d.steps_done == ()
    assert all(c.delta == 0 for c in d.roles)
    text = render_diff_text(d)
    assert "By section: no change" in text and "Answers changed: none" in text


def test_an_old_bank_version_still_diffs(mini_bank: Bank) -> None:
    """The old report asked a question the current bank dropped, and had a role it removed."""
    old = report(mini_bank, 1, OLD)
    gone = Answer("terraform", 2, 2)
    old_roles = (*old.result.roles, dataclasses.replace(old.result.roles[0], role_id="sre"))
    old = dataclasses.replace(
        old,
        bank_version="0.0",
        answers=Answers({**old.answers.by_question, "terraform": gone}),
        result=dataclasses.replace(old.result, bank_version="0.0", roles=old_roles),
    )
    new = report(mini_bank, 2, NEW)
    d = diff_reports(old, new, mini_bank)
    terraform = next(a for a in d.answers if a.question_id == "terraform")
    assert terraform.gone and terraform.new is None and terraform.old_text == "2 Practised"
    sre = next(c for c in d.roles if c.role_id == "sre")
    assert sre.new is None and sre.delta is None
    text = render_diff_text(d)
    assert "Bank: Mini bank 0.0 -> Mini bank 0.1" in text
    assert "terraform" in text and "(no longer in the bank)" in text
    assert "removed" in text
    doc = diff_json(d)
    assert {"id": "terraform"}.items() <= next(
        a for a in doc["answers"] if a["id"] == "terraform"
    ).items()
    assert next(a for a in doc["answers"] if a["id"] == "terraform")["in_bank"] is False


def test_reports_of_different_banks_say_so(mini_bank: Bank) -> None:
    old = report(mini_bank, 1, OLD)
    other = dataclasses.replace(
        old, bank_name="Other", result=dataclasses.replace(old.result, bank_name="Other")
    )
    d = diff_reports(other, report(mini_bank, 2, NEW), mini_bank)
    assert not d.same_bank
    assert "not comparable" in render_diff_text(d)


def test_json_shape(mini_bank: Bank) -> None:
    doc = diff_json(diff_reports(report(mini_bank, 1, OLD), report(mini_bank, 2, NEW), mini_bank))
    assert list(doc) == ["old", "new", "roles", "sections", "answers", "steps_done", "plan"]
    assert doc["old"]["id"] == 1 and doc["new"]["created_at"].endswith("+00:00")
    role = doc["roles"][0]
    assert set(role) == {"id", "name", "old", "new", "change"}
    assert (
        role["change"] == round(role["new"] - role["old"], 1)
        or abs(role["change"] - (role["new"] - role["old"])) < 0.11
    )


def test_text_is_terminal_safe(mini_bank: Bank) -> None:
    d = diff_reports(
        report(mini_bank, 1, OLD), report(mini_bank, 2, OLD, linux="\x1b[2Jgotcha\u202e")
    )
    text = render_diff_text(d)
    assert "\x1b" not in text and "\u202e" not in text
