"""Before a switch of skill pack: what it changes for the user's ratings and targets, in
the words `gaptracker pack use` prints (domain.pack_diff.diff_lines). Enter switches,
Escape keeps the active pack; nothing is recorded before Enter.

The diff is read through the app's port off the UI thread (both packs are checked and
loaded). The switch is a write like any other (`messages.PackChosen`): the dialog stays
until it is recorded, says here why it was not (the pack became invalid meanwhile, the
database cannot be written), and the app then goes on under the new pack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.text import one_line
from gaptracker.tui import commands
from gaptracker.tui.messages import PackChosen, WriteEnded
from gaptracker.tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from gaptracker.domain.pack_diff import PackPreview
    from gaptracker.tui.pack_chooser import PackChooser


class PackDiffDialog(Dialog[None]):
    SCOPE = "pack-diff"
    BINDINGS = commands.bindings(SCOPE)
    FIRST_FIELD = "#pack-diff-lines"

    def __init__(self, chooser: PackChooser, pack_id: str) -> None:
        super().__init__()
        self.chooser = chooser
        self.pack_id = pack_id
        self.preview: PackPreview | None = None
        self.switching = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-diff"):
            yield Label(
                Text(f"Switch to pack {one_line(self.pack_id)}?", style="bold"), id="dialog-title"
            )
            yield Label("What changes for your ratings and targets:", classes="dim")
            with VerticalScroll(id="pack-diff-lines"):
                yield Static("Reading what changes…", id="pack-diff-text")
            yield Label("Your ratings are kept; the figures follow the new pack.", classes="dim")
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield _button(" Switch ⏎ ", "switch", variant="primary")
                yield _button(" Cancel Esc ", "cancel")

    def on_mount(self) -> None:  # Dialog's own on_mount runs too (Textual calls each)
        self._read_preview()

    @work(thread=True, exclusive=True, group="packs")
    def _read_preview(self) -> None:
        try:
            preview = self.chooser.preview(self.pack_id)
        except GapTrackerError as exc:
            self.app.call_from_thread(self._show_error, f"Cannot switch: {exc}")
            self.app.call_from_thread(self._show_lines, "")
            return
        self.app.call_from_thread(self._show_preview, preview)

    def _show_preview(self, preview: PackPreview) -> None:
        self.preview = preview
        title = f"Switch to pack {one_line(preview.ref)} ({one_line(preview.name)})?"
        self.query_one("#dialog-title", Label).update(Text(title, style="bold"))
        self._show_lines("\n".join(preview.lines))

    def _show_lines(self, text: str) -> None:
        self.query_one("#pack-diff-text", Static).update(Text(text))

    def _show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Label).update(Text(one_line(message)))

    @on(Button.Pressed, "#switch")
    def _switch_pressed(self) -> None:
        self.action_switch()

    def action_switch(self) -> None:
        """Record the switch, once (a second Enter while it is recorded does nothing)."""
        if self.preview is None or self.switching:
            return
        self.switching = True
        self._show_error("")
        self.query_one("#switch", Button).label = " Switching… "
        request = PackChosen(self, self.chooser, self.preview)
        request.quiet = True  # a refusal is said here, beside the diff
        self.post_message(request)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.switching:  # once asked for, the switch is the writer's: it ends here
            self.dismiss(None)

    @on(WriteEnded)
    def _switch_ended(self, ended: WriteEnded) -> None:
        """Refused: said here, the active pack as it was. Recorded: the app goes on under
        the new pack (the message goes on up to it) and closes this dialog."""
        if ended.error is not None:
            self.switching = False
            self.query_one("#switch", Button).label = " Switch ⏎ "
            self._show_error(f"Not switched: {ended.error}")


def _button(label: str, id: str, variant: str = "default") -> Button:
    """Not focusable: Enter and Escape are the dialog's own keys, whatever has focus."""
    button = Button(label, id=id, variant=variant, compact=True)  # type: ignore[arg-type]
    button.can_focus = False
    return button
