"""What the app needs to list skill packs and switch the active pack: a port.

The app never reads a pack folder or the database itself (only the command line wires
those in): the composition root hands `run_app` an object with these three methods, and
the app calls them off the UI thread. Refusals are GapTrackerError, said in one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from gaptracker.domain.overview import Overview
    from gaptracker.domain.pack_diff import PackPreview
    from gaptracker.domain.packs import PackListing
    from gaptracker.services.tracker import Tracker


class PackSwitched(NamedTuple):
    """The app after a switch: the Tracker for the new active pack, and its standing."""

    tracker: Tracker
    overview: Overview


class PackChooser(Protocol):
    def packs(self) -> list[PackListing]:
        """Every pack, as `pack list` lists it (the active one marked, invalid ones too)."""
        ...

    def preview(self, pack_id: str) -> PackPreview:
        """What a switch from the active pack to `pack_id` changes, worded as `pack use`
        prints it; refused when that pack is unknown or not valid."""
        ...

    def switch(self, pack_id: str) -> PackSwitched:
        """Record `pack_id` as the active pack (a PackChoice, as `pack use` records it).
        Refused, with nothing recorded, when the pack is unknown or not valid (it may
        have changed since its preview) or the database cannot be read or written."""
        ...
