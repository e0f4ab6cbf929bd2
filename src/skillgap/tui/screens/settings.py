"""Settings: knowledge checks on or off, the adaptive quiz on or off, the name or handle your
reports carry, and the hours a week the learning plan's timeline assumes. Each change is saved
at once; a quiz takes them when it starts.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from skillgap.app.settings import hours_per_week, person_name, save_hours_per_week
from skillgap.core.adaptive import ADAPTIVE_SETTING
from skillgap.core.checks import CHECKS_SETTING
from skillgap.escape import one_line
from skillgap.tui.base import DIALOG_HELP, SkillgapModal
from skillgap.tui.format import plain
from skillgap.tui.widgets.pointer import PointerOptionList

#: option id: (store flag, name, what it does, its key)
FLAGS = {
    "checks": (CHECKS_SETTING, "Knowledge checks", "a short question after a claim of 3+", "1"),
    "adaptive": (ADAPTIVE_SETTING, "Adaptive quiz", "skip what needs a skill you rated 0", "2"),
}
HOURS_KEY = "w"
#: The line of the name reports carry (a digit: the Nth line of Settings, docs/keys.md).
NAME_KEY = "3"


class SettingsModal(SkillgapModal[None]):
    DEFAULT_CSS = """
    #settings { width: 80; }
    #settings-list { height: auto; margin: 0 0 1 0; border: round $primary; }
    #settings-status { height: auto; }
    #hours { width: 46; max-width: 100%; border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="settings.close",
                tooltip="Close the settings (or, while typing the hours, leave them)"),
        Binding("1", "flip('checks')", "Checks", id="settings.checks",
                tooltip="Knowledge checks on or off"),
        Binding("2", "flip('adaptive')", "Adaptive", id="settings.adaptive",
                tooltip="Adaptive quiz on or off"),
        Binding("3", "name", "Name", id="settings.name",
                tooltip="The name or handle your reports carry (empty: none)"),
        Binding("w", "hours", "Hours a week", id="settings.hours",
                tooltip="Hours a week for the learning plan's timeline"),
        DIALOG_HELP,
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings"):
            yield Static(
                Content.assemble(("Settings", "bold"), "  (Esc closes)"), classes="dialog-title"
            )
            yield PointerOptionList(id="settings-list")
            yield Static(
                Content("Enter or the line's key (1, 2, 3, w) changes it · saved at once; "
                        "a quiz takes them when it starts"),
                classes="dim",
            )  # fmt: skip
            hours = Input(id="hours", placeholder="hours a week, e.g. 5")
            hours.cursor_blink = self.skillgap.CURSOR_BLINK
            hours.display = False
            yield hours
            yield Static(id="settings-status")

    def on_mount(self) -> None:
        menu = self.query_one("#settings-list", OptionList)
        menu.add_options(self._options())
        menu.highlighted = 0
        menu.focus()

    def _options(self) -> list[Option]:
        store = self.skillgap.store
        options = []
        for option_id, (flag, name, detail, key) in FLAGS.items():
            on_ = store.get_flag(flag)
            options.append(
                Option(
                    Content.assemble(
                        (f"{key} ", "$text-muted"),
                        ("✓ on " if on_ else "✗ off", "bold"),
                        "  ",
                        (f"{name:<18}", "bold"),
                        (detail, "$text-muted"),
                    ),
                    id=option_id,
                )
            )
        name = person_name(store)
        options.append(
            Option(
                Content.assemble(
                    (f"{NAME_KEY} ", "$text-muted"),
                    ("✓ set" if name else "✗ no ", "bold"),
                    "  ",
                    (f"{'Name on reports':<18}", "bold"),
                    (one_line(name) if name else "none", "$text-muted"),
                ),
                id="name",
            )
        )
        hours = f"{hours_per_week(store):g} h"
        options.append(
            Option(
                Content.assemble(
                    (f"{HOURS_KEY} ", "$text-muted"),
                    (f"{hours:<5}", "bold"),
                    "  ",
                    (f"{'Hours a week':<18}", "bold"),
                    ("the learning the plan's timeline assumes", "$text-muted"),
                ),
                id="hours",
            )
        )
        return options

    def _redraw(self) -> None:
        menu = self.query_one("#settings-list", OptionList)
        highlighted = menu.highlighted
        for option in self._options():
            menu.replace_option_prompt(option.id or "", option.prompt)
        menu.highlighted = highlighted

    @on(OptionList.OptionSelected, "#settings-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == "hours":
            self.action_hours()
        elif event.option_id == "name":
            self.action_name()
        elif event.option_id in FLAGS:
            self.action_flip(event.option_id)

    def action_flip(self, option_id: str) -> None:
        from skillgap.store import StoreError

        key = FLAGS[option_id][0]
        store = self.skillgap.store
        try:
            store.set_flag(key, not store.get_flag(key))
        except StoreError as exc:
            self._status(f"Not saved: {exc}")
            return
        self._redraw()

    def action_name(self) -> None:
        """3: the name or handle reports carry, typed in its dialog and saved at once."""
        from skillgap.tui.screens.name import NameModal

        def typed(name: str | None) -> None:
            from skillgap.app.settings import save_person_name
            from skillgap.store import StoreError

            if name is None:
                return  # Esc: as it was
            try:
                saved = save_person_name(self.skillgap.store, name)
            except (ValueError, StoreError) as exc:
                self._status(f"Not saved: {exc}")
                return
            self._status(f"Saved: your reports carry {saved}." if saved else "Saved: no name.")
            self._redraw()

        self.app.push_screen(NameModal(person_name(self.skillgap.store), first=False), typed)

    def action_hours(self) -> None:
        hours = self.query_one("#hours", Input)
        hours.value = f"{hours_per_week(self.skillgap.store):g}"
        hours.display = True
        hours.border_title = "Hours a week · Enter saves · Esc cancels"
        hours.focus()
        self._status("More than 0, at most 168; e.g. 2.5 or 10.")

    @on(Input.Submitted, "#hours")
    def hours_typed(self, event: Input.Submitted) -> None:
        from skillgap.store import StoreError

        event.stop()
        try:
            value = save_hours_per_week(self.skillgap.store, event.value)
        except ValueError:
            self._status("That is not a number of hours a week (more than 0, at most 168).")
            return
        except StoreError as exc:
            self._status(f"Not saved: {exc}")
            return
        event.input.display = False
        self._status(f"Saved: {value:g} h a week.")
        self._redraw()
        self.query_one("#settings-list", OptionList).focus()

    def _status(self, text: str) -> None:
        self.query_one("#settings-status", Static).update(plain(text))

    def action_close(self) -> None:
        """Esc: while the hours are being typed, leave them as they were; else close."""
        hours = self.query_one("#hours", Input)
        if hours.display:
            hours.display = False
            self._status("The hours a week are as they were.")
            self.query_one("#settings-list", OptionList).focus()
            return
        self.dismiss(None)
