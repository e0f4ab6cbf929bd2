"""Load and validate a question bank directory into a `Bank`.

A bank is `bank.yaml`, `sections/*.yaml` and `roles/*.yaml` (see questions/README.md). Every
problem names the file, the line and the field, and all problems found are reported together,
so an author can fix them in one go.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillgap.core import prerequisites
from skillgap.core.model import (
    DEFAULT_READY_AT,
    LEVELS,
    Bank,
    MarketFigure,
    Question,
    Requirement,
    Role,
    Section,
)
from skillgap.formats import limits, yamlfile
from skillgap.formats.fields import (
    Field,
    FileChecker,
    InvalidFile,
    Problem,
    did_you_mean,
    id_problem,
    is_kebab,
)
from skillgap.formats.questions import read_question
from skillgap.formats.role_context import read_period, read_tables, read_views
from skillgap.paths import bundled_bank_dir, default_bank_dir

DEFAULT_SCALE: tuple[str, ...] = ("Not yet", "Aware", "Practised", "Independent", "Expert")


class BankError(InvalidFile):
    """A bank that cannot be used, with every problem found."""


def load_bank(directory: Path) -> Bank:
    """Load and validate the bank in `directory`; raise BankError listing every problem."""
    return _BankLoader(directory).load()


# -- one loader per call: gathers problems across files -------------------------------------


@dataclass
class _Located:
    """Where an id was defined, for duplicate and cross-reference messages."""

    checker: FileChecker
    path: tuple[str | int, ...]

    def where(self) -> str:
        line = self.checker.line(self.path)
        return f"{self.checker.display}:{line}" if line else self.checker.display


class _BankLoader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []
        self.checkers: list[FileChecker] = []
        self.question_at: dict[str, _Located] = {}
        self.section_at: dict[str, _Located] = {}
        self.role_at: dict[str, _Located] = {}
        # Question ids refused where they were written (not kebab-case, too long): already
        # reported once, so neither a second refused id nor a reference to one says it again.
        self.refused_ids: set[str] = set()
        self.over_limit: set[str] = set()

    def load(self) -> Bank:
        if not self.directory.is_dir():
            what = "bank folder not found (a bank is a folder of bank.yaml, sections/ and roles/)"
            raise BankError([Problem(str(self.directory), None, "", what)])
        header = self._load_header()
        sections: list[Section] = []
        questions: dict[str, Question] = {}
        for checker in self._files("sections"):
            section = self._section(checker, questions)
            if section is not None:
                sections.append(section)
        roles = self._roles()
        if not sections and not self._has_problems():
            self._problem(self.directory / "sections", "", "the bank has no section files")
        if not roles and not self._has_problems():
            self._problem(self.directory / "roles", "", "the bank has no role files")
        self._check_references(questions, roles)
        self._check_cycles(questions)
        problems = self.problems + [p for c in self.checkers for p in c.problems()]
        if problems:
            raise BankError(problems)
        name, version, scale, description = header
        return Bank(
            name=name,
            version=version,
            scale=scale,
            sections=tuple(sections),
            questions=questions,
            roles=tuple(roles),
            description=description,
        )

    def _has_problems(self) -> bool:
        return bool(self.problems) or any(c.has_problems for c in self.checkers)

    def _problem(self, path: Path, field: str, message: str) -> None:
        self.problems.append(Problem(str(path), None, field, message))

    def _open(self, path: Path) -> FileChecker | None:
        try:
            source = yamlfile.read_text(path)
            data = yamlfile.parse(source)
        except yamlfile.YamlFileError as exc:
            self.problems.append(Problem(str(exc.path), exc.line, "", exc.message))
            return None
        checker = FileChecker(source, data)
        self.checkers.append(checker)
        return checker

    def _files(self, folder: str) -> Iterator[FileChecker]:
        base = self.directory / folder
        if not base.is_dir():
            self._problem(base, "", f"missing folder '{folder}/'")
            return
        paths = sorted(p for p in base.iterdir() if p.suffix in (".yaml", ".yml"))
        for path in paths:
            checker = self._open(path)
            if checker is not None:
                yield checker

    # -- bank.yaml ---------------------------------------------------------------------------

    def _load_header(self) -> tuple[str, str, tuple[str, ...], str]:
        path = self.directory / "bank.yaml"
        fallback = ("", "", DEFAULT_SCALE, "")
        if not path.is_file():
            self._problem(path, "", "missing bank.yaml (it names the bank and its version)")
            return fallback
        checker = self._open(path)
        if checker is None:
            return fallback
        root = checker.root(("name", "version", "description", "scale"), ("name", "version"))
        if root is None:
            return fallback
        name = root.text("name", required=True, max_length=limits.MAX_BANK_NAME)
        version = root.version("version", max_length=limits.MAX_BANK_VERSION)
        description = root.text("description")
        scale = DEFAULT_SCALE
        scale_field = root.child("scale")
        if scale_field is not None and scale_field.is_mapping():
            labels = dict(scale_field.int_keyed_text(LEVELS))
            missing = [str(level) for level in LEVELS if level not in labels]
            if missing:
                scale_field.error(
                    f"needs a label for every level 0-4; missing {', '.join(missing)}"
                )
            else:
                scale = tuple(labels[level] for level in LEVELS)
        return name, version, scale, description

    # -- sections ----------------------------------------------------------------------------

    def _section(self, checker: FileChecker, questions: dict[str, Question]) -> Section | None:
        root = checker.root(("section", "questions"), what="a section file")
        if root is None:
            return None
        head = root.child("section", required=True)
        if head is None or not head.check_mapping(("id", "title", "description")):
            return None
        section_id = head.ident("id")
        title = head.text("title", required=True)
        description = head.text("description")
        if section_id:
            self._claim(self.section_at, "section", section_id, head.child("id"))
        items = root.child("questions", required=True)
        ids: list[str] = []
        # No limit per section: the bank's questions are counted across sections below.
        if items is not None and items.check_list(non_empty=True, max_items=sys.maxsize):
            for item in items.items():
                question = read_question(item, section_id)
                if question is None:
                    continue
                if not question.id:
                    self._refuse(item.child("id"))
                    continue
                if len(questions) >= limits.MAX_ITEMS:
                    self._one_too_many(item, "questions")
                    continue
                if self._claim(self.question_at, "question", question.id, item.child("id")):
                    questions[question.id] = question
                    ids.append(question.id)
        return Section(section_id, title, description, tuple(ids))

    def _one_too_many(self, field: Field, what: str) -> None:
        """The first question or role past the limit says so, once for the bank."""
        if what not in self.over_limit:
            self.over_limit.add(what)
            field.error(f"a bank holds at most {limits.MAX_ITEMS:,} {what}; this is one more")

    def _refuse(self, field: Field | None) -> None:
        """Remember the id a question was refused under (its problem is already recorded)."""
        value = field.value if field is not None else None
        if isinstance(value, str):
            self.refused_ids.add(value.strip())
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.refused_ids.add(str(value))

    def _claim(self, seen: dict[str, _Located], what: str, ident: str, field: Field | None) -> bool:
        """Record where `ident` is defined; report a duplicate at the later place."""
        if field is None:
            return False
        if ident in seen:
            field.error(f"duplicate {what} id '{ident}' (first defined at {seen[ident].where()})")
            return False
        seen[ident] = _Located(field.checker, field.path)
        return True

    # -- roles -------------------------------------------------------------------------------

    def _roles(self) -> list[Role]:
        roles: list[Role] = []
        for checker in self._files("roles"):
            role = self._role(checker)
            if role is None:
                continue
            if len(roles) >= limits.MAX_ITEMS:
                self._one_too_many(
                    checker.root_field().child("role") or checker.root_field(), "roles"
                )
                continue
            roles.append(role)
        return roles

    def _role(self, checker: FileChecker) -> Role | None:
        root = checker.root(("role", "requirements"), what="a role file")
        if root is None:
            return None
        head = root.child("role", required=True)
        allowed = ("id", "name", "summary", "responsibilities", "background", "education",
                   "market", "tables", "views", "ready_at")  # fmt: skip
        if head is None or not head.check_mapping(allowed):
            return None
        role_id = head.ident("id")
        if role_id:
            self._claim(self.role_at, "role", role_id, head.child("id"))
        ready_field = head.child("ready_at")
        ready_at = ready_field.percent() if ready_field is not None else None
        requirements: list[Requirement] = []
        field = root.child("requirements", required=True)
        if field is not None and field.is_mapping():
            if not field.value:
                field.error("a role needs at least one requirement")
            for key, spec in field.entries():
                requirement = _requirement(key, spec)
                if requirement is not None:
                    requirements.append(requirement)
        market: list[MarketFigure] = []
        market_field = head.child("market")
        if market_field is not None and market_field.check_list():
            for item in market_field.items():
                allowed_figure = ("label", "value", "source", "date", "period")
                if item.check_mapping(allowed_figure, ("label", "value")):
                    market.append(
                        MarketFigure(
                            item.text("label"),  # required: said once, by check_mapping
                            item.text("value", numbers_ok=True),
                            item.text("source"),
                            item.text("date", numbers_ok=True),
                            read_period(item),
                        )
                    )
        return Role(
            id=role_id,
            name=head.text("name", required=True),
            summary=head.text("summary"),
            requirements=tuple(requirements),
            responsibilities=head.text_list("responsibilities"),
            background=head.text_list("background"),
            education=head.text_list("education"),
            market=tuple(market),
            tables=read_tables(head),
            views=read_views(head),
            ready_at=DEFAULT_READY_AT if ready_at is None else ready_at,
        )

    # -- across files ------------------------------------------------------------------------

    def _unknown(
        self, field: Field, kind: str, ident: str, known: dict[str, Any], at_key: bool = True
    ) -> None:
        if ident in self.refused_ids:
            return  # the question's own id was refused, and said so where it is written
        hint = did_you_mean(ident, known)
        field.error(f"{kind} '{ident}' names no question{hint}", at_key=at_key)

    def _check_references(self, questions: dict[str, Question], roles: list[Role]) -> None:
        if not questions:
            return
        for role in roles:
            located = self.role_at.get(role.id)
            if located is None:
                continue
            field = located.checker.root_field().child("requirements")
            if field is None:
                continue
            entries = list(field.entries(report=False))  # _role reported keys that are not text
            groups = {key for key, spec in entries if _is_group(spec.value)}
            direct = {key: spec for key, spec in entries if key not in groups}
            grouped: dict[str, str] = {}  # member -> the first group of this role naming it
            for qid, spec in entries:
                if qid in groups:
                    self._check_group(qid, spec, questions, groups, direct, grouped)
                    continue
                if qid not in questions:
                    if not _misspelt_group(spec.value):  # its misspelt any_of says it all
                        self._unknown(spec, "requirement", qid, questions)
                    continue
                target = spec.value.get("target") if isinstance(spec.value, dict) else None
                top = questions[qid].reachable_levels()[-1]
                if isinstance(target, int) and top < target <= 4:
                    spec.error(
                        f"target {target} is out of reach: the options of '{qid}' reach {top}"
                    )
        for qid in questions:
            at = self.question_at[qid]
            item = at.checker.field(at.path[:-1])
            requires = item.child("requires") if item is not None else None
            if requires is None:
                continue
            for pid, spec in requires.entries(report=False):
                if pid == qid:
                    spec.error(f"question '{qid}' cannot require itself", at_key=True)
                elif pid not in questions:
                    self._unknown(spec, "prerequisite", pid, questions)
                elif isinstance(spec.value, int) and (
                    (top := questions[pid].reachable_levels()[-1]) < spec.value <= 4
                ):
                    spec.error(
                        f"needs '{pid}' at level {spec.value}, but its options reach at most {top}"
                    )

    def _check_group(
        self,
        group_id: str,
        spec: Field,
        questions: dict[str, Question],
        groups: set[str],
        direct: dict[str, Field],
        grouped: dict[str, str],
    ) -> None:
        """A group's cross-references: its id is no question's, each member names a question
        counted once in the role, and the best member can reach the target."""
        if group_id in questions:
            first = self.question_at[group_id].where()
            spec.error(
                f"group id '{group_id}' is also a question's id (defined at {first});"
                " a group needs an id of its own",
                at_key=True,
            )
        members_field = spec.child("any_of")
        if members_field is None or not isinstance(members_field.value, list):
            return  # said so where the group was read
        members: dict[str, None] = {}  # in order, and quick to look up in a long list
        complete = True  # every member names a question, so the target's reach is known
        for item in members_field.items():
            member = item.value.strip() if isinstance(item.value, str) else ""
            if not member or member in members:
                complete = False  # not text, empty, or listed twice: said so already
                continue
            members[member] = None
            if member not in questions:
                complete = False
                if member in groups:
                    item.error(f"member '{member}' is a group, not a question: groups do not nest")
                else:
                    self._unknown(item, "member", member, questions, at_key=False)
                continue
            if member in direct:
                line = direct[member].checker.line(direct[member].path, at_key=True)
                item.error(
                    f"'{member}' is also a requirement of this role on its own (line {line});"
                    " a member of a group too, it would count twice"
                )
            elif member in grouped:
                item.error(
                    f"'{member}' is already a member of group '{grouped[member]}' of this role;"
                    " a member of two groups, it would count twice"
                )
            else:
                grouped[member] = group_id
        target = spec.value.get("target")
        if complete and members and isinstance(target, int) and not isinstance(target, bool):
            best = max(questions[m].reachable_levels()[-1] for m in members)
            if best < target <= 4:
                spec.error(
                    f"target {target} is out of reach: the options of its members reach at"
                    f" most {best}"
                )

    def _check_cycles(self, questions: dict[str, Question]) -> None:
        # A question naming itself is reported on its own, not as a cycle.
        graph = {
            qid: {pid: lvl for pid, lvl in q.requires.items() if pid != qid}
            for qid, q in questions.items()
        }
        found = False
        for cycle in prerequisites.cycles(graph):
            found = True
            self._prerequisite_error(
                cycle[-2], cycle[-1], "prerequisites form a cycle: " + " -> ".join(cycle)
            )
        if found:
            return
        for qid, depth in prerequisites.depths(graph).items():
            if depth > prerequisites.MAX_DEPTH and questions[qid].requires:
                pid = next(iter(questions[qid].requires))
                limit = prerequisites.MAX_DEPTH
                self._prerequisite_error(
                    qid, pid, f"the chain of prerequisites is {depth} deep; the limit is {limit}"
                )
                return

    def _prerequisite_error(self, qid: str, pid: str, message: str) -> None:
        at = self.question_at[qid]
        item = at.checker.field(at.path[:-1])
        requires = item.child("requires") if item else None
        spec = requires.child(pid) if requires else None
        if spec is not None:
            spec.error(message, at_key=True)


# -- requirements ----------------------------------------------------------------------------

#: The fields of a requirement: `target`, `weight` and `essential` on one question; a group adds
#: `any_of` (its members) and `title`.
REQUIREMENT_FIELDS = ("target", "weight", "essential", "any_of", "title")


def _is_group(value: Any) -> bool:
    """A requirement written as a group: it lists members (or names itself, as only a group
    may, and is then missing its members)."""
    return isinstance(value, dict) and ("any_of" in value or "title" in value)


def _misspelt_group(value: Any) -> bool:
    """A requirement with a field that reads as a misspelt `any_of` (`any-of`, `anyof`): a
    group meant, whose unknown field is its one message, not also "names no question"."""
    return isinstance(value, dict) and any(
        key not in REQUIREMENT_FIELDS and did_you_mean(str(key), ("any_of",)) for key in value
    )


def _requirement(key: str, spec: Field) -> Requirement | None:
    """One entry of a role's `requirements`, on one question or an any-of group. What needs
    the bank's questions (unknown members, reach) is `_BankLoader._check_references`'."""
    group = _is_group(spec.value)
    required = ("any_of", "target", "weight") if group else ("target", "weight")
    if not spec.check_mapping(REQUIREMENT_FIELDS, required):
        return None
    target_field = spec.child("target")
    weight_field = spec.child("weight")
    target = target_field.level(range(1, 5)) if target_field else None
    weight = weight_field.positive_number(limits.MAX_WEIGHT) if weight_field else None
    essential = spec.flag("essential")
    if not group:
        if target is not None and weight is not None:
            return Requirement(key, target, weight, essential)
        return None
    problem = id_problem(key)
    if problem is not None:
        spec.error(f"group {problem}", at_key=True)
    members = _members(spec.child("any_of"))
    title = spec.text("title")
    if target is None or weight is None or problem is not None or len(members) < 2:
        return None
    return Requirement(key, target, weight, essential, any_of=members, title=title)


def _members(field: Field | None) -> tuple[str, ...]:
    """A group's `any_of`: two or more question ids, each once."""
    if field is None or not field.check_list():
        return ()
    members: dict[str, None] = {}  # in order, and quick to look up in a long list
    for item in field.items():
        member = item.as_text()
        if not member:
            continue
        if member in members:
            item.error(f"'{member}' is listed twice in this group")
            continue
        members[member] = None
    if len(field.value) < 2:
        field.error(
            "a group needs at least two members (the questions whose best answer counts);"
            " for one question, require it on its own"
        )
    return tuple(members)


__all__ = ["BankError", "Problem", "bundled_bank_dir", "default_bank_dir", "is_kebab", "load_bank"]
