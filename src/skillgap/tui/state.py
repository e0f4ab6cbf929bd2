"""The state of a quiz in progress: which questions, where the person is, what they said.

Plain Python, no Textual: the quiz screen drives it, the store persists it as a `Session`, and
tests can exercise it directly. It never scores; scoring happens once, on finish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from skillgap.answers import make_answer
from skillgap.model import Answer, Answers, Bank, Question, Section

if TYPE_CHECKING:
    from skillgap.store import Session

Mode = Literal["quick", "full"]
Value = int | str | tuple[str, ...] | None


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class QuizState:
    bank: Bank
    mode: Mode
    answers: Answers = field(default_factory=Answers)
    #: Index of the question on screen; len(questions) once every question has been seen.
    position: int = 0
    started_at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.questions: list[Question] = self.bank.ordered_questions(quick=self.mode == "quick")
        if not self.questions:  # a bank with no quick questions: ask everything
            self.questions = self.bank.ordered_questions()
        self.position = max(0, min(self.position, len(self.questions)))

    @classmethod
    def from_session(cls, bank: Bank, session: Session) -> QuizState:
        """Rebuild a quiz from a saved session, keeping only answers the bank still accepts."""
        kept: dict[str, Answer] = {}
        for qid, answer in session.answers.by_question.items():
            question = bank.questions.get(qid)
            if question is None:
                continue
            try:
                kept[qid] = make_answer(question, answer.value, answer.note)
            except ValueError:
                continue
        mode: Mode = "quick" if session.mode == "quick" else "full"
        return cls(bank, mode, Answers(kept), session.position, session.started_at)

    def to_session(self) -> Session:
        from skillgap.store import Session

        return Session(
            bank_name=self.bank.name,
            bank_version=self.bank.version,
            mode=self.mode,
            answers=self.answers,
            position=self.position,
            started_at=self.started_at,
            updated_at=now(),
        )

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
        answer = make_answer(question, value, previous.note if previous else "")
        self.answers = self.answers.with_answer(answer)
        self.position += 1
        return answer

    def skip(self) -> Answer:
        return self.answer(None)

    def set_note(self, note: str) -> None:
        """Attach a note to the current question's answer (a skipped answer when there is none)."""
        question = self.current
        if question is None:
            return
        previous = self.answers.get(question.id)
        value = previous.value if previous is not None else None
        self.answers = self.answers.with_answer(make_answer(question, value, note.strip()))

    def note(self) -> str:
        question = self.current
        answer = self.answers.get(question.id) if question else None
        return answer.note if answer else ""

    def back(self) -> bool:
        if self.position == 0:
            return False
        self.position -= 1
        return True

    def jump(self, index: int) -> None:
        self.position = max(0, min(index, self.total))
