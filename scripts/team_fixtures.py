"""Write the small team of exported reports tests/test_team*.py compute by hand, into
tests/data/team/ (the mini bank of tests/data/banks/mini):

    .venv/bin/python scripts/team_fixtures.py [FOLDER]

people/ holds the team: Ada (and an older report of " ada ", which must not count), Bo, Cy,
a report with no name, and Dee's report of another bank ("Other bank" 9.9: kubernetes, cissp
and background not assessed, an unknown id terraform). bad/ holds a JSON file that is not a
report, one of another kind and one cut short. A file over the import cap is made by the tests
(5 MiB is too much to commit).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from skillgap.core.answering import make_answer  # noqa: E402
from skillgap.core.model import Answers, Bank  # noqa: E402
from skillgap.core.scoring import score  # noqa: E402
from skillgap.formats.bank import load_bank  # noqa: E402
from skillgap.formats.report_json import report_to_json  # noqa: E402

MINI_BANK = ROOT / "tests" / "data" / "banks" / "mini"
OUT = ROOT / "tests" / "data" / "team"

#: file -> (name, created_at, answers as an answers file gives them)
TEAM: dict[str, tuple[str, str, dict[str, Any]]] = {
    "ada.json": (
        "Ada",
        "2026-11-20T10:00:00",
        {"linux": 4, "docker": 3, "kubernetes": 2, "scanning": 1, "cissp": "none",
         "background": ["ops"]},
    ),
    "ada-older.json": (
        " ada ",
        "2026-05-01T10:00:00",
        {"linux": 1, "docker": 0, "kubernetes": 0, "scanning": 0, "cissp": "none",
         "background": []},
    ),
    "bo.json": (
        "Bo",
        "2026-11-21T10:00:00",
        {"linux": 3, "docker": 1, "kubernetes": 0, "scanning": 3, "cissp": "held",
         "background": ["sec"]},
    ),
    "cy.json": (
        "Cy",
        "2026-11-22T10:00:00",
        {"linux": 2, "docker": 2, "kubernetes": 1, "scanning": 0, "cissp": "studying",
         "background": []},
    ),
    "unnamed.json": (
        "",
        "2026-11-23T10:00:00",
        {"linux": 0, "docker": 0, "kubernetes": 0, "scanning": 0, "cissp": "none",
         "background": None},
    ),
}  # fmt: skip
FOREIGN = ("dee.json", "Dee", "2026-11-24T10:00:00", {"linux": 3, "docker": 4, "scanning": 2})


def _answers(bank: Bank, given: dict[str, Any]) -> Answers:
    found = {}
    for qid, value in given.items():
        question = bank.questions[qid]
        found[qid] = make_answer(question, value)
    return Answers(found)


def _document(bank: Bank, name: str, when: str, given: dict[str, Any]) -> dict[str, Any]:
    answers = _answers(bank, given)
    result = score(bank, answers)
    moment = datetime.fromisoformat(when).replace(tzinfo=timezone.utc)
    return report_to_json(None, moment, answers, result, name)


def write(folder: Path = OUT) -> list[Path]:
    bank = load_bank(MINI_BANK)
    people, bad = folder / "people", folder / "bad"
    people.mkdir(parents=True, exist_ok=True)
    bad.mkdir(parents=True, exist_ok=True)
    written = []
    for file, (name, when, given) in TEAM.items():
        written.append(_dump(people / file, _document(bank, name, when, given)))
    file, name, when, given = FOREIGN
    other = replace(bank, name="Other bank", version="9.9")
    document = _document(other, name, when, given)
    document["answers"]["terraform"] = {"value": 3, "level": 3}
    written.append(_dump(people / file, document))
    written.append(_dump(bad / "not-a-report.json", {"hello": "world"}))
    written.append(_dump(bad / "other-kind.json", {"kind": "someone-elses-report", "v": 1}))
    cut = json.dumps(_document(bank, "Eve", "2026-11-25T10:00:00", TEAM["bo.json"][2]))
    (bad / "cut-short.json").write_text(cut[: len(cut) // 2], encoding="utf-8")
    written.append(bad / "cut-short.json")
    return written


def _dump(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
