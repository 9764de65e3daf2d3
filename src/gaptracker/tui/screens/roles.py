"""The role picker: six roles ranked by your readiness for each; Enter sets the target."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.widgets import Header, Static

from gaptracker.domain.models import Catalog
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.tui import commands
from gaptracker.tui.messages import TargetChosen
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.bars import percent_bar
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.row_table import RowTable


class RoleTable(RowTable):
    """The roles, closest fit first; the screen binds `overview`."""

    LABELS = ("", "Role", "Fit")
    FLEX = 1

    overview: var[Overview | None] = var(None, init=False, always_update=True)

    def watch_overview(self, overview: Overview | None) -> None:
        if overview is None:
            return
        target = overview.target_role.id if overview.target_role else None
        fits = overview.fits
        cells = [
            ("★" if f.role_id == target else "", f.role_name, f"{percent_text(f.readiness):>3}%")
            for f in fits
        ]
        self.set_rows([f.role_id for f in fits], cells, keep=self.cursor_key or target)


class RoleDetail(VerticalScroll, can_focus=False):
    """The highlighted role, described; scrolls with the mouse, never takes the keys (the
    arrows always move the table)."""

    overview: var[Overview | None] = var(None, init=False, always_update=True)
    role_id: var[str | None] = var(None, init=False)

    def __init__(self, catalog: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalog = catalog

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="role-detail")

    def watch_overview(self) -> None:
        self._describe()

    def watch_role_id(self) -> None:
        self._describe()

    def _describe(self) -> None:
        overview, role_id = self.overview, self.role_id
        if overview is None or role_id is None or not self.is_mounted:
            return
        role = self.catalog.role(role_id)
        fit = next(f for f in overview.fits if f.role_id == role_id)
        text = Text()
        text.append(f"{role.name}\n", style="bold")
        text.append(f"Layer {role.layer}\n\n", style="dim")
        text.append("Best fit: ", style="bold")
        text.append(f"{role.best_fit}\n")
        text.append("What differentiates it: ", style="bold")
        text.append(f"{role.differentiates}\n\n")
        text.append("High-leverage topics\n", style="bold")
        for topic in role.high_leverage_notes:
            text.append(f"  • {self.catalog.skill(topic).name}\n")
        text.append(f"  why: {role.notes_why}\n\n", style="italic")
        text.append("Your readiness  ")
        text.append_text(percent_bar(fit.readiness, 16))
        text.append(f" {percent_text(fit.readiness)}%\n")
        text.append("Must skills     ")
        text.append_text(percent_bar(fit.must_readiness, 16))
        text.append(f" {percent_text(fit.must_readiness)}%\n")
        self.query_one("#role-detail", Static).update(text)


class RolesScreen(AppScreen):
    SCOPE = "roles"
    BINDINGS = commands.bindings(SCOPE)

    highlighted: var[str | None] = var(None, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="roles-intro")
        with Horizontal(id="roles-body"):
            yield RoleTable(id="role-table").data_bind(RolesScreen.overview)
            yield RoleDetail(self.gap_app.catalog, id="role-detail-box").data_bind(
                RolesScreen.overview, role_id=RolesScreen.highlighted
            )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.query_one(RoleTable).focus()

    def watch_overview(self, overview: Overview | None) -> None:
        if overview is None:
            return
        intro = self.query_one("#roles-intro", Static)
        if overview.target_role is None:
            intro.update(
                "Choose your target role: move with ↑/↓, press [b]Enter[/b] to set it."
                " Fit is your readiness for each role, closest first."
            )
        else:
            # Text, not markup: the role's name is a pack's text, which may hold `[/x]`.
            intro.update(
                Text.assemble(
                    "Target: ",
                    (overview.target_role.name, "bold"),
                    ". Enter on another role switches; your ratings are kept.",
                )
            )

    @on(RoleTable.Highlighted, "#role-table")
    def _role_highlighted(self, event: RoleTable.Highlighted) -> None:
        self.highlighted = event.key

    @on(RoleTable.Selected, "#role-table")
    def _role_selected(self, event: RoleTable.Selected) -> None:
        event.stop()
        self._choose(event.key)

    def action_choose(self) -> None:
        key = self.query_one(RoleTable).cursor_key
        if key is not None:
            self._choose(key)

    def _choose(self, role_id: str) -> None:
        target = self.overview.target_role if self.overview is not None else None
        if target is not None and target.id == role_id:
            self.notify(f"{target.name} is already your target", timeout=3)
            return
        self.post_message(TargetChosen(self.app, role_id))

    def action_back(self) -> None:
        if self.gap_app.first_run:
            self.notify("Choose a role first: Enter sets the highlighted one", timeout=3)
        else:
            self.app.switch_mode("dashboard")
