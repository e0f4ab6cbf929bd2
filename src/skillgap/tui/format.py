"""Turning domain values into the words and Content shown on screen.

Every string from a bank, a report or the person goes through `skillgap.escape` and into a
`Content` (never markup), so a bank cannot style, link or break the screen.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from skillgap.escape import one_line, safe


def plain(text: str) -> Content:
    """Outside text, made safe, as Content (never parsed as markup)."""
    return Content(safe(text))


def line(text: str) -> Content:
    return Content(one_line(text))


def when(moment: datetime) -> str:
    """A report's time in the person's local zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def delta(change: float | None) -> str:
    if change is None:
        return ""
    if abs(change) < 0.05:
        return "±0"
    return f"{change:+.0f}"
