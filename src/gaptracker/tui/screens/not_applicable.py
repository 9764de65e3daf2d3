"""Ask why a skill does not apply to the role; dismisses with the reason or None."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gaptracker.tui.screens.dialog import Dialog


class NotApplicableDialog(Dialog[str | None]):
    def __init__(self, skill_name: str, role_name: str) -> None:
        super().__init__()
        self.skill_name = skill_name
        self.role_name = role_name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # Text, not markup: a pack names its skills and roles as it likes.
            question = Text.assemble(
                "Mark ", (self.skill_name, "bold"), f" not applicable for {self.role_name}?"
            )
            yield Label(question)
            yield Label("It leaves the readiness figure; a reason is required.", classes="dim")
            yield Label("Reason", classes="field-label")
            yield Input(placeholder="why it does not apply to you", id="reason", compact=True)
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Mark not applicable", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _confirm(self) -> None:
        reason = self.query_one("#reason", Input).value  # kept exactly as typed
        if not reason.strip():
            self.query_one("#dialog-error", Label).update("Please give a reason.")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
