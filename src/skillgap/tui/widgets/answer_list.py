"""The options of one question, numbered so each is one key press away."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from skillgap.model import Answer, Bank, Question
from skillgap.text import one_line


class AnswerList(OptionList):
    """Rating levels 0-4, or a question's options numbered from 1.

    Enter (or a click) picks the highlighted option; for a `multi` question a click or Space
    toggles it and Enter confirms the whole selection (posting `Confirmed`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Choose", show=False),
        Binding("space", "select", "Toggle", show=False),
    ]

    class Confirmed(Message):
        """Enter on a multi question: the chosen options stand."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.question: Question | None = None
        self.chosen: set[str] = set()

    def show(self, bank: Bank, question: Question, answer: Answer | None) -> None:
        """Replace the options with `question`'s, marking the current answer."""
        self.question = question
        value = answer.value if answer is not None else None
        if question.kind == "multi":
            self.chosen = set(value) if isinstance(value, tuple) else set()
        self.clear_options()
        self.add_options(self._options_for(bank, question, value))
        self.highlighted = self._index_of(question, value)

    def _options_for(self, bank: Bank, question: Question, value: object) -> list[Option]:
        if question.kind == "rating":
            options = []
            for level in range(5):
                name = bank.scale[level] if level < len(bank.scale) else ""
                anchor = question.levels.get(level, "")
                options.append(
                    Option(
                        Content.assemble(
                            (f"{level} ", "bold"),
                            (one_line(name), "bold"),
                            ("  " if anchor else ""),
                            one_line(anchor),
                            ("  ← your answer", "italic") if value == level else "",
                        ),
                        id=str(level),
                    )
                )
            return options
        return [
            Option(self._option_prompt(question, number, opt.id, opt.label, value), id=opt.id)
            for number, opt in enumerate(question.options, 1)
        ]

    def _option_prompt(
        self, question: Question, number: int, option_id: str, label: str, value: object
    ) -> Content:
        key = (f"{number} " if number <= 9 else "  ", "bold")
        if question.kind == "multi":
            box = "[x] " if option_id in self.chosen else "[ ] "
            return Content.assemble(key, box, one_line(label))
        mark = ("  ← your answer", "italic") if value == option_id else ""
        return Content.assemble(key, one_line(label), mark)

    @staticmethod
    def _index_of(question: Question, value: object) -> int:
        if question.kind == "rating":
            return value if isinstance(value, int) else 0
        ids = [o.id for o in question.options]
        if isinstance(value, str) and value in ids:
            return ids.index(value)
        return 0

    def toggle(self, index: int) -> None:
        """Toggle option `index` of a multi question."""
        question = self.question
        if question is None or question.kind != "multi" or not 0 <= index < len(question.options):
            return
        option = question.options[index]
        self.chosen ^= {option.id}
        self.replace_option_prompt_at_index(
            index, self._option_prompt(question, index + 1, option.id, option.label, None)
        )
        self.highlighted = index

    def action_confirm(self) -> None:
        if self.question is not None and self.question.kind == "multi":
            self.post_message(self.Confirmed())
        else:
            self.action_select()
