"""Reading one question of a section file into a `Question`, field by field.

Problems are recorded on the file's checker (formats/fields.py); cross-file checks such as
duplicate ids and unknown prerequisites are formats/bank.py's.
"""

from __future__ import annotations

from skillgap.core.model import KINDS, LEVELS, Check, Kind, Option, Question, Resource
from skillgap.escape import is_safe_url
from skillgap.formats import limits
from skillgap.formats.fields import Field, describe_value


def read_question(item: Field, section_id: str) -> Question | None:
    allowed = ("id", "title", "prompt", "kind", "help", "quick", "levels", "options",
               "effort_hours", "requires", "resources", "checks", "experience", "source",
               "advise", "keywords")  # fmt: skip
    if not item.check_mapping(allowed):
        return None
    qid = item.ident("id")
    prompt = item.text("prompt", required=True)
    kind_field = item.child("kind")
    kind: Kind = "rating"
    if kind_field is not None:
        value = kind_field.value
        if value in KINDS:
            kind = value
        else:
            kind_field.error(f"must be one of {', '.join(KINDS)}; got {describe_value(value)}")
    levels: dict[int, str] = {}
    options: tuple[Option, ...] = ()
    levels_field = item.child("levels")
    options_field = item.child("options")
    if kind == "rating":
        if options_field is not None:
            options_field.error("only choice and multi questions have options")
        if levels_field is not None and levels_field.is_mapping():
            levels = dict(levels_field.int_keyed_text(range(1, 5)))
    else:
        if levels_field is not None:
            levels_field.error("only rating questions have level anchors; use options")
        options = _options(item.child("options", required=True))
    effort = _effort(item.child("effort_hours"), kind, options)
    requires: dict[str, int] = {}
    requires_field = item.child("requires")
    if requires_field is not None and requires_field.is_mapping():
        for key, level_field in requires_field.entries():
            level = level_field.level(LEVELS)
            if level is not None:
                requires[key] = level
    return Question(
        id=qid,
        prompt=prompt,
        section_id=section_id,
        kind=kind,
        levels=levels,
        options=options,
        effort_hours=effort,
        requires=requires,
        resources=_resources(item.child("resources")),
        help=item.text("help"),
        quick=item.flag("quick"),
        short_title=item.text("title"),
        checks=_checks(item.child("checks")),
        experience=item.flag("experience"),
        source=item.text("source", max_length=limits.MAX_SOURCE),
        advise=item.flag("advise", default=True),
        keywords=_keywords(item.child("keywords")),
    )


def _keywords(field: Field | None) -> tuple[str, ...]:
    """Short phrases a job ad would use, each lower-cased with single spaces; the same phrase
    twice in one question (whatever its case) is refused."""
    if field is None or not field.check_list(max_items=limits.MAX_KEYWORDS):
        return ()
    found: list[str] = []
    for item in field.items():
        text = item.as_text(max_length=limits.MAX_KEYWORD)
        if not text:
            continue
        keyword = " ".join(text.lower().split())
        if not any(char.isalnum() for char in keyword):
            item.error(f"a keyword needs a letter or a digit; got {text!r}")
        elif keyword in found:
            item.error(f"duplicate keyword {keyword!r} in this question")
        else:
            found.append(keyword)
    return tuple(found)


def _options(field: Field | None) -> tuple[Option, ...]:
    if field is None or not field.check_list(non_empty=True):
        return ()
    options: list[Option] = []
    seen: set[str] = set()
    for item in field.items():
        if not item.check_mapping(("id", "label", "level")):
            continue
        oid = item.ident("id")
        label = item.text("label", required=True)
        level_field = item.child("level", required=True)
        level = level_field.level(LEVELS) if level_field is not None else None
        if not oid:
            continue  # missing or refused: said so already, and never a duplicate of another
        if oid in seen:
            id_field = item.child("id")
            if id_field is not None:
                id_field.error(f"duplicate option id '{oid}' in this question")
            continue
        seen.add(oid)
        if level is not None:
            options.append(Option(oid, label, level))
    if len(field.value) < 2:
        field.error("a choice or multi question needs at least two options")
    return tuple(options)


def _effort(field: Field | None, kind: Kind, options: tuple[Option, ...]) -> dict[int, float]:
    if field is None:
        return {}
    if field.is_number():
        hours = field.positive_number(limits.MAX_HOURS)
        targets = range(1, 5) if kind == "rating" else sorted({o.level for o in options} - {0})
        return {level: hours for level in targets} if hours is not None else {}
    if not isinstance(field.value, dict):
        field.error(
            "must be hours (a number > 0) or a mapping of level to hours;"
            f" got {describe_value(field.value)}"
        )
        return {}
    effort: dict[int, float] = {}
    for key, hours_field in field.int_keyed(range(1, 5)):
        hours = hours_field.positive_number(limits.MAX_HOURS)
        if hours is not None:
            effort[key] = hours
    return effort


def _resources(field: Field | None) -> tuple[Resource, ...]:
    if field is None or not field.check_list():
        return ()
    found: list[Resource] = []
    for item in field.items():
        if not item.check_mapping(("title", "url", "kind")):
            continue
        title = item.text("title", required=True)
        url = item.text("url")
        if url and not is_safe_url(url):
            url_field = item.child("url")
            if url_field is not None:
                url_field.error(_url_refusal(url))
            url = ""
        found.append(Resource(title, url, item.text("kind", max_length=limits.MAX_RESOURCE_KIND)))
    return tuple(found)


MAX_CHECK_OPTIONS = 6


def _checks(field: Field | None) -> tuple[Check, ...]:
    if field is None or not field.check_list(max_items=limits.MAX_CHECKS):
        return ()
    found = []
    for item in field.items():
        allowed = ("prompt", "options", "answer", "explain", "source")
        if not item.check_mapping(allowed, ("options", "answer")):
            continue
        options_field = item.child("options")
        options: list[str] = []
        if options_field is not None and options_field.check_list():
            options = [text for option in options_field.items() if (text := option.as_text())]
            if not 2 <= len(options_field.value) <= MAX_CHECK_OPTIONS:
                options_field.error(f"a check needs 2 to {MAX_CHECK_OPTIONS} options")
            elif len(set(options)) != len(options):
                options_field.error("options of a check must differ from each other")
        answer_field = item.child("answer")
        answer = answer_field.as_text() if answer_field is not None else ""
        if answer_field is not None and answer and options and answer not in options:
            answer_field.error(f"the answer {answer!r} is not one of the check's options")
        found.append(
            Check(
                prompt=item.text("prompt", required=True),
                options=tuple(options),
                answer=answer,
                explain=item.text("explain", required=True),
                source=item.text("source", required=True),
            )
        )
    return tuple(found)


#: The characters `is_safe_url` refuses in a link, by what they are (escape.py holds the rule).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _url_refusal(url: str) -> str:
    """Why `is_safe_url` refuses `url`, as the message of its field: not http(s), or the first
    character that may not be in a link (named by code point, never shown raw)."""
    rule = "a link is an https:// (or http://) address of printable ASCII, percent-encoded"
    if not url.startswith(("https://", "http://")):
        return f"is not an https:// or http:// address ({rule})"
    for position, char in enumerate(url, 1):
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            what = "a control character"
        elif char in _BIDI:
            what = "a bidirectional control character"
        elif char.isspace():
            what = "a space"
        elif code > 0x7E:
            what = "a non-ASCII character"
        elif char in "\"'<>\\`":
            what = "a quote, backslash, backtick or angle bracket"
        else:
            continue
        return f"holds {what} (U+{code:04X} at character {position}); {rule}"
    return f"has no address after the scheme ({rule})"
