"""Shared by the tests of knowledge checks, the adaptive quiz and the plan: the bank with
checks, and a fixed check choice, so which check is asked does not depend on the clock."""

from __future__ import annotations

from functools import cache

import pytest

from skillgap.core import checks
from skillgap.core.model import Bank
from skillgap.formats.bank import load_bank
from tests.conftest import DATA

CHECKS_BANK = DATA / "banks" / "checks"


@cache
def checks_bank() -> Bank:
    return load_bank(CHECKS_BANK)


def fix_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 0 asks: Linux "Which file lists the mounts made at boot?" (1 /etc/fstab is right),
    Docker "Which instruction sets the user…?" (1 USER is right, 2 RUN is not)."""
    monkeypatch.setattr(checks, "assessment_seed", lambda started_at: 0)
