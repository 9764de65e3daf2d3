"""Choose where to save (and, for a report, which format); dismisses with the choice."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.paths import expand_user


@dataclass(frozen=True)
class SaveRequest:
    path: Path
    format: str | None = None


class SaveDialog(ModalScreen[SaveRequest | None]):
    """formats maps a format key to its label; empty for a plain file (a backup)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        directory: Path,
        name_for: Callable[[str | None], str],
        formats: Mapping[str, str] | None = None,
        initial_format: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.directory = directory
        self.name_for = name_for
        self.formats = dict(formats or {})
        self.format = initial_format or next(iter(self.formats), None)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"[b]{self.title_text}[/b]")
            if self.formats:
                with RadioSet(id="formats"):
                    for key, label in self.formats.items():
                        yield RadioButton(
                            label, value=key == self.format, name=key, id=f"format-{key}"
                        )
            yield Label("Save to:", classes="dim")
            yield Input(str(self.directory / self.name_for(self.format)), id="path")
            with Horizontal(id="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        key = event.pressed.name
        path_input = self.query_one("#path", Input)
        old_default = str(self.directory / self.name_for(self.format))
        self.format = key
        if path_input.value == old_default:  # the user has not typed a path of their own
            path_input.value = str(self.directory / self.name_for(key))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _save(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return
        try:
            path = expand_user(Path(text))
        except UserInputError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.dismiss(SaveRequest(path, self.format))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
