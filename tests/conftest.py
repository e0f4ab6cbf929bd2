from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank

DATA = Path(__file__).parent / "data"
MINI_BANK = DATA / "banks" / "mini"
ROOT = Path(__file__).resolve().parents[1]
BUNDLED_BANK = ROOT / "questions"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test saves into its own folder, never the user's real data."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("SKILLGAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SKILLGAP_QUESTIONS", raising=False)
    monkeypatch.delenv("SKILLGAP_DEBUG", raising=False)
    return data_dir


@pytest.fixture(scope="session")
def mini_bank() -> Bank:
    return load_bank(MINI_BANK)


class BankWriter:
    """Writes a small valid bank into a folder; tests then break one thing in it."""

    BANK = textwrap.dedent("""\
        name: Test bank
        version: "1.0"
        """)
    SECTION = textwrap.dedent("""\
        section:
          id: base
          title: Base
        questions:
          - id: linux
            prompt: How well do you run Linux?
            levels: {1: a, 2: b, 3: c, 4: d}
            effort_hours: 10
          - id: docker
            prompt: How well do you use Docker?
            requires: {linux: 1}
        """)
    ROLE = textwrap.dedent("""\
        role:
          id: ops
          name: Ops
        requirements:
          linux: {target: 3, weight: 1, essential: true}
          docker: {target: 2, weight: 2}
        """)

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("bank.yaml", self.BANK)
        self.write("sections/10-base.yaml", self.SECTION)
        self.write("roles/10-ops.yaml", self.ROLE)

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def remove(self, name: str) -> None:
        os.remove(self.root / name)


@pytest.fixture
def bank_writer(tmp_path: Path) -> BankWriter:
    return BankWriter(tmp_path / "bank")
