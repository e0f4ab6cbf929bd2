"""The README's screenshots are what the app draws today: regenerate them into a temporary
folder and compare. When a screen changes on purpose, run `make docs` and commit the result."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "docs" / "screenshots"


@pytest.mark.slow
def test_the_readme_screenshots_are_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location(
        "screenshots", ROOT / "scripts" / "screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv("TZ", "UTC")
    readme = (ROOT / "README.md").read_text()
    for fresh in module.generate(tmp_path):
        committed = COMMITTED / fresh.name
        assert f"docs/screenshots/{fresh.name}" in readme, f"README does not show {fresh.name}"
        assert committed.exists(), f"missing {committed}: run make docs"
        assert fresh.read_text() == committed.read_text(), f"{fresh.name} drifted: run make docs"
