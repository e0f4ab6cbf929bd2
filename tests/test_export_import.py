"""The exported JSON document read back: a lossless round trip, and a strict reader of untrusted
input that gives a report or a clean error, never an exception."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillgap.app.reports import read_report_file
from skillgap.core.model import Bank
from skillgap.export.json_docs import report_json
from skillgap.formats.json_reader import FormatError, Reader, loads
from skillgap.formats.report_json import (
    MAX_IMPORT_BYTES,
    REPORT_SCHEMA_VERSION,
    ReportData,
    read_timestamp,
    report_from_json,
)
from skillgap.store import ReportFileError, Store
from tests.test_export_reports import EVIL, make_report
from tests.test_store import BEGINNER


def _doc(bank: Bank) -> dict[str, Any]:
    return report_json(make_report(bank, {"linux": EVIL, "cissp": "a note"}))


def test_an_export_imported_back_equals_the_original(mini_bank: Bank, tmp_path: Path) -> None:
    with Store.open(tmp_path / "first") as first:
        first.save_report(*_scored(mini_bank))  # so ids differ between the two stores
        original = first.get_report(first.save_report(*_scored(mini_bank)))
        text = json.dumps(report_json(original), indent=2)
        data = report_from_json(loads(text))
        assert first.import_report(data.answers, data.result, data.created_at) == (
            original.id,
            False,
        )  # already there: not duplicated
    with Store.open(tmp_path / "second") as second:
        new_id, added = second.import_report(data.answers, data.result, data.created_at)
        assert added and new_id != original.id
        imported = second.get_report(new_id)
    assert imported.created_at == original.created_at
    assert imported.answers == original.answers
    assert imported.result == original.result
    assert (imported.bank_name, imported.bank_version) == (
        original.bank_name,
        original.bank_version,
    )
    assert report_json(imported) == {**report_json(original), "id": new_id}


def _scored(bank: Bank) -> Any:
    from tests.test_store import scored

    return scored(bank, BEGINNER, {"linux": EVIL})


def test_reading_keeps_everything(mini_bank: Bank) -> None:
    report = make_report(mini_bank, {"linux": EVIL})
    data = report_from_json(json.loads(json.dumps(report_json(report))))
    assert data == ReportData(report.created_at, report.answers, report.result, source_id=7)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=REPORT_SCHEMA_VERSION + 1), "newer skillgap"),
        (lambda d: d.update(schema_version=0), "at least 1"),
        (lambda d: d.update(schema_version="1"), "whole number"),
        (lambda d: d.update(kind="something-else"), "not a skillgap report"),
        (lambda d: d.pop("created_at"), "created_at: is missing"),
        (lambda d: d.update(created_at="2024-05-01 09:30"), "ISO 8601"),
        (lambda d: d.update(extra=1), "extra: is not a field"),
        (lambda d: d["answers"].update({"../etc": {"value": 1, "level": 1}}), "not a valid id"),
        (lambda d: d["answers"]["linux"].update(level=9), "answers.linux.level: must be 0-4"),
        (lambda d: d["answers"]["linux"].update(level=True), "whole number"),
        (lambda d: d["answers"]["linux"].update(value=2), "must equal a rating"),
        (lambda d: d["answers"]["linux"].update(note=["x"]), "must be text"),
        (lambda d: d["answers"]["linux"].update(note="x" * 10_001), "longer than"),
        (lambda d: d["result"]["roles"][0].update(score=101), "0-100"),
        (lambda d: d["result"]["roles"][0].update(score=None), "must be a number"),
        (lambda d: d["result"]["roles"][0].update(id="Ops Role"), "not a valid id"),
        (lambda d: d["result"].update(roles={}), "must be a list"),
        (lambda d: d["result"]["next_steps"][0]["gain"].update(ops="1"), "must be a number"),
        (lambda d: d["result"]["bank"].pop("name"), "result.bank.name: is missing"),
        (lambda d: d.update(id=-3), "id: must be"),
    ],
)
def test_bad_documents_name_the_field(mini_bank: Bank, change: Any, message: str) -> None:
    doc = _doc(mini_bank)
    change(doc)
    with pytest.raises(FormatError, match=message):
        report_from_json(doc)


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01T09:30:00Z",
        "2024-05-01T09:30:00.1Z",
        "2024-05-01T11:30:00.123456+02:00",
        "2024-05-01T04:30:00-05:00",
    ],
)
def test_times_with_an_offset_are_read_as_utc(text: str) -> None:
    moment = read_timestamp(Reader(text))
    assert moment.tzinfo == timezone.utc
    assert moment.replace(microsecond=0) == datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01T09:30:00",  # no offset: ambiguous
        "2024-05-01",
        "2024-13-01T09:30:00Z",
        "2024-02-30T09:30:00Z",
        "2024-05-01T25:30:00Z",
        "2024-05-01T09:30:00+24:00",
        "2024-05-01T09:30:00.1234567Z",
        "1900-05-01T09:30:00Z",
        " 2024-05-01T09:30:00Z",
        "2024-05-01t09:30:00z",
        "\uff12\uff10\uff12\uff14-05-01T09:30:00Z",  # full-width digits
    ],
)
def test_times_are_parsed_strictly(text: str) -> None:
    with pytest.raises(FormatError):
        read_timestamp(Reader(text, "created_at"))


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"[]",
        b"{",
        b'{"a": NaN}',
        b'{"a": Infinity}',
        b'{"a": 1, "a": 2}',
        b"[" * 100_000,
        b"1" * 5000,
        b"\xff\xfe\x00",
    ],
)
def test_malformed_json_is_a_clean_error(text: bytes) -> None:
    with pytest.raises(FormatError):
        report_from_json(loads(text))


def test_import_files_are_bounded_and_errors_name_the_file(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_IMPORT_BYTES + 1))
    with pytest.raises(ReportFileError, match=f"{big}: is over 5 MiB"):
        read_report_file(big)
    with pytest.raises(ReportFileError, match="cannot read"):
        read_report_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    with pytest.raises(ReportFileError, match=f"^{bad}: created_at: is missing; import reads "):
        read_report_file(bad)


# -- fuzzing ----------------------------------------------------------------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)


def _accept_or_reject(data: Any) -> None:
    try:
        result = report_from_json(data)
    except FormatError as exc:
        assert str(exc) and str(exc).isprintable(), str(exc)
    else:
        assert isinstance(result, ReportData)


@settings(max_examples=100, deadline=None)
@given(_json)
def test_fuzz_any_json_value(data: Any) -> None:
    _accept_or_reject(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_fuzz_any_bytes(raw: bytes) -> None:
    try:
        data = loads(raw)
    except FormatError:
        return
    _accept_or_reject(data)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*prefix, i))
    return found


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_a_valid_document_with_one_part_replaced(mini_bank: Bank, data: Any) -> None:
    doc = copy.deepcopy(_doc(mini_bank))
    paths = _paths(doc)[1:]
    path = data.draw(st.sampled_from(paths))
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(_json)
    _accept_or_reject(doc)
