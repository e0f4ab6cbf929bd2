"""Making outside text safe to show: no terminal escape sequences, no control characters, no
bidirectional overrides that could make text read differently from what it is."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC among them) and DEL, except tab and newline; and the Unicode
# bidirectional embedding, override and isolate characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def safe(text: str) -> str:
    """`text` with every control and bidi-override character shown as a visible escape."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str) -> str:
    """`safe` text folded onto one line."""
    return " ".join(safe(text).split())
