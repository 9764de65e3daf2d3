"""What every main screen shares: its command-table scope, a typed handle on the app, and
the user's standing as the screen's own reactive, which its widgets bind to."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.reactive import var
from textual.screen import Screen

from gaptracker.domain.overview import Overview

if TYPE_CHECKING:
    from gaptracker.domain.models import Catalog
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.app import GapTrackerApp


class AppScreen(Screen[None]):
    SCOPE: ClassVar[str]
    """This screen's commands in the command table (`commands.bindings(SCOPE)`)."""

    FOLLOWS_APP: ClassVar[bool] = True
    """False for a screen that shows someone else's standing (a mentee's, read-only)."""
    READ_ONLY: ClassVar[bool] = False
    """True where the app's own commands (other screens, exports, goals) are hidden."""

    overview: var[Overview | None] = var(None, init=False, always_update=True)
    """The app's standing, as this screen shows it: it follows the app's while the screen
    is on display, and catches up when shown again, so a key press on one screen does not
    pay for repainting the others. Widgets take it with `data_bind`. (Always updated:
    comparing two standings field by field costs more than showing one.)"""

    @property
    def gap_app(self) -> GapTrackerApp:
        return cast("GapTrackerApp", self.app)

    @property
    def who(self) -> str | None:
        """Whose standing this is, when not the user's own (a mentee's): lines name them,
        and name no key of the user's own."""
        return None

    @property
    def shown_tracker(self) -> Tracker:
        """Whose rows the screen reads: the user's (the app's tracker), or a mentee's."""
        return self.gap_app.tracker

    @property
    def shown_catalog(self) -> Catalog:
        """The catalog of the standing shown (a mentee's may be another pack's)."""
        return self.gap_app.catalog

    @on(events.Mount)
    def _follow_the_app(self) -> None:
        if not self.FOLLOWS_APP:
            return
        self.watch(self.app, "overview", self._app_overview_changed, init=True)

    def _app_overview_changed(self, overview: Overview | None) -> None:
        if overview is not None and (self.is_current or self.overview is None):
            self.overview = overview

    @on(events.ScreenResume)
    def _catch_up(self) -> None:
        if not self.FOLLOWS_APP:
            return
        overview = self.gap_app.overview
        if overview is not None and overview is not self.overview:
            self.overview = overview
