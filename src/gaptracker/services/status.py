"""`gaptracker status`: the standing in one transaction, importing no more than it shows.

A shell prompt may run this on every new line, so it stands apart from the Tracker (whose
module brings the plan, the trend and the report along) and reads only current ratings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.gap import earliest_ratings, latest_ratings
from gaptracker.domain.models import (
    BUILT_IN_PACK_ID,
    ApplicabilityMark,
    Catalog,
    Rating,
    Role,
)
from gaptracker.domain.ports import Clock, UnitOfWork, UnitOfWorkFactory
from gaptracker.domain.status import StatusSummary, summarize


def read_status(
    catalog: Catalog, uow_factory: UnitOfWorkFactory, clock: Clock, pack: ActivePack = BUILT_IN
) -> StatusSummary:
    today = clock.today()
    with uow_factory(reading=True) as uow:
        target = current_target(catalog, uow)
        newest = newest_counted(uow, today, pack)
        marks = uow.marks.list(target.id) if target else []
    return summary_of(catalog, target, newest, marks, today, pack)


def summary_of(
    catalog: Catalog,
    target: Role | None,
    newest: list[Rating],
    marks: Sequence[ApplicabilityMark],
    today: dt.date,
    pack: ActivePack = BUILT_IN,
) -> StatusSummary:
    """The status of what one transaction read (`newest_counted`, the target's marks):
    apart from the read, so group mode (services.group) reads a member's status and what
    a mentor sees besides in one transaction, and the figures agree."""
    current = latest_ratings(newest, today) if target else {}
    # The last rating that counts under the active pack: a rating of another pack, or of
    # a skill the pack retired, is not "the last rating" of the figures beside it.
    last = max((r.effective_date for r in newest), default=None)
    ref = f"{pack.id}@{catalog.version}"
    built_in = pack.id == BUILT_IN_PACK_ID
    return summarize(catalog, target, current, marks, last, today, ref, built_in)


def current_ratings(
    uow: UnitOfWork, today: dt.date, pack: ActivePack = BUILT_IN
) -> dict[str, Rating]:
    """Each skill's current rating (`domain.gap.latest_ratings`) as `pack` reads it, read
    boundedly: the newest rating of each saved skill id up to today, and the few dated
    after today (made in a zone ahead, or before the clock was set back), which count as
    today. Several saved ids that one skill took the place of are resolved first, so the
    latest of them counts."""
    return latest_ratings(newest_counted(uow, today, pack), today)


def newest_counted(uow: UnitOfWork, today: dt.date, pack: ActivePack = BUILT_IN) -> list[Rating]:
    """The newest rating of each saved skill id up to today, and those dated after today,
    that count under `pack` (`ActivePack.counted`), as it reads them: among them the
    latest rating of every skill, and the last rating that counts at all."""
    packs = pack.lineage
    newest = uow.ratings.latest(effective_by=today, packs=packs)
    ahead = uow.ratings.since(today, packs=packs)
    return pack.counted([*newest, *ahead])


def first_ratings(
    uow: UnitOfWork, today: dt.date, pack: ActivePack = BUILT_IN
) -> dict[str, Rating]:
    """Each skill's first rating, in the same order as current_ratings()."""
    packs = pack.lineage
    first = [*uow.ratings.earliest(packs=packs), *uow.ratings.since(today, packs=packs)]
    return earliest_ratings(pack.counted(first), today)


def current_target(catalog: Catalog, uow: UnitOfWork) -> Role | None:
    """The latest target change naming a role the catalog still has."""
    known = {r.id for r in catalog.roles}
    targets = [c.role_id for c in uow.targets.list() if c.role_id in known]
    return catalog.role(targets[-1]) if targets else None
