"""Fuzzing every parser of outside input with hypothesis: a bank, an answers file. Each ends in
a result or a clean error that names the file, never another exception."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillgap.core.model import Bank
from skillgap.formats.answers import AnswersError, load_answers
from skillgap.formats.bank import BankError, load_bank
from tests.conftest import MINI_BANK, BankWriter

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["linux", "docker", "ops", "1", "rating", "choice", "multi", "", "-"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=10) | st.integers(0, 5), inner, max_size=4)
    ),
    max_leaves=12,
)

BASE = {
    "bank.yaml": yaml.safe_load(BankWriter.BANK),
    "sections/10-base.yaml": yaml.safe_load(BankWriter.SECTION),
    "roles/10-ops.yaml": yaml.safe_load(BankWriter.ROLE),
}


_MINI: list[Bank] = []


def mini() -> Bank:
    if not _MINI:
        _MINI.append(load_bank(MINI_BANK))
    return _MINI[0]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


def check_problems(error: BankError | AnswersError, root: Path) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.file.startswith(str(root))
        assert problem.message
        assert "\n" not in problem.format()


def load_or_error(root: Path) -> Bank | None:
    try:
        return load_bank(root)
    except BankError as error:
        check_problems(error, root)
        return None


@FUZZ
@given(st.data())
def test_a_valid_bank_with_one_field_broken(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(BASE)))
    doc = copy.deepcopy(BASE[name])
    path = data.draw(st.sampled_from(paths(doc)))
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        doc = data.draw(values)
    else:
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        if action == "replace":
            parent[path[-1]] = data.draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=12))] = data.draw(values)
        else:
            parent.append(data.draw(values))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for file_name, content in BASE.items():
            target = root / file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            text = yaml.dump(
                doc if file_name == name else content, Dumper=yaml.CSafeDumper, allow_unicode=True
            )
            target.write_text(text, encoding="utf-8")
        load_or_error(root)


@FUZZ
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_random_text_as_a_section_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        BankWriter(root)
        (root / "sections" / "20-fuzz.yaml").write_text(
            text, encoding="utf-8", errors="surrogateescape"
        )
        load_or_error(root)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_as_an_answers_file(raw: bytes) -> None:
    bank = mini()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.yaml"
        path.write_bytes(raw)
        try:
            load_answers(path, bank)
        except AnswersError as error:
            check_problems(error, Path(tmp))


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["linux", "docker", "cissp", "background", "nope", "scanning"])
        | st.text(max_size=8),
        values,
        max_size=6,
    ),
    st.one_of(st.none(), st.dictionaries(st.text(max_size=8), values, max_size=3)),
)
def test_structured_answers_files(answers: dict[str, Any], notes: Any) -> None:
    bank = mini()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.yaml"
        doc: dict[str, Any] = {"answers": answers}
        if notes is not None:
            doc["notes"] = notes
        path.write_text(
            yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8"
        )
        try:
            loaded = load_answers(path, bank)
        except AnswersError as error:
            check_problems(error, Path(tmp))
        else:
            for answer in loaded.by_question.values():
                assert 0 <= answer.level <= 4
