"""Export: write the report on screen as Markdown, HTML or JSON; the format follows the file
name's extension, as with `skillgap report export ID -o FILE`."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from skillgap.core.model import Answers, Result
from skillgap.tui.base import DIALOG_HELP, NARROW_BREAKPOINTS, SkillgapModal
from skillgap.tui.format import plain

if TYPE_CHECKING:
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline

FORMAT_EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json"}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON"}


class ExportModal(SkillgapModal[Path | None]):
    """Choose a file (and so a format), write it in a worker, and return its path."""

    DEFAULT_CSS = """
    #export .buttons Button { min-width: 10; }
    ExportModal.-narrow #export { padding: 0 1; }
    ExportModal.-narrow #export .buttons { layout: grid; grid-size: 3; grid-gutter: 0 1; }
    ExportModal.-narrow #export .buttons Button { width: 1fr; min-width: 6; margin: 0; }
    #export-status { margin: 1 0 0 0; height: auto; }
    #export-status.error { color: $text-error; }
    """

    #: Below 64 columns the buttons take two rows and the dialog scrolls: every part fits.
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without saving"),
        DIALOG_HELP,
    ]

    def __init__(
        self,
        result: Result,
        answers: Answers,
        report_id: int | None,
        created_at: datetime | None = None,
        directory: Path | None = None,
        person: str = "",
    ) -> None:
        super().__init__()
        self.result = result
        self.answers = answers
        self.report_id = report_id
        self.created_at = created_at
        #: The person's name the report carries, written into the export with it.
        self.person = person
        self.directory = directory or Path.cwd()
        self._confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        name = f"skillgap-report-{self.report_id}" if self.report_id else "skillgap-report"
        with VerticalScroll(classes="dialog", id="export"):
            yield Static(Content("Export this report"), classes="dialog-title")
            yield Static(
                Content(
                    "The format follows the extension: .md Markdown, .html a web page, "
                    ".json for scripts and `skillgap report import`. Enter saves."
                ),
                classes="dim",
            )
            yield Input(str(self.directory / f"{name}.md"), id="path")
            with Horizontal(classes="buttons"):
                for fmt, label in FORMAT_NAMES.items():
                    yield Button(label, id=f"as-{fmt}")
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static(id="export-status")

    def on_mount(self) -> None:
        path_input = self.query_one("#path", Input)
        path_input.cursor_blink = self.skillgap.CURSOR_BLINK
        path_input.focus()

    @on(Button.Pressed, "#as-md")
    @on(Button.Pressed, "#as-html")
    @on(Button.Pressed, "#as-json")
    def choose_format(self, event: Button.Pressed) -> None:
        self.action_format((event.button.id or "as-md").removeprefix("as-"))

    def action_format(self, fmt: str) -> None:
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value or "skillgap-report")
        path_input.value = str(path.with_suffix(FORMAT_EXTENSIONS[fmt]))
        path_input.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        from skillgap.export.words import format_for_path

        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._status("Type a file name first.", error=True)
            return
        path = Path(raw).expanduser()
        fmt = format_for_path(path)
        if fmt not in FORMAT_EXTENSIONS:
            self._status("End the file name with .md, .html or .json.", error=True)
            return
        if not path.parent.is_dir():
            self._status(f"There is no folder {path.parent}: create it, or pick another.", True)
            return
        if (path.exists() or path.is_symlink()) and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            self._status(f"{path.name} exists: press Enter again to replace it.", error=True)
            return
        self._status(f"Saving {FORMAT_NAMES[fmt]}…")
        self.write(path, fmt, *self._report_and_timeline(fmt))

    def _report_and_timeline(self, fmt: str) -> tuple[Report, Timeline | None]:
        """The report, and the learning plan's timeline as `report export` adds it (read
        here, on the App's thread, which owns the store's connection)."""
        from skillgap.app.reports import timeline_for
        from skillgap.core.report import Report
        from skillgap.store import StoreError

        report = Report(
            id=self.report_id or 0,
            created_at=self.created_at or datetime.now(timezone.utc),
            bank_name=self.result.bank_name,
            bank_version=self.result.bank_version,
            answers=self.answers,
            result=self.result,
            name=self.person,
        )
        timeline = None
        if fmt in ("md", "html"):
            with suppress(StoreError):
                timeline = timeline_for(self.skillgap.store, report, self.skillgap.bank)
        return report, timeline

    @work(thread=True, exclusive=True, group="export")
    def write(self, path: Path, fmt: str, report: Report, timeline: Timeline | None) -> None:
        from skillgap.app.files import write_atomically
        from skillgap.app.reports import check_importable
        from skillgap.errors import SkillgapError
        from skillgap.export.report import render_report

        text = render_report(report, self.skillgap.bank, fmt, timeline)
        try:
            check_importable(text, fmt, report.id)
            write_atomically(path, text)
        except SkillgapError as exc:  # cannot be written, or too large to import back
            self.app.call_from_thread(self._status, str(exc), True)
            return
        self.app.call_from_thread(self._saved, path)

    def _saved(self, path: Path) -> None:
        self.app.notify(f"Saved {path.resolve()}", title="Exported", timeout=6)
        self.dismiss(path)

    def _status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(plain(message))
        status.set_class(error, "error")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
