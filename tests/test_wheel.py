"""The built wheel works on its own: the bundled bank ships inside it, so `validate` and
`score` run from another folder with nothing from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_built_wheel_validates_and_scores_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("skillgap-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "skillgap/questions/bank.yaml" in names
    assert any(n.startswith("skillgap/questions/sections/") for n in names)
    assert "skillgap/questions/schema/section.schema.json" in names

    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "SKILLGAP_DATA_DIR": str(tmp_path / "data")}

    def skillgap(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "skillgap", *args],
            capture_output=True, text=True, timeout=120, cwd=elsewhere, env=env,
        )  # fmt: skip

    where = subprocess.run(
        [sys.executable, "-c", "import skillgap; print(skillgap.__file__)"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )  # fmt: skip
    assert where.stdout.startswith(str(site)), where.stdout
    validate = skillgap("validate")
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout.startswith("ok: ")
    template = skillgap("answers-template", "-o", "answers.yaml")
    assert template.returncode == 0, template.stderr
    scored = skillgap("score", "answers.yaml", "--json")
    assert scored.returncode == 0, scored.stderr
    assert {r["id"] for r in json.loads(scored.stdout)["roles"]} == {"devops", "devsecops"}
