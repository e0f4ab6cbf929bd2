"""Reading a job ad into a role: which questions of the bank it asks for, how deep, how much.

Pure and deterministic: the same ad and bank give the same role. An ad is read line by line.
A question is asked for where one of its `keywords` appears as whole words (case aside,
punctuation read as a space, a final "s" allowed); at each place the longest keyword wins, so
"Docker Swarm" is the orchestrator and not Docker. Each line has an emphasis (required, plain
or nice to have) from its own words, else from the section it is in ("Requirements", "Nice to
have", "Bonus"), and a depth from its own words ("expert", "deep", "senior", "lead" ask for 4,
"familiarity", "exposure" for 2), else the ad's title's (a "Senior" or "Junior" job), else 3.
Where the ad names two or more members of a bundled role's any-of group (CISSP, CEH; HIPAA,
PCI-DSS), they become that group, as the bundled roles have it. Words that look like tools (an
acronym, a mixed-case or dotted name, a capitalised word inside a sentence) that no keyword
placed are listed as not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillgap.core.model import Bank, Requirement, Role

Emphasis = int  # 0 nice to have, 1 plain, 2 required
NICE, PLAIN, REQUIRED = 0, 1, 2
#: A requirement's weight by its emphasis; required ones are also essential.
WEIGHTS = {NICE: 1.0, PLAIN: 2.0, REQUIRED: 3.0}
DEFAULT_TARGET = 3
#: The role id's prefix, and the longest id and name a role read from an ad gets.
ID_PREFIX = "job-"
MAX_ROLE_ID = 60
MAX_ROLE_NAME = 100

_REQUIRED_WORDS = ("required", "requirement", "must", "essential", "mandatory",
                   "need to have", "must have", "you have", "what you bring", "qualifications",
                   "minimum")  # fmt: skip
_NICE_WORDS = ("nice to have", "nice to haves", "bonus", "plus", "preferred", "desirable",
               "ideally", "optional", "good to have", "extra credit", "advantage")  # fmt: skip
_HIGH_WORDS = ("expert", "expertise", "deep", "in depth", "senior", "lead", "principal",
               "staff", "advanced", "extensive", "mastery", "architect")  # fmt: skip
_LOW_WORDS = ("familiarity", "familiar", "exposure", "basic", "basics", "junior", "awareness",
              "some experience", "entry level", "introductory")  # fmt: skip
_HEADING_WORDS = ("responsibilities", "about", "what you will do", "what you ll do", "the role",
                  "benefits", "we offer", "skills", "requirements", "tech stack", "stack",
                  *_REQUIRED_WORDS, *_NICE_WORDS)  # fmt: skip

#: Words never listed as not understood: the ad's own vocabulary and common capitalised words.
_PLAIN_WORDS = frozenset(
    """
a about across an and any are as at be benefits bonus build but by can come day days do
devops devsecops e eg engineer engineers engineering etc every experience for from full g
help hybrid i ie if in is it its join junior lead like looking monday friday month months
must nice of on onsite or our part plus preferred remote required requirements responsibilities
role salary senior should so team teams that the their this time to us we what when where who
why will with work year years you your yours ideally bonus minimum strong good great
january february march april may june july august september october november december
tuesday wednesday thursday saturday sunday hiring apply equal opportunity employer office
""".split()  # noqa: SIM905
)  # fmt: skip


def normalise(text: str) -> tuple[str, ...]:
    """The words of `text` as matching sees them: lower case, every character other than a
    letter, a digit, "+" or "#" read as a space."""
    return tuple(_WORD.findall(text.lower()))


_WORD = re.compile(r"[^\W_]+[+#]*|[+#]+", re.UNICODE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.+#/-][A-Za-z0-9+#]+)*[+#]*")
_HEADING_MARK = re.compile(r"^\s*(#{1,6}\s+|\*\*|__)")
_BULLET = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")


@dataclass(frozen=True)
class JobMatch:
    """One requirement read from the ad: what it asks and why."""

    #: The requirement's id: a question's, or a group's (a bundled role's group id).
    requirement_id: str
    question_ids: tuple[str, ...]
    #: The keywords the ad used for it, in the order they first appear.
    phrases: tuple[str, ...]
    #: The lines (1-based) that named it.
    lines: tuple[int, ...]
    target: int
    weight: float
    essential: bool


@dataclass(frozen=True)
class JobReading:
    """An ad read against a bank: the role, what matched and what was not understood."""

    role: Role
    matches: tuple[JobMatch, ...]
    #: Tool-like words no keyword placed, as the ad writes them, in order of appearance.
    unknown: tuple[str, ...]


@dataclass
class _Seen:
    phrases: list[str]
    lines: list[int]
    target: int
    emphasis: Emphasis


class KeywordIndex:
    """A bank's keywords by their first word, longest first, for matching an ad quickly."""

    def __init__(self, bank: Bank) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for question in bank.ordered_questions():
            for keyword in question.keywords:
                words = normalise(keyword)
                if words:
                    by_first.setdefault(words[0], []).append((words, question.id, keyword))
        for entries in by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # stable: bank order among equals
        self.by_first = by_first
        self.words = frozenset(w for entries in by_first.values() for e in entries for w in e[0])

    def find(self, words: tuple[str, ...]) -> list[tuple[int, int, str, str]]:
        """Each (start, end, question id, keyword) found in `words`, left to right, longest
        at each place, never overlapping."""
        found = []
        i = 0
        while i < len(words):
            hit = None
            for candidates in (self.by_first.get(words[i]), self.by_first.get(_singular(words[i]))):
                for phrase, qid, keyword in candidates or ():
                    if _matches_at(words, i, phrase) and (hit is None or len(phrase) > hit[0]):
                        hit = (len(phrase), qid, keyword)
                        break
            if hit is None:
                i += 1
                continue
            found.append((i, i + hit[0], hit[1], hit[2]))
            i += hit[0]
        return found


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _matches_at(words: tuple[str, ...], start: int, phrase: tuple[str, ...]) -> bool:
    end = start + len(phrase)
    if end > len(words):
        return False
    for offset, expected in enumerate(phrase):
        word = words[start + offset]
        if word != expected and _singular(word) != expected:
            return False
    return True


def _phrases(vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    """`vocabulary` as `_has` looks for it: each phrase's words, singular, between spaces."""
    return tuple(f" {' '.join(_singular(w) for w in normalise(v))} " for v in vocabulary)


def _has(words: tuple[str, ...], phrases: tuple[str, ...]) -> bool:
    """Whether one of `phrases` (from `_phrases`) is in `words`, as whole words, a final "s"
    aside."""
    text = f" {' '.join(_singular(w) for w in words)} "
    return any(phrase in text for phrase in phrases)


_REQUIRED = _phrases(_REQUIRED_WORDS)
_NICE = _phrases(_NICE_WORDS)
_HIGH = _phrases(_HIGH_WORDS)
_LOW = _phrases(_LOW_WORDS)
_HEADING = _phrases(_HEADING_WORDS)


def _is_heading(line: str, words: tuple[str, ...]) -> bool:
    if not words or len(words) > 8 or _BULLET.match(line):
        return False
    stripped = line.strip()
    marked = bool(_HEADING_MARK.match(line)) or stripped.endswith(":")
    bare = len(words) <= 4 and not stripped.endswith((".", ",", ";"))
    return (marked or bare) and _has(words, _HEADING)


def _emphasis(words: tuple[str, ...]) -> Emphasis | None:
    if _has(words, _NICE):
        return NICE
    if _has(words, _REQUIRED):
        return REQUIRED
    return None


def _depth(words: tuple[str, ...]) -> int | None:
    if _has(words, _HIGH):
        return 4
    if _has(words, _LOW):
        return 2
    return None


def read_job(text: str, bank: Bank, index: KeywordIndex | None = None) -> JobReading:
    """The role `text` (a job ad) asks for, in terms of `bank`'s questions."""
    index = index or KeywordIndex(bank)
    lines = text.splitlines()
    title = _title(lines)
    default_target = _depth(normalise(title)) or DEFAULT_TARGET
    seen: dict[str, _Seen] = {}
    unknown: dict[str, str] = {}
    section: Emphasis = PLAIN
    for number, line in enumerate(lines, 1):
        words = normalise(line)
        if not words:
            continue
        if _is_heading(line, words):
            heading = _emphasis(words)
            section = PLAIN if heading is None else heading
            continue
        found = index.find(words)
        if found:
            own = _emphasis(words)
            emphasis = section if own is None else own
            target = _depth(words) or default_target
            for _, _, qid, keyword in found:
                entry = seen.get(qid)
                if entry is None:
                    seen[qid] = _Seen([keyword], [number], target, emphasis)
                    continue
                if keyword not in entry.phrases:
                    entry.phrases.append(keyword)
                if number not in entry.lines:
                    entry.lines.append(number)
                entry.target = max(entry.target, target)
                entry.emphasis = max(entry.emphasis, emphasis)
        if number > 1 or line.strip() != title:
            _collect_unknown(line, found, words, index, unknown)
    matches = _requirements(bank, seen)
    role = Role(
        id=role_id(title, bank),
        name=title or "Job ad",
        summary=f"Read from a job ad by skillgap job: {len(matches)} requirements.",
        requirements=tuple(
            Requirement(
                m.requirement_id, m.target, m.weight, m.essential,
                any_of=m.question_ids if len(m.question_ids) > 1 else (),
                title=_group_title(bank, m),
            )
            for m in matches
        ),
    )  # fmt: skip
    return JobReading(role, tuple(matches), tuple(unknown.values()))


def _group_title(bank: Bank, match: JobMatch) -> str:
    if len(match.question_ids) < 2:
        return ""
    group = bank.groups.get(match.requirement_id)
    return group.title if group is not None else ""


def _requirements(bank: Bank, seen: dict[str, _Seen]) -> list[JobMatch]:
    """One requirement per question named, except that two or more members of one bundled
    group become that group (its best member counts), in the bank's question order."""
    member_of = {qid: gid for gid, group in bank.groups.items() for qid in group.any_of}
    named_groups: dict[str, list[str]] = {}
    for qid in seen:
        if qid in member_of:
            named_groups.setdefault(member_of[qid], []).append(qid)
    matches: list[JobMatch] = []
    done: set[str] = set()
    for question in bank.ordered_questions():
        qid = question.id
        if qid not in seen or qid in done:
            continue
        gid = member_of.get(qid)
        members = [qid]
        if gid is not None and len(named_groups[gid]) > 1:
            members = [q.id for q in bank.ordered_questions() if q.id in named_groups[gid]]
        done.update(members)
        entries = [seen[m] for m in members]
        emphasis = max(e.emphasis for e in entries)
        wanted = max(e.target for e in entries)
        # A level an answer can stand at: a certification held is 4, so a 3 asks for 4.
        reachable = sorted({lvl for m in members for lvl in bank.questions[m].reachable_levels()})
        target = next((lvl for lvl in reachable if lvl >= wanted), reachable[-1])
        phrases = list(dict.fromkeys(p for e in entries for p in e.phrases))
        matches.append(
            JobMatch(
                requirement_id=gid if len(members) > 1 and gid else qid,
                question_ids=tuple(members),
                phrases=tuple(phrases),
                lines=tuple(sorted({n for e in entries for n in e.lines})),
                target=max(1, target),
                weight=WEIGHTS[emphasis],
                essential=emphasis == REQUIRED,
            )
        )
    return matches


def _title(lines: list[str]) -> str:
    """The ad's first non-empty line, without Markdown marks or unprintable characters, cut
    to MAX_ROLE_NAME."""
    for line in lines:
        shown = "".join(c for c in line if c.isprintable() or c.isspace())
        text = " ".join(re.sub(r"^\s*#{1,6}\s*|[*_`]", "", shown).split())
        if text:
            if len(text) > MAX_ROLE_NAME:
                text = text[: MAX_ROLE_NAME - 1].rsplit(" ", 1)[0] + "…"
            return text
    return ""


def role_id(title: str, bank: Bank) -> str:
    """The id of the role read from an ad: "job-" and the title's words, kebab-case, never a
    bundled role's id."""
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower())]
    slug = ""
    for word in words:
        if len(ID_PREFIX) + len(slug) + len(word) + 1 > MAX_ROLE_ID:
            break
        slug = f"{slug}-{word}" if slug else word
    rid = ID_PREFIX + slug if slug else "job"
    taken = {role.id for role in bank.roles} | set(bank.questions) | set(bank.groups)
    candidate, n = rid, 2
    while candidate in taken:
        candidate, n = f"{rid}-{n}", n + 1
    return candidate


def _collect_unknown(
    line: str,
    found: list[tuple[int, int, str, str]],
    words: tuple[str, ...],
    index: KeywordIndex,
    unknown: dict[str, str],
) -> None:
    """Adds the tool-like words of `line` that no keyword placed to `unknown` (by lower case)."""
    placed = {w for start, end, _, _ in found for w in words[start:end]}
    body = _BULLET.sub("", _HEADING_MARK.sub("", line))
    sentence_start = True
    for token_match in _TOKEN.finditer(body):
        token = token_match.group(0).rstrip(".-/")
        before = body[: token_match.start()].rstrip()
        at_start = sentence_start or not before or before.endswith((".", ":", "!", "?", "(", "—"))
        sentence_start = False
        key = token.lower()
        parts = normalise(token)
        if not parts or key in unknown or key in _PLAIN_WORDS:
            continue
        if any(p in placed or p in index.words or _singular(p) in index.words for p in parts):
            continue
        if _is_tool_like(token, at_start):
            unknown[key] = token


def _is_tool_like(token: str, at_start: bool) -> bool:
    if len(token) < 2:
        return False
    if any(c.isdigit() for c in token) or any(c in ".+#" for c in token):
        return True
    if any(c.isupper() for c in token[1:]):
        return True  # an acronym (SRE, GDPR) or a mixed-case name (GitHub, DynamoDB)
    return token[0].isupper() and not at_start
