"""A typed handle on the app for screens (the app is their only way to persist anything),
and the one way screens follow the user's standing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

if TYPE_CHECKING:
    from gaptracker.domain.overview import Overview
    from gaptracker.tui.app import GapTrackerApp


_NOTHING_SHOWN = object()


class AppScreen(Screen[None]):
    _show_overview: Callable[[Overview | None], None] | None = None
    _shown: object = _NOTHING_SHOWN

    @property
    def gap_app(self) -> GapTrackerApp:
        return cast("GapTrackerApp", self.app)

    def follow_overview(self, show: Callable[[Overview | None], None]) -> None:
        """Call `show` with the app's overview now, and again whenever it changes while
        this screen is the one on display. A screen in the background (another mode, or
        under a dialog) catches up when it is shown again, so a key press on one screen
        does not pay for repainting the others."""
        self._show_overview = show
        self.watch(self.app, "overview", self._overview_changed, init=True)

    def _overview_changed(self, overview: Overview | None) -> None:
        if self.is_current or self._shown is _NOTHING_SHOWN:
            self._show_now(overview)

    @on(ScreenResume)
    def _catch_up(self) -> None:
        overview = self.gap_app.overview
        if self._show_overview is not None and overview is not self._shown:
            self._show_now(overview)

    def _show_now(self, overview: Overview | None) -> None:
        if self._show_overview is not None:
            self._shown = overview
            self._show_overview(overview)
