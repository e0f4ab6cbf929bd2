"""The Textual driver of a `skillgap serve` session: Textual's WebDriver with two fixes.

`skillgap serve` starts each browser tab's app with `TEXTUAL_DRIVER` naming this class.

- **Enter works.** xterm.js sends Enter as `\\r`, which Textual reads as the `enter` key, but the
  key reached no widget: WebDriver posts `AppBlur` as the app starts (the page has no focus
  yet), a screen focuses its `AUTO_FOCUS` widget only while the app has focus, and on `AppFocus`
  Textual restores only the widget focused when the app was blurred, here none. So the first
  screen never had its menu focused: digits and letters (screen bindings) worked, Enter (the
  menu's) did nothing. When the app gains focus with nothing focused, this driver focuses the
  screen's `AUTO_FOCUS` widget, as a terminal's first screen has it; and the app starts
  focused (the page focuses its terminal as it loads): Textual's footer shows no keys while
  the app is blurred.
- **No app outlives its server.** When the server's end of the pipe closes (the server was
  killed), the app exits instead of running on with nobody to read it.
"""

from __future__ import annotations

from textual import events, messages
from textual.drivers.web_driver import WebDriver as TextualWebDriver


class WebDriver(TextualWebDriver):
    def start_application_mode(self) -> None:
        super().start_application_mode()  # ends by posting AppBlur, through call_later
        self._app.watch(self._app, "app_focus", self._focus_first_widget, init=False)
        # The page gives its terminal focus as it loads, before the websocket that would say
        # so is open: start focused, as in a terminal (after the AppBlur, in order), else the
        # first screen has no focused widget and its footer stays empty until a key.
        self._app.call_later(self._app.post_message, events.AppFocus())

    def _focus_first_widget(self, focused: bool) -> None:
        """On the app gaining focus, focus what the screen focuses first if nothing is."""
        if not focused:
            return
        screen = self._app.screen
        if screen.focused is not None:
            return
        selector = self._app.AUTO_FOCUS if screen.AUTO_FOCUS is None else screen.AUTO_FOCUS
        if not selector:
            return
        for widget in screen.query(selector):
            if widget.focusable:
                screen.set_focus(widget)
                return

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # standard input ended: the server is gone
            self._app.post_message(messages.ExitApp())
