"""A role read from a job ad (core.job), written as a file of the public bank format, so
`skillgap validate` accepts it in a bank's roles/: each requirement commented with the ad's
words and lines that asked for it."""

from __future__ import annotations

import json

from skillgap.core.job import JobReading
from skillgap.core.model import Bank
from skillgap.escape import one_line


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON's escapes, which YAML shares, for quotes,
    backslashes and control characters; every other character as it is (YAML has no escape
    for a UTF-16 surrogate pair, which JSON's ASCII form would write)."""
    return json.dumps(text, ensure_ascii=False)


def role_yaml(reading: JobReading, bank: Bank) -> str:
    """The role as a file of the public bank format, each requirement commented with the
    ad's words that asked for it."""
    role = reading.role
    out = [
        "# yaml-language-server: $schema=../schema/role.schema.json",
        "# Read from a job ad by skillgap job: each requirement names the ad's words for it.",
        "role:",
        f"  id: {role.id}",
        f"  name: {quoted(role.name)}",
        f"  summary: {quoted(role.summary)}",
        "requirements:",
    ]
    for match, req in zip(reading.matches, role.requirements, strict=True):
        fields = [f"target: {req.target}", f"weight: {req.weight:g}"]
        if req.essential:
            fields.append("essential: true")
        if req.any_of:
            fields.insert(0, f"any_of: [{', '.join(req.any_of)}]")
            if req.title:
                fields.append(f"title: {quoted(req.title)}")
        lines = ", ".join(str(n) for n in match.lines)
        words = ", ".join(one_line(p) for p in match.phrases)
        out.append(f"  # {words} (line{'s' if len(match.lines) > 1 else ''} {lines})")
        out.append(f"  {req.question_id}: {{{', '.join(fields)}}}")
    if reading.unknown:
        out.append("# Not understood: " + ", ".join(one_line(w) for w in reading.unknown))
    return "\n".join(out) + "\n"
