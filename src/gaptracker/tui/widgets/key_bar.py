"""The footer: the screen's key bindings on one line, each clickable.

Textual's Footer builds one widget per key and rebuilds them all whenever the bindings
change (every focus change); at start-up that was about 70 ms of the first frame, and a
share of every screen switch. This draws the same line as one widget: keys in the
footer's key colours, descriptions after them, the command palette key on the right.
Keys are listed in the command table's order of importance (`commands.rank_of`): help
and quit first, then the screen's own, then the other screens'; what does not fit whole
is left out (the help screen lists it), never cut in the middle.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Mount
from textual.screen import Screen
from textual.widget import Widget

from gaptracker.tui.commands import rank_of


@dataclass(frozen=True)
class _Spot:
    start: int
    end: int
    key: str


class KeyBar(Widget):
    """One line of `key description` pairs for the bindings the screen shows."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spots: list[_Spot] = []

    def _on_mount(self, event: Mount) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _shown_bindings(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """(bindings to list, one per action in the screen's order; the palette key)."""
        listed: dict[str, tuple[Binding, bool]] = {}
        palette = None
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                if self.app.ENABLE_COMMAND_PALETTE:
                    palette = (binding, enabled)
            elif binding.show and binding.action not in listed:
                listed[binding.action] = (binding, enabled)
        ranked = sorted(listed.values(), key=lambda entry: rank_of(entry[0].id))
        return ranked, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        listed, palette = self._shown_bindings()
        width = self.size.width
        right = Text()
        spots: list[_Spot] = []
        if palette is not None:
            binding, _ = palette
            right.append("▏", self.get_component_rich_style("key-bar--palette"))
            right.append(f"{self.app.get_key_display(binding)} ", key_style)
            right.append(f"{binding.description} ", description_style)
            spots.append(_Spot(width - len(right) + 1, width, binding.key))
        line = Text(no_wrap=True, overflow="crop")
        room = max(0, width - len(right))
        for binding, enabled in listed:
            key = f" {self.app.get_key_display(binding)} "
            description = f"{binding.description} "
            if len(line) + len(key) + len(description) > room:
                continue  # whole or not at all; a shorter one further on may still fit
            start = len(line)
            dim = Style(dim=not enabled)
            line.append(key, key_style + dim)
            line.append(description, description_style + dim)
            if enabled:
                spots.append(_Spot(start, len(line), binding.key))
        line.truncate(room, pad=True)
        line.append_text(right)
        self._spots = spots
        return line

    def on_click(self, event: Click) -> None:
        for spot in self._spots:
            if spot.start <= event.x < spot.end:
                event.stop()
                self.app.simulate_key(spot.key)
                return
