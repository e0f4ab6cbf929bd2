"""Every validation rule names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.fields import Problem
from tests.conftest import BankWriter


def problems(writer: BankWriter) -> list[Problem]:
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    return list(info.value.problems)


def only(writer: BankWriter) -> Problem:
    found = problems(writer)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def test_the_base_bank_is_valid(bank_writer: BankWriter) -> None:
    bank = load_bank(bank_writer.root)
    assert list(bank.questions) == ["linux", "docker"]
    assert bank.roles[0].requirements[0].essential


def test_yaml_syntax_error_names_file_and_line(bank_writer: BankWriter) -> None:
    bank_writer.write("sections/20-bad.yaml", "section:\n  id: x\n  title: [unclosed\n")
    p = only(bank_writer)
    assert p.file.endswith("sections/20-bad.yaml")
    assert p.line in (3, 4)
    assert "invalid YAML" in p.message


def test_wrong_type_names_field_and_line(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("effort_hours: 10", "effort_hours: lots"),
    )
    p = only(bank_writer)
    assert p.file.endswith("10-base.yaml") and p.line == 8
    assert p.field == "questions[0].effort_hours"
    assert "number" in p.message and "'lots'" in p.message


def test_missing_required_field(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("    prompt: How well do you use Docker?\n", ""),
    )
    p = only(bank_writer)
    assert p.line == 9 and p.field == "questions[1]"
    assert "missing required field 'prompt'" in p.message


def test_unknown_field_suggests_the_right_one(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml", BankWriter.SECTION.replace("effort_hours", "effort_hour")
    )
    p = only(bank_writer)
    assert p.line == 8 and p.field == "questions[0].effort_hour"
    assert "did you mean 'effort_hours'?" in p.message


def test_duplicate_question_id_across_files(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/20-more.yaml",
        """\
        section: {id: more, title: More}
        questions:
          - id: kubernetes
            prompt: K8s?
          - id: linux
            prompt: Linux again?
        """,
    )
    p = only(bank_writer)
    assert p.file.endswith("20-more.yaml") and p.line == 5
    assert "duplicate question id 'linux'" in p.message
    assert "10-base.yaml:5" in p.message


def test_duplicate_section_and_role_ids(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/20-more.yaml", "section: {id: base, title: B}\nquestions: [{id: k, prompt: K?}]\n"
    )
    bank_writer.write("roles/20-ops.yaml", BankWriter.ROLE)
    messages = [p.message for p in problems(bank_writer)]
    assert any("duplicate section id 'base'" in m for m in messages)
    assert any("duplicate role id 'ops'" in m for m in messages)


def test_requirement_naming_unknown_question(bank_writer: BankWriter) -> None:
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace("  docker:", "  dockr:"))
    p = only(bank_writer)
    assert p.file.endswith("roles/10-ops.yaml") and p.line == 6
    assert "requirement 'dockr' names no question; did you mean 'docker'?" in p.message


def test_prerequisite_naming_unknown_question(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("requires: {linux: 1}", "requires: {lnux: 1}"),
    )
    p = only(bank_writer)
    assert (
        p.line == 11 and "prerequisite 'lnux' names no question; did you mean 'linux'?" in p.message
    )


def test_prerequisite_cycle(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace(
            "effort_hours: 10", "effort_hours: 10\n    requires: {docker: 2}"
        ),
    )
    p = only(bank_writer)
    assert "cycle" in p.message and "linux" in p.message and "docker" in p.message
    assert p.line is not None


def test_self_prerequisite(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("requires: {linux: 1}", "requires: {docker: 1}"),
    )
    assert "cannot require itself" in only(bank_writer).message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("levels: {1: a, 2: b, 3: c, 4: d}", "levels: {1: a, 5: b}", "questions[0].levels.5"),
        ("requires: {linux: 1}", "requires: {linux: 7}", "questions[1].requires.linux"),
        ("requires: {linux: 1}", "requires: {linux: -1}", "questions[1].requires.linux"),
    ],
)
def test_levels_outside_0_to_4(bank_writer: BankWriter, old: str, new: str, field: str) -> None:
    bank_writer.write("sections/10-base.yaml", BankWriter.SECTION.replace(old, new))
    p = only(bank_writer)
    assert p.field == field and "level" in p.message and p.line is not None


@pytest.mark.parametrize("target", ["0", "5", "two", "2.5"])
def test_target_outside_1_to_4(bank_writer: BankWriter, target: str) -> None:
    bank_writer.write(
        "roles/10-ops.yaml", BankWriter.ROLE.replace("target: 3", f"target: {target}")
    )
    p = only(bank_writer)
    assert p.field == "requirements.linux.target" and p.line == 5


@pytest.mark.parametrize("weight", ["0", "-1", ".inf", ".nan", "heavy", "true"])
def test_weight_must_be_positive(bank_writer: BankWriter, weight: str) -> None:
    bank_writer.write(
        "roles/10-ops.yaml", BankWriter.ROLE.replace("weight: 2", f"weight: {weight}")
    )
    p = only(bank_writer)
    assert p.field == "requirements.docker.weight" and p.line == 6 and "> 0" in p.message


@pytest.mark.parametrize("bad_id", ["Docker", "docker_ce", "-docker", "docker--ce", "'a b'"])
def test_ids_must_be_kebab_case(bank_writer: BankWriter, bad_id: str) -> None:
    bank_writer.write(
        "sections/10-base.yaml", BankWriter.SECTION.replace("id: docker", f"id: {bad_id}")
    )
    found = problems(bank_writer)
    kebab = [p for p in found if "kebab-case" in p.message]
    assert kebab and kebab[0].line == 9 and kebab[0].field == "questions[1].id"


def test_role_without_requirements(bank_writer: BankWriter) -> None:
    bank_writer.write("roles/10-ops.yaml", "role: {id: ops, name: Ops}\nrequirements: {}\n")
    p = only(bank_writer)
    assert p.line == 2 and "at least one requirement" in p.message


def test_role_missing_requirements_field(bank_writer: BankWriter) -> None:
    bank_writer.write("roles/10-ops.yaml", "role: {id: ops, name: Ops}\n")
    assert "missing required field 'requirements'" in only(bank_writer).message


def test_missing_bank_yaml(bank_writer: BankWriter) -> None:
    bank_writer.remove("bank.yaml")
    p = only(bank_writer)
    assert p.file.endswith("bank.yaml") and "missing bank.yaml" in p.message


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(BankError) as info:
        load_bank(tmp_path / "nowhere")
    assert "bank folder not found" in str(info.value)


def test_version_must_be_quoted_text(bank_writer: BankWriter) -> None:
    bank_writer.write("bank.yaml", "name: T\nversion: 1.10\n")
    p = only(bank_writer)
    assert p.line == 2 and 'version: "1.1"' in p.message


def test_yes_no_words_explain_quoting(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/20-certs.yaml",
        """\
        section: {id: certs, title: Certs}
        questions:
          - id: cissp
            kind: choice
            prompt: CISSP?
            options:
              - {id: held, label: Held, level: 4}
              - {id: none, label: No, level: 0}
        """,
    )
    p = only(bank_writer)
    assert p.line == 8 and "quote it" in p.message


def test_choice_question_needs_options(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/20-c.yaml",
        "section: {id: c, title: C}\nquestions:\n  - {id: x, kind: choice, prompt: X?}\n",
    )
    assert "missing required field 'options'" in only(bank_writer).message


def test_unknown_kind(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/20-c.yaml",
        "section: {id: c, title: C}\nquestions:\n  - {id: x, kind: slider, prompt: X?}\n",
    )
    p = only(bank_writer)
    assert p.field == "questions[0].kind" and "rating, choice, multi" in p.message


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "https://example.com/a b", 'https://x.org/"onmouseover=1']
)
def test_resource_urls_must_be_links_we_may_show(bank_writer: BankWriter, url: str) -> None:
    """The loader holds links to the rule every face shows them by (escape.is_safe_url), so
    a bank never carries a link that an export would print as plain text."""
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace(
            "effort_hours: 10",
            f"effort_hours: 10\n    resources: [{{title: Evil, url: '{url}'}}]",
        ),
    )
    p = only(bank_writer)
    assert p.field == "questions[0].resources[0].url" and "https://" in p.message


def test_python_tags_are_refused(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/20-evil.yaml", "section: !!python/object/apply:os.system ['true']\n"
    )
    p = only(bank_writer)
    assert p.line == 1 and "tag" in p.message and "not allowed" in p.message


def test_billion_laughs_fails_fast(bank_writer: BankWriter) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(ord("b"), ord("j")):
        prev = chr(i - 1)
        lines.append(f"{chr(i)}: &{chr(i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    bank_writer.write("sections/20-lol.yaml", "\n".join(lines) + "\n")
    p = only(bank_writer)
    assert "aliases expand" in p.message and p.line is not None


def test_oversized_file_is_refused_before_reading(bank_writer: BankWriter) -> None:
    path = bank_writer.root / "sections" / "20-big.yaml"
    with path.open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    p = only(bank_writer)
    assert "limit" in p.message and p.file.endswith("20-big.yaml")


def test_binary_and_non_utf8_files(bank_writer: BankWriter) -> None:
    (bank_writer.root / "sections" / "20-bin.yaml").write_bytes(b"\x89PNG\x00\x01")
    (bank_writer.root / "sections" / "30-latin.yaml").write_bytes(b"section:\n  title: caf\xe9\n")
    messages = sorted(p.format() for p in problems(bank_writer))
    assert any("20-bin.yaml" in m and "binary" in m for m in messages)
    assert any("30-latin.yaml:2" in m and "UTF-8" in m for m in messages)


def test_empty_file(bank_writer: BankWriter) -> None:
    bank_writer.write("sections/20-empty.yaml", "")
    assert "empty" in only(bank_writer).message


def test_all_problems_are_reported_in_one_pass(bank_writer: BankWriter) -> None:
    bank_writer.write("bank.yaml", "name: T\n")
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("effort_hours: 10", "effort_hours: -3").replace(
            "id: docker", "id: Docker"
        ),
    )
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace("weight: 1", "weight: 0"))
    found = problems(bank_writer)
    files = {Path(p.file).name for p in found}
    assert files == {"bank.yaml", "10-base.yaml", "10-ops.yaml"}
    assert len(found) >= 4


def test_problem_format_is_file_line_field_message() -> None:
    p = Problem("roles/devops.yaml", 12, "requirements.k8s", "names no question")
    assert p.format() == "roles/devops.yaml:12: requirements.k8s: names no question"
    assert Problem("bank.yaml", None, "", "missing").format() == "bank.yaml: missing"


CERT = """\
section: {id: certs, title: Certs}
questions:
  - id: cissp
    kind: choice
    prompt: CISSP?
    options:
      - {id: held, label: Held, level: 3}
      - {id: none, label: "No", level: 0}
"""


def test_a_prerequisite_level_no_option_reaches(bank_writer: BankWriter) -> None:
    bank_writer.write("sections/20-certs.yaml", CERT)
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("requires: {linux: 1}", "requires: {cissp: 4}"),
    )
    p = only(bank_writer)
    assert p.line == 11 and "reach at most 3" in p.message


def test_a_target_no_option_reaches(bank_writer: BankWriter) -> None:
    bank_writer.write("sections/20-certs.yaml", CERT)
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE + "  cissp: {target: 4, weight: 1}\n")
    p = only(bank_writer)
    assert p.line == 7 and "out of reach" in p.message


def test_a_long_prerequisite_chain_is_refused_not_a_crash(bank_writer: BankWriter) -> None:
    lines = ["section: {id: chain, title: Chain}", "questions:"]
    for i in range(3000):
        lines.append(
            f"  - id: c{i}\n    prompt: C{i}?" + (f"\n    requires: {{c{i - 1}: 1}}" if i else "")
        )
    bank_writer.write("sections/20-chain.yaml", "\n".join(lines) + "\n")
    p = only(bank_writer)
    assert "chain of prerequisites" in p.message and p.line is not None


def test_a_long_cycle_is_found_without_recursion(bank_writer: BankWriter) -> None:
    lines = ["section: {id: ring, title: Ring}", "questions:"]
    for i in range(3000):
        lines.append(f"  - id: r{i}\n    prompt: R{i}?\n    requires: {{r{(i + 1) % 3000}: 1}}")
    bank_writer.write("sections/20-ring.yaml", "\n".join(lines) + "\n")
    assert "cycle" in only(bank_writer).message


CHECKED = BankWriter.SECTION.replace(
    "    effort_hours: 10\n",
    """    effort_hours: 10
    checks:
      - prompt: Which command lists open TCP ports?
        options: [ss -tln, ls -l, cat /etc/hosts]
        answer: ss -tln
        explain: ss shows sockets; -t TCP, -l listening, -n numeric.
        source: https://man7.org/linux/man-pages/man8/ss.8.html
""",
)


def test_knowledge_checks_load(bank_writer: BankWriter) -> None:
    bank_writer.write("sections/10-base.yaml", CHECKED)
    check = load_bank(bank_writer.root).questions["linux"].checks[0]
    assert (
        check.answer == "ss -tln" and len(check.options) == 3 and check.source.startswith("https")
    )


def test_a_check_whose_answer_is_not_an_option(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml", CHECKED.replace("answer: ss -tln", "answer: netstat")
    )
    p = only(bank_writer)
    assert p.field == "questions[0].checks[0].answer" and p.line == 12
    assert "'netstat' is not one of the check's options" in p.message


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("options: [ss -tln, ls -l, cat /etc/hosts]", "options: [ss -tln]", "2 to 6 options"),
        ("options: [ss -tln, ls -l, cat /etc/hosts]", "options: [ss -tln, ss -tln]", "differ"),
        ("        source: https://man7.org/linux/man-pages/man8/ss.8.html\n", "", "'source'"),
    ],
)
def test_malformed_checks(bank_writer: BankWriter, old: str, new: str, says: str) -> None:
    bank_writer.write("sections/10-base.yaml", CHECKED.replace(old, new))
    assert says in only(bank_writer).message


# -- one problem, one message: a refused id does not cascade --------------------------------


def formatted(writer: BankWriter) -> list[str]:
    return [p.format() for p in problems(writer)]


def test_two_refused_question_ids_are_two_messages_not_a_duplicate(
    bank_writer: BankWriter,
) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("id: linux", "id: Linux").replace("id: docker", "id: Docker"),
    )
    bank_writer.write(
        "roles/10-ops.yaml",
        BankWriter.ROLE.replace("linux:", "Linux:").replace("docker:", "Docker:"),
    )
    base = bank_writer.root / "sections" / "10-base.yaml"
    found = formatted(bank_writer)
    assert len(found) == 2, found
    assert found[0].startswith(f"{base}:5: questions[0].id: id 'Linux' must be kebab-case")
    assert found[1].startswith(f"{base}:9: questions[1].id: id 'Docker' must be kebab-case")
    assert not any("duplicate" in line for line in found)


def test_a_role_naming_a_refused_id_adds_no_message(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml", BankWriter.SECTION.replace("id: docker", "id: docker_ce")
    )
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace("docker:", "docker_ce:"))
    p = only(bank_writer)
    assert p.file == str(bank_writer.root / "sections" / "10-base.yaml") and p.line == 9
    assert p.field == "questions[1].id" and "'docker_ce' must be kebab-case" in p.message


def test_a_prerequisite_naming_a_refused_id_adds_no_message(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("id: linux", "id: Linux").replace(
            "requires: {linux: 1}", "requires: {Linux: 1}"
        ),
    )
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace("  linux:", "  Linux:"))
    p = only(bank_writer)
    assert p.file.endswith("10-base.yaml") and p.line == 5 and p.field == "questions[0].id"


def test_a_reference_to_an_id_never_written_is_still_reported(bank_writer: BankWriter) -> None:
    """Only refused ids are quiet: a name no question has, refused or not, still is one."""
    bank_writer.write(
        "sections/10-base.yaml", BankWriter.SECTION.replace("id: docker", "id: Docker")
    )
    bank_writer.write(
        "roles/10-ops.yaml",
        BankWriter.ROLE.replace("docker:", "Docker:") + "  podman: {target: 1, weight: 1}\n",
    )
    found = formatted(bank_writer)
    assert len(found) == 2, found
    assert found[0].startswith(f"{bank_writer.root / 'sections' / '10-base.yaml'}:9: ")
    assert found[1] == (
        f"{bank_writer.root / 'roles' / '10-ops.yaml'}:7: requirements.podman:"
        " requirement 'podman' names no question"
    )


def test_two_refused_option_ids_are_two_messages_not_a_duplicate(
    bank_writer: BankWriter,
) -> None:
    bank_writer.write(
        "sections/20-certs.yaml",
        CERT.replace("id: held", "id: Held").replace("id: none", "id: No_cert"),
    )
    found = problems(bank_writer)
    assert [(p.line, p.field) for p in found] == [
        (7, "questions[0].options[0].id"),
        (8, "questions[0].options[1].id"),
    ], [p.format() for p in found]
    assert all(p.file.endswith("20-certs.yaml") and "kebab-case" in p.message for p in found)


# -- ids up to 128 characters -----------------------------------------------------------------


def kebab_id(length: int) -> str:
    """A kebab-case id of exactly `length` characters, like a long DSOMM activity name."""
    word = "defined-build-process-"
    return (word * (length // len(word) + 1))[: length - 1] + "x"


def test_a_128_character_id_loads(bank_writer: BankWriter) -> None:
    long_id = kebab_id(128)
    assert len(long_id) == 128
    bank_writer.write(
        "sections/10-base.yaml", BankWriter.SECTION.replace("id: docker", f"id: {long_id}")
    )
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace("docker:", f"{long_id}:"))
    bank = load_bank(bank_writer.root)
    assert long_id in bank.questions
    assert bank.roles[0].requirements[1].question_id == long_id


def test_a_129_character_id_is_one_clear_message(bank_writer: BankWriter) -> None:
    long_id = kebab_id(129)
    assert len(long_id) == 129
    bank_writer.write(
        "sections/10-base.yaml", BankWriter.SECTION.replace("id: docker", f"id: {long_id}")
    )
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE.replace("docker:", f"{long_id}:"))
    p = only(bank_writer)
    assert p.format() == (
        f"{bank_writer.root / 'sections' / '10-base.yaml'}:9: questions[1].id:"
        " id is 129 characters long; the limit is 128"
    )


def test_the_schemas_allow_what_the_loader_allows() -> None:
    import json

    from skillgap.core.model import MAX_ID_LENGTH
    from tests.conftest import BUNDLED_BANK

    def max_lengths(node: object) -> list[int]:
        if isinstance(node, dict):
            found = [node["maxLength"]] if node.get("pattern", "").startswith("^[a-z0-9]") else []
            return found + [n for v in node.values() for n in max_lengths(v)]
        if isinstance(node, list):
            return [n for v in node for n in max_lengths(v)]
        return []

    for name in ("section", "role"):
        schema = json.loads((BUNDLED_BANK / "schema" / f"{name}.schema.json").read_text())
        assert set(max_lengths(schema)) == {MAX_ID_LENGTH}, name


# -- "did you mean" -------------------------------------------------------------------------


def test_did_you_mean_names_the_closest_choice_or_nothing() -> None:
    from skillgap.formats.fields import did_you_mean

    assert did_you_mean("dockr", ["linux", "docker"]) == "; did you mean 'docker'?"
    assert did_you_mean("zzz", ["linux", "docker"]) == ""
    assert did_you_mean("sc", ["score"]) == ""  # a ratio of 0.57: under the default 0.6
    assert did_you_mean("sc", ["score"], cutoff=0.5) == "; did you mean 'score'?"
    assert did_you_mean("anything", []) == ""


def test_an_unknown_field_message_with_and_without_a_hint(bank_writer: BankWriter) -> None:
    bank_writer.write("bank.yaml", BankWriter.BANK + "descripton: x\nzzz: y\n")
    assert [p.message for p in problems(bank_writer)] == [
        "unknown field; did you mean 'description'? allowed here: name, version, description,"
        " scale",
        "unknown field; allowed here: name, version, description, scale",
    ]


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "field"),
    [
        ("roles/10-ops.yaml", "  docker:", "  5:", 6, "requirements[5]"),
        ("sections/10-base.yaml", "requires: {linux: 1}", "requires: {7: 1}", 11,
         "questions[1].requires[7]"),
    ],
)  # fmt: skip
def test_a_key_that_is_not_text_is_one_message(
    bank_writer: BankWriter, name: str, old: str, new: str, line: int, field: str
) -> None:
    """Requirements and prerequisites are read, then checked against the questions: a key
    that is no text is said once, not once per pass."""
    original = BankWriter.ROLE if name.startswith("roles") else BankWriter.SECTION
    bank_writer.write(name, original.replace(old, new))
    p = only(bank_writer)
    assert (p.line, p.field) == (line, field), p.format()
    assert "key must be a question id (text); got the number" in p.message


def test_a_question_says_where_it_comes_from(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace(
            "    effort_hours: 10\n", "    effort_hours: 10\n    source: article\n"
        ),
    )
    bank = load_bank(bank_writer.root)
    assert bank.questions["linux"].source == "article"
    assert bank.questions["docker"].source == ""


@pytest.mark.parametrize(
    ("value", "message"), [("[article]", "text"), ("x" * 101, "the limit is 100")]
)
def test_a_source_is_a_short_label(bank_writer: BankWriter, value: str, message: str) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace(
            "    effort_hours: 10\n", f"    effort_hours: 10\n    source: {value}\n"
        ),
    )
    p = only(bank_writer)
    assert p.line == 9 and p.field == "questions[0].source"
    assert message in p.message
