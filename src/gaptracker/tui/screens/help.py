"""Every key, this screen's first: made from the command table, as the footer is.

Two columns, so that what a key does reads whole at 80 columns: the keys (as the keymap
has them), and what they do, under a heading line per screen. The highlighted key's
binding id, the name a keymap in the preferences file rebinds it by, shows below.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from gaptracker.tui.commands import HelpRow, help_rows
from gaptracker.tui.widgets.row_table import RowTable

EXTRA = (
    HelpRow("Everywhere", "ctrl+p", "Command palette: screens, skills, roles, themes", None),
    HelpRow("Everywhere", "Tab / shift+Tab", "Move between tables and fields", None),
    HelpRow("Everywhere", "↑/↓ j/k", "Move in a table; click a row, click again to open", None),
)
"""Keys that are Textual's or the tables' own, not commands: no keymap rebinds them."""


class HelpTable(RowTable):
    LABELS = ("Key", "What it does")
    FLEX = 1


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(
        self, scope: str | None, keymap: Mapping[str, str] | None = None, *, mentor: bool = False
    ) -> None:
        """`mentor`: list a mentor's keys too (group mode, with mentees)."""
        super().__init__()
        self.scope = scope
        self.mentor = mentor
        self.keymap = dict(keymap or {})
        self._ids: dict[str, str | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("[b]Keys[/b]  (this screen first · Esc closes)", id="help-title")
            yield HelpTable(id="help-table")
            yield Static("", id="help-id", classes="dim")

    def on_mount(self) -> None:
        keys: list[str] = []
        cells: list[tuple[str, str]] = []
        where = None
        for row in _with_extra(help_rows(self.scope, self.keymap, mentor=self.mentor)):
            if row.where != where:
                where = row.where
                keys.append(f"heading-{len(keys)}")
                cells.append((f"{where}:", ""))
                self._ids[keys[-1]] = None
            keys.append(f"row-{len(keys)}")
            cells.append((row.keys, row.what))
            self._ids[keys[-1]] = row.binding_id
        table = self.query_one(HelpTable)
        table.set_rows(keys, cells)
        table.move_cursor(1)  # the first key, under its heading
        table.focus()

    @on(HelpTable.Highlighted)
    def _show_id(self, event: HelpTable.Highlighted) -> None:
        binding_id = self._ids.get(event.key)
        self.query_one("#help-id", Static).update(
            f"Keymap id: {binding_id} (README: the terminal app)" if binding_id else ""
        )

    def action_close(self) -> None:
        self.dismiss(None)


def _with_extra(rows: list[HelpRow]) -> list[HelpRow]:
    """The table's rows with Textual's own keys after the app's keys that work everywhere."""
    last_everywhere = max((i for i, r in enumerate(rows) if r.where == "Everywhere"), default=-1)
    return [*rows[: last_everywhere + 1], *EXTRA, *rows[last_everywhere + 1 :]]
