"""The state of a quiz in progress: which questions, where the person is, what they said.

Plain Python, no Textual: the quiz screen drives it, the store persists it as a `Session`, and
tests can exercise it directly. It never scores; scoring happens once, on finish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

from skillgap.core import adaptive, checks
from skillgap.core.answering import make_answer
from skillgap.core.model import Answer, Answers, Bank, Check, Question, Section

Mode = Literal["quick", "full"]
Value = int | str | tuple[str, ...] | None
#: How a quiz starts: from the last report's answers (each question offers last time's answer
#: first) or fresh. Stored with the session, so a resumed quiz starts as it was chosen.
Start = Literal["last", "fresh"]
STARTS: tuple[Start, ...] = ("last", "fresh")


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Session:
    """The one quiz in progress."""

    bank_name: str
    bank_version: str
    mode: str  # "quick" | "full"
    answers: Answers
    position: int
    started_at: datetime
    updated_at: datetime
    #: "last": each question offers the last report's answer first; "fresh": it does not.
    start: Start = "fresh"


@dataclass
class QuizState:
    bank: Bank
    mode: Mode
    answers: Answers = field(default_factory=Answers)
    #: Index of the question on screen; len(questions) once every question has been seen.
    position: int = 0
    started_at: datetime = field(default_factory=now)
    #: Ask a knowledge check after a claim of level 3+ (the checks setting).
    checks_on: bool = True
    #: Leave out questions whose prerequisite was answered 0 (the adaptive setting).
    adaptive_on: bool = True
    #: The last report's answers, so this assessment's checks differ from that one's.
    previous: Answers | None = None
    #: The id of the report `previous` comes from: a Quick quiz carries its answers over for
    #: the questions it does not ask.
    previous_id: int | None = None
    #: That report's own carried answers (its Result.carried), so an answer carried twice
    #: still names the report it was given in.
    previous_carried: dict[str, int] = field(default_factory=dict)
    #: When the report `previous` comes from was saved (for "report 4, 2026-11-02").
    previous_at: datetime | None = None
    #: Whether each question offers last time's answer first (Enter keeps it): "last", or
    #: "fresh"; None while not yet chosen (a new quiz with a previous report asks once).
    start: Start | None = None

    def __post_init__(self) -> None:
        self.questions: list[Question] = self.bank.ordered_questions(quick=self.mode == "quick")
        if not self.questions:  # a bank with no quick questions: ask everything
            self.questions = self.bank.ordered_questions()
        self.position = max(0, min(self.position, len(self.questions)))
        self._ids = {q.id for q in self.questions}
        self._blocked: tuple[Answers, dict[str, str]] | None = None
        #: Answers carried over from the previous report, for questions this quiz does not
        #: ask, and where each was given (question id -> report id).
        self.carried_answers, self.carried = self._carry_over()
        if self.previous is None:
            self.start = "fresh"  # nothing to start from

    @classmethod
    def from_session(
        cls,
        bank: Bank,
        session: Session,
        *,
        checks_on: bool = True,
        adaptive_on: bool = True,
        previous: Answers | None = None,
        previous_id: int | None = None,
        previous_carried: dict[str, int] | None = None,
        previous_at: datetime | None = None,
    ) -> QuizState:
        """Rebuild a quiz from a saved session, keeping only answers the bank still accepts
        (with their check outcomes)."""
        kept: dict[str, Answer] = {}
        for qid, answer in session.answers.by_question.items():
            question = bank.questions.get(qid)
            if question is None:
                continue
            try:
                kept[qid] = make_answer(question, answer.value, answer.note, answer.check)
            except ValueError:
                continue
        mode: Mode = "quick" if session.mode == "quick" else "full"
        return cls(
            bank,
            mode,
            Answers(kept),
            session.position,
            session.started_at,
            checks_on=checks_on,
            adaptive_on=adaptive_on,
            previous=previous,
            previous_id=previous_id,
            previous_carried=dict(previous_carried or {}),
            previous_at=previous_at,
            start=session.start,
        )

    def to_session(self) -> Session:
        return Session(
            bank_name=self.bank.name,
            bank_version=self.bank.version,
            mode=self.mode,
            answers=self.answers,
            position=self.position,
            started_at=self.started_at,
            updated_at=now(),
            start=self.start or "fresh",
        )

    # -- carried over ----------------------------------------------------------------------

    def _carry_over(self) -> tuple[Answers, dict[str, int]]:
        """The previous report's answers to the questions this quiz does not ask, those the
        bank still accepts (as `from_session` keeps them), with the report each was given in.
        Only a quiz that leaves questions out carries anything."""
        previous, report_id = self.previous, self.previous_id
        if previous is None or report_id is None or not self.leaves_out:
            return Answers(), {}
        kept: dict[str, Answer] = {}
        origin: dict[str, int] = {}
        for qid, answer in previous.by_question.items():
            question = self.bank.questions.get(qid)
            if question is None or qid in self._ids:
                continue  # gone from the bank, or asked again now: never carried
            try:
                kept[qid] = make_answer(question, answer.value, answer.note, answer.check)
            except ValueError:
                continue
            origin[qid] = self.previous_carried.get(qid, report_id)
        return Answers(kept), origin

    @property
    def leaves_out(self) -> bool:
        """Whether this quiz leaves questions of the bank out (a Quick quiz)."""
        return len(self._ids) < len(self.bank.questions)

    def assessed_ids(self) -> frozenset[str] | None:
        """The questions the fit counts, for scoring: those this quiz asks and those it
        carries over; None when it asks every question of the bank (a Full quiz)."""
        return frozenset(self._ids | set(self.carried)) if self.leaves_out else None

    def scored_answers(self) -> Answers:
        """What the report keeps and the fit counts: this quiz's answers and those carried."""
        return Answers({**self.carried_answers.by_question, **self.answers.by_question})

    # -- last time ----------------------------------------------------------------------------

    @property
    def from_last(self) -> bool:
        """Whether questions offer the last report's answers first (a re-assessment)."""
        return self.start == "last" and self.previous is not None

    def last_answer(self, question: Question) -> Answer | None:
        """Last time's answer to `question`, when this quiz starts from it and the bank still
        accepts it (a skipped one is no answer to keep); else None."""
        if not self.from_last or self.previous is None:
            return None
        last = self.previous.get(question.id)
        if last is None or last.skipped:
            return None
        try:
            return make_answer(question, last.value, last.note)
        except ValueError:
            return None

    # -- where we are ----------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> Question | None:
        return self.questions[self.position] if self.position < self.total else None

    @property
    def finished(self) -> bool:
        return self.position >= self.total

    @property
    def answered(self) -> int:
        """Questions of this quiz with an answer, skipped ones included."""
        return sum(1 for q in self.questions if self.answers.get(q.id) is not None)

    @property
    def skipped(self) -> int:
        return sum(1 for q in self.questions if (a := self.answers.get(q.id)) and a.skipped)

    @property
    def not_asked(self) -> dict[str, str]:
        """Questions of this quiz the adaptive quiz leaves out: id -> the prerequisite they
        need first. Worked out again only when the answers change, and only when some answer
        is a 0 (nothing is left out otherwise)."""
        if not self.adaptive_on:
            return {}
        answers = self.answers
        if self._blocked is not None and self._blocked[0] is answers:
            return self._blocked[1]
        blocked: dict[str, str] = {}
        if any(not a.skipped and a.level == 0 for a in answers.by_question.values()):
            blocked = {
                qid: pid
                for qid, pid in adaptive.not_asked(self.bank, answers).items()
                if qid in self._ids
            }
        self._blocked = (answers, blocked)
        return blocked

    def asked(self) -> int:
        """Questions this quiz asks: all of them but those the adaptive quiz leaves out."""
        return self.total - len(self.not_asked)

    def section_of(self, question: Question) -> Section | None:
        return self.bank.section(question.section_id)

    def sections(self) -> list[Section]:
        """Sections that have a question in this quiz, in order."""
        ids = {q.section_id for q in self.questions}
        return [s for s in self.bank.sections if s.id in ids]

    def section_progress(self, question: Question) -> tuple[int, int]:
        """(1-based index of `question` within its section, questions of that section)."""
        same = [q.id for q in self.questions if q.section_id == question.section_id]
        return same.index(question.id) + 1, len(same)

    # -- changes ---------------------------------------------------------------------------

    def answer(self, value: Value) -> Answer:
        """Answer the current question (ValueError for a value it cannot take) and advance."""
        question = self.current
        if question is None:
            raise ValueError("the quiz has no current question")
        previous = self.answers.get(question.id)
        answer = make_answer(
            question,
            value,
            previous.note if previous else "",
            previous.check if previous else None,
        )
        last = self.last_answer(question) if previous is None else None
        if last is not None and last.note and answer.value == last.value:
            # Last time's answer kept: its note (the evidence) is kept with it. Its check
            # is not: a claim of 3+ is checked again, with another check than last time's.
            answer = make_answer(question, answer.value, last.note)
        self.answers = self.answers.with_answer(answer)
        if not self.check_for(question):
            self.advance()
        return answer

    def advance(self) -> None:
        """Move to the next question the quiz asks (past those the adaptive quiz leaves out)."""
        self.position = self._next_asked(self.position + 1)

    def _next_asked(self, start: int) -> int:
        blocked = self.not_asked
        index = start
        while index < self.total and self.questions[index].id in blocked:
            index += 1
        return index

    # -- knowledge checks ------------------------------------------------------------------

    def check_for(self, question: Question) -> tuple[int, Check] | None:
        """The check to ask now for `question` (index, check): its answer claims 3+, it has
        checks, none was asked yet, and checks are on. The same one on every resume."""
        if not checks.needs_check(question, self.answers.get(question.id), self.checks_on):
            return None
        return checks.choose_check(
            question,
            checks.assessment_seed(self.started_at),
            checks.asked_before(self.previous, question.id),
        )

    def check_options(self, question: Question, check: Check) -> tuple[str, ...]:
        """The options of `check` (asked for `question`) in the order this assessment shows
        them: shuffled, its answer on the line dealt to it among the checks this quiz would
        ask (`checks.answer_lines`), and the same on every resume (the same seed and checks)."""
        seed = checks.assessment_seed(self.started_at)
        asked = {
            q.id: chosen[1]
            for q in self.questions
            if (chosen := checks.choose_check(q, seed, checks.asked_before(self.previous, q.id)))
        }
        lines = checks.answer_lines(list(asked.values()), seed)
        line = dict(zip(asked, lines, strict=True)).get(question.id)
        if asked.get(question.id) != check:
            line = None  # not the check this quiz asks for it: shuffled alone
        return checks.shuffled_options(check, seed, line)

    def record_check(self, question: Question, index: int, chosen: str | None) -> None:
        """Keep the outcome of the check asked for `question` (`chosen` "" for "I don't
        know") and, if it is current, move on. `chosen` None is "not now": nothing is kept,
        the claim stays unchecked, and `check_for` asks the check again on the next claim of
        3+ for `question`."""
        answer = self.answers.get(question.id)
        if answer is not None and chosen is not None:
            outcome = checks.outcome(question, index, chosen)
            self.answers = self.answers.with_answer(checks.with_outcome(answer, outcome))
        if self.current is question:
            self.advance()

    def skip(self) -> Answer:
        return self.answer(None)

    def set_note(self, note: str) -> None:
        """Attach a note to the current question's answer (a skipped answer when there is none)."""
        question = self.current
        if question is None:
            return
        previous = self.answers.get(question.id)
        value = previous.value if previous is not None else None
        check = previous.check if previous is not None else None
        self.answers = self.answers.with_answer(make_answer(question, value, note.strip(), check))

    def note(self) -> str:
        question = self.current
        answer = self.answers.get(question.id) if question else None
        return answer.note if answer else ""

    def back(self) -> bool:
        blocked = self.not_asked
        index = self.position - 1
        while index >= 0 and self.questions[index].id in blocked:
            index -= 1
        if index < 0:
            return False
        self.position = index
        return True

    def jump(self, index: int) -> None:
        self.position = max(0, min(index, self.total))
