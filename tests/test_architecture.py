"""The core is reachable without the TUI: no module outside skillgap.tui imports Textual, and
the import-linter contract that `make lint` runs covers every one of them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "skillgap"
CORE = sorted(
    f"skillgap.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")
)


def test_the_import_linter_contract_lists_every_core_module() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert sorted(contract["source_modules"]) == CORE
    assert "textual" in contract["forbidden_modules"]


@pytest.mark.parametrize("module", CORE)
def test_a_core_module_imports_without_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules, 'textual imported'"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
