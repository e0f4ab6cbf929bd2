"""A role's context in its file's head: each figure's period, the tables of figures and the
views of the sources a bank is built on, read field by field onto the file's checker as
formats/questions.py reads a question; formats/bank.py reads the rest of a role."""

from __future__ import annotations

import re

from skillgap.core.model import PERIODS, MarketTable, Period, SourceView
from skillgap.formats.fields import Field, describe_value, did_you_mean

#: A date of a table or a view: a year, a month or a day (2023, 2023-01, 2023-01-23).
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def read_period(item: Field) -> Period:
    """A figure's `period`: month or year, or "" when it has none (a count of openings)."""
    field = item.child("period")
    if field is None:
        return ""
    value = field.as_text()
    for period in PERIODS:
        if value == period:
            return period
    if value:
        hint = did_you_mean(value, PERIODS) or ";"
        field.error(f"must be month or year{hint} got {describe_value(field.value)}")
    return ""


def read_date(item: Field) -> str:
    """A table's or a view's `date` (that it is there is checked with the other fields)."""
    field = item.child("date")
    if field is None:
        return ""
    text = field.as_text(numbers_ok=True)
    if text and not _DATE.fullmatch(text):
        field.error(f"must be a date: YYYY, YYYY-MM or YYYY-MM-DD (such as 2023-01); got {text!r}")
        return ""
    return text


TABLE_FIELDS = ("title", "columns", "rows", "period", "source", "date", "note")
VIEW_FIELDS = ("source", "date", "market", "drivers", "advice")


def read_tables(head: Field) -> tuple[MarketTable, ...]:
    """A role's `tables`: each a title, two or more columns, and rows of one cell per column."""
    field = head.child("tables")
    if field is None or not field.check_list():
        return ()
    tables: list[MarketTable] = []
    for item in field.items():
        if not item.check_mapping(TABLE_FIELDS, ("title", "columns", "rows")):
            continue
        title = item.text("title")
        columns = item.text_list("columns")
        columns_field = item.child("columns")
        if columns_field is not None and isinstance(columns_field.value, list) and len(columns) < 2:
            columns_field.error("a table needs at least two columns; for one, use market")
        written = columns_field.value if columns_field is not None else None
        rows = _rows(item.child("rows"), len(written) if isinstance(written, list) else 0)
        period, source, date = read_period(item), item.text("source"), read_date(item)
        note = item.text("note")
        if title and len(columns) >= 2 and len(columns) == len(written or ()) and rows:
            tables.append(MarketTable(title, columns, rows, period, source, date, note))
    return tuple(tables)


def _rows(field: Field | None, width: int) -> tuple[tuple[str, ...], ...] | None:
    """A table's `rows`: at least one, each a list of `width` cells (text or numbers)."""
    if field is None or not field.check_list(non_empty=True):
        return None
    rows: list[tuple[str, ...]] = []
    ok = bool(field.value)
    for row in field.items():
        if not row.check_list():
            ok = False
            continue
        cells = tuple(cell.as_text(numbers_ok=True) for cell in row.items())
        if width and len(cells) != width:
            row.error(f"has {len(cells)} cells; the table has {width} columns")
            ok = False
        elif not all(cells):
            ok = False  # an empty or wrong cell, reported where it is written
        rows.append(cells)
    return tuple(rows) if ok else None


def read_views(head: Field) -> tuple[SourceView, ...]:
    """A role's `views`: a named, dated source's opinions (market, drivers, advice)."""
    field = head.child("views")
    if field is None or not field.check_list():
        return ()
    views: list[SourceView] = []
    for item in field.items():
        if not item.check_mapping(VIEW_FIELDS, ("source", "date")):
            continue
        source = item.text("source")
        date = read_date(item)
        market, drivers, advice = (item.text_list(k) for k in ("market", "drivers", "advice"))
        written = (item.value.get(k) for k in ("market", "drivers", "advice"))
        if not any(isinstance(v, list) and v for v in written):
            item.error("a view needs at least one item in market, drivers or advice")
        if source and date and (market or drivers or advice):
            views.append(SourceView(source, date, market, drivers, advice))
    return tuple(views)
