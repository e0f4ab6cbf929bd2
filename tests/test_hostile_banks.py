"""Banks travel between people: a hostile one fails fast and clearly, or loads with its text
made harmless wherever it is shown."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from skillgap.cli.main import main
from skillgap.core.answering import make_answer
from skillgap.core.model import Answers
from skillgap.core.report import Report
from skillgap.core.scoring import score
from skillgap.export.report import render_report
from skillgap.export.text import render_text
from skillgap.formats.answers import template
from skillgap.formats.bank import BankError, load_bank
from tests.conftest import BankWriter

ESC = "\x1b"
HOSTILE = "Docker\x1b[2J\x1b]0;pwned\x07\u202eevil\u202c\x00\x9b31m"
#: The same text as a YAML double-quoted scalar.
HOSTILE_YAML = '"Docker\\e[2J\\e]0;pwned\\a\\u202eevil\\u202c\\0\\x9b31m"'


def problems(writer: BankWriter) -> list[str]:
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    return [p.format() for p in info.value.problems]


def test_a_100_mb_file_fails_fast(bank_writer: BankWriter) -> None:
    path = bank_writer.root / "sections" / "20-huge.yaml"
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    start = time.perf_counter()
    (message,) = problems(bank_writer)
    assert time.perf_counter() - start < 2
    assert "20-huge.yaml" in message and "104,857,600 bytes" in message


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting_fails_cleanly(bank_writer: BankWriter, opening: str) -> None:
    depth = 20_000
    block = "".join("  " * i + "-\n" for i in range(300))
    text = block if opening == "- " else opening * depth
    bank_writer.write("sections/20-deep.yaml", text)
    found = problems(bank_writer)
    assert found and all("20-deep.yaml" in m for m in found)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("target: 3", "target: 1000000000000000000000000000000000"),
        ("weight: 2", "weight: 1e308"),
        ("weight: 2", "weight: 1e400"),
        ("weight: 2", "weight: 99999999999999999999999999999"),
    ],
)
def test_huge_numbers_are_refused(bank_writer: BankWriter, old: str, new: str) -> None:
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace(old, new))
    (message,) = problems(bank_writer)
    assert "10-ops.yaml:" in message


@pytest.fixture
def hostile_bank(bank_writer: BankWriter) -> Path:
    section = (
        BankWriter.SECTION.replace("prompt: How well do you use Docker?", f"prompt: {HOSTILE_YAML}")
        .replace("id: docker", f"id: docker\n    title: {HOSTILE_YAML}")
        .replace("{1: a, 2: b, 3: c, 4: d}", f"{{1: {HOSTILE_YAML}, 2: b, 3: c, 4: d}}")
        .replace("title: Base", f"title: {HOSTILE_YAML}")
    )
    bank_writer.write("sections/10-base.yaml", section)
    bank_writer.write("bank.yaml", 'name: "Bank \\e[31mred"\nversion: "1\\u202e0"\n')
    return bank_writer.root


def test_hostile_text_loads_but_is_never_printed_raw(
    hostile_bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = load_bank(hostile_bank)
    assert ESC in bank.questions["docker"].prompt  # kept as written...
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text("answers:\n  linux: 1\n")
    for args in (
        ["answers-template"],
        ["score", str(answers_file)],
        ["score", str(answers_file), "--json"],
    ):
        assert main(["--questions", str(hostile_bank), *args]) == 0
        out = capsys.readouterr().out
        for raw in (ESC, "\x07", "\u202e", "\x00", "\x9b"):
            assert raw not in out, (args, repr(raw))  # ...but never shown raw


def test_hostile_text_is_escaped_in_every_export(hostile_bank: Path) -> None:
    bank = load_bank(hostile_bank)
    answers = Answers({"docker": make_answer(bank.questions["docker"], 2, note=HOSTILE)})
    result = score(bank, answers)
    report = Report(
        1, datetime(2025, 1, 1, tzinfo=timezone.utc), bank.name, bank.version, answers, result
    )
    assert ESC not in render_text(result, bank)
    assert ESC not in template(bank)
    for fmt in ("text", "md", "html"):
        out = render_report(report, bank, fmt)
        for raw in (ESC, "\x07", "\u202e", "\x00"):
            assert raw not in out, (fmt, repr(raw))


HOSTILE_URLS = [
    "https://x.test/\x1b]0;pwned\x07",
    "https://x.test/\x1b]52;c;cHduZWQ=\x1b\\",
    "https://x.test/\x9b31m",
    "https://x.test/\u202eevil",
    "https://x.test/\u200fa",
    "https://x.test/\x7f",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_url_with_a_control_or_bidi_character_is_never_a_link(url: str) -> None:
    from skillgap.escape import is_safe_url

    assert not is_safe_url(url)


def test_an_imported_report_cannot_carry_a_hostile_url_into_an_export(mini_bank: object) -> None:
    """A report file is outside text too: its resource URLs are shown as escaped text, never
    written raw into a link target."""
    import json

    from skillgap.export.json_docs import report_json
    from skillgap.formats.report_json import report_from_json
    from tests.test_export_reports import make_report

    doc = report_json(make_report(mini_bank))  # type: ignore[arg-type]
    lists: list[list[dict[str, str]]] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("resources"), list):
                lists.append(value["resources"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(doc)
    assert lists
    for resources in lists:
        resources[:] = [
            {"title": f"t{i}", "url": u, "kind": ""} for i, u in enumerate(HOSTILE_URLS)
        ]
    data = report_from_json(json.loads(json.dumps(doc)))
    report = Report(1, data.created_at, "b", "1", data.answers, data.result)
    for fmt in ("text", "md", "html"):
        out = render_report(report, mini_bank, fmt)  # type: ignore[arg-type]
        assert not re.search(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]", out
        ), fmt
        assert "](https://x.test/" not in out and 'href="https://x.test/' not in out, fmt
        assert "u001b" in out and "pwned" in out, fmt  # shown, as visible escapes


def test_markdown_link_targets_are_percent_encoded() -> None:
    from skillgap.export.markdown import md_link

    assert md_link("t", "https://x.test/a(b)[c]|d") == "[t](https://x.test/a%28b%29%5Bc%5D%7Cd)"


def test_plan_json_is_ascii_like_every_other_json(
    hostile_bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text("answers:\n  linux: 1\n")
    bank = ["--questions", str(hostile_bank)]
    assert main([*bank, "score", str(answers_file), "--save"]) == 0
    capsys.readouterr()
    assert main([*bank, "plan", "--json"]) == 0
    out = capsys.readouterr().out
    assert out.isascii()
    assert "\\u202e" in out  # the bidi override is there, as a JSON escape


def test_a_bank_resource_url_with_a_control_character_is_refused(
    bank_writer: BankWriter,
) -> None:
    section = BankWriter.SECTION.replace(
        "    effort_hours: 10\n",
        '    effort_hours: 10\n    resources:\n      - {title: Docs, url: "https://x.test/\\e]0;pwned\\a"}\n',
    )
    bank_writer.write("sections/10-base.yaml", section)
    (message,) = problems(bank_writer)
    assert "resources[0].url" in message


HOSTILE_NAME = "a\x1b]0;pwned\x07\nb"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _assert_escaped(err: str) -> None:
    assert not RAW_CONTROL.search(err), repr(err)
    assert err.count("\n") == 1, repr(err)  # one message, one line: the newline is shown
    assert "\\u001b]0;pwned\\u0007" in err, repr(err)


def test_a_file_name_with_escapes_prints_as_visible_escapes(
    bank_writer: BankWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = ["--questions", str(bank_writer.root)]
    hostile = tmp_path / HOSTILE_NAME
    # score: a file that is not there
    assert main([*bank, "score", str(hostile)]) == 2
    _assert_escaped(capsys.readouterr().err)
    # answers-template: written, then refused without --force, then a folder that is not there
    assert main([*bank, "answers-template", "-o", str(hostile)]) == 0
    _assert_escaped(capsys.readouterr().err)
    assert main([*bank, "answers-template", "-o", str(hostile)]) == 2
    _assert_escaped(capsys.readouterr().err)
    assert main([*bank, "answers-template", "-o", str(hostile / "x.yaml")]) != 0
    err = capsys.readouterr().err
    assert not RAW_CONTROL.search(err) and err.count("\n") == 1, repr(err)


def test_cannot_write_names_the_path_as_visible_escapes(tmp_path: Path) -> None:
    from skillgap.app.files import CannotWrite

    path = tmp_path / HOSTILE_NAME / "x.md"
    message = str(CannotWrite(path, FileNotFoundError(2, "No such file or directory")))
    assert not RAW_CONTROL.search(message) and "\n" not in message


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(1)", "is not an https:// or http:// address"),
        ("ftp://x.test/a", "is not an https:// or http:// address"),
        ("https://x.test/\\e]0;pwned\\a", "holds a control character (U+001B at character 16)"),
        ("https://x.test/\\u202eevil", "holds a bidirectional control character (U+202E"),
        ("https://x.test/a b", "holds a space (U+0020"),
        ("https://x.test/caf\\u00e9", "holds a non-ASCII character (U+00E9"),
        ("https://x.test/<b>", "holds a quote, backslash, backtick or angle bracket (U+003C"),
    ],
)
def test_a_refused_resource_url_says_why(bank_writer: BankWriter, url: str, why: str) -> None:
    """The message names the reason is_safe_url refuses the link (not http(s), or the first
    character that may not be in one, by code point), never the character itself."""
    section = BankWriter.SECTION.replace(
        "    effort_hours: 10\n",
        f'    effort_hours: 10\n    resources:\n      - {{title: Docs, url: "{url}"}}\n',
    )
    bank_writer.write("sections/10-base.yaml", section)
    (message,) = problems(bank_writer)
    assert "resources[0].url" in message and why in message, message
    assert "percent-encoded" in message
    assert not RAW_CONTROL.search(message) and message.isascii(), repr(message)
