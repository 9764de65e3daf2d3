"""Every key binding, by where it applies."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

EXTRA = [
    ("Everywhere", "ctrl+p", "Command palette: switch role, rate a skill, go to a screen"),
    ("Everywhere", "ctrl+p export", "Export the report as Markdown, HTML, JSON or CSV"),
    ("Everywhere", "ctrl+p backup", "Save a backup of everything you entered"),
    ("Everywhere", "tab / shift+tab", "Move between fields"),
    ("Tables", "↑/↓ j/k", "Move; Enter selects"),
    ("Assess", "click a level", "Choose that level"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
    ]

    def __init__(self, sources: Iterable[tuple[str, Iterable[Binding | tuple[str, ...]]]]) -> None:
        super().__init__()
        self.sources = list(sources)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("[b]Keys[/b]  (Esc closes)", id="help-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Where", "Key", "What it does")
        seen: set[tuple[str, str]] = set()
        for where, bindings in self.sources:
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                key = binding.key_display or binding.key.replace("question_mark", "?")
                if (where, key) in seen:
                    continue
                seen.add((where, key))
                table.add_row(where, key.replace(",", " / "), binding.description)
        for row in EXTRA:
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
