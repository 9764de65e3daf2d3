"""A typed handle on the app for screens (the app is their only way to persist anything)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from gaptracker.tui.app import GapTrackerApp


class AppScreen(Screen[None]):
    @property
    def gap_app(self) -> GapTrackerApp:
        return cast("GapTrackerApp", self.app)
