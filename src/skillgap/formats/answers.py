"""Answers files: reading one against a bank, and writing the template to fill in.

An answers file maps question ids to a level 0-4 (rating), an option id (choice) or a list of
option ids (multi) under `answers:`, with optional evidence under `notes:`. A question left
empty or absent is unanswered and counts as 0.

Answers files carry no knowledge-check outcomes: a check is asked by the quiz, right after a
claim, so a claim of 3+ scored from a file is "unchecked".
"""

from __future__ import annotations

from pathlib import Path

from skillgap.core.answering import make_answer
from skillgap.core.model import Answer, Answers, Bank
from skillgap.escape import one_line
from skillgap.formats import yamlfile
from skillgap.formats.fields import Field, FileChecker, InvalidFile, Problem, did_you_mean

MAX_ANSWERS_BYTES = 1024 * 1024
MAX_NOTE_LENGTH = 2_000


class AnswersError(InvalidFile):
    """An answers file that cannot be scored, with every problem found."""


def load_answers(path: Path, bank: Bank) -> Answers:
    try:
        source = yamlfile.read_text(path, MAX_ANSWERS_BYTES)
        data = yamlfile.parse(source)
    except yamlfile.YamlFileError as exc:
        raise AnswersError([Problem(str(exc.path), exc.line, "", exc.message)]) from None
    checker = FileChecker(source, data)
    root = checker.root(("answers", "notes"), ("answers",), what="an answers file")
    found: dict[str, Answer] = {}
    if root is not None:
        notes = _notes(root.child("notes"), bank)
        field = root.child("answers")
        if field is not None and field.value is not None and field.is_mapping():
            for qid, value_field in field.entries():
                question = bank.questions.get(qid)
                if question is None:
                    _unknown(value_field, qid, bank)
                    continue
                if value_field.value is None:
                    continue  # left empty: unanswered
                try:
                    found[qid] = make_answer(question, value_field.value, notes.get(qid, ""))
                except ValueError as exc:
                    value_field.error(str(exc))
    problems = checker.problems()
    if problems:
        raise AnswersError(problems)
    return Answers(found)


def _unknown(field: Field, qid: str, bank: Bank) -> None:
    hint = did_you_mean(qid, bank.questions)
    field.error(f"'{qid}' is not a question in bank '{bank.name}'{hint}", at_key=True)


def _notes(field: Field | None, bank: Bank) -> dict[str, str]:
    if field is None or field.value is None or not field.is_mapping():
        return {}
    notes = {}
    for qid, note_field in field.entries():
        if qid not in bank.questions:
            _unknown(note_field, qid, bank)
        elif note_field.value is not None:
            text = note_field.as_text(required=False)
            if len(text) > MAX_NOTE_LENGTH:
                note_field.error(f"a note is at most {MAX_NOTE_LENGTH:,} characters")
            else:
                notes[qid] = text
    return notes


def template(bank: Bank) -> str:
    """A YAML answers file listing every question, each commented with its allowed values."""
    scale = ", ".join(f"{level} {one_line(label)}" for level, label in enumerate(bank.scale))
    lines = [
        f"# skillgap answers for {one_line(bank.name)} (version {one_line(bank.version)})",
        "# Fill in a value after each question id; leave it empty to count it as not answered (0).",
        f"# Rating questions take a level: {scale}.",
        "# Score it with: skillgap score THIS_FILE",
        "answers:",
    ]
    for section in bank.sections:
        lines.append(f"  # --- {one_line(section.title)} ---")
        for qid in section.question_ids:
            question = bank.questions[qid]
            lines.append(f"  # {one_line(question.prompt)}")
            if question.kind == "rating":
                lines.append("  #   a level 0-4" + (":" if question.levels else ""))
                lines += [
                    f"  #   {lvl}: {one_line(text)}"
                    for lvl, text in sorted(question.levels.items())
                ]
            else:
                how = "one of" if question.kind == "choice" else "a list of any of"
                opts = ", ".join(f"{o.id} ({one_line(o.label)})" for o in question.options)
                lines.append(f"  #   {how}: {opts}")
            lines.append(f"  {qid}:")
    lines += [
        "# Optional evidence for an answer (how would you show it?), by question id:",
        "notes: {}",
        "",
    ]
    return "\n".join(lines)
