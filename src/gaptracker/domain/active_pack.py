"""The pack the figures are about, and how it reads the ratings the user made.

Ratings are never rewritten. Readiness reads them through the active pack: only those
made under this pack or one it descends from (its `forked_from` chain: readiness is never
compared across unrelated packs), each read through the pack's changes since the version
it was made under (domain.skill_changes: renamed, merged, retired, level maps). History
shows every rating as saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gaptracker.domain.models import BUILT_IN_PACK_ID, Rating

if TYPE_CHECKING:  # built only for a pack with changes: `status` on the built-in one
    from gaptracker.domain.skill_changes import SkillChanges  # skips 3 ms of model classes


@dataclass(frozen=True)
class ActivePack:
    """Which pack is active; the default is the built-in one, as before packs existed."""

    id: str = BUILT_IN_PACK_ID
    version: str = ""
    """The pack's version (the catalog's); empty: whichever built-in version is loaded."""
    steps: tuple[SkillChanges, ...] = ()
    """The pack's `[[changes]]`, oldest first."""
    lineage: frozenset[str] = field(default_factory=lambda: frozenset({BUILT_IN_PACK_ID}))
    """This pack's id and those of the packs it was forked from, in any order."""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}" if self.version else self.id

    def counted(self, ratings: Iterable[Rating]) -> list[Rating]:
        """The ratings that count for readiness under this pack, as it reads them."""
        mine = [r for r in ratings if r.pack_id in self.lineage]
        if not self.steps:  # nothing to read through (the built-in pack): as saved
            return mine
        from gaptracker.domain.skill_changes import counted_ratings

        return counted_ratings(mine, self.steps, self.version)


BUILT_IN = ActivePack()
