"""Backup and restore of everything the user entered, through the unit of work."""

from __future__ import annotations

from gaptracker import __version__
from gaptracker.domain.backup import BackupDocument
from gaptracker.domain.backup_ids import renumbered
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.ports import Clock, UnitOfWork, UnitOfWorkFactory


def make_backup(uow_factory: UnitOfWorkFactory, clock: Clock) -> BackupDocument:
    """Everything, from one consistent read (a snapshot: a write meanwhile is in it
    whole or not at all), without waiting for another process's write."""
    with uow_factory(reading=True) as uow:
        return BackupDocument(
            app_version=__version__,
            created_at=clock.now(),
            ratings=tuple(uow.ratings.list()),
            target_changes=tuple(uow.targets.list()),
            applicability_marks=tuple(uow.marks.list()),
            checkins=tuple(uow.checkins.list()),
            goals=tuple(uow.goals.list()),
            plan_events=tuple(uow.plan.list()),
            review_bundles=tuple(uow.bundles.list()),
            mentor_ratings=tuple(uow.mentor_ratings.list()),
        )


def _holds_data(uow: UnitOfWork) -> bool:
    return bool(
        uow.ratings.list()
        or uow.targets.list()
        or uow.marks.list()
        or uow.checkins.list()
        or uow.goals.list()
        or uow.plan.list()
        or uow.bundles.list()
        or uow.mentor_ratings.list()
    )


def restore_backup(
    uow_factory: UnitOfWorkFactory, document: BackupDocument, replace: bool = False
) -> str | None:
    """Load the backup in one transaction: all of it, or (on any failure) nothing.

    Into an empty database only, unless replace is set: then what the database held is
    copied beside it inside the same transaction (`erase_all`), and where the copy went
    is returned (None when there was nothing to keep). The rows are renumbered from 1,
    in their order and with every link (`domain.backup_ids`).
    """
    document = renumbered(document)
    copy = None
    with uow_factory() as uow:
        holds_data = _holds_data(uow)
        if holds_data and not replace:
            raise UserInputError(
                "the database is not empty: use --replace (a copy of it is kept beside it)"
            )
        if holds_data:
            copy = uow.erase_all()
        for checkin in document.checkins:  # in id order, before the ratings they hold
            uow.checkins.add(checkin)
        for rating in document.ratings:
            uow.ratings.add(rating)
        for change in document.target_changes:
            uow.targets.add(change)
        for mark in document.applicability_marks:
            uow.marks.add(mark)
        for goal in document.goals:
            uow.goals.add(goal)
        for event in document.plan_events:
            uow.plan.add(event)
        for bundle in document.review_bundles:  # before the levels that name them
            uow.bundles.add(bundle)
        for given in document.mentor_ratings:  # renumbered from 1, in their order
            uow.mentor_ratings.add(given.model_copy(update={"id": None}))
        uow.commit()
    return copy
