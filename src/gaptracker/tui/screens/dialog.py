"""What every dialog shares: Escape cancels, and it is ready for typing the moment it is
shown.

A fast typist's keys follow the one that opened the dialog at once. The app opens a
dialog with `GapTrackerApp.open_dialog`, which waits until it is mounted before the next
key is handled, and the dialog gives its first field focus as it mounts (now, not after a
refresh as `Widget.focus` does): so the next key finds the field (`keys_in_turn` holds it
until the key that opened the dialog has done its work).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    FIRST_FIELD: ClassVar[str] = "Input"
    """The widget that has focus when the dialog opens (a selector)."""

    def on_mount(self) -> None:
        first = self.query(self.FIRST_FIELD).first()
        self.set_focus(first)

    def action_cancel(self) -> None:
        self.dismiss(None)
