"""History: saved reports with their scores and change, a trend per role, open, compare, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Sparkline, Static

from skillgap.text import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import delta, percent, when

if TYPE_CHECKING:
    from skillgap.store import ReportSummary

#: Reports listed; older ones stay in the store (and in `skillgap report list`).
SHOWN = 500


class HistoryScreen(SkillgapScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="history.open", tooltip="Show this report's results"),
        Binding("space", "mark", "Mark", id="history.mark",
                tooltip="Mark this report to compare (mark two)"),
        Binding("c", "compare", "Compare", id="history.compare",
                tooltip="Compare the two marked reports (or this one with the one before)"),
        Binding("d,delete", "delete", "Delete", id="history.delete",
                tooltip="Delete this report (asks first)"),
        Binding("escape", "close", "Back", id="history.back", tooltip="Back to the welcome screen"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[ReportSummary] = []
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(id="history-title", classes="heading")
            yield Vertical(id="trends")
            yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
            yield Static(
                Content(
                    "Enter opens a report · Space marks two to compare, then c · "
                    "d deletes · change is against the report before, same bank"
                ),
                classes="dim",
                id="history-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        """(Re)read the newest reports and show them with their change and trend."""
        store = self.store
        total = store.count_reports()
        self.reports = store.list_reports(limit=SHOWN)
        previous = store.previous_reports(r.id for r in self.reports)
        self.marked = [rid for rid in self.marked if any(r.id == rid for r in self.reports)]
        plural = "s" if total != 1 else ""
        shown = (
            f"newest {len(self.reports)} of {total} saved reports"
            if total > len(self.reports)
            else f"{total} saved report{plural}"
        )
        self.query_one("#history-title", Static).update(
            Content.assemble(("History", "bold"), f"  {shown}")
        )
        several_banks = len({r.bank_name for r in self.reports}) > 1
        role_ids: dict[str, str] = {}
        for report in self.reports:
            for role_id, name in report.role_names.items():
                role_ids.setdefault(role_id, name)
        table = self.query_one("#reports", DataTable)
        table.clear(columns=True)
        table.add_column("", key="mark", width=2)
        table.add_column("#", key="id")
        table.add_column("Date", key="date")
        for role_id, name in role_ids.items():
            table.add_column(Text(one_line(name)), key=role_id)
        table.add_column("Bank" if several_banks else "Bank version", key="bank")
        for report in self.reports:
            before = previous.get(report.id)
            cells: list[Text] = [
                Text("✓" if report.id in self.marked else ""),
                Text(str(report.id)),
                Text(when(report.created_at)),
            ]
            for role_id in role_ids:
                score = report.scores.get(role_id)
                if score is None:
                    cells.append(Text("\u2013", style="dim"))
                    continue
                old = before.scores.get(role_id) if before else None
                change = delta(score - old) if old is not None else ""
                cells.append(Text(f"{percent(score):>4} {change:>4}"))
            bank = (
                f"{report.bank_name} {report.bank_version}"
                if several_banks
                else report.bank_version
            )
            cells.append(Text(one_line(bank)))
            table.add_row(*cells, key=str(report.id))
        self._show_trends(role_ids)
        if not self.reports:
            self.query_one("#history-hint", Static).update(
                Content("No saved reports yet: finish a quiz and its report is saved here.")
            )
        table.focus()

    def _show_trends(self, role_ids: dict[str, str]) -> None:
        trends = self.query_one("#trends", Vertical)
        trends.remove_children()
        if len(self.reports) < 2:
            trends.display = False
            return
        trends.display = True
        oldest_first = list(reversed(self.reports))
        width = max(len(one_line(name)) for name in role_ids.values())
        rows = []
        for role_id, name in role_ids.items():
            points = [r.scores[role_id] for r in oldest_first if role_id in r.scores]
            if len(points) < 2:
                continue
            label = Static(
                Content.assemble(
                    (f"{one_line(name):<{width}}", "bold"),
                    f" {percent(points[0]):>4} → {percent(points[-1]):>4} ",
                ),
                classes="trend-label",
            )
            rows.append(Horizontal(label, Sparkline(points, classes="trend"), classes="trend-row"))
        trends.mount_all(rows)

    def _selected(self) -> ReportSummary | None:
        table = self.query_one("#reports", DataTable)
        if not self.reports or table.cursor_row is None:
            return None
        row = table.cursor_row
        return self.reports[row] if 0 <= row < len(self.reports) else None

    @on(DataTable.RowSelected, "#reports")
    def action_open(self) -> None:
        from skillgap.store import StoreError
        from skillgap.tui.screens.results import ResultsScreen

        summary = self._selected()
        if summary is None:
            return
        try:
            report = self.store.get_report(summary.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.push_screen(
            ResultsScreen(
                report.result,
                report.answers,
                report_id=report.id,
                created_at=report.created_at,
            )
        )

    def action_mark(self) -> None:
        summary = self._selected()
        if summary is None:
            return
        if summary.id in self.marked:
            self.marked.remove(summary.id)
        else:
            self.marked = [*self.marked, summary.id][-2:]
        table = self.query_one("#reports", DataTable)
        for report in self.reports:
            table.update_cell(str(report.id), "mark", Text("✓" if report.id in self.marked else ""))

    def action_compare(self) -> None:
        from skillgap.diff import diff_reports
        from skillgap.store import StoreError
        from skillgap.tui.screens.report_diff import DiffScreen

        ids = self._pair()
        if ids is None:
            self.notify(
                "Mark two reports with Space, or pick one that has an older report to compare.",
                severity="warning",
            )
            return
        try:
            first, second = (self.store.get_report(rid) for rid in ids)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        old, new = sorted((first, second), key=lambda r: (r.created_at, r.id))
        self.app.push_screen(DiffScreen(diff_reports(old, new, self.bank)))

    def _pair(self) -> tuple[int, int] | None:
        if len(self.marked) == 2:
            return self.marked[0], self.marked[1]
        summary = self._selected()
        if summary is None:
            return None
        if len(self.marked) == 1 and self.marked[0] != summary.id:
            return self.marked[0], summary.id
        index = self.reports.index(summary)
        if index + 1 < len(self.reports):
            return self.reports[index + 1].id, summary.id
        return None

    def action_delete(self) -> None:
        from skillgap.tui.screens.dialogs import ConfirmModal

        summary = self._selected()
        if summary is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            from skillgap.store import StoreError

            try:
                self.store.delete_report(summary.id)
            except StoreError as exc:
                self.notify(str(exc), severity="error")
                return
            self.notify(f"Deleted report #{summary.id}.")
            row = self.query_one("#reports", DataTable).cursor_row
            self.load()
            self.query_one("#reports", DataTable).move_cursor(row=row)

        self.app.push_screen(
            ConfirmModal(
                f"Delete report #{summary.id}?",
                f"Saved {when(summary.created_at)}. This cannot be undone.",
                yes="Delete",
            ),
            confirmed,
        )

    def action_close(self) -> None:
        self.dismiss()
