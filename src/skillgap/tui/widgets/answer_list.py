"""The options of one question, numbered so each is one key press away.

This runs on every key press of the quiz, so it is drawn line by line from a small cache
instead of being an OptionList: replacing an OptionList's options re-measures and re-renders
every option several times (its line index, its auto height, each highlight style), which was
most of a key press's cost. Here each option is wrapped once per question and width, the
highlighted one once more in its own style, and moving the highlight repaints from the cache.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from skillgap.core.model import Answer, Bank, Question
from skillgap.escape import one_line
from skillgap.tui.widgets.pointer import POINTER

#: Cells left of every option: the ▶ pointer and a space.
GUTTER = 2


class AnswerList(Widget, can_focus=True):
    """Rating levels 0-4, or a question's options numbered from 1.

    A click picks an option (posting `Picked`; for a `multi` question, a toggle). Enter and
    Space are the quiz screen's own keys, acting on `highlighted` at once: a message would be
    handled after key presses already queued behind it, and fast typing could then answer the
    next question with a key meant for this one. The highlighted option shows a ▶ as well as
    its colour.
    """

    DEFAULT_CSS = """
    AnswerList {
        height: auto;
        padding: 0 1 0 0;
        & > .answer-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .answer-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"answer-list--highlighted"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False, id="answers.up",
                tooltip="Highlight the answer above"),
        Binding("down", "move(1)", "Down", show=False, id="answers.down",
                tooltip="Highlight the answer below"),
    ]  # fmt: skip

    class Picked(Message):
        """An option was clicked: for a multi question, a toggle."""

        def __init__(self, index: int, option_id: str) -> None:
            super().__init__()
            self.index = index
            self.option_id = option_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: Question | None = None
        self.chosen: set[str] = set()
        self.highlighted = 0
        self._ids: list[str] = []
        self._prompts: list[Content] = []
        # (index, highlighted, width) -> the option's lines; cleared per question.
        self._strips: dict[tuple[int, bool, int], list[Strip]] = {}
        self._starts: tuple[int, list[int]] | None = None  # (width, first line of each option)
        self._before: object = None  # last time's value, on a re-assessment

    # -- what is shown ----------------------------------------------------------------------

    def show(
        self, bank: Bank, question: Question, answer: Answer | None, last: Answer | None = None
    ) -> None:
        """Replace the options with `question`'s, marking the current answer and, on a
        re-assessment, last time's (`last`): with no answer yet, the highlight starts on it
        (Enter keeps it), and a several-answer question starts with its options ticked."""
        self.question = question
        value = answer.value if answer is not None else None
        before = last.value if last is not None else None
        if question.kind == "multi":
            ticked = value if answer is not None else before
            self.chosen = set(ticked) if isinstance(ticked, tuple) else set()
        if question.kind == "rating":
            self._ids = [str(level) for level in range(5)]
            self._prompts = [
                self._level_prompt(bank, question, lv, value, before) for lv in range(5)
            ]
        else:
            self._ids = [o.id for o in question.options]
            self._prompts = [
                self._option_prompt(question, number, opt.id, opt.label, value, before)
                for number, opt in enumerate(question.options, 1)
            ]
        self._before = before
        self.highlighted = self._index_of(question, value if answer is not None else before)
        self._strips.clear()
        height = self._starts[1][-1] if self._starts is not None else -1
        self._starts = None
        width = self.scrollable_content_region.width - GUTTER
        # Same number of lines as the question before: repaint, without a layout pass.
        self.refresh(layout=width <= 0 or self._line_starts(width)[-1] != height)
        self._reveal()

    @staticmethod
    def _mark(mine: bool, last_time: bool) -> tuple[str, str] | str:
        if mine:
            return ("  ← your answer, as last time" if last_time else "  ← your answer", "italic")
        return ("  ← last time", "italic") if last_time else ""

    @classmethod
    def _level_prompt(
        cls, bank: Bank, question: Question, level: int, value: object, before: object = None
    ) -> Content:
        name = bank.scale[level] if level < len(bank.scale) else ""
        anchor = question.levels.get(level, "")
        return Content.assemble(
            (f"{level} ", "bold"),
            (one_line(name), "bold"),
            ("  " if anchor else ""),
            one_line(anchor),
            cls._mark(value == level, before == level),
        )

    def _option_prompt(
        self,
        question: Question,
        number: int,
        option_id: str,
        label: str,
        value: object,
        before: object = None,
    ) -> Content:
        key = (f"{number} " if number <= 9 else "  ", "bold")
        if question.kind == "multi":
            box = "[x] " if option_id in self.chosen else "[ ] "
            last_time = isinstance(before, tuple) and option_id in before
            return Content.assemble(
                key, box, one_line(label), ("  ← last time", "italic") if last_time else ""
            )
        return Content.assemble(
            key, one_line(label), self._mark(value == option_id, before == option_id)
        )

    @staticmethod
    def _index_of(question: Question, value: object) -> int:
        if question.kind == "rating":
            return value if isinstance(value, int) and 0 <= value <= 4 else 0
        ids = [o.id for o in question.options]
        if isinstance(value, str) and value in ids:
            return ids.index(value)
        return 0

    @property
    def option_count(self) -> int:
        return len(self._prompts)

    # -- drawing ----------------------------------------------------------------------------

    def _lines_of(self, index: int, highlighted: bool, width: int) -> list[Strip]:
        key = (index, highlighted, width)
        strips = self._strips.get(key)
        if strips is None:
            style = (
                self.get_visual_style("answer-list--highlighted")
                if highlighted
                else self.visual_style
            )
            rich_style = style.rich_style
            meta = {"option": index}  # a click anywhere on the option picks it
            strips = []
            for line, strip in enumerate(
                Visual.to_strips(self, self._prompts[index], width, None, style)
            ):
                gutter = f"{POINTER} " if highlighted and line == 0 else " " * GUTTER
                strips.append(
                    Strip([Segment(gutter, rich_style), *strip], strip.cell_length + GUTTER)
                    .extend_cell_length(width + GUTTER, rich_style)
                    .apply_meta(meta)
                )
            self._strips[key] = strips
        return strips

    def _line_starts(self, width: int) -> list[int]:
        if self._starts is None or self._starts[0] != width:
            starts, y = [], 0
            for index in range(len(self._prompts)):
                starts.append(y)
                y += len(self._lines_of(index, False, width))
            starts.append(y)
            self._starts = (width, starts)
        return self._starts[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._line_starts(max(1, width - GUTTER))[-1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def render_line(self, y: int) -> Strip:
        width = max(1, self.scrollable_content_region.width - GUTTER)
        starts = self._line_starts(width)
        if not 0 <= y < starts[-1]:
            return Strip.blank(width + GUTTER, self.visual_style.rich_style)
        index = next(i for i in range(len(starts) - 1) if starts[i] <= y < starts[i + 1])
        lines = self._lines_of(index, index == self.highlighted, width)
        line = y - starts[index]
        return lines[line] if line < len(lines) else Strip.blank(width + GUTTER)

    def notify_style_update(self) -> None:
        # Focus, blur and a theme change restyle the lines: draw them afresh.
        super().notify_style_update()
        self._strips.clear()

    # -- moving and choosing ----------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self._highlight(self.highlighted + step)

    def _highlight(self, index: int) -> None:
        if not self._prompts:
            return
        index = max(0, min(index, self.option_count - 1))
        if index != self.highlighted:
            self.highlighted = index
            self.refresh()
            self._reveal()

    def _reveal(self) -> None:
        """Scroll the screen so the highlighted option is in view (small terminals)."""
        parent = self.parent
        if not isinstance(parent, ScrollableContainer) or not self.size.width:
            return
        width = max(1, self.scrollable_content_region.width - GUTTER)
        starts = self._line_starts(width)
        if self.highlighted + 1 >= len(starts):
            return
        top = self.virtual_region.y + self.gutter.top + starts[self.highlighted]
        height = starts[self.highlighted + 1] - starts[self.highlighted]
        parent.scroll_to_region(
            Region(0, top, 1, height), animate=False, immediate=True, force=True
        )

    @property
    def highlighted_id(self) -> str | None:
        return self._ids[self.highlighted] if self._ids else None

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("option")
        if isinstance(index, int) and 0 <= index < self.option_count:
            event.stop()
            self.focus()
            self.highlighted = index
            self.refresh()
            self.post_message(self.Picked(index, self._ids[index]))

    def toggle(self, index: int) -> None:
        """Toggle option `index` of a multi question."""
        question = self.question
        if question is None or question.kind != "multi" or not 0 <= index < len(question.options):
            return
        option = question.options[index]
        self.chosen ^= {option.id}
        self._prompts[index] = self._option_prompt(
            question, index + 1, option.id, option.label, None, self._before
        )
        self._strips = {k: v for k, v in self._strips.items() if k[0] != index}
        self.highlighted = index
        self.refresh()
