"""History: saved reports with their quiz (Quick or Full), scores and change against the report
before of the same bank and quiz, a trend per role, open, compare, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Input, Sparkline, Static

from skillgap.core.wording import percent
from skillgap.escape import one_line
from skillgap.tui.base import SkillgapScreen
from skillgap.tui.format import delta, when
from skillgap.tui.widgets.key_bar import KeyBar
from skillgap.tui.widgets.pointer_table import PointerTable

if TYPE_CHECKING:
    from skillgap.core.report import ReportSummary
    from skillgap.store import StoreCorrupt, StoreError

#: Reports read at a time: the first page shows at once, the next is read as the cursor nears
#: the end of what is loaded, so every report is reachable and opening History reads one page
#: whether 10 or 10,000 are saved.
PAGE = 50
#: Rows from the end of the loaded ones at which the next page is read.
AHEAD = 10
#: Reports the search reads between two looks at the keyboard (some 3 ms each).
READ_AT_ONCE = 10


HINT = (
    "Enter opens a report · Space marks two, v compares them · d deletes · / searches your"
    " notes · change is against the report before of the same bank and quiz"
    " · 3/5: essentials met of the role's"
)


class ReportsTable(PointerTable):
    """The reports, Enter opening one: the table's own Enter, named so the key bar shows it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", key_display="⏎", id="history.open",
                tooltip="Show this report's results (Esc comes back here)"),
    ]  # fmt: skip


class HistoryScreen(SkillgapScreen[None]):
    DEFAULT_CSS = """
    #history { padding: 1 2 0 2; }
    #history-title { text-wrap: nowrap; text-overflow: ellipsis; }
    #trends { height: auto; margin: 1 0 0 0; }
    .trend-row { height: 1; }
    .trend-label { width: auto; }
    .trend { width: 1fr; max-width: 60; }
    #reports { height: 1fr; min-height: 4; margin: 1 0 0 0; }
    #history-hint { height: auto; }
    #search { margin: 1 0 0 0; }
    #search-said { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "Mark", id="history.mark",
                tooltip="Mark this report to compare (mark two)"),
        Binding("v", "compare", "Compare", id="history.compare",
                tooltip="Compare the two marked reports (or this one with the one before)"),
        Binding("d,delete", "delete", "Delete", id="history.delete",
                tooltip="Delete this report (asks first)"),
        Binding("slash", "search", "Search", key_display="/", id="history.search",
                tooltip="Show only the reports whose notes or answers' titles hold a text"),
        Binding("escape", "close", "Back", id="history.back",
                tooltip="Clear the search, else back one screen"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[ReportSummary] = []  # the loaded ones, newest first
        #: Rows read so far, the damaged ones (not listed) among them: the next page's offset.
        self.read = 0
        #: The ids of the damaged reports met (said in a toast, left out of the table).
        self.damaged: list[int] = []
        self.total = 0
        self.marked: list[int] = []
        self.several_banks = False
        #: Whether the Bank column is shown: only when the reports are of more than one bank
        #: or bank version (else the title names the one version, and the table fits 80 wide).
        self.bank_column = False
        self.name_column = False
        self.role_ids: dict[str, str] = {}
        #: The search typed after `/` ("" for none): only the reports whose notes or answers'
        #: titles hold it are listed.
        self.search = ""
        #: Each report's answers' titles and notes, read once for the search.
        self._haystacks: dict[int, tuple[tuple[str, str], ...]] = {}
        self._reading = False
        #: Every readable report, once the search has read them (None before, and again after
        #: a report is deleted).
        self._everything: list[ReportSummary] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static(id="history-title", classes="heading")
            yield Vertical(id="trends")
            search = Input(
                placeholder="Search notes and answers (Enter: to the list, Esc: clear)",
                id="search",
            )
            search.display = False
            yield search
            said = Static(id="search-said", classes="dim")
            said.display = False
            yield said
            yield ReportsTable(id="reports", cursor_type="row", zebra_stripes=True)
            yield Static(Content(HINT), classes="dim", id="history-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def load(self, *, focus: bool = True) -> None:
        """(Re)read the newest page of reports and show them with their change and trend."""
        store = self.store
        self.total = store.count_reports()
        self.reports, self.read, self.damaged = [], 0, []
        first = self._page()
        self.several_banks = len({r.bank_name for r in first}) > 1
        self.bank_column = len({(r.bank_name, r.bank_version) for r in first}) > 1
        # Whose each report is, when the reports are of more than one name (some imported
        # from teammates): one's own name on every row would only repeat itself.
        self.name_column = len({r.name for r in first}) > 1
        self.role_ids = {}
        for report in first:
            for role_id, name in report.role_names.items():
                self.role_ids.setdefault(role_id, name)
        table = self.query_one("#reports", PointerTable)
        table.clear(columns=True)
        table.add_pointer_column()
        table.add_column("", key="mark", width=1)
        table.add_column("#", key="id")
        table.add_column("Date", key="date")
        table.add_column("Quiz", key="mode")
        if self.name_column:
            table.add_column("Name", key="name")
        for role_id, name in self.role_ids.items():
            table.add_column(Text(one_line(name)), key=role_id)
        if self.bank_column:
            table.add_column("Bank" if self.several_banks else "Bank version", key="bank")
        self._add_rows(first)
        self._show_trends(self.role_ids)
        if not self.reports and not self.damaged:
            self.query_one("#history-hint", Static).update(
                Content("No saved reports yet: finish a quiz and its report is saved here.")
            )
        table.point_at_cursor()
        if focus:
            table.focus()

    def _bank(self, report: ReportSummary) -> Text:
        label = (
            f"{report.bank_name} {report.bank_version}"
            if self.several_banks
            else report.bank_version
        )
        return Text(one_line(label))

    def _page(self) -> list[ReportSummary]:
        """The next page of reports. A damaged one is said in one line naming its id and left
        out; a page of damaged ones only is passed over to the next."""
        while self.read < self.total:
            damaged: list[StoreCorrupt] = []
            page = self.store.list_reports(limit=PAGE, offset=self.read, damaged=damaged)
            self._damaged(damaged)
            if not page and not damaged:
                self.total = self.read  # deleted elsewhere meanwhile: nothing more to read
            self.read += len(page) + len(damaged)
            if page:
                return page
        return []

    def _damaged(self, damaged: list[StoreCorrupt]) -> None:
        for error in damaged:
            if error.report_id is not None and error.report_id not in self.damaged:
                self.damaged.append(error.report_id)
        self.skillgap.report_damaged(damaged)

    def _failed(self, error: StoreError) -> None:
        self.skillgap.report_error(error)

    def _add_rows(self, page: list[ReportSummary]) -> None:
        damaged: list[StoreCorrupt] = []
        previous = self.store.previous_reports((r.id for r in page), damaged)
        self._damaged(damaged)
        table = self.query_one("#reports", PointerTable)
        seen = {(r.bank_name, r.bank_version) for r in [*self.reports[:1], *page]}
        if not self.bank_column and len(seen) > 1:  # a later page holds another version
            self.bank_column = True
            table.add_column("Bank version", key="bank", default=Text(""))
            for report in self.reports:
                table.update_cell(str(report.id), "bank", self._bank(report))
        for report in page:
            before = previous.get(report.id)
            cells: list[Text] = [
                Text(""),
                Text("✓" if report.id in self.marked else ""),
                Text(str(report.id)),
                Text(when(report.created_at)),
                Text("Quick", style="italic") if report.mode == "quick" else Text("Full"),
            ]
            if self.name_column:
                cells.append(Text(one_line(report.name) or "\u2013"))
            for role_id in self.role_ids:
                score = report.scores.get(role_id)
                if score is None:
                    cells.append(Text("\u2013", style="dim"))
                    continue
                old = before.scores.get(role_id) if before else None
                change = delta(score - old) if old is not None else ""
                met = report.essentials.get(role_id)
                counts = f"  {met[0]}/{met[1]}" if met is not None else ""
                cells.append(Text(f"{percent(score):>4} {change:>4}{counts}"))
            if self.bank_column:
                cells.append(self._bank(report))
            table.add_row(*cells, key=str(report.id))
        self.reports += page
        self._show_title()

    def _show_title(self) -> None:
        total, loaded = self.total, len(self.reports)
        plural = "s" if total != 1 else ""
        shown = (
            f"{total} saved reports, newest first ({loaded} read; more as you scroll)"
            if total > self.read
            else f"{total} saved report{plural}"
        )
        if self.damaged:
            shown += f" · damaged: {', '.join(f'#{rid}' for rid in self.damaged)}"
        if self.reports and not self.bank_column:
            shown += f" · bank version {one_line(self.reports[0].bank_version)}"
        self.query_one("#history-title", Static).update(
            Content.assemble(("History", "bold"), f"  {shown}")
        )

    @on(DataTable.RowHighlighted, "#reports")
    def _read_ahead(self, event: DataTable.RowHighlighted) -> None:
        """Read the next page when the cursor nears the last loaded row."""
        if self.search:
            return  # the search lists every match at once
        if event.cursor_row >= len(self.reports) - AHEAD and self.read < self.total:
            page = self._page()
            if page:
                self._add_rows(page)

    def _show_trends(self, role_ids: dict[str, str]) -> None:
        trends = self.query_one("#trends", Vertical)
        trends.remove_children()
        if len(self.reports) < 2:
            trends.display = False
            return
        trends.display = True
        # Like with like: the trend of the reports of the newest one's quiz, Quick or Full.
        mode = self.reports[0].mode
        oldest_first = [r for r in reversed(self.reports) if r.mode == mode]
        width = max(len(one_line(name)) for name in role_ids.values())
        rows: list[Widget] = []
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
        if rows and mode == "quick":
            rows.insert(0, Static(Content("Trend of the Quick reports:"), classes="dim"))
        trends.display = bool(rows)
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
            self._failed(exc)
            return
        self.app.push_screen(
            ResultsScreen(
                report.result,
                report.answers,
                report_id=report.id,
                created_at=report.created_at,
                name=report.name,
            )
        )

    def action_mark(self) -> None:
        summary = self._selected()
        if summary is None:
            return
        before = set(self.marked)
        if summary.id in self.marked:
            self.marked.remove(summary.id)
        else:
            self.marked = [*self.marked, summary.id][-2:]
        table = self.query_one("#reports", DataTable)
        loaded = {r.id for r in self.reports}
        for report_id in before ^ set(self.marked):
            if report_id in loaded:
                mark = Text("✓" if report_id in self.marked else "")
                table.update_cell(str(report_id), "mark", mark)

    def action_compare(self) -> None:
        from skillgap.core.comparison import diff_reports
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
            self._failed(exc)
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
            self.marked = [rid for rid in self.marked if rid != summary.id]
            row = self.query_one("#reports", DataTable).cursor_row
            self._everything = None
            self.load()
            if self.search:
                self._filter()
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
        """Esc: a search is cleared first (the whole list again), else back one screen."""
        search = self.query_one("#search", Input)
        if search.display or self.search:
            search.display = False
            if search.value:
                search.value = ""  # Input.Changed lists every report again
            self.query_one("#reports", DataTable).focus()
            return
        self.dismiss()

    # -- search ---------------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Submitted, "#search")
    def _to_the_list(self) -> None:
        self.query_one("#reports", DataTable).focus()

    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        text = " ".join(event.value.split()).casefold()
        if text != self.search:
            self.search = text
            self._filter()

    def _filter(self) -> None:
        """List the reports whose notes or answers' titles hold the search, or every report
        again, a page at a time, when there is none. Each report is read once, a few at a
        time between key presses (`_read_all`), so typing never waits for the reading."""
        said = self.query_one("#search-said", Static)
        said.display = bool(self.search)
        if not self.search:
            self.load(focus=False)
            return
        everything = self._all_reports()
        unread = sum(1 for r in everything if r.id not in self._haystacks)
        if unread and not self._reading:
            self._reading = True
            self.run_worker(self._read_all(), group="search", exclusive=True)
        matches = [r for r in everything if self._hits(r.id)]
        table = self.query_one("#reports", PointerTable)
        with self.app.batch_update():
            table.clear()
            self.reports = []
            self._add_rows(matches)
            if matches:
                table.move_cursor(row=0)
                table.point_at_cursor()
        self._say_search(len(matches), unread)

    def _say_search(self, found: int, unread: int) -> None:
        shown = one_line(self.query_one("#search", Input).value.strip())
        noun = "report holds" if found == 1 else "reports hold"
        text = f"{found or 'No'} {noun} “{shown}” in a note or an answer's title"
        text += f" (reading: {unread} to go)" if unread else " · Esc shows them all"
        summary = self._selected()
        hits = self._hits(summary.id) if summary is not None else []
        if summary is not None and hits:
            more = f" and {len(hits) - 2} more" if len(hits) > 2 else ""
            text += f"\n#{summary.id}: " + " · ".join(hits[:2]) + more
        self.query_one("#search-said", Static).update(Content(text))

    @on(DataTable.RowHighlighted, "#reports")
    def _show_hits(self) -> None:
        """While searching: what the highlighted report holds ("Docker: Built the images")."""
        if self.search:
            unread = sum(1 for r in self._everything or [] if r.id not in self._haystacks)
            self._say_search(len(self.reports), unread)

    async def _read_all(self) -> None:
        """Read every report's notes and titles for the search, yielding to key presses
        after each few; then list the matches."""
        import asyncio

        try:
            for count, summary in enumerate(self._all_reports(), 1):
                if summary.id not in self._haystacks:
                    self._read_one(summary.id)
                if count % READ_AT_ONCE == 0:
                    await asyncio.sleep(0)
                    if self.search:
                        unread = sum(1 for r in self._all_reports() if r.id not in self._haystacks)
                        self._say_search(len(self.reports), unread)
        finally:
            self._reading = False
        if self.search and self.is_attached:
            self._filter()

    def _all_reports(self) -> list[ReportSummary]:
        """Every readable report, newest first: the search looks through them all. Read
        once, the rest of the pages after those already listed."""
        if self._everything is None:
            everything = list(self.reports)
            while self.read < self.total:
                page = self._page()
                if not page:
                    break
                everything += page
            self._everything = everything
        return self._everything

    def _hits(self, report_id: int) -> list[str]:
        """What of the report holds the search: "Docker: Built the images" for a note,
        "Docker" for a title; [] for none, or a report not read yet."""
        found = []
        for title, note in self._haystacks.get(report_id, ()):
            if self.search in note.casefold():
                found.append(f"{one_line(title)}: {one_line(note)}")
            elif self.search in title.casefold():
                found.append(one_line(title))
        return found

    def _read_one(self, report_id: int) -> None:
        """Keep the report's answers' titles and notes for the search."""
        from skillgap.core.wording import question_title
        from skillgap.export.words import bank_for
        from skillgap.store import StoreError

        try:
            report = self.store.get_report(report_id)
        except StoreError as exc:
            self._failed(exc)
            self._haystacks[report_id] = ()
            return
        bank = bank_for(report, self.bank)
        self._haystacks[report_id] = tuple(
            (question_title(bank, qid, report.result), answer.note)
            for qid, answer in report.answers.by_question.items()
        )
