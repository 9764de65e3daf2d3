"""A small form in a dialog: labelled text fields; dismisses with their values or None."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from gaptracker.domain.text import one_line, visible


class FormDialog(ModalScreen[dict[str, str] | None]):
    """fields: (key, label, initial value); `required` keys must not be left empty.

    The values come back exactly as typed (README: what you enter is stored exactly). An
    initial value is shown with its control and bidi characters as escapes, so editing a
    stored note never sends them to the terminal; left as shown, it comes back exact."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str, str]],
        required: Sequence[str] = (),
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.required = set(required)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Text(one_line(self.title_text), style="bold"))  # never markup
            if self.hint:
                yield Label(self.hint, classes="dim")
            for key, label, initial in self.fields:
                yield Label(label, classes="dim")
                yield Input(visible(initial), id=f"field-{key}")
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _save(self) -> None:
        values = {key: self._typed(key, initial) for key, _, initial in self.fields}
        missing = [k for k in self.required if not values[k].strip()]
        if missing:
            labels = {k: label for k, label, _ in self.fields}
            self.query_one("#dialog-error", Label).update(f"Please fill in: {labels[missing[0]]}")
            return
        self.dismiss(values)

    def _typed(self, key: str, initial: str) -> str:
        value = self.query_one(f"#field-{key}", Input).value
        return initial if value == visible(initial) else value

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
