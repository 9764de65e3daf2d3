"""Backup, restore into a new database (a file, or one on PostgreSQL), backup again: the
same content (its ids renumbered from 1, in the same order), for any valid history; and a
restored database goes on making backups that restore, whatever ids the first carried."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings

from gaptracker.domain.backup import BackupDocument, parse_backup
from gaptracker.domain.backup_ids import renumbered
from gaptracker.services.backup import make_backup, restore_backup
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database
from tests.fakes import FixedClock
from tests.strategies import CATALOG, NOW, backups

CLOCK = FixedClock(NOW)
EACH_EXAMPLE_ITS_OWN_DATABASE = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
"""`new_database` makes new databases for each example; the fixture only holds the maker."""


@settings(max_examples=40, deadline=None, suppress_health_check=EACH_EXAMPLE_ITS_OWN_DATABASE)
@given(document=backups())
def test_round_trip_is_lossless(
    new_database: Callable[[], Database], document: BackupDocument
) -> None:
    source = new_database()
    # What the commands could have made is what a restore accepts.
    restore_backup(source.uow_factory, parse_backup(document.to_json(), "x", CATALOG, NOW))
    first = make_backup(source.uow_factory, CLOCK)
    copy = new_database()
    restore_backup(copy.uow_factory, parse_backup(first.to_json(), "backup.json", CATALOG, NOW))
    second = make_backup(copy.uow_factory, CLOCK)
    assert second.data() == first.data()
    assert first.data() == renumbered(document).data()
    assert [r.id for r in first.ratings] == list(range(1, len(document.ratings) + 1))
    by_id = sorted(document.ratings, key=lambda r: r.id or 0)
    assert [r.note for r in first.ratings] == [r.note for r in by_id]  # entry order kept


@settings(max_examples=25, deadline=None, suppress_health_check=EACH_EXAMPLE_ITS_OWN_DATABASE)
@given(document=backups())
def test_a_restored_file_keeps_making_backups_that_restore(
    new_database: Callable[[], Database], document: BackupDocument
) -> None:
    """On main, a backup whose last id was 2,147,483,647 restored, the next rating got the
    next id, and the next backup was refused ("ratings[1].id: 2147483648 is not an id")."""
    database = new_database()
    restore_backup(database.uow_factory, parse_backup(document.to_json(), "x", CATALOG, NOW))
    later = FixedClock(NOW + dt.timedelta(days=2))
    tracker = Tracker(CATALOG, database.uow_factory, later)
    tracker.rate("gpu-cuda-programming", 3, "after the restore")
    tracker.plan.add_project("mine", "", ["gpu-cuda-programming"], "")
    backup = make_backup(database.uow_factory, later)
    again = parse_backup(backup.to_json(), "next.json", CATALOG, later.now())  # not refused
    copy = new_database()
    restore_backup(copy.uow_factory, again)
    assert make_backup(copy.uow_factory, later).data() == renumbered(again).data()
