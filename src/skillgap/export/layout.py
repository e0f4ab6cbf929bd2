"""Plain text fitted to a width, for the text renderers (export/text.py): how many terminal
cells a text takes, a table cell cut short with an ellipsis, free text wrapped with its indent,
and a table's columns narrowed in a given order until the table fits.

A width of None is no limit: every function then gives the text as it is."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ELLIPSIS = "…"
#: A space that wrap does not break at, made a plain space again by fit_lines. Outside text
#: never holds one when it gets here: escape.one_line folds every kind of space.
NBSP = "\u00a0"
#: A wrapped line keeps at least this many cells for its text: a deeper indent is cut back.
MIN_TEXT = 8

_SPACES = re.compile(r"( +)")


def char_cells(char: str) -> int:
    """The cells one character takes on a terminal: 2 for a wide (East Asian) one, 0 for a
    combining mark or a format character, else 1."""
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The cells `text` (one line) takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(map(char_cells, text))


def clip(text: str, width: int | None) -> str:
    """`text` cut to at most `width` cells, ending with an ellipsis when it was cut."""
    if width is None or cells(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for char in text:
        used += char_cells(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells, on the left when `right` (aligned right)."""
    gap = " " * max(0, width - cells(text))
    return gap + text if right else text + gap


def cell(text: str, width: int, right: bool = False) -> str:
    """A table cell: `text` clipped to `width` cells, then padded to it."""
    return pad(clip(text, width), width, right)


def wrap(text: str, width: int | None, first: str = "", rest: str | None = None) -> list[str]:
    """`text` (one line) broken at spaces into lines of at most `width` cells: the first line
    starts with `first`, the others with `rest` (default: spaces as wide as `first`). The
    spaces inside a line are kept as they are; a word longer than a whole line is cut."""
    if width is None or cells(first) + cells(text) <= width:
        return [first + text]
    if rest is None:
        rest = " " * cells(first)
    if width - cells(rest) < MIN_TEXT:
        rest = rest[: max(0, width - MIN_TEXT)]
    lines: list[str] = []
    line, used, start = first, cells(first), True  # start: nothing after the indent yet
    tokens = _SPACES.split(text)
    for i in range(0, len(tokens), 2):
        word, space = tokens[i], tokens[i - 1] if i else ""
        if not word:
            continue
        size = cells(word)
        if not start and used + cells(space) + size <= width:
            line, used = line + space + word, used + cells(space) + size
            continue
        if not start:
            lines.append(line)
            line, used = rest, cells(rest)
        while used + size > width and width - used >= 1:  # a word wider than the line
            piece = clip_cells(word, width - used)
            lines.append(line + piece)
            word = word[len(piece) :]
            size = cells(word)
            line, used = rest, cells(rest)
        line, used, start = line + word, used + size, False
    lines.append(line)
    return lines


def clip_cells(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells (at least one character)."""
    used = 0
    for i, char in enumerate(text):
        used += char_cells(char)
        if used > width:
            return text[: max(i, 1)]
    return text


def shrink(
    widths: list[int], steps: Iterable[tuple[int | tuple[int, ...], int]], excess: int
) -> list[int]:
    """`widths` of a table's columns narrowed by `excess` cells in all, in the order of
    `steps`: each (column, floor) takes the column down toward its floor, as far as still
    needed; (columns, floor) takes from the widest of them first, so they end up even. What
    no step could take stays (the caller decides what else to give up)."""
    widths = list(widths)
    for columns, floor in steps:
        group = columns if isinstance(columns, tuple) else (columns,)
        while excess > 0:
            widest = max(group, key=lambda c: widths[c], default=None)
            if widest is None or widths[widest] <= floor:
                break
            others = [widths[c] for c in group if c != widest]
            # down to the next widest (or the floor) in one go
            take = min(excess, widths[widest] - max([floor, *others]) or 1)
            widths[widest] -= take
            excess -= take
    return widths


def together(text: str) -> str:
    """`text` that `wrap` keeps on one line (its spaces made NBSP until fit_lines)."""
    return text.replace(" ", NBSP)


#: Marks a line `fit_lines` must never clip: a link, which cut or broken can be neither
#: clicked nor copied (a terminal wraps it for the eye; it stays one string).
WHOLE = "\u2060"


def whole(line: str) -> str:
    """`line` kept whole by `fit_lines`, however wide: for a link on a line of its own."""
    return WHOLE + line


def fit_lines(lines: Iterable[str], width: int | None) -> str:
    """The lines joined, each clipped to `width` (the last guard: no line is ever wider),
    but those marked `whole`, which are links."""
    if width is not None:
        lines = (line if line.startswith(WHOLE) else clip(line, width) for line in lines)
    return "\n".join(lines).replace(NBSP, " ").replace(WHOLE, "") + "\n"
