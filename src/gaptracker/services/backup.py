"""Backup and restore of everything the user entered, through the unit of work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from gaptracker import __version__
from gaptracker.domain.backup import BackupDocument
from gaptracker.domain.backup_ids import renumbered
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import BUILT_IN_PACK_ID
from gaptracker.domain.ports import Clock, PackInstaller, UnitOfWork, UnitOfWorkFactory


def make_backup(
    uow_factory: UnitOfWorkFactory, clock: Clock, packs_dir: Path | None = None
) -> BackupDocument:
    """Everything, from one consistent read (a snapshot: a write meanwhile is in it
    whole or not at all), without waiting for another process's write; with every user
    pack a row or a pack choice names, read from `packs_dir` (default: the user's packs
    folder), so the backup restores on a machine that does not have them."""
    with uow_factory(reading=True) as uow:
        document = backup_of(uow, clock.now())
    return with_packs(document, packs_dir)


def with_packs(document: BackupDocument, packs_dir: Path | None = None) -> BackupDocument:
    """The backup carrying every user pack its rows name, read from `packs_dir`."""
    user_packs = sorted(document.pack_ids() - {BUILT_IN_PACK_ID})
    if not user_packs:  # the packs folder is not even looked at
        return document
    from gaptracker.catalog.backup_packs import carried_packs

    if packs_dir is None:
        from gaptracker.config import default_packs_dir

        packs_dir = default_packs_dir()
    return document.model_copy(update={"packs": carried_packs(user_packs, packs_dir)})


def backup_of(uow: UnitOfWork, now: dt.datetime) -> BackupDocument:
    """Every row the unit of work sees, as a backup (without the packs)."""
    return BackupDocument(
        app_version=__version__,
        created_at=now,
        ratings=tuple(uow.ratings.list()),
        target_changes=tuple(uow.targets.list()),
        applicability_marks=tuple(uow.marks.list()),
        checkins=tuple(uow.checkins.list()),
        goals=tuple(uow.goals.list()),
        plan_events=tuple(uow.plan.list()),
        review_bundles=tuple(uow.bundles.list()),
        mentor_ratings=tuple(uow.mentor_ratings.list()),
        pack_choices=tuple(uow.packs.list()),
    )


def _holds_data(uow: UnitOfWork, document: BackupDocument) -> bool:
    """Anything the restore would add to: a row, or (when the backup carries its own)
    a pack choice."""
    return bool(
        uow.ratings.list()
        or uow.targets.list()
        or uow.marks.list()
        or uow.checkins.list()
        or uow.goals.list()
        or uow.plan.list()
        or uow.bundles.list()
        or uow.mentor_ratings.list()
        or (document.pack_choices and uow.packs.list())
    )


def restore_backup(
    uow_factory: UnitOfWorkFactory,
    document: BackupDocument,
    replace: bool = False,
    packs: PackInstaller | None = None,
    keep: Callable[[UnitOfWork], str] | None = None,
) -> str | None:
    """Load the backup in one transaction: all of it, or (on any failure) nothing.

    Into an empty database only, unless replace is set: then what the database held
    (the pack choices too) is copied beside it inside the same transaction
    (`erase_all`), and where the copy went is returned (None when there was nothing to
    keep). On a server, where there is no file to copy, `keep` is given the unit of work
    just before the erase, to write the rows it sees as a backup (`backup_of`), and
    says where it went. The rows are renumbered from 1, in their order and with every link
    (`domain.backup_ids`); where the unit of work `shares_ids` (a group's server, where
    every member's rows draw on one sequence) they take the next ids instead, in the
    same order, each rating still in its check-in. `packs`: the backup's packs the packs
    folder lacks, put in place just before the commit and taken out again if it fails.
    """
    document = renumbered(document)
    copy = None
    with uow_factory() as uow:
        holds_data = _holds_data(uow, document)
        if holds_data and not replace:
            raise UserInputError(
                "the database is not empty: use --replace (a copy of it is kept beside it)"
            )
        if holds_data or (replace and uow.packs.list()):
            copy = keep(uow) if keep is not None else None
            copy = uow.erase_all() or copy
        shared_ids = uow.shares_ids
        checkin_ids: dict[int | None, int | None] = {None: None}
        for checkin in document.checkins:  # in id order, before the ratings they hold
            added = checkin.model_copy(update={"id": None}) if shared_ids else checkin
            checkin_ids[checkin.id] = uow.checkins.add(added).id
        for rating in document.ratings:
            if shared_ids:
                rating = rating.model_copy(
                    update={"id": None, "checkin_id": checkin_ids[rating.checkin_id]}
                )
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
        for choice in document.pack_choices:  # oldest first: the last is the active pack
            uow.packs.add(choice)
        if packs is None:
            uow.commit()
            return copy
        packs.install()
        try:
            uow.commit()
        except BaseException:
            packs.undo()
            raise
    return copy
