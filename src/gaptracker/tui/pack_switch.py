"""Going on under another skill pack once a switch is recorded: a new Tracker, and every
main screen made again for it.

Screens and their widgets take the catalog when they are made (a rubric, the Must
skills panel, a role's description), so a screen made for the old pack would show a
new pack's standing with the old pack's skills. Each main screen is dropped and made
again on its next visit, as at start-up: the app shows a plain screen for the moment
it takes, then the dashboard with the new pack's figures. No old screen ever sees the
new standing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from gaptracker.domain.models import BUILT_IN_PACK_ID
from gaptracker.domain.text import one_line

if TYPE_CHECKING:
    from gaptracker.domain.active_pack import ActivePack
    from gaptracker.tui.app import GapTrackerApp
    from gaptracker.tui.pack_chooser import PackSwitched

SWITCHING = "switching-packs"
"""The mode shown while the main screens are made again."""


class SwitchingScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("Switching packs…")


def pack_title(pack: ActivePack) -> str:
    """The header's sub-title: every figure says which pack it is about, when it is not
    the built-in one."""
    return "" if pack.id == BUILT_IN_PACK_ID else f"pack {one_line(pack.ref)}"


async def go_on_under(app: GapTrackerApp, switched: PackSwitched) -> None:
    """The app after `switched` was recorded: on its dashboard, under the new pack (on the
    role picker still, on a first run that has no target role in it either)."""
    from gaptracker.tui.app import MAIN_SCREENS, mode_screen

    while isinstance(app.screen, ModalScreen):  # the diff dialog, the picker under it
        await app.pop_screen()
    app.add_mode(SWITCHING, SwitchingScreen)
    await app.switch_mode(SWITCHING)
    for mode in MAIN_SCREENS:
        await app.remove_mode(mode)
        app.add_mode(mode, mode_screen(mode))
    app.tracker = switched.tracker
    app.catalog = switched.tracker.catalog
    app.sub_title = pack_title(switched.tracker.pack)
    app.overview = switched.overview
    app.first_run = app.first_run and switched.overview.target_role is None
    await app.switch_mode("roles" if app.first_run else "dashboard")
    await app.remove_mode(SWITCHING)
