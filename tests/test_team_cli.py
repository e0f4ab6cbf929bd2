"""`skillgap team` on the fixture reports of tests/data/team (scripts/team_fixtures.py): the
hand-computed counts, bus factor and mentors of tests/test_team.py in the text, JSON, Markdown
and HTML outputs; one person's two reports counted once; a foreign bank matched by id; each
bad input named with exit 2; --skip-bad; --anonymous; nothing written to the data folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from skillgap.formats.report_json import MAX_IMPORT_BYTES
from tests.conftest import DATA
from tests.test_report_cli import sg

Capture = pytest.CaptureFixture[str]
TEAM = DATA / "team"
PEOPLE = TEAM / "people"
BAD = TEAM / "bad"


def team_json(capsys: Capture, *argv: str) -> dict:  # type: ignore[type-arg]
    code, out, err = sg(capsys, "team", *argv, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_the_fixtures_are_what_the_script_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "team_fixtures", DATA.parents[1] / "scripts" / "team_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for fresh in module.write(tmp_path):
        committed = TEAM / fresh.relative_to(tmp_path)
        fresh_text = re.sub(r'"skillgap_version": "[^"]*"', "", fresh.read_text())
        old_text = re.sub(r'"skillgap_version": "[^"]*"', "", committed.read_text())
        assert fresh_text == old_text, f"{committed} drifted: run scripts/team_fixtures.py"


def test_json_matches_the_hand_computed_team(capsys: Capture, _isolated_data_dir: Path) -> None:
    doc = team_json(capsys, str(PEOPLE))
    assert [p["name"] for p in doc["people"]] == ["Ada", "Bo", "Cy", "Dee", "unnamed.json"]
    assert [p["named"] for p in doc["people"]] == [True, True, True, True, False]
    questions = {q["id"]: q for q in doc["questions"]}
    assert questions["linux"]["levels"] == [1, 0, 1, 2, 1]
    assert questions["linux"]["meets"] == {"ops": 3, "secops": 3}
    assert questions["docker"]["levels"] == [1, 1, 1, 1, 1]
    assert questions["kubernetes"]["levels"] == [3, 1, 1, 0, 0]
    assert questions["kubernetes"]["not_assessed"] == 1
    assert questions["scanning"]["meets"] == {"secops": 1}
    assert questions["cissp"]["levels"] == [3, 0, 1, 0, 1]
    assert questions["background"]["levels"] == [3, 0, 0, 1, 1]
    assert [m["name"] for m in questions["docker"]["mentors"]] == ["Dee", "Ada"]
    assert questions["kubernetes"]["mentors"] == []
    assert [(b["role"], b["id"], b["met_by"]) for b in doc["bus_factor"]] == [
        ("ops", "kubernetes", ["Ada"]),
        ("secops", "kubernetes", ["Ada"]),
        ("secops", "scanning", ["Bo"]),
        ("secops", "background", ["Bo"]),
    ]
    roles = {r["id"]: r for r in doc["roles"]}
    assert roles["ops"]["fit"] == {"min": 0, "median": 63.3, "max": 100}
    assert roles["ops"]["ready"] == 2 and roles["secops"]["ready"] == 0
    assert roles["secops"]["fit"] == {"min": 0, "median": 71.3, "max": 88.9}
    assert [(s["id"], s["gain"]) for s in doc["next_steps"]] == [
        ("docker", 24.89),
        ("linux", 16.59),
        ("kubernetes", 15.56),
        ("scanning", 13.33),
        ("background", 5.0),
        ("cissp", 4.44),
    ]
    assert [t["name"] for t in doc["next_steps"][0]["teachers"]] == ["Dee", "Ada"]
    # The same person's two reports count once, by the newest, and it says so.
    assert any("Ada: an older report (ada-older.json) left out" in n for n in doc["notes"])
    # A foreign bank's report is matched by id, unknown ids left out and said.
    dee = next(p for p in doc["people"] if p["name"] == "Dee")
    assert dee["bank"] == {"name": "Other bank", "version": "9.9"}
    assert dee["unknown_ids"] == ["terraform"]
    assert any("Other bank 9.9, matched by question id" in n and "terraform" in n
               for n in doc["notes"])  # fmt: skip
    assert any("labelled by its file (unnamed.json)" in n for n in doc["notes"])
    assert doc["skipped"] == 0
    # Nothing is written into the user's own database: the data folder is not even made.
    assert not _isolated_data_dir.exists()


def test_role_narrows_bus_factor_and_learn_next(capsys: Capture) -> None:
    doc = team_json(capsys, str(PEOPLE), "--role", "ops")
    assert doc["target_role"] == "ops"
    assert [r["id"] for r in doc["roles"]] == ["ops"]
    assert [(b["role"], b["id"]) for b in doc["bus_factor"]] == [("ops", "kubernetes")]
    assert [(s["id"], s["gain"]) for s in doc["next_steps"]] == [
        ("docker", 16.0),
        ("linux", 10.67),
        ("kubernetes", 10.0),
    ]
    assert sg(capsys, "team", str(PEOPLE), "--role", "nope")[0] == 2


def test_text_shows_the_same_figures(capsys: Capture) -> None:
    code, out, _ = sg(capsys, "team", str(PEOPLE))
    assert code == 0
    assert "Team skills matrix: 5 people" in out
    assert "Linux: 0:1 1:0 2:1 3:2 4:1; meets: Ops engineer 3, SecOps engineer 3" in out
    assert "SecOps engineer: Vulnerability scanning (target 3, essential): only Bo" in out
    assert "mentors: Dee (4), Ada (3)" in out
    assert "Ops engineer: fit 0% / 63% / 100% (min / median / max), 2 of 5 ready" in out
    assert "1. Docker  +24.9" in out


def test_html_and_markdown_show_the_same_figures(capsys: Capture, tmp_path: Path) -> None:
    html_file, md_file = tmp_path / "team.html", tmp_path / "team.md"
    assert sg(capsys, "team", str(PEOPLE), "-o", str(html_file))[0] == 0
    assert sg(capsys, "team", str(PEOPLE), "-o", str(md_file))[0] == 0
    page = html_file.read_text()
    assert "<script" not in page.lower() and "default-src 'none'" in page
    assert "@media print" in page
    # Linux's heat map row: levels 0-4 counted 1 0 1 2 1, then meets 3 and 3, then mentors.
    row = next(line for line in page.splitlines() if line.startswith("<tr><td>Linux</td>"))
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells[:8] == ["Linux", "1", "0", "1", "2", "1", "3", "3"]
    assert "Ada (4), Bo (3), Dee (3)" in row
    assert 'style="background:rgba(' in row  # the share as colour, inline, and the count
    assert 'title="2 of 5 at level 3">2</td>' in row
    assert "<td>only Bo</td>" in page
    assert 'title="level 4">4</td>' in page  # the matrix: a symbol per level with its colour
    assert 'title="not assessed">\u2013</td>' in page  # Dee's bank has no kubernetes
    text = md_file.read_text()
    assert "| Linux | 1 | 0 | 1 | 2 | 1 | 3 | 3 | Ada (4), Bo (3), Dee (3) |" in text
    assert "| SecOps engineer | Vulnerability scanning (essential) | 3 | only Bo |" in text
    # Refused over an existing file without --force.
    assert sg(capsys, "team", str(PEOPLE), "-o", str(md_file))[0] != 0
    assert sg(capsys, "team", str(PEOPLE), "-o", str(md_file), "--force")[0] == 0
    assert sg(capsys, "team", str(PEOPLE), "-o", str(tmp_path / "team.pdf"))[0] == 2


def test_every_outside_string_is_escaped(capsys: Capture, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    doc = json.loads((PEOPLE / "bo.json").read_text())
    doc["name"] = "<script>alert(1)</script> | *x*"
    (folder / "evil.json").write_text(json.dumps(doc))
    shutil.copy(PEOPLE / "ada.json", folder)
    for suffix in ("html", "md"):
        out = tmp_path / f"t.{suffix}"
        assert sg(capsys, "team", str(folder), "-o", str(out))[0] == 0
        text = out.read_text()
        assert "<script>" not in text
        assert ("&lt;script&gt;" in text) if suffix == "html" else ("\\<script\\>" in text)
    code, out, _ = sg(capsys, "team", str(folder))
    assert code == 0 and "<script>alert(1)</script> | *x*" in out  # plain for the terminal


def test_anonymous_replaces_names_in_every_output(capsys: Capture, tmp_path: Path) -> None:
    outputs = [sg(capsys, "team", str(PEOPLE), "--anonymous", *extra)[1]
               for extra in ([], ["--json"])]  # fmt: skip
    for suffix in ("html", "md"):
        out = tmp_path / f"a.{suffix}"
        assert sg(capsys, "team", str(PEOPLE), "--anonymous", "-o", str(out))[0] == 0
        outputs.append(out.read_text())
    for text in outputs:
        assert "person 1" in text and "person 5" in text
        for secret in ("Ada", "Bo ", '"Bo"', "Cy", "Dee", "unnamed", "ada-older"):
            assert secret not in text, (secret, text[:200])


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not-a-report.json", "hello: is not a field"),
        ("other-kind.json", "not a skillgap report"),
        ("cut-short.json", "is not valid JSON"),
    ],
)
def test_each_bad_input_is_named_with_exit_2(capsys: Capture, name: str, reason: str) -> None:
    code, out, err = sg(capsys, "team", str(PEOPLE), str(BAD / name))
    assert code == 2 and out == ""
    assert f"{BAD / name}: " in err and reason in err
    assert "1 bad file(s)" in err


def test_a_file_over_the_cap_and_a_missing_one_are_named(capsys: Capture, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_IMPORT_BYTES + 1))
    code, _, err = sg(capsys, "team", str(PEOPLE), str(big), str(tmp_path / "gone.json"))
    assert code == 2
    assert f"{big}: is over 5 MiB" in err
    assert "gone.json: no such file or folder" in err
    assert "2 bad file(s)" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = sg(capsys, "team", str(empty))
    assert code == 2 and "no *.json report" in err


def test_skip_bad_goes_on_and_counts(capsys: Capture) -> None:
    code, out, err = sg(capsys, "team", str(PEOPLE), str(BAD), "--skip-bad", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["skipped"] == 3 and len(doc["people"]) == 5
    assert "skipped 3 bad file(s)" in err
    assert err.count("skillgap: skipped: ") == 3
    code, out, err = sg(capsys, "team", str(BAD), "--skip-bad")
    assert code == 2 and "no report to aggregate" in err


def test_team_leaves_an_existing_database_untouched(
    capsys: Capture, _isolated_data_dir: Path
) -> None:
    from skillgap.store import Store

    with Store.open(_isolated_data_dir) as store:
        store.set_setting("target_role", "ops")
    before = {p.name: p.read_bytes() for p in _isolated_data_dir.iterdir()}
    doc = team_json(capsys, str(PEOPLE))
    assert doc["target_role"] is None  # both roles: the saved choice is not read
    after = {p.name: p.read_bytes() for p in _isolated_data_dir.iterdir()}
    assert after == before


def test_a_quick_report_leaves_out_what_it_did_not_ask(capsys: Capture, tmp_path: Path) -> None:
    doc = json.loads((PEOPLE / "ada.json").read_text())
    doc["result"]["mode"] = "quick"
    del doc["answers"]["kubernetes"]
    (tmp_path / "ada.json").write_text(json.dumps(doc))
    shutil.copy(PEOPLE / "bo.json", tmp_path)
    out = team_json(capsys, str(tmp_path))
    kubernetes = next(q for q in out["questions"] if q["id"] == "kubernetes")
    assert kubernetes["levels"] == [2, 0, 0, 0, 0] and kubernetes["not_assessed"] == 1
    ops = next(r for r in out["roles"] if r["id"] == "ops")
    ada = next(p for p in ops["people"] if p["name"] == "Ada")
    assert ada["fit"] == 100 and ada["coverage"] == 0.8  # kubernetes: weight 1 of 5
