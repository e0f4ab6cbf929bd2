"""Making outside text safe to show, one escaper for each place it goes: the terminal (no
escape sequences, no control characters, no bidirectional overrides that could make text read
differently from what it is), Markdown, HTML, and links."""

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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")
# Printable ASCII only (a well-formed URL is percent-encoded), none of what could end a link or
# start markup: no control, bidi or other non-ASCII character can hide in a link we show.
_SAFE_URL = re.compile(r"https?://[!#-&(-;=?-\[\]-_a-~]+", re.ASCII)


def md(text: str) -> str:
    """Outside text as inline Markdown: one line, every character that could format escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def h(text: object) -> str:
    """Any value as HTML text: control and bidi-override characters made visible, every
    special character escaped, quotes included."""
    import html

    return html.escape(safe(str(text)), quote=True)


def is_safe_url(url: str) -> bool:
    """Whether `url` is a link we may show as one: http or https, and nothing in it that could
    end the link, start markup or hide a control character. Anything else is shown as text."""
    return _SAFE_URL.fullmatch(url) is not None and not _UNSAFE.search(url)


def url_target(url: str) -> str:
    """A safe URL (see `is_safe_url`) as a link target: parentheses, brackets and anything else
    a Markdown or HTML reader could take as the end of the target percent-encoded."""
    from urllib.parse import quote

    return quote(url, safe="!#$%&*+,/:;=?@~")
