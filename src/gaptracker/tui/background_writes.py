"""Writes from the TUI: each commits in a worker thread, then the overview is reloaded.

A key press answers at once (the screen shows what it changed before the commit); the
commit and the reload run off the UI thread, and a failure gives the user one line and
takes back what was shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work

from gaptracker.domain.errors import GapTrackerError

if TYPE_CHECKING:
    from textual.app import App

    from gaptracker.domain.overview import Overview
    from gaptracker.services.tracker import Tracker

    _Base = App[None]
else:
    _Base = object


class BackgroundWrites(_Base):
    """Mixed into the app, which owns `tracker` and the reactive `overview`."""

    tracker: Tracker
    overview: Overview | None
    _writes_in_flight: int = 0
    """Writes whose reload has not come back; only the reload that brings it to 0 is
    applied, so an early reload never takes back a later key press."""

    def run_write(
        self,
        change: Callable[[], object],
        done: str,
        then: Callable[[], object] | None = None,
        on_failure: Callable[[], object] | None = None,
    ) -> None:
        """Commit `change` in a worker; say `done` once it is on disk, then reload the
        overview and call `then`. While writes are in flight only the last reload is
        applied, so an early reload never takes back what a later key press showed."""
        self._writes_in_flight += 1
        self._write(change, done, then, on_failure)

    @work(thread=True, group="write")
    def _write(
        self,
        change: Callable[[], object],
        done: str,
        then: Callable[[], object] | None,
        on_failure: Callable[[], object] | None,
    ) -> None:
        try:
            change()
        except GapTrackerError as exc:
            self.call_from_thread(self._write_failed, str(exc), on_failure)
            return
        self.call_from_thread(self._committed, done, then)

    def _committed(self, done: str, then: Callable[[], object] | None) -> None:
        """On disk: say so, and reload once the screen has painted what the key changed
        (the reload is CPU work that would otherwise hold that frame back)."""
        self.notify(done, timeout=3)
        self.call_after_refresh(self._reload, then)

    def _write_failed(self, message: str, on_failure: Callable[[], object] | None) -> None:
        self.notify(message, title="Not saved", severity="error")
        if on_failure is not None:
            on_failure()
        self._reload(None)  # takes back what was shown before the commit

    @work(thread=True, group="write")
    def _reload(self, then: Callable[[], object] | None) -> None:
        try:
            overview: Overview | None = self.tracker.overview()
        except GapTrackerError as exc:
            self.call_from_thread(self.notify, str(exc), title="Not read", severity="error")
            overview = None
        self.call_from_thread(self._written, overview, then)

    def _written(self, overview: Overview | None, then: Callable[[], object] | None) -> None:
        self._writes_in_flight -= 1
        if overview is not None and self._writes_in_flight == 0:
            self.overview = overview
        if then is not None:
            then()
