"""Generate a large, valid question bank for the benchmarks: N questions in F section files."""

from __future__ import annotations

import sys
from pathlib import Path

ANCHORS = {
    1: "I have followed a tutorial and can explain what it is for in my own words.",
    2: "I use it in my daily work with occasional help from documentation or colleagues.",
    3: "I set it up from scratch, debug it in production and teach others how to use it.",
    4: "I design how a whole organisation uses it and review others' designs for it.",
}


def generate(root: Path, questions: int = 10_000, files: int = 100) -> Path:
    (root / "sections").mkdir(parents=True, exist_ok=True)
    (root / "roles").mkdir(exist_ok=True)
    (root / "bank.yaml").write_text('name: Generated bank\nversion: "1.0"\n')
    per_file = questions // files
    ids = []
    for f in range(files):
        lines = [f"section:\n  id: section-{f}\n  title: Section {f}\nquestions:"]
        for i in range(per_file):
            qid = f"q-{f}-{i}"
            ids.append(qid)
            lines.append(f"  - id: {qid}\n    title: Skill {f}.{i}")
            lines.append(f"    prompt: How well do you know skill {f}.{i}?")
            lines.append("    levels:")
            lines += [f"      {lvl}: {text}" for lvl, text in ANCHORS.items()]
            lines.append("    effort_hours: {1: 5, 2: 15, 3: 40, 4: 100}")
            if i % 10:  # chains of ten: well within the bank's depth limit
                lines.append(f"    requires: {{q-{f}-{i - 1}: 1}}")
            lines.append(
                "    resources:\n      - title: Official documentation\n"
                f"        url: https://example.org/docs/{qid}\n        kind: docs"
            )
            if i == 0:
                lines.append("    quick: true")
        (root / "sections" / f"{f:03d}.yaml").write_text("\n".join(lines) + "\n")
    for r, name in enumerate(("ops", "secops")):
        reqs = []
        for n, qid in enumerate(ids):
            if (n + r) % 3:
                essential = ", essential: true" if n % 50 == 0 else ""
                target, weight = 1 + (n + r) % 4, 1 + n % 3
                reqs.append(f"  {qid}: {{target: {target}, weight: {weight}{essential}}}")
        head = f"role:\n  id: {name}\n  name: {name.title()} engineer\nrequirements:\n"
        (root / "roles" / f"{r}-{name}.yaml").write_text(head + "\n".join(reqs) + "\n")
    return root


if __name__ == "__main__":
    print(generate(Path(sys.argv[1])))
