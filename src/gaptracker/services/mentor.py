"""A mentor's second opinion: write a review request, import a review of it.

`share` records the bundle in the same transaction that writes its file: if the file
cannot be written nothing is recorded, so a bundle the database knows is one the user
holds. `import_review` checks everything before it appends anything, in one transaction:
all of the review's levels are stored, or none. Importing the same review again changes
nothing and says so (idempotent): the review's id names it, and its rows are kept once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.calibration import latest_reviews
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.lookup import find_role
from gaptracker.domain.mentor import MentorRating, Review, ReviewRequest
from gaptracker.domain.models import Catalog
from gaptracker.domain.ports import Clock, UnitOfWork, UnitOfWorkFactory
from gaptracker.services.status import current_ratings


@dataclass(frozen=True)
class Imported:
    """What `import_review` did: how many levels it stored, or that it had them already."""

    count: int
    already: bool


def share(
    catalog: Catalog,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    role_id: str,
    who: str,
    write: Callable[[ReviewRequest], object],
    *,
    hide_targets: bool = False,
    share_notes: bool = True,
    pack: ActivePack = BUILT_IN,
) -> ReviewRequest:
    """Build the bundle of `role_id`, hand it to `write` (the file), and record it."""
    from gaptracker.domain.review_files import build_request, bundle_record  # share only

    role = find_role(catalog, role_id)
    with uow_factory() as uow:
        current = current_ratings(uow, clock.today(), pack)
        request = build_request(
            catalog,
            role.id,
            pack.id,
            who,
            current,
            clock.now(),
            hide_targets=hide_targets,
            share_notes=share_notes,
        )
        uow.bundles.add(bundle_record(request))
        write(request)
        uow.commit()
    return request


def import_review(
    catalog: Catalog,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    review: Review,
    source: str,
) -> Imported:
    """Store a checked review (`domain.review_files.check_review`), all or nothing."""
    from gaptracker.domain.review_files import check_review, mentor_ratings  # import only

    known = {s.id for s in catalog.skills}
    with uow_factory() as uow:
        bundle = uow.bundles.get(review.bundle_id)
        check_review(review, bundle, known.__contains__, source, clock.now())
        assert bundle is not None  # check_review refused a missing one
        rows = mentor_ratings(review, bundle, clock.now())
        held = uow.mentor_ratings.of_review(review.id)
        if held:
            if _same_levels(held, rows):
                return Imported(count=len(held), already=True)
            raise UserInputError(f"{source} differs from the review of the same id imported before")
        for row in rows:
            uow.mentor_ratings.add(row)
        uow.commit()
    return Imported(count=len(rows), already=False)


def _same_levels(held: Sequence[MentorRating], rows: list[MentorRating]) -> bool:
    def key(r: MentorRating) -> tuple[str, str, str, int, str]:
        return (r.mentor, r.reviewed_on.isoformat(), r.skill_id, r.level, r.note)

    return sorted(map(key, held)) == sorted(map(key, rows))


def mentors_now(uow: UnitOfWork, pack: ActivePack = BUILT_IN) -> dict[str, dict[str, MentorRating]]:
    """Each mentor's latest review (`domain.calibration.latest_reviews`), of the ratings
    made under the active pack's lineage (a review of another pack's skills is not
    compared with this one's)."""
    return latest_reviews(r for r in uow.mentor_ratings.list() if r.pack_id in pack.lineage)


def mentor_history(uow_factory: UnitOfWorkFactory, skill_id: str | None) -> list[MentorRating]:
    """Every mentor level imported (of one skill, if given), in import order."""
    with uow_factory(reading=True) as uow:
        return list(uow.mentor_ratings.list(skill_id))
