"""Saved reports, the quiz in progress, the plan and settings in one SQLite file: the Store API
(`api`), and beside it the file's connection, schema, migrations and errors (`database`), and
which window has the quiz in progress open (`lock`)."""

from skillgap.store.api import Store, default_data_dir
from skillgap.store.database import (
    DB_NAME,
    ReportFileError,
    ReportNotFound,
    ReportUnreadable,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    schema_version,
)
from skillgap.store.lock import Holder, QuizHeld, QuizTakenOver

__all__ = [
    "DB_NAME",
    "Holder",
    "QuizHeld",
    "QuizTakenOver",
    "ReportFileError",
    "ReportNotFound",
    "ReportUnreadable",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreTooNew",
    "default_data_dir",
    "schema_version",
]
