"""A saved report as the domain sees it: its answers and their result, when and with which
bank it was made. The store saves and reads them; comparison, exports and History use them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from skillgap.core.model import Answers, Result


@dataclass(frozen=True)
class ReportSummary:
    """A saved report as lists show it: when, which bank, the fit per role, which quiz."""

    id: int
    created_at: datetime
    bank_name: str
    bank_version: str
    #: Fit per role, by role id, in the bank's role order.
    scores: dict[str, float]
    role_names: dict[str, str]
    #: "full" or "quick" (Result.mode): a Quick report is compared with the Quick one before.
    mode: str = "full"
    #: (met, total) of each role's essentials, by role id; absent for reports saved before.
    essentials: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: The person's name or handle the report carries; "" when it has none.
    name: str = ""


@dataclass(frozen=True)
class Report:
    """A saved report in full: the answers and their result."""

    id: int
    created_at: datetime
    bank_name: str
    bank_version: str
    answers: Answers
    result: Result
    #: The person's name or handle; "" when the report has none.
    name: str = ""
