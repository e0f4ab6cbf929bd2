"""Any-of groups in a role's requirements, experience questions and a role's ready_at: read
from the bank files, each problem one message naming the file, the line and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from skillgap.core.model import DEFAULT_READY_AT, Requirement
from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.fields import Problem
from tests.conftest import BUNDLED_BANK, DATA, BankWriter

GROUPS_BANK = DATA / "banks" / "groups"
SCHEMA_DIR = BUNDLED_BANK / "schema"

CERTS = """\
section: {id: certs, title: Certs}
questions:
  - id: cissp
    kind: choice
    prompt: CISSP?
    options:
      - {id: held, label: Held, level: 4}
      - {id: "no", label: "No", level: 0}
  - id: ceh
    kind: choice
    prompt: CEH?
    options:
      - {id: held, label: Held, level: 3}
      - {id: "no", label: "No", level: 0}
  - id: gsec
    kind: choice
    prompt: GSEC?
    options:
      - {id: held, label: Held, level: 3}
      - {id: "no", label: "No", level: 0}
"""

GROUP = """\
  security-certification:
    any_of: [cissp, ceh, gsec]
    target: 4
    weight: 1.5
    title: A security certification
"""


def with_certs(writer: BankWriter, requirements: str) -> BankWriter:
    """The base bank with the certifications section, and `requirements` added to its role
    (from line 7 of roles/10-ops.yaml)."""
    writer.write("sections/20-certs.yaml", CERTS)
    writer.write("roles/10-ops.yaml", BankWriter.ROLE + requirements)
    return writer


def only(writer: BankWriter) -> Problem:
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    found = info.value.problems
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def role_file(writer: BankWriter) -> str:
    return str(writer.root / "roles" / "10-ops.yaml")


# -- groups that load -------------------------------------------------------------------------


def test_a_group_loads_with_its_members_and_title(bank_writer: BankWriter) -> None:
    bank = load_bank(with_certs(bank_writer, GROUP).root)
    group = bank.roles[0].requirements[-1]
    assert group == Requirement(
        "security-certification",
        target=4,
        weight=1.5,
        essential=False,
        any_of=("cissp", "ceh", "gsec"),
        title="A security certification",
    )
    assert bank.groups == {"security-certification": group}
    assert bank.roles[0].requirement_by_question["ceh"] is group


def test_a_group_in_flow_style_without_a_title(bank_writer: BankWriter) -> None:
    group = "  certs-any: {any_of: [ceh, gsec], target: 2, weight: 1, essential: true}\n"
    bank = load_bank(with_certs(bank_writer, group).root)
    req = bank.groups["certs-any"]
    assert req.any_of == ("ceh", "gsec") and req.title == "" and req.essential


def test_the_groups_bank_loads() -> None:
    bank = load_bank(GROUPS_BANK)
    secops, ops = bank.roles
    assert secops.ready_at == 80.0 and ops.ready_at == DEFAULT_READY_AT
    assert bank.groups["security-certification"].any_of == ("cissp", "ceh", "gsec")
    assert bank.groups["any-cert"].any_of == ("ceh", "gsec")
    assert bank.questions["years"].experience and not bank.questions["cissp"].experience
    assert not bank.questions["linux"].experience


def test_a_target_that_only_the_best_member_reaches_is_fine(bank_writer: BankWriter) -> None:
    """ceh and gsec top out at 3; cissp reaches 4, so the group's target 4 can be met."""
    bank = load_bank(with_certs(bank_writer, GROUP).root)
    assert bank.groups["security-certification"].target == 4


def test_two_roles_may_group_the_same_question(bank_writer: BankWriter) -> None:
    with_certs(bank_writer, GROUP)
    bank_writer.write(
        "roles/20-sec.yaml",
        "role: {id: sec, name: Sec}\nrequirements:\n"
        "  certs: {any_of: [cissp, ceh], target: 3, weight: 1}\n"
        "  gsec: {target: 3, weight: 1}\n",
    )
    bank = load_bank(bank_writer.root)
    assert set(bank.groups) == {"security-certification", "certs"}


# -- groups refused: one problem, one message ---------------------------------------------


@pytest.mark.parametrize(
    ("requirements", "line", "field", "message"),
    [
        pytest.param(
            "  sec: {any_of: [cisp, ceh], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of[0]",
            "member 'cisp' names no question; did you mean 'cissp'?",
            id="unknown-member",
        ),
        pytest.param(
            "  sec:\n    any_of:\n      - ceh\n      - podman\n    target: 2\n    weight: 1\n",
            10,
            "requirements.sec.any_of[1]",
            "member 'podman' names no question",
            id="unknown-member-block-style",
        ),
        pytest.param(
            "  sec: {any_of: [cissp], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of",
            "a group needs at least two members (the questions whose best answer counts);"
            " for one question, require it on its own",
            id="one-member",
        ),
        pytest.param(
            "  sec: {any_of: [], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of",
            "a group needs at least two members",
            id="no-member",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec, ceh], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of[2]",
            "'ceh' is listed twice in this group",
            id="duplicate-member",
        ),
        pytest.param(
            "  sec: {any_of: ceh, target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of",
            "must be a list; got the text 'ceh'",
            id="members-not-a-list",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, 7], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of[1]",
            "must be text; got the number 7",
            id="member-not-text",
        ),
        pytest.param(
            "  Security_Certs: {any_of: [ceh, gsec], target: 2, weight: 1}\n",
            7,
            "requirements.Security_Certs",
            "group id 'Security_Certs' must be kebab-case",
            id="group-id-not-kebab",
        ),
        pytest.param(
            "  " + "a" * 129 + ": {any_of: [ceh, gsec], target: 2, weight: 1}\n",
            7,
            "requirements." + "a" * 129,
            "group id is 129 characters long; the limit is 128",
            id="group-id-too-long",
        ),
        pytest.param(
            "  cissp: {any_of: [ceh, gsec], target: 2, weight: 1}\n",
            7,
            "requirements.cissp",
            "group id 'cissp' is also a question's id (defined at ",
            id="group-id-is-a-question",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, linux], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of[1]",
            "'linux' is also a requirement of this role on its own (line 5); a member of a"
            " group too, it would count twice",
            id="member-and-direct",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2, weight: 1}\n"
            "  more: {any_of: [cissp, gsec], target: 2, weight: 1}\n",
            8,
            "requirements.more.any_of[1]",
            "'gsec' is already a member of group 'sec' of this role; a member of two groups,"
            " it would count twice",
            id="member-of-two-groups",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 4, weight: 1}\n",
            7,
            "requirements.sec",
            "target 4 is out of reach: the options of its members reach at most 3",
            id="target-out-of-reach",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 5, weight: 1}\n",
            7,
            "requirements.sec.target",
            "must be a level 1-4; got the number 5",
            id="target-not-a-level",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2, weight: 0}\n",
            7,
            "requirements.sec.weight",
            "must be a number > 0",
            id="weight-not-positive",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2}\n",
            7,
            "requirements.sec",
            "missing required field 'weight'",
            id="weight-missing",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2, weight: 1, essential: maybe}\n",
            7,
            "requirements.sec.essential",
            "must be true or false; got the text 'maybe'",
            id="essential-not-a-flag",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2, weight: 1, title: 12}\n",
            7,
            "requirements.sec.title",
            "must be text; got the number 12",
            id="title-not-text",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2, weight: 1, title: ''}\n",
            7,
            "requirements.sec.title",
            "must not be empty",
            id="title-empty",
        ),
        pytest.param(
            "  sec: {title: Certs, target: 2, weight: 1}\n",
            7,
            "requirements.sec",
            "missing required field 'any_of'",
            id="title-without-members",
        ),
        pytest.param(
            "  sec: {any-of: [ceh, gsec], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any-of",
            "unknown field; did you mean 'any_of'? allowed here: target, weight, essential,"
            " any_of, title",
            id="any-of-misspelt",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, gsec], target: 2, weight: 1, members: 2}\n",
            7,
            "requirements.sec.members",
            "unknown field; allowed here: target, weight, essential, any_of, title",
            id="unknown-field",
        ),
        pytest.param(
            "  sec: {any_of: [ceh, more], target: 2, weight: 1}\n"
            "  more: {any_of: [cissp, gsec], target: 2, weight: 1}\n",
            7,
            "requirements.sec.any_of[1]",
            "member 'more' is a group, not a question: groups do not nest",
            id="nested-group",
        ),
    ],
)
def test_a_broken_group_is_one_message(
    bank_writer: BankWriter, requirements: str, line: int, field: str, message: str
) -> None:
    p = only(with_certs(bank_writer, requirements))
    assert (p.file, p.line, p.field) == (role_file(bank_writer), line, field), p.format()
    assert message in p.message, p.format()


def test_an_unknown_member_message_in_full(bank_writer: BankWriter) -> None:
    p = only(with_certs(bank_writer, "  sec: {any_of: [ceh, gsek], target: 2, weight: 1}\n"))
    assert p.format() == (
        f"{role_file(bank_writer)}:7: requirements.sec.any_of[1]:"
        " member 'gsek' names no question; did you mean 'gsec'?"
    )


def test_a_member_naming_a_refused_question_id_adds_no_message(bank_writer: BankWriter) -> None:
    with_certs(bank_writer, "  sec: {any_of: [ceh, GSEC], target: 2, weight: 1}\n")
    bank_writer.write("sections/20-certs.yaml", CERTS.replace("id: gsec", "id: GSEC"))
    p = only(bank_writer)
    assert p.file.endswith("20-certs.yaml") and "'GSEC' must be kebab-case" in p.message


def test_an_unknown_member_does_not_also_say_out_of_reach(bank_writer: BankWriter) -> None:
    """ceh reaches 3 and the target is 4, but the unknown member might have reached it."""
    p = only(with_certs(bank_writer, "  sec: {any_of: [ceh, cisp], target: 4, weight: 1}\n"))
    assert "names no question" in p.message


def test_every_broken_group_is_reported_in_one_pass(bank_writer: BankWriter) -> None:
    with_certs(
        bank_writer,
        "  one: {any_of: [cisp, ceh], target: 2, weight: 1}\n"
        "  two: {any_of: [cissp], target: 2, weight: 1}\n"
        "  three: {any_of: [gsec, docker], target: 2, weight: 1}\n",
    )
    with pytest.raises(BankError) as info:
        load_bank(bank_writer.root)
    assert [(p.line, p.field) for p in info.value.problems] == [
        (8, "requirements.two.any_of"),
        (7, "requirements.one.any_of[0]"),
        (9, "requirements.three.any_of[1]"),
    ], [p.format() for p in info.value.problems]


# -- experience -------------------------------------------------------------------------------


def test_experience_loads_and_defaults_to_false(bank_writer: BankWriter) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace("effort_hours: 10", "effort_hours: 10\n    experience: true"),
    )
    bank = load_bank(bank_writer.root)
    assert bank.questions["linux"].experience and not bank.questions["docker"].experience


@pytest.mark.parametrize(
    ("value", "got"),
    [("1", "the number 1"), ("sometimes", "the text 'sometimes'"), ("'true'", "'true'")],
)
def test_experience_must_be_true_or_false(bank_writer: BankWriter, value: str, got: str) -> None:
    bank_writer.write(
        "sections/10-base.yaml",
        BankWriter.SECTION.replace(
            "effort_hours: 10", f"effort_hours: 10\n    experience: {value}"
        ),
    )
    p = only(bank_writer)
    assert p.file.endswith("sections/10-base.yaml") and p.line == 9
    assert p.field == "questions[0].experience"
    assert p.message.startswith("must be true or false; got ") and got in p.message


# -- ready_at ---------------------------------------------------------------------------------


def role_with_ready_at(value: str) -> str:
    return BankWriter.ROLE.replace("  name: Ops\n", f"  name: Ops\n  ready_at: {value}\n")


@pytest.mark.parametrize(("value", "ready_at"), [("60", 60.0), ("100", 100.0), ("0.5", 0.5)])
def test_ready_at_loads(bank_writer: BankWriter, value: str, ready_at: float) -> None:
    bank_writer.write("roles/10-ops.yaml", role_with_ready_at(value))
    role = load_bank(bank_writer.root).roles[0]
    assert role.ready_at == ready_at and isinstance(role.ready_at, float)


def test_ready_at_defaults_to_75(bank_writer: BankWriter) -> None:
    assert load_bank(bank_writer.root).roles[0].ready_at == DEFAULT_READY_AT == 75.0


@pytest.mark.parametrize(
    "value", ["0", "-5", "100.5", "101", "high", "'75'", "75%", "true", ".nan", ".inf", "[75]"]
)
def test_ready_at_must_be_a_percent(bank_writer: BankWriter, value: str) -> None:
    bank_writer.write("roles/10-ops.yaml", role_with_ready_at(value))
    p = only(bank_writer)
    assert (p.file, p.line, p.field) == (role_file(bank_writer), 4, "role.ready_at")
    assert p.message.startswith("must be a percent above 0 and at most 100; got ")


def test_ready_at_belongs_under_role(bank_writer: BankWriter) -> None:
    bank_writer.write("roles/10-ops.yaml", BankWriter.ROLE + "ready_at: 80\n")
    p = only(bank_writer)
    assert p.field == "ready_at" and p.line == 7 and "unknown field" in p.message


# -- the schemas say what the loader says -------------------------------------------------


def schema(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text())
    )


def document(path: Path) -> Any:
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize(("folder", "name"), [("sections", "section"), ("roles", "role")])
def test_the_groups_bank_conforms_to_the_schemas(folder: str, name: str) -> None:
    validator = schema(name)
    for path in sorted((GROUPS_BANK / folder).glob("*.yaml")):
        errors = [e.message for e in validator.iter_errors(document(path))]
        assert not errors, (path.name, errors)


ROLE_DOC: dict[str, Any] = {
    "role": {"id": "ops", "name": "Ops"},
    "requirements": {
        "linux": {"target": 3, "weight": 1},
        "certs": {"any_of": ["ceh", "gsec"], "target": 2, "weight": 1, "title": "A cert"},
    },
}


@pytest.mark.parametrize(
    "broken",
    [
        {"certs": {"any_of": ["ceh"], "target": 2, "weight": 1}},
        {"certs": {"any_of": ["ceh", "ceh"], "target": 2, "weight": 1}},
        {"certs": {"any_of": ["ceh", "Gsec"], "target": 2, "weight": 1}},
        {"certs": {"any_of": ["ceh", "gsec"], "target": 2}},
        {"certs": {"any_of": ["ceh", "gsec"], "target": 2, "weight": 1, "title": ""}},
        {"certs": {"any_of": ["ceh", "gsec"], "target": 2, "weight": 1, "members": 2}},
        {"certs": {"title": "A cert", "target": 2, "weight": 1}},
        {"linux": {"target": 3, "weight": 1, "title": "Linux"}},
    ],
)
def test_the_role_schema_refuses_a_broken_group(broken: dict[str, Any]) -> None:
    validator = schema("role")
    assert not list(validator.iter_errors(ROLE_DOC))
    doc = {**ROLE_DOC, "requirements": {**ROLE_DOC["requirements"], **broken}}
    assert list(validator.iter_errors(doc))


@pytest.mark.parametrize("ready_at", [0, -1, 101, "75", True])
def test_the_role_schema_refuses_a_bad_ready_at(ready_at: object) -> None:
    validator = schema("role")
    assert not list(
        validator.iter_errors({**ROLE_DOC, "role": {"id": "o", "name": "O", "ready_at": 100}})
    )
    doc = {**ROLE_DOC, "role": {"id": "o", "name": "O", "ready_at": ready_at}}
    assert list(validator.iter_errors(doc))


@pytest.mark.parametrize(("experience", "valid"), [(True, True), (False, True), ("yes", False)])
def test_the_section_schema_knows_experience(experience: object, valid: bool) -> None:
    doc = {
        "section": {"id": "s", "title": "S"},
        "questions": [{"id": "q", "prompt": "Q?", "experience": experience}],
    }
    assert (not list(schema("section").iter_errors(doc))) is valid
