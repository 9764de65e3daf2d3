"""Where to save the report (and in which format) or a backup.

The dialog stays open until the file is written: a folder that does not exist, a folder
given as the file, the database itself are said inside it, with the path still there to
mend. A file name's extension picks the format (`x.html` is an HTML report, never
Markdown in a `.html`), a new name without one gets the format's, and an existing file
is replaced only after a second Enter says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.paths import expand_user
from gaptracker.domain.text import one_line
from gaptracker.files import refuse_protected
from gaptracker.tui.messages import FileSaved, WriteEnded
from gaptracker.tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from gaptracker.tui.app import GapTrackerApp


class SaveDialog(Dialog[Path | None]):
    """formats maps a format key to its label; empty for a plain file (a backup)."""

    FIRST_FIELD = "#path"

    def __init__(
        self,
        title: str,
        directory: Path,
        name_for: Callable[[str | None], str],
        write: Callable[[Path, str | bytes], Path],
        formats: Mapping[str, str] | None = None,
        initial_format: str | None = None,
        protected: Sequence[Path] = (),
    ) -> None:
        super().__init__()
        self.protected = tuple(protected)
        self.title_text = title
        self.directory = directory
        self.name_for = name_for
        self.write = write
        self.formats = dict(formats or {})
        self.format = initial_format or next(iter(self.formats), None)
        self._confirmed: Path | None = None
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Text(self.title_text, style="bold"), id="dialog-title")
            if self.formats:
                with RadioSet(id="formats"):
                    for key, label in self.formats.items():
                        yield RadioButton(
                            label, value=key == self.format, name=key, id=f"format-{key}"
                        )
            if self.app.is_web:  # served: the browser downloads it, under this name
                yield Label("Download as:", classes="field-label")
                yield Input(self.name_for(self.format), id="path", compact=True)
            else:
                yield Label("Save to:", classes="field-label")
                yield Input(
                    str(self.directory / self.name_for(self.format)), id="path", compact=True
                )
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Label).update(Text(one_line(message)))

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        key = event.pressed.name
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        self.format = key
        if path.suffix.lstrip(".") in self.formats:  # the name follows the format
            path_input.value = str(path.with_suffix(f".{key}"))
        self._confirmed = None

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._confirmed = None

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _save(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        if self.saving:
            return
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.show_error("Give a file name")
            return
        try:
            path = self._with_format(expand_user(Path(text)))
            refuse_protected(path, self.protected)
        except UserInputError as exc:
            self.show_error(str(exc))
            return
        if not self.app.is_web and path.is_file() and self._confirmed != path:
            self._confirmed = path
            self.show_error(f"{path.name} exists: Enter again to replace it")
            return
        self.saving = True
        self.show_error("")
        request = FileSaved(self, path, self.format, self.write)
        request.quiet = True  # a refusal is said here, where the path can be mended
        self.post_message(request)

    def _with_format(self, path: Path) -> Path:
        """The format from the name's extension (`x.html` is an HTML report), or, for a
        new name without one, the format's extension added; anything else as typed."""
        suffix = path.suffix.lstrip(".").lower()
        if self.formats and suffix in self.formats and suffix != self.format:
            self.format = suffix
            self.query_one(f"#format-{suffix}", RadioButton).value = True
        elif not suffix and not path.exists() and not path.is_symlink():
            path = path.with_name(f"{path.name}.{self.format or 'json'}")
        return path

    @on(WriteEnded)
    def _saved(self, ended: WriteEnded) -> None:
        ended.stop()
        self.saving = False
        if ended.error is None:
            self.dismiss(ended.result if isinstance(ended.result, Path) else None)
        else:
            self.show_error(ended.error)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def export_dialog(app: GapTrackerApp, fmt: str) -> SaveDialog:
    from gaptracker.reports.render import FORMAT_NAMES, default_file_name

    overview = app.overview
    assert overview is not None and overview.target_role is not None
    role_id, today = overview.target_role.id, overview.today

    def name_for(key: str | None) -> str:
        return default_file_name(role_id, today, key or "md")

    return SaveDialog(
        "Export the gap report",
        app.export_dir,
        name_for,
        app.write_file,
        FORMAT_NAMES,
        fmt,
        protected=app.protected_files,
    )


def backup_dialog(app: GapTrackerApp) -> SaveDialog:
    today = app.tracker.clock.today().isoformat()
    name = f"gaptracker-backup-{today}.json"
    return SaveDialog(
        "Back up your data",
        app.export_dir,
        lambda _: name,
        app.write_file,
        protected=app.protected_files,
    )
