"""Group mode's standings: each member's figures, as their own `status` gives them.

Read through the `GroupDirectory` port alone, so the database decides whose rows a login
sees (row-level security) and this only reads them back. Each member is read in one
transaction of their own (`GroupDirectory.viewing`): their pack choice, target, current
ratings, marks and last check-in together, so readiness and the stale count agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.days import local_day
from gaptracker.domain.gap import latest_ratings
from gaptracker.domain.group import Member, MemberStanding
from gaptracker.domain.models import Catalog, PackChoice
from gaptracker.domain.ports import Clock, GroupDirectory
from gaptracker.domain.progress import DEFAULT_STALE_DAYS, stale_skills
from gaptracker.services.status import current_target, newest_counted, summary_of

PackReader = Callable[[PackChoice | None], tuple[Catalog, ActivePack]]
"""A member's latest pack choice (None: never chosen) -> the catalog and pack to read
their figures under. The packs are files on the reader's machine (catalog.active), so
the composition root gives this; a pack the reader does not hold reads as built-in."""


def member_standings(
    catalog: Catalog,
    clock: Clock,
    directory: GroupDirectory,
    members: Iterable[Member],
    *,
    packs: PackReader | None = None,
    stale_days: int = DEFAULT_STALE_DAYS,
) -> list[MemberStanding]:
    """Each member's standing, in the order given. Without `packs`, every member is read
    under the built-in pack against `catalog` (which must then be the built-in one)."""
    return [
        member_standing(catalog, clock, directory, m, packs=packs, stale_days=stale_days)
        for m in members
    ]


def member_standing(
    catalog: Catalog,
    clock: Clock,
    directory: GroupDirectory,
    member: Member,
    *,
    packs: PackReader | None = None,
    stale_days: int = DEFAULT_STALE_DAYS,
) -> MemberStanding:
    """One member's standing, from one reading transaction over their rows."""
    today = clock.today()
    pack = BUILT_IN
    with directory.viewing(member.login)(reading=True) as uow:
        if packs is not None:
            catalog, pack = packs(uow.packs.latest())
        target = current_target(catalog, uow)
        newest = newest_counted(uow, today, pack)
        marks = uow.marks.list(target.id) if target else []
        checkin = uow.checkins.latest()
    summary = summary_of(catalog, target, newest, marks, today, pack)
    stale = stale_skills(latest_ratings(newest, today), today, stale_days)
    return MemberStanding(
        login=member.login,
        name=member.name,
        role_id=summary.role_id,
        role_name=summary.role_name,
        readiness=summary.readiness,
        must_met=summary.must_met,
        must_total=summary.must_total,
        last_rating_on=summary.last_rating_on,
        days_since_last_rating=summary.days_since_last_rating,
        stale_ratings=len(stale),
        last_checkin_on=local_day(checkin.started_at) if checkin else None,
        pack=summary.pack,
    )
