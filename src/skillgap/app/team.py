"""Reading a team's shared reports for `skillgap team` (and, later, the TUI's Team screen).

Files are exported JSON reports (`skillgap report export ID -o x.json`); a folder means every
`*.json` directly in it. Each file is untrusted input, read under `report import`'s size cap
(MAX_IMPORT_BYTES) with its errors (ReportFileError, exit 2), strictly parsed (no duplicate
keys, no NaN), and checked field by field for what the team view uses: the document's kind and
schema version, the time, the name, every answer, the bank and the quiz mode. The rest of the
result (scores as computed then, steps, resources) is not read: the team is scored afresh
against the bank in use, and nothing is saved, so the user's own database is never opened.

What the Team screen needs: `team_paths` (a folder's reports), `read_team` (the members read and
the bad files, never raising for one bad file), then `core.team.build_team` and `team_notes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgap.core.team import Member, QuestionCounts, Team
from skillgap.formats.json_reader import Reader

if TYPE_CHECKING:
    from skillgap.core.model import Bank, Option


@dataclass(frozen=True)
class BadFile:
    """A file that is not a report the team can read, and why (one line, naming the file)."""

    path: str
    message: str


@dataclass(frozen=True)
class TeamFiles:
    members: tuple[Member, ...]
    bad: tuple[BadFile, ...] = ()
    #: How many files were given in all (folders expanded).
    files: int = 0


def team_paths(given: Iterable[str | Path]) -> tuple[list[Path], list[BadFile]]:
    """The files to read, in order: each file as given; a folder's `*.json` files (not its
    sub-folders), sorted by name. A path that does not exist, or a folder with no report
    in it, is a bad file."""
    files: list[Path] = []
    bad: list[BadFile] = []
    for item in given:
        path = Path(item)
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
            except OSError as exc:
                bad.append(BadFile(str(path), f"{path}: cannot list it: {exc.strerror or exc}"))
                continue
            if not found:
                bad.append(BadFile(str(path), f"{path}: a folder with no *.json report in it"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            bad.append(BadFile(str(path), f"{path}: no such file or folder"))
    return files, bad


def read_team(given: Iterable[str | Path], bank: Bank) -> TeamFiles:
    """Every report in `given` (files and folders) read against `bank`; a bad file is kept
    in `bad` with its reason and never stops the others."""
    from skillgap.store import ReportFileError

    paths, bad = team_paths(given)
    given_count = len(paths) + len(bad)
    members = []
    for path in paths:
        try:
            members.append(read_member(path, bank))
        except ReportFileError as exc:
            bad.append(BadFile(str(path), str(exc)))
    return TeamFiles(tuple(members), tuple(bad), given_count)


def read_member(path: Path, bank: Bank) -> Member:
    """One exported report as a team member: ReportFileError (exit 2) naming the file and the
    reason when it is over the cap, not JSON, not a skillgap report, or damaged."""
    from skillgap.app.reports import read_export_bytes
    from skillgap.formats import limits
    from skillgap.formats.json_reader import FormatError, loads
    from skillgap.formats.report_json import read_document, read_person_name, read_timestamp
    from skillgap.store import ReportFileError

    data = read_export_bytes(path)
    try:
        document = loads(data)
        f = read_document(document)
        levels, unknown = answer_levels(f["answers"], bank)
        result = f["result"].obj(("bank",), _RESULT_FIELDS)
        bank_fields = result["bank"].obj(("name", "version"))
        bank_name = bank_fields["name"].text(limits.MAX_BANK_NAME)
        bank_version = bank_fields["version"].text(limits.MAX_BANK_VERSION)
        mode = result["mode"].text(10) if "mode" in result else "full"
        if mode not in ("full", "quick"):
            raise result["mode"].fail("must be full or quick")
        created_at = read_timestamp(f["created_at"])
        name = read_person_name(f["name"]) if "name" in f else ""
    except FormatError as exc:
        raise ReportFileError(
            f"{path}: {exc}; skillgap team reads what skillgap report export ID -o FILE.json writes"
        ) from None
    same_bank = bank_name == bank.name and bank_version == bank.version
    assessed = None if same_bank and mode == "full" else frozenset(levels)
    return Member(
        name=name,
        source=path.name,
        created_at=created_at,
        levels=levels,
        assessed=assessed,
        bank_name=bank_name,
        bank_version=bank_version,
        unknown=unknown,
        path=str(path),
    )


def answer_levels(reader: Reader, bank: Bank) -> tuple[dict[str, int], tuple[str, ...]]:
    """A report's answers as levels by question id of `bank`, and the ids `bank` does not
    have, checked as formats.report_json.read_report_answers checks them (FormatError).

    The answers are most of a report, and the team reads thousands: an entry of the plain
    kind (a question of `bank`; a value it can take, so an id its validator accepted; the
    level; perhaps a note) is checked here directly, and every other entry (a knowledge check
    on it, an id or option `bank` does not have, anything odd) goes through the full reader,
    which names the problem. tests/test_team_read.py holds the two equal."""
    from skillgap.formats.json_reader import MAX_ITEMS, MAX_TEXT_LENGTH
    from skillgap.formats.report_json import read_report_answers

    raw = reader.value
    if type(raw) is not dict or len(raw) > MAX_ITEMS:
        answers = read_report_answers(reader)  # refuses it, naming the problem
        raw = {qid: {"level": a.level} for qid, a in answers.by_question.items()}
    questions = bank.questions
    levels: dict[str, int] = {}
    other: dict[str, Any] = {}
    for qid, entry in raw.items():
        question = questions.get(qid)
        level = entry.get("level") if type(entry) is dict else None
        if (
            question is not None
            and type(level) is int
            and 0 <= level <= 4
            and _plain(entry, level, question.options, MAX_ITEMS, MAX_TEXT_LENGTH)
        ):
            levels[question.id] = level  # the bank's string: 10,000 people share it
        else:
            other[qid] = entry
    if other:
        checked = read_report_answers(Reader(other, reader.where))
        for qid, answer in checked.by_question.items():
            if qid in questions:
                levels[questions[qid].id] = answer.level
    return levels, tuple(qid for qid in raw if qid not in questions)


def _plain(
    entry: dict[str, Any], level: int, options: Sequence[Option], max_items: int, max_text: int
) -> bool:
    """Whether an answer entry is one the fast path may take: value and level (and a note)."""
    if len(entry) != 2:
        note = entry.get("note")
        if len(entry) != 3 or type(note) is not str or len(note) > max_text:
            return False
    if "value" not in entry:
        return False
    value = entry["value"]
    if value is None:
        return level == 0
    kind = type(value)
    if kind is int:
        return bool(value == level)
    if kind is str:
        return any(o.id == value for o in options)
    if kind is list:
        return len(value) <= max_items and all(
            type(v) is str and any(o.id == v for o in options) for v in value
        )
    return False


#: The result's fields besides its bank: allowed, and not read (see the module's docstring).
_RESULT_FIELDS = (
    "roles",
    "next_steps",
    "unanswered",
    "skipped",
    "claims",
    "not_asked",
    "mode",
    "target_role",
    "not_assessed",
    "carried",
)


def team_notes(team: Team, *, limit: int = 8) -> list[str]:
    """What the team view says about its input, plain text (each output escapes it): reports
    left for a newer one of the same person, reports without a name, reports of another bank
    or version and the question ids left out of them."""
    notes = []
    for s in team.superseded:
        which = f" ({s.source})" if s.source else ""
        notes.append(f"{s.person}: an older report{which} left out; the newest counts")
    unnamed = [m.source for m in team.members if not m.name]
    if unnamed:
        shown = ", ".join(unnamed[:limit]) + (" ..." if len(unnamed) > limit else "")
        notes.append(
            f"{len(unnamed)} report(s) carry no name: each is its own person, labelled by its"
            f" file ({shown})"
        )
    for m in team.members:
        if (m.bank_name, m.bank_version) != (team.bank_name, team.bank_version):
            note = f"{m.label}: a report of {m.bank_name} {m.bank_version}, matched by question id"
            if m.unknown:
                ids = ", ".join(m.unknown[:limit]) + (" ..." if len(m.unknown) > limit else "")
                note += f"; {len(m.unknown)} unknown id(s) left out: {ids}"
            notes.append(note)
        elif m.unknown:
            notes.append(f"{m.label}: {len(m.unknown)} unknown id(s) left out")
    return notes


def build(
    given: Sequence[str | Path],
    bank: Bank,
    target_role: str | None = None,
    *,
    anonymous: bool = False,
) -> tuple[Team, TeamFiles]:
    """Read and aggregate in one call (bad files are in the second value, left out)."""
    from skillgap.core.team import build_team

    files = read_team(given, bank)
    return build_team(bank, files.members, target_role, anonymous=anonymous), files


# -- what the TUI's Team screen shows -----------------------------------------------------------


def role_need(team: Team, bank: Bank) -> dict[str, float]:
    """Question id -> the weight the roles the team was built for give it (summed over both
    roles when none was chosen); a question no role needs is left out."""
    considered = {r.id for r in team.roles}
    need: dict[str, float] = {}
    for role in bank.roles:
        if role.id not in considered:
            continue
        for req in role.requirements:
            for qid in req.question_ids:
                need[qid] = need.get(qid, 0.0) + req.weight
    return need


def rows_by_need(team: Team, bank: Bank) -> list[QuestionCounts]:
    """The matrix's rows, most needed first (the weight role_need gives), the bank's order
    among equals, and the questions no role considered needs last."""
    need = role_need(team, bank)
    order = {q.id: i for i, q in enumerate(team.questions)}
    return sorted(team.questions, key=lambda q: (-need.get(q.id, 0.0), order[q.id]))


def level_of(member: Member, qid: str) -> int | None:
    """A member's level on a question, None when their report did not assess it."""
    if member.assessed is not None and qid not in member.assessed:
        return None
    return member.levels.get(qid, 0)
