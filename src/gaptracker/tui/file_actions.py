"""Saving files from the TUI: the report in any format, and a backup. The writer thread
does the I/O, so a quit right after Save waits for the file as for any write."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from gaptracker.domain.errors import GapTrackerError

if TYPE_CHECKING:
    from textual.app import App

    from gaptracker.domain.overview import Overview
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.pending_writes import PendingWrites
    from gaptracker.tui.screens.save_dialog import SaveRequest

    _Base = App[None]
else:
    _Base = object


class FileActions(_Base):
    """Mixed into the app: asks where to save with a dialog, then writes atomically."""

    tracker: Tracker
    export_dir: Path
    protected_files: tuple[Path, ...]
    overview: Overview | None
    pending_writes: PendingWrites

    def open_export(self, fmt: str = "md") -> None:
        """Ask for a format and a path, then write the report there."""
        from gaptracker.reports.render import FORMAT_NAMES, default_file_name
        from gaptracker.tui.screens.save_dialog import SaveDialog

        overview = self.overview
        if overview is None or overview.target is None:
            self.notify("Choose a target role first (r)", severity="warning")
            return
        role_id, today = overview.target.id, overview.today

        def name_for(key: str | None) -> str:
            return default_file_name(role_id, today, key or "md")

        def done(request: SaveRequest | None) -> None:
            if request is not None and request.format is not None:
                self._export(request.format, request.path)

        dialog = SaveDialog("Export the gap report", self.export_dir, name_for, FORMAT_NAMES, fmt)
        self.push_screen(dialog, done)

    def open_backup(self) -> None:
        """Ask for a path, then write a backup of everything entered so far."""
        from gaptracker.tui.screens.save_dialog import SaveDialog

        today = self.tracker.clock.today().isoformat()

        def done(request: SaveRequest | None) -> None:
            if request is not None:
                self._backup(request.path)

        name = f"gaptracker-backup-{today}.json"
        self.push_screen(SaveDialog("Back up your data", self.export_dir, lambda _: name), done)

    def _write_file(self, path: Path, text: str) -> Path:
        """By the files module's rules; a FIFO nobody reads or the terminal the app draws
        on is an error here, not a wait or a garbled screen."""
        from gaptracker.files import write_output

        return write_output(
            path, text, protected=self.protected_files, wait_for_reader=False, terminal=False
        )

    def _export(self, fmt: str, path: Path) -> None:
        tracker = self.tracker

        def export() -> Path:  # the imports too run off the UI thread
            from gaptracker.reports.render import render

            return self._write_file(path, render(tracker.report(), fmt))

        self._save_file(export, "Report saved", "Export failed")

    def _backup(self, path: Path) -> None:
        tracker = self.tracker

        def backup() -> Path:
            from gaptracker.services.backup import make_backup

            document = make_backup(tracker.uow_factory, tracker.clock)
            return self._write_file(path, document.to_json())

        self._save_file(backup, "Backup saved", "Backup failed")

    def _save_file(self, save: Callable[[], Path], saved: str, failed: str) -> None:
        """Save in the writer thread (a quit waits for it, as for every write)."""
        future = self.pending_writes.submit(save)
        if future is not None:
            self._after_save(future, saved, failed)

    @work(group="export")
    async def _after_save(self, future: Future[object], saved: str, failed: str) -> None:
        try:
            path = await self.pending_writes.outcome(future)
        except (GapTrackerError, OSError) as exc:  # OSError: a FIFO's reader went away
            self.notify(str(exc), title=failed, severity="error")
        else:
            self.notify(str(path), title=saved, timeout=8)
        self.pending_writes.shown(future)
