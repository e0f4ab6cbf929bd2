"""The keys of the screen, along the bottom: one widget, redrawn only when the keys change.

Textual's Footer is a container of one widget per key, rebuilt (unmounted, mounted, styled)
whenever a screen says its bindings may have changed: on mount, on each focus change, after
`refresh_bindings`. That was a third of start-up and part of every screen opened. This draws
the same thing as one line of Content; each key is still clickable (it presses the key).

When the keys do not fit the width, the palette's goes first, then keys from the right, but
never Back (Esc) or Help (`?`, which lists every key of the screen).
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

Key = tuple[str, str, str, bool]  # (key, shown as, description, enabled)

#: The actions whose keys stay in the bar at any width.
KEPT = frozenset({"help", "app.help", "close", "back", "leave", "cancel"})


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        link-style: none;
        link-background-hover: $block-hover-background;
        link-color-hover: $footer-key-foreground;
        link-style-hover: none;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] = ()
        #: Which of `_keys` stay when the bar is too narrow for all (Back, Help).
        self._kept: tuple[bool, ...] = ()
        self._palette: Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        app = self.app
        keys: list[Key] = []
        kept: list[bool] = []
        actions: set[str] = set()
        palette: Key | None = None
        for key, (_node, binding, enabled, _tip) in screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = (key, app.get_key_display(binding), binding.description, enabled)
            elif binding.show and binding.action not in actions:  # one key per action
                actions.add(binding.action)
                keys.append((key, app.get_key_display(binding), binding.description, enabled))
                kept.append(binding.action in KEPT or key == "escape")
        if (tuple(keys), palette) != (self._keys, self._palette):
            self._keys, self._palette = tuple(keys), palette
            self._kept = tuple(kept)
            self.refresh()

    @staticmethod
    def _item(key: Key) -> Content:
        name, shown, description, enabled = key
        item = Content.assemble(
            (f" {shown} ", "bold $footer-key-foreground"),
            (f"{description} ", "$footer-description-foreground"),
        )
        item = item.stylize(Style.from_meta({"@click": f"app.simulate_key({name!r})"}))
        return item if enabled else item.stylize("dim")

    def render(self) -> RenderResult:
        items = [self._item(key) for key in self._keys]
        width = self.size.width
        if sum(item.cell_length for item in items) > width:
            # Too narrow for every key: drop from the right what may go, keeping the order.
            shown = list(range(len(items)))
            for index in reversed(range(len(items))):
                if sum(items[i].cell_length for i in shown) <= width:
                    break
                if not self._kept[index]:
                    shown.remove(index)
            return Content("").join(items[i] for i in shown)
        left = Content("").join(items)
        if self._palette is None:
            return left
        right = Content.assemble("▏", self._item(self._palette)[1:])
        gap = self.size.width - left.cell_length - right.cell_length
        if gap < 1:
            return left
        return Content.assemble(left, " " * gap, right)
