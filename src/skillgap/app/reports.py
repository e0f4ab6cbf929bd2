"""Report services both front ends use: a saved report's learning plan as a timeline, the
previous report of each listed one (of the same bank and mode), and reading an exported report
file (untrusted input)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from skillgap.app.settings import BOTH, plan_settings, target_role

if TYPE_CHECKING:
    from skillgap.core.model import Bank
    from skillgap.core.report import Report, ReportSummary
    from skillgap.core.timeline import Timeline
    from skillgap.formats.report_json import ReportData
    from skillgap.store import Store


def open_store(data_dir: str | Path | None) -> Store:
    """The store in `data_dir`, else in the default data folder."""
    from skillgap.store import Store

    store = Store.open(Path(data_dir) if data_dir else None)
    global _told_read_only
    if store.read_only and not _told_read_only:
        _told_read_only = True
        print(
            f"skillgap: note: {store.path.parent} is read-only: saved reports can be read and"
            " exported, not saved",
            file=sys.stderr,
        )
    return store


_told_read_only = False


def timeline_for(
    store: Store,
    report: Report,
    bank: Bank | None,
    hours: float | None = None,
    weeks: int | None = None,
    role: str | None = None,
) -> Timeline | None:
    """The learning plan of a saved report with the stored plan statuses, or None when `bank`
    is not the report's bank (the advice needs the bank it was made with). Hours a week and
    weeks default to the saved settings; `role` (a role id, or settings.BOTH) to the saved
    choice of the role aimed for."""
    from skillgap.core.scoring import level_map
    from skillgap.core.timeline import schedule

    if bank is None or bank.name != report.bank_name:
        return None
    saved_hours, saved_weeks = plan_settings(store)
    plan = store.get_plan(bank.name)
    levels = level_map(bank, report.answers)
    aim = target_role(store, bank) if role is None else None if role == BOTH else role
    return schedule(bank, levels, hours or saved_hours, weeks or saved_weeks, plan, aim)


def previous_in_page(store: Store, summaries: Sequence[ReportSummary]) -> dict[int, ReportSummary]:
    """For each listed report, the one of the same bank and mode (a Quick report's previous
    Quick one) saved just before it. The page itself holds the answer for all but the oldest of
    each bank and mode; only those ask the store."""
    previous: dict[int, ReportSummary] = {}
    # (bank, mode) -> the newer report still looking for its previous
    waiting: dict[tuple[str, str], ReportSummary] = {}
    for summary in summaries:  # newest first
        key = (summary.bank_name, summary.mode)
        newer = waiting.get(key)
        if newer is not None:
            previous[newer.id] = summary
        waiting[key] = summary
    previous.update(store.previous_reports(s.id for s in waiting.values()))
    return previous


def check_importable(text: str, fmt: str, report_id: int | None) -> None:
    """Refuse (UsageError) a JSON export that `report import` would refuse: over its cap
    (MAX_IMPORT_BYTES). A valid bank can make a report far larger than any sensible cap (one
    question may hold 20,000 resources, each repeated in four steps), so the cap stays and the
    export says so before writing, rather than write a file that can never come back in."""
    from skillgap.errors import UsageError
    from skillgap.formats.report_json import MAX_IMPORT_BYTES

    if fmt != "json" or len(text) <= MAX_IMPORT_BYTES // 4:
        return  # the document is ASCII: one byte a character
    size = len(text.encode("utf-8"))
    if size > MAX_IMPORT_BYTES:
        which = f"report {report_id}" if report_id else "this report"
        raise UsageError(
            f"{which} as JSON is {size / 2**20:.1f} MiB, over the"
            f" {MAX_IMPORT_BYTES // 2**20} MiB that skillgap report import reads: it could"
            " never be imported back, so it was not written; export it as .md or .html"
        )


def read_export_bytes(path: Path) -> bytes:
    """The bytes of an exported report file, read up to the import cap: ReportFileError
    (exit 2) naming the file when it cannot be read or is over the cap. `report import` and
    `skillgap team` both read their files through here."""
    from skillgap.formats.report_json import MAX_IMPORT_BYTES
    from skillgap.store import ReportFileError

    try:
        with open(path, "rb") as f:
            data = f.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ReportFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ReportFileError(
            f"{path}: is over {MAX_IMPORT_BYTES // (1024 * 1024)} MiB; not a skillgap report"
        )
    return data


def read_report_file(path: Path) -> ReportData:
    """An exported report read from `path`, every field checked (untrusted input)."""
    from skillgap.formats.json_reader import FormatError, loads
    from skillgap.formats.report_json import report_from_json
    from skillgap.store import ReportFileError

    data = read_export_bytes(path)
    try:
        document = loads(data)
        _no_lone_surrogates(document)
        return report_from_json(document)
    except FormatError as exc:
        raise ReportFileError(
            f"{path}: {exc}; import reads what skillgap report export ID --format json writes"
        ) from None


def _no_lone_surrogates(document: object) -> None:
    """JSON may escape half a UTF-16 pair ("\\ud800"); such text cannot be stored or written
    out again, so the file is refused as a whole (FormatError)."""
    import json

    from skillgap.formats.json_reader import FormatError

    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise FormatError(
            "", "holds text that is not valid Unicode (a lone \\u surrogate)"
        ) from None
