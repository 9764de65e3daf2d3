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
    ("Everywhere", "ctrl+p", "Palette: a screen, a skill to rate, a role"),
    ("Everywhere", "Tab/shift+Tab", "Move between tables and fields"),
    ("Tables", "↑/↓ j/k", "Move; a click on the highlighted row opens it"),
)
"""Keys that come from Textual and the tables, not from the command table."""


Row = tuple[str, str, str]


def help_lines(scope: str | None) -> list[Row]:
    """The command table's rows for `scope` (its own first), the keys from Textual after
    those that work everywhere, and each group's name on its first row only."""
    rows: list[Row] = []
    table = help_rows(scope)
    for index, row in enumerate(table):
        rows.append(row)
        following = table[index + 1][0] if index + 1 < len(table) else None
        if row[0] == "Everywhere" and following != "Everywhere":
            rows.extend(EXTRA)
    shown: list[Row] = []
    previous = None
    for where, keys, what in rows:
        shown.append((where if where != previous else "", keys, what))
        previous = where
    return shown


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
        rows = help_lines(self.scope)
        table = self.query_one(HelpTable)
        table.set_rows([str(i) for i in range(len(rows))], rows)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
