"""The role picker: six roles ranked by your readiness for each; Enter sets the target."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Static

from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.bars import percent_bar
from gaptracker.tui.widgets.key_bar import KeyBar


class RolesScreen(AppScreen):
    BINDINGS = [
        # priority: the table's own (hidden) Enter would otherwise hide this from the footer.
        Binding("enter", "choose", "Set as target", priority=True, id="gaptracker.set-target"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="roles-intro")
        with Horizontal(id="roles-body"):
            yield DataTable(id="role-table", cursor_type="row")
            with VerticalScroll(id="role-detail-box"):
                yield Static("", id="role-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#role-table", DataTable)
        table.add_column("", key="mark")
        table.add_column("Role", key="role")
        table.add_column("Fit", key="fit")
        self.follow_overview(self.show)

    def show(self, overview: Overview | None) -> None:
        if overview is None:
            return
        table = self.query_one("#role-table", DataTable)
        keep = self._highlighted()
        table.clear()
        target_id = overview.target.id if overview.target else None
        for fit in overview.fits:
            mark = "★" if fit.role_id == target_id else ""
            table.add_row(
                mark, fit.role_name, f"{percent_text(fit.readiness):>3}%", key=fit.role_id
            )
        wanted = keep or target_id
        if wanted is not None:
            table.move_cursor(row=table.get_row_index(wanted))
        intro = self.query_one("#roles-intro", Static)
        if overview.target is None:
            intro.update(
                "Choose your target role: move with ↑/↓, press [b]Enter[/b] to set it."
                " Fit is your readiness for each role, closest first."
            )
        else:
            intro.update(
                f"Target: [b]{overview.target.name}[/b]. Enter on another role switches;"
                " your ratings are kept."
            )
        self._show_detail()

    def _highlighted(self) -> str | None:
        table = self.query_one("#role-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        role_id = self._highlighted()
        overview = self.gap_app.overview
        if role_id is None or overview is None:
            return
        role = self.gap_app.catalog.role(role_id)
        fit = next(f for f in overview.fits if f.role_id == role_id)
        text = Text()
        text.append(f"{role.name}\n", style="bold")
        text.append(f"Layer {role.layer}\n\n", style="dim")
        text.append("Best fit: ", style="bold")
        text.append(f"{role.best_fit}\n")
        text.append("What differentiates it: ", style="bold")
        text.append(f"{role.differentiates}\n\n")
        text.append("High-leverage notes\n", style="bold")
        for note in role.high_leverage_notes:
            text.append(f"  • {note}\n")
        text.append(f"  why: {role.notes_why}\n\n", style="italic")
        text.append("Your readiness  ")
        text.append_text(percent_bar(fit.readiness, 16))
        text.append(f" {percent_text(fit.readiness)}%\n")
        text.append("Must skills     ")
        text.append_text(percent_bar(fit.must_readiness, 16))
        text.append(f" {percent_text(fit.must_readiness)}%\n")
        self.query_one("#role-detail", Static).update(text)

    def action_cursor(self, direction: str) -> None:
        table = self.query_one("#role-table", DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        role_id = self._highlighted()
        if role_id is not None:
            self.gap_app.choose_role(role_id)
