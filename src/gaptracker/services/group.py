"""Group mode's standings: each member's figures, as their own `status` gives them.

Read through the `GroupDirectory` port alone, so the database decides whose rows a login
sees (row-level security) and this only reads them back. Each member is read in one
transaction of their own (`GroupDirectory.viewing`): their pack choice, target, current
ratings, marks and last check-in together, so readiness and the stale count agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.days import local_day
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.gap import latest_ratings
from gaptracker.domain.group import Member, MemberStanding
from gaptracker.domain.mentor import MentorLevel, ReviewRequest
from gaptracker.domain.models import Catalog, PackChoice
from gaptracker.domain.ports import Clock, GroupDirectory
from gaptracker.domain.progress import DEFAULT_STALE_DAYS, stale_skills
from gaptracker.services.status import (
    current_ratings,
    current_target,
    newest_counted,
    summary_of,
)

if TYPE_CHECKING:
    from gaptracker.services.tracker import Tracker

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


def member_tracker(
    catalog: Catalog,
    clock: Clock,
    directory: GroupDirectory,
    login: str,
    *,
    packs: PackReader | None = None,
    stale_days: int = DEFAULT_STALE_DAYS,
) -> Tracker:
    """A Tracker over `login`'s rows, under the pack they chose (without `packs`: the
    built-in one, against `catalog`), for the read-only view of a mentee. Its writes
    go to the database as this login, which refuses all but reviews."""
    from gaptracker.services.tracker import Tracker  # the view only

    factory = directory.viewing(login)
    pack = BUILT_IN
    if packs is not None:
        with factory(reading=True) as uow:
            catalog, pack = packs(uow.packs.latest())
    return Tracker(catalog, factory, clock, stale_days=stale_days, pack=pack)


def review_request(tracker: Tracker, who: str) -> ReviewRequest:
    """What a mentor reviews of a mentee (their target role, levels and notes), made as
    `share` makes it, but kept in memory: nothing is recorded until the review is saved
    (`record_review`), so a review the mentor abandons leaves no trace in the mentee's rows."""
    from gaptracker.domain.review_files import build_request

    with tracker.uow_factory(reading=True) as uow:
        role = current_target(tracker.catalog, uow)
        current = current_ratings(uow, tracker.clock.today(), tracker.pack)
    if role is None:
        raise UserInputError(f"{who} has no target role yet: there is nothing to review")
    return build_request(
        tracker.catalog, role.id, tracker.pack.id, who, current, tracker.clock.now()
    )


def record_review(
    tracker: Tracker, request: ReviewRequest, mentor: str, levels: Sequence[MentorLevel]
) -> int:
    """Store a mentor's levels for the mentee as `import-review` would have, with no file
    between them: the bundle and the mentor's levels in one transaction of the mentee's
    (`GroupDirectory.viewing`; a mentor may write those two only), checked as an
    imported review is (`domain.review_files.check_review`). Returns how many levels."""
    from gaptracker.domain.review_files import (
        build_review,
        bundle_record,
        check_review,
        mentor_ratings,
    )

    clock = tracker.clock
    now = clock.now()
    review = build_review(request, mentor, levels, now, clock.today())
    bundle = bundle_record(request)
    known = {s.id for s in tracker.catalog.skills}
    check_review(review, bundle, known.__contains__, "the review", now)
    rows = mentor_ratings(review, bundle, now)
    with tracker.uow_factory() as uow:
        uow.bundles.add(bundle)
        for row in rows:
            uow.mentor_ratings.add(row)
        uow.commit()
    return len(rows)
