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


def fix_seed(monkeypatch: pytest.MonkeyPatch, seed: int = 0) -> None:
    """Every assessment gets `seed`, which chooses the checks and orders their options.

    Seed 0 asks: Linux "Which file lists the mounts made at boot?", shown as 1 /etc/fstab
    (right), 2 /proc/mounts, 3 /etc/mtab; Docker "Which instruction sets the user…?", shown
    as 1 RUN, 2 USER (right), 3 ENTRYPOINT.
    Seed 7 asks the same checks, shown as 1 /etc/mtab, 2 /etc/fstab (right), 3 /proc/mounts
    and 1 ENTRYPOINT, 2 RUN, 3 USER (right).
    """
    monkeypatch.setattr(checks, "assessment_seed", lambda started_at: seed)
