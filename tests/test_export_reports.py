"""Rendering saved reports: terminal text, Markdown, self-contained HTML, JSON."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest

from skillgap.cli.report import FORMATS as CLI_FORMATS
from skillgap.core.model import Answer, Answers, Bank, Resource
from skillgap.core.report import Report
from skillgap.escape import md
from skillgap.export.html import render_report_html
from skillgap.export.json_docs import result_json
from skillgap.export.markdown import render_report_markdown
from skillgap.export.report import render_report
from skillgap.export.text import render_report_text
from skillgap.export.words import FORMATS, answer_rows, format_for_path
from skillgap.formats.report_json import REPORT_SCHEMA_VERSION
from tests.test_store import GROWN, T0, scored

EVIL = """<script>alert("x")</script> it's "quoted" & <b>bold</b> | pipe \x1b[31mred"""


def make_report(bank: Bank, notes: dict[str, str] | None = None, **values: object) -> Report:
    answers, result = scored(bank, {**GROWN, **values}, notes)
    return Report(7, T0, result.bank_name, result.bank_version, answers, result)


def with_gone_question(report: Report) -> Report:
    """The report as if made with an older bank that still asked `terraform`."""
    gone = Answer("terraform", 3, 3, "wrote modules")
    answers = Answers({**report.answers.by_question, "terraform": gone})
    return dataclasses.replace(report, answers=answers)


def test_result_json_keeps_its_public_shape(mini_bank: Bank) -> None:
    doc = result_json(make_report(mini_bank).result)
    assert list(doc) == [
        "roles", "next_steps", "bank", "unanswered", "skipped", "claims", "not_asked",
        "mode", "target_role", "not_assessed", "carried",
    ]  # fmt: skip
    assert list(doc["roles"][0]) == [
        "id", "name", "score", "ready", "sections", "missing_essentials", "gaps", "checked",
        "backing", "essentials", "coverage", "not_assessed",
    ]  # fmt: skip
    assert doc["bank"] == {"name": "Mini bank", "version": "0.1"}
    assert doc["mode"] == "full" and doc["target_role"] is None and doc["carried"] == {}
    assert doc["roles"][0]["essentials"] == {"met": 1, "total": 1}
    assert doc["roles"][0]["coverage"] == 1.0


def test_format_from_extension_and_formats_agree() -> None:
    assert format_for_path("r.md") == "md"
    assert format_for_path("R.HTML") == "html"
    assert format_for_path("dir.x/r.json") == "json"
    assert format_for_path("r.txt") == "text"
    assert format_for_path("r.pdf") is None
    assert format_for_path("report") is None
    assert CLI_FORMATS == FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(mini_bank: Bank, fmt: str) -> None:
    text = render_report(make_report(mini_bank), mini_bank, fmt)
    assert "Ops engineer" in text and "SecOps engineer" in text
    with pytest.raises(ValueError):
        render_report(make_report(mini_bank), mini_bank, "pdf")


def test_text_shows_scores_steps_and_answers(mini_bank: Bank) -> None:
    text = render_report_text(make_report(mini_bank, {"linux": "ran prod"}), mini_bank)
    assert text.startswith("Report 7, 2024-05-01 09:30 UTC\n")
    assert "Learn next" in text and "Your answers" in text
    assert "3 Independent" in text  # linux, with the scale label
    assert "Studying (level 2)" in text  # cissp, a choice
    assert "Software engineering (level 3)" in text  # background, a multi
    assert "note: ran prod" in text


def test_text_has_no_escape_sequences(mini_bank: Bank) -> None:
    text = render_report_text(make_report(mini_bank, {"linux": EVIL}), mini_bank)
    assert "\x1b" not in text
    assert "\\u001b[31mred" in text


def test_html_renders_hostile_notes_as_text(mini_bank: Bank) -> None:
    page = render_report_html(make_report(mini_bank, {"linux": EVIL}), mini_bank)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "it&#x27;s" in page and "&amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "\x1b" not in page and "\\u001b[31mred" in page
    visible = _visible_text(page)
    assert '<script>alert("x")</script> it\'s "quoted"' in visible


def test_html_escapes_every_value_from_the_report(mini_bank: Bank) -> None:
    report = make_report(mini_bank)
    role = dataclasses.replace(report.result.roles[0], name='<img src=x onerror="a()">')
    step = dataclasses.replace(
        report.result.next_steps[0],
        title="<iframe>",
        resources=(
            Resource("bad link", "javascript:alert(1)"),
            Resource("quote link", 'https://x.test/"onmouseover="a()'),
            Resource("good link", "https://example.org/a?b=1&c=2"),
        ),
    )
    result = dataclasses.replace(
        report.result,
        bank_name="<Bank>",
        roles=(role, *report.result.roles[1:]),
        next_steps=(step, *report.result.next_steps[1:]),
    )
    page = render_report_html(dataclasses.replace(report, result=result), None)
    for tag in ("<img", "<iframe", "<bank>", "javascript:"):
        assert tag not in page.lower().replace("&lt;", "").replace("(javascript:", ""), tag
    assert 'href="javascript' not in page
    assert "onmouseover" not in _attributes(page)
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page


def test_html_is_self_contained_and_prints(mini_bank: Bank) -> None:
    page = render_report_html(make_report(mini_bank), mini_bank)
    assert page.startswith("<!DOCTYPE html>")
    assert "@media print" in page
    assert "Content-Security-Policy" in page
    assert not re.search(r"<(script|link|img|iframe|object)\b", page, re.I)
    assert "src=" not in page
    parser = _Checker()
    parser.feed(page)
    assert parser.stack == [], "unbalanced tags"


def test_markdown_escapes_tables_and_markup(mini_bank: Bank) -> None:
    text = render_report_markdown(make_report(mini_bank, {"linux": EVIL}), mini_bank)
    row = next(line for line in text.splitlines() if line.startswith("| Linux"))
    assert row.count(" | ") == 2  # three cells: the note's pipe is escaped
    assert "\\|" in row and "\\<script\\>" in row and "\x1b" not in row
    assert md("a*b_c`d[e](f)") == "a\\*b\\_c\\`d\\[e\\](f)"
    assert md("two\nlines") == "two lines"
    beginner = render_report_markdown(make_report(mini_bank, linux=1), mini_bank)
    assert "[Linux docs](https://www.kernel.org/doc/html/latest/)" in beginner


def test_questions_no_longer_in_the_bank_are_shown_as_such(mini_bank: Bank) -> None:
    report = with_gone_question(make_report(mini_bank))
    rows = answer_rows(report, mini_bank)
    assert rows[-1].question_id == "terraform" and rows[-1].gone
    assert [r.question_id for r in rows[:-1]] == ["linux", "docker", "kubernetes", "cissp",
                                                   "background"]  # fmt: skip
    for fmt in ("text", "md", "html"):
        out = render_report(report, mini_bank, fmt)
        assert "terraform" in out and "no longer in the bank" in out, fmt
        assert "wrote modules" in out


def test_a_different_bank_does_not_mislabel_the_report(mini_bank: Bank) -> None:
    report = with_gone_question(make_report(mini_bank))
    other = dataclasses.replace(mini_bank, name="Another bank")
    text = render_report_text(report, other)
    assert "no longer in the bank" not in text
    assert "terraform" in text and "linux" in text  # ids, with no titles to give


def test_json_format_is_the_import_document(mini_bank: Bank) -> None:
    doc = json.loads(render_report(make_report(mini_bank), mini_bank, "json"))
    assert doc["schema_version"] == REPORT_SCHEMA_VERSION and doc["kind"] == "skillgap-report"
    assert doc["id"] == 7 and doc["created_at"] == "2024-05-01T09:30:00.123456+00:00"
    assert doc["answers"]["background"] == {"value": ["dev"], "level": 3}


# -- helpers ----------------------------------------------------------------------------------


class _Checker(HTMLParser):
    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [name for name, _ in attrs]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _visible_text(page: str) -> str:
    parser = _Checker()
    parser.feed(page)
    return "".join(parser.text)


def _attributes(page: str) -> list[str]:
    parser = _Checker()
    parser.feed(page)
    return parser.attrs


def _aimed_at_hostile_role(bank: Bank) -> Report:
    report = make_report(bank)
    role = dataclasses.replace(report.result.roles[0], name='<img src=x onerror="a()"> | *x*')
    step = dataclasses.replace(report.result.next_steps[0], essential=True)
    result = dataclasses.replace(
        report.result,
        roles=(role, *report.result.roles[1:]),
        next_steps=(step, *report.result.next_steps[1:]),
        target_role=role.role_id,
    )
    return dataclasses.replace(report, result=result)


def test_the_role_an_essential_step_names_is_escaped(mini_bank: Bank) -> None:
    """Before: "essential for ROLE" went into the HTML and Markdown step lines unescaped."""
    report = _aimed_at_hostile_role(mini_bank)
    page = render_report_html(report, None)
    assert "<img" not in page and "essential for &lt;img" in page
    markdown = render_report_markdown(report, None)
    assert "essential for \\<img" in markdown and "\\| \\*x\\*" in markdown


def _with_addition(bank: Bank, qid: str) -> Bank:
    questions = dict(bank.questions)
    questions[qid] = dataclasses.replace(questions[qid], source="skillgap")
    for other in questions:
        if other != qid:
            questions[other] = dataclasses.replace(questions[other], source="article")
    return dataclasses.replace(bank, questions=questions)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_an_addition_beyond_the_article_is_marked_in_every_export(
    mini_bank: Bank, fmt: str
) -> None:
    report = make_report(mini_bank)
    answered = report.answers.by_question
    step = next(s for s in report.result.next_steps if s.question_id in answered)
    bank = _with_addition(mini_bank, step.question_id)
    page = render_report(report, bank, fmt)
    # on each of its Learn next steps and on its answer, and on nothing else
    steps = sum(s.question_id == step.question_id for s in report.result.next_steps)
    shown = (
        steps
        if fmt != "text"
        else sum(s.question_id == step.question_id for s in report.result.next_steps[:10])
    )
    assert page.count("added by skillgap") == shown + 1
    assert "from the article" not in page
    assert "added by skillgap" not in render_report(report, mini_bank, fmt)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_report_s_name_is_in_its_heading_escaped(mini_bank: Bank, fmt: str) -> None:
    """A team lead reading shared exports sees whose each is (issue 19)."""
    report = dataclasses.replace(make_report(mini_bank), name="Ada <b>L</b> | *x*")
    page = render_report(report, mini_bank, fmt)
    first = page.splitlines()[0] if fmt != "html" else page
    shown = {
        "text": "Ada <b>L</b> | *x*",
        "md": "Ada \\<b\\>L\\</b\\> \\| \\*x\\*",
        "html": "Ada &lt;b&gt;L",
    }
    assert shown[fmt] in first
    assert "Ada" not in render_report(make_report(mini_bank), mini_bank, fmt)
