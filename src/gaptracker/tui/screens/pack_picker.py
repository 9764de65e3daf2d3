"""The skill pack picker: every pack as `gaptracker pack list` lists it, the active one
marked; Enter on another valid pack shows what switching to it changes (the diff
dialog) before anything is switched.

Packs are read through the app's port (`tui.pack_chooser`), off the UI thread: each one is
checked, which takes a moment per pack. An invalid pack is listed with its first problem
and cannot be chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.packs import PackListing
from gaptracker.domain.text import counted, one_line
from gaptracker.tui import commands
from gaptracker.tui.screens.dialog import Dialog
from gaptracker.tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from gaptracker.tui.app import GapTrackerApp
    from gaptracker.tui.pack_chooser import PackChooser


class PackTable(RowTable):
    LABELS = ("", "Pack", "Name", "Version", "State")
    FLEX = 2


def pack_cells(pack: PackListing) -> tuple[str, str, str, str, str]:
    """A pack's row, in `pack list`'s words (`*` marks the active pack; how many
    problems an invalid one has is in its detail, which leaves the name room)."""
    return (
        "*" if pack.active else "",
        one_line(pack.id),
        one_line(pack.name or "-"),
        one_line(pack.version or "-"),
        "ok" if pack.valid else "invalid",
    )


def pack_detail(pack: PackListing) -> Text:
    """What the row cannot hold: whose pack it is, and why an invalid one is."""
    kind = "The built-in pack" if pack.built_in else "Your pack"
    text = Text(f"{kind} {one_line(pack.id)}")
    if pack.active:
        text.append(": the active one, which every figure is about")
    elif pack.valid:
        text.append(": Enter shows what switching to it changes")
    if not pack.valid:
        problems = counted(pack.problems, "problem")
        text.append(f" cannot be chosen: {problems}, the first:\n")
        text.append(one_line(pack.first_problem or "-"), style="bold")
    return text


class PackPickerDialog(Dialog[None]):
    SCOPE = "pack-picker"
    BINDINGS = commands.bindings(SCOPE)
    FIRST_FIELD = "PackTable"

    def __init__(self, chooser: PackChooser) -> None:
        super().__init__()
        self.chooser = chooser
        self.packs: dict[str, PackListing] = {}

    @property
    def gap_app(self) -> GapTrackerApp:
        return cast("GapTrackerApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-picker"):
            yield Label(Text("Skill packs", style="bold"), id="dialog-title")
            yield PackTable(id="pack-table")
            yield Static("Reading the packs…", id="pack-detail")
            yield Label("", id="dialog-error")
            yield Static("Enter: see what switching to it changes · Esc: close", classes="dim")

    def on_mount(self) -> None:  # Dialog's own on_mount runs too (Textual calls each)
        self._read_packs()

    @work(thread=True, exclusive=True, group="packs")
    def _read_packs(self) -> None:
        try:
            packs = self.chooser.packs()
        except GapTrackerError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._show_packs, packs)

    def _show_packs(self, packs: Sequence[PackListing]) -> None:
        self.packs = {p.id: p for p in packs}
        active = next((p.id for p in packs if p.active), None)
        table = self.query_one(PackTable)
        table.set_rows(list(self.packs), [pack_cells(p) for p in packs], keep=active)
        if not packs:
            self.query_one("#pack-detail", Static).update("")

    def _show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Label).update(Text(one_line(message)))

    @on(PackTable.Highlighted, "#pack-table")
    def _pack_highlighted(self, event: PackTable.Highlighted) -> None:
        self.query_one("#pack-detail", Static).update(pack_detail(self.packs[event.key]))
        self._show_error("")

    @on(PackTable.Selected, "#pack-table")
    async def _pack_selected(self, event: PackTable.Selected) -> None:
        event.stop()
        await self._choose(event.key)

    async def action_choose(self) -> None:
        key = self.query_one(PackTable).cursor_key
        if key is not None:
            await self._choose(key)

    async def _choose(self, pack_id: str) -> None:
        pack = self.packs[pack_id]
        if not pack.valid:
            self._show_error(f"{pack.id} is not valid: see gaptracker pack validate {pack.id}")
        elif pack.active:
            self._show_error(f"{pack.id}@{pack.version} is already the active pack")
        else:
            await self.gap_app.action_choose_pack(pack.id)
