"""Every key, this screen's first: made from the command table, as the footer is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from gaptracker.tui.commands import help_rows
from gaptracker.tui.widgets.row_table import RowTable

EXTRA = (
    ("Everywhere", "ctrl+p", "Command palette: go to a screen, rate a skill, switch role"),
    ("Everywhere", "Tab / shift+Tab", "Move between tables and fields"),
    ("Tables", "↑/↓ j/k", "Move; Enter selects; a click on the highlighted row too"),
)


class HelpTable(RowTable):
    LABELS = ("Where", "Key", "What it does")
    ZEBRA = True
    FLEX = 2


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self, scope: str | None) -> None:
        super().__init__()
        self.scope = scope

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("[b]Keys[/b]  (this screen first · Esc closes)", id="help-title")
            yield HelpTable(id="help-table")

    def on_mount(self) -> None:
        rows = [*help_rows(self.scope), *EXTRA]
        table = self.query_one(HelpTable)
        table.set_rows([str(i) for i in range(len(rows))], rows)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
