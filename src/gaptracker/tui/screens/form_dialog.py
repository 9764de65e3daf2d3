"""A small form in a dialog: labelled text fields, saved through the app's writer.

The dialog stays open until what it asked for is saved: a refusal (an unknown skill, a
bad date, a folder given as a file) is shown inside it, above the buttons, and everything
typed stays where it was. Labels sit above their fields (a placeholder vanishes as soon
as one types). Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.text import one_line, visible
from gaptracker.tui.messages import WriteEnded, WriteRequested
from gaptracker.tui.screens.dialog import Dialog

Values = dict[str, str]


class FormDialog(Dialog[Values | None]):
    """fields: (key, label, initial value); `required` keys must not be left empty.

    `request` turns the values into the change to save (it may raise UserInputError for
    input it can judge at once); the dialog closes once the change is saved. The values
    are exactly as typed (README: what you enter is stored exactly); an initial value is
    shown with its control and bidi characters as escapes, and left as shown it comes
    back exact.
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str, str]],
        required: Sequence[str] = (),
        hint: str = "",
        request: Callable[[Values], WriteRequested] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.required = set(required)
        self.hint = hint
        self.request = request
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Text(one_line(self.title_text), style="bold"), id="dialog-title")
            if self.hint:
                yield Label(Text(self.hint), classes="dim")
            for key, label, initial in self.fields:
                yield Label(label, classes="field-label")
                yield Input(visible(initial), id=f"field-{key}", compact=True)
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Save", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def values(self) -> Values:
        return {key: self._typed(key, initial) for key, _, initial in self.fields}

    def _typed(self, key: str, initial: str) -> str:
        value = self.query_one(f"#field-{key}", Input).value
        return initial if value == visible(initial) else value

    def show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Label).update(Text(one_line(message)))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _save(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        if self.saving:
            return
        values = self.values()
        missing = [k for k, _, _ in self.fields if k in self.required and not values[k].strip()]
        if missing:
            labels = {k: label for k, label, _ in self.fields}
            self.show_error(f"Please fill in: {labels[missing[0]]}")
            self.query_one(f"#field-{missing[0]}", Input).focus()
            return
        if self.request is None:
            self.dismiss(values)
            return
        try:
            request = self.request(values)
        except UserInputError as exc:
            self.show_error(str(exc))
            return
        request.origin = self
        request.quiet = True  # a refusal is said here, beside what was typed
        self.saving = True
        self.show_error("")
        self.post_message(request)

    @on(WriteEnded)
    def _saved(self, ended: WriteEnded) -> None:
        ended.stop()
        self.saving = False
        if ended.error is None:
            self.dismiss(self.values())
        else:
            self.show_error(ended.error)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
