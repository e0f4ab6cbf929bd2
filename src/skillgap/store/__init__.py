"""Saved reports, the quiz in progress, the plan and settings in one SQLite file: the Store API
(`api`), and beside it the file's connection, schema and migrations (`database`)."""

from skillgap.store.api import (
    DB_NAME,
    ReportFileError,
    ReportNotFound,
    Store,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    default_data_dir,
    schema_version,
)

__all__ = [
    "DB_NAME",
    "ReportFileError",
    "ReportNotFound",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreTooNew",
    "default_data_dir",
    "schema_version",
]
