"""`keywords` in the bank format: the tools, synonyms and acronyms a job ad would use for a
question, read case-insensitively, each once per question, within the limits of limits.py."""

from __future__ import annotations

import pytest

from skillgap.formats import limits
from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.fields import Problem
from tests.conftest import BankWriter


def _with_keywords(writer: BankWriter, value: str) -> None:
    writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace(
            "    effort_hours: 10\n", f"    effort_hours: 10\n    keywords: {value}\n"
        ),
    )


def _only(writer: BankWriter) -> Problem:
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    (problem,) = info.value.problems
    return problem


def test_keywords_load_lower_case_with_single_spaces(bank_writer: BankWriter) -> None:
    _with_keywords(bank_writer, "[Linux, RHEL, '  Red   Hat ', systemd]")
    bank = load_bank(bank_writer.root)
    assert bank.questions["linux"].keywords == ("linux", "rhel", "red hat", "systemd")
    assert bank.questions["docker"].keywords == ()


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ("linux", "questions[0].keywords", "must be a list"),
        ("[linux, LINUX]", "questions[0].keywords[1]", "duplicate keyword 'linux'"),
        ("[linux, 'red hat', 'Red  Hat']", "questions[0].keywords[2]", "duplicate keyword"),
        ("[linux, 3]", "questions[0].keywords[1]", "must be text"),
        ("[linux, '']", "questions[0].keywords[1]", "must not be empty"),
        ("[linux, '--']", "questions[0].keywords[1]", "a letter or a digit"),
        (f"[{'x' * (limits.MAX_KEYWORD + 1)}]", "questions[0].keywords[0]", "the limit is 60"),
        (
            "[" + ", ".join(f"k{i}" for i in range(limits.MAX_KEYWORDS + 1)) + "]",
            "questions[0].keywords",
            "the limit is 100",
        ),
    ],
)
def test_bad_keywords_are_refused_at_their_line(
    bank_writer: BankWriter, value: str, field: str, message: str
) -> None:
    _with_keywords(bank_writer, value)
    problem = _only(bank_writer)
    assert problem.line == 9 and problem.field == field, problem.format()
    assert message in problem.message
    assert problem.format().startswith(f"{problem.file}:9:")


def test_a_keyword_at_the_limits_is_accepted(bank_writer: BankWriter) -> None:
    words = ", ".join(f"k{i}" for i in range(limits.MAX_KEYWORDS - 1))
    _with_keywords(bank_writer, f"[{words}, {'x' * limits.MAX_KEYWORD}]")
    keywords = load_bank(bank_writer.root).questions["linux"].keywords
    assert len(keywords) == limits.MAX_KEYWORDS and len(keywords[-1]) == limits.MAX_KEYWORD
