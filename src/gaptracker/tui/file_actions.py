"""Saving files from the TUI: the report in any format, and a backup. Workers do the I/O."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from gaptracker.domain.errors import GapTrackerError

if TYPE_CHECKING:
    from textual.app import App

    from gaptracker.domain.overview import Overview
    from gaptracker.services.tracker import Tracker
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

    def _save_file(self, path: Path, text: str) -> Path:
        """By the files module's rules; a FIFO nobody reads or the terminal the app draws
        on is an error here, not a wait or a garbled screen."""
        from gaptracker.files import write_output

        return write_output(
            path, text, protected=self.protected_files, wait_for_reader=False, terminal=False
        )

    @work(thread=True, group="export")
    def _export(self, fmt: str, path: Path) -> None:
        from gaptracker.reports.render import render

        try:
            saved = self._save_file(path, render(self.tracker.report(), fmt))
        except (GapTrackerError, OSError) as exc:  # OSError: a FIFO's reader went away
            self.call_from_thread(self.notify, str(exc), title="Export failed", severity="error")
            return
        self.call_from_thread(self.notify, str(saved), title="Report saved", timeout=8)

    @work(thread=True, group="export")
    def _backup(self, path: Path) -> None:
        from gaptracker.services.backup import make_backup

        try:
            document = make_backup(self.tracker.uow_factory, self.tracker.clock)
            saved = self._save_file(path, document.to_json())
        except (GapTrackerError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), title="Backup failed", severity="error")
            return
        self.call_from_thread(self.notify, str(saved), title="Backup saved", timeout=8)
