"""Skill packs for `pack list`, `pack use` and the TUI's pack picker, read and chosen
one way: the packs folder (and the built-in pack) for what there is, a PackChoice in
the database for which one is active.

`FolderPackChooser` is the TUI's port (tui.pack_chooser.PackChooser): the app lists,
previews and switches through it and never imports the catalog or storage itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gaptracker.domain.text import one_line

if TYPE_CHECKING:
    from gaptracker.domain.models import Catalog
    from gaptracker.domain.pack_diff import PackPreview
    from gaptracker.domain.packs import PackListing, PackManifest
    from gaptracker.domain.ports import Clock, UnitOfWorkFactory
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.pack_chooser import PackSwitched


def pack_listings(packs_dir: Path, active: str) -> list[PackListing]:
    """Every pack, the built-in one first, each checked; `active`: the active pack's id."""
    from gaptracker.catalog.packs import list_packs
    from gaptracker.domain.packs import PackListing

    listings = []
    for entry in list_packs(packs_dir):
        manifest = entry.check.manifest
        errors = entry.check.errors
        listings.append(
            PackListing(
                id=manifest.id if manifest and entry.valid else entry.id,
                name=manifest.name if manifest else None,
                version=manifest.version if manifest else None,
                path=str(entry.path),
                built_in=entry.built_in,
                valid=entry.valid,
                active=entry.id == active,
                problems=len(errors),
                first_problem=one_line(errors[0].line()) if errors else None,
            )
        )
    return listings


def switch_preview(
    spec: str, active: str, packs_dir: Path, *, ids_only: bool = False
) -> PackPreview:
    """What `pack use SPEC` changes from the pack `active`: refused (UserInputError) when
    SPEC is unknown or not valid (`ids_only`: SPEC is a pack id, never a folder path). An
    active pack that cannot be read any more is compared as the built-in pack, which the
    app fell back to."""
    from gaptracker.catalog.packs import load_pack
    from gaptracker.domain.pack_diff import PackPreview, diff_lines, diff_packs
    from gaptracker.domain.packs import steps_between

    manifest, catalog = load_pack(spec, packs_dir, ids_only=ids_only)
    before, before_catalog = _loaded_or_built_in(active, packs_dir)
    diff = diff_packs(before_catalog, catalog, steps_between(before, manifest))
    lines = diff_lines(one_line(before.ref), one_line(manifest.ref), diff)
    return PackPreview(manifest.id, manifest.version, manifest.name, tuple(lines))


def _loaded_or_built_in(spec: str, packs_dir: Path) -> tuple[PackManifest, Catalog]:
    from gaptracker.catalog.packs import load_pack
    from gaptracker.domain.errors import CatalogError, UserInputError
    from gaptracker.domain.models import BUILT_IN_PACK_ID

    try:
        return load_pack(spec, packs_dir)
    except (UserInputError, CatalogError):
        return load_pack(BUILT_IN_PACK_ID, packs_dir)


def record_choice(uow_factory: UnitOfWorkFactory, pack_id: str, version: str, clock: Clock) -> None:
    """Keep `pack_id` as the active pack, as history: the latest choice counts."""
    from gaptracker.domain.models import PackChoice

    with uow_factory() as uow:
        uow.packs.add(PackChoice(pack_id=pack_id, version=version, chosen_at=clock.now()))
        uow.commit()


class FolderPackChooser:
    """The packs in the user's packs folder and the built-in one, for the TUI; a switch
    is recorded in the database of `tracker`, and the next Tracker wired like it."""

    def __init__(self, packs_dir: Path, tracker: Tracker) -> None:
        self.packs_dir = packs_dir
        self.tracker = tracker
        """The Tracker of the active pack: the one the app shows."""

    def packs(self) -> list[PackListing]:
        return pack_listings(self.packs_dir, self.tracker.pack.id)

    def preview(self, pack_id: str) -> PackPreview:
        return switch_preview(pack_id, self.tracker.pack.id, self.packs_dir, ids_only=True)

    def switch(self, pack_id: str) -> PackSwitched:
        """Checked and read first, recorded last: whatever is refused records nothing."""
        from gaptracker.catalog.active import pack_of
        from gaptracker.catalog.packs import load_pack
        from gaptracker.services.tracker import Tracker
        from gaptracker.tui.pack_chooser import PackSwitched

        manifest, catalog = load_pack(pack_id, self.packs_dir, ids_only=True)
        old = self.tracker
        new = Tracker(
            catalog,
            old.uow_factory,
            old.clock,
            stale_days=old.stale_days,
            pack=pack_of(manifest, self.packs_dir),
        )
        overview = new.overview()
        record_choice(old.uow_factory, manifest.id, manifest.version, old.clock)
        self.tracker = new
        return PackSwitched(new, overview)
