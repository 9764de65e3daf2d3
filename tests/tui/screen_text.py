"""What the user sees and types, for the defect tests: a widget's lines as drawn, the
footer's line, the command palette driven by its keys.

Only public Textual API (`Widget.render_lines`, the palette's `CommandList`), so the same
tests run against the app before the rebuild (tests/tui/test_defects_*.py say which can).
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.keys import key_to_character
from textual.widget import Widget

from gaptracker.tui.app import GapTrackerApp
from tests.tui.conftest import settle


def drawn_lines(widget: Widget) -> list[str]:
    """The widget's lines as the terminal shows them (its own content, not its children)."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


def footer_line(app: GapTrackerApp) -> str:
    """The footer of the current screen as drawn (the screen's last line)."""
    bars = [w for w in app.screen.query("KeyBar, Footer") if w.region.height]
    assert bars, "no footer on this screen"
    bar = bars[0]
    if bar.__class__.__name__ == "Footer":  # Textual's: one widget per key
        keys = sorted(bar.query("FooterKey"), key=lambda k: k.region.x)
        return " ".join(" ".join(drawn_lines(k)).strip() for k in keys if k.region.width)
    return drawn_lines(bar)[0]


async def palette(app: GapTrackerApp, pilot, query: str) -> str:  # type: ignore[no-untyped-def]
    """Open the palette, type `query` as the user does, and run the first hit; returns
    the hit's title. Fails when the palette finds nothing for what was typed."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(app, pilot)  # the palette searches in a worker
    hits = app.screen.query_one(CommandList)
    assert hits.option_count, f"the palette finds nothing for {query!r}"
    title = str(hits.get_option_at_index(0).prompt)
    await pilot.press("enter")
    await settle(app, pilot)
    return title


KEY_NAMES = {"solidus": "slash", "hyphen_minus": "minus", "low_line": "underscore"}


def _key(name: str) -> events.Key:
    if len(name) == 1:
        key = name
        if not name.isalnum():
            key = unicodedata.name(name).lower().replace("-", "_").replace(" ", "_")
            key = KEY_NAMES.get(key, key)
        return events.Key(key, name)
    return events.Key(name, key_to_character(name))


def burst(app: GapTrackerApp, *keys: str) -> None:
    """Send these keys to the app at once, as a fast typist's terminal does: none waits
    for the app to handle the one before (Pilot.press waits after every key).
    A string longer than one character is a key name ("enter", "tab")."""
    for name in keys:
        app.post_message(_key(name))


def forget_modules(monkeypatch: pytest.MonkeyPatch, wanted: Callable[[str], bool]) -> None:
    """Unload the modules `wanted` picks for this test, as if never imported (the next
    import loads them afresh); after the test the loaded ones are back, in sys.modules
    and as their packages' attributes."""
    for name in list(sys.modules):
        if wanted(name):
            parent, _, child = name.rpartition(".")
            package = sys.modules.get(parent)
            if package is not None and hasattr(package, child):
                monkeypatch.setattr(package, child, getattr(package, child))
            monkeypatch.delitem(sys.modules, name)
