"""Backup, restore into a new file, backup again: the same content, for any valid history."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from gaptracker.domain.backup import BackupDocument, parse_backup
from gaptracker.services.backup import make_backup, restore_backup
from gaptracker.storage.schema import open_database
from tests.fakes import FixedClock
from tests.strategies import CATALOG, NOW, backups

CLOCK = FixedClock(NOW)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=backups())
def test_round_trip_is_lossless(document: BackupDocument) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = open_database(Path(folder) / "a.sqlite")
        # What the commands could have made is what a restore accepts.
        restore_backup(source.uow_factory, parse_backup(document.to_json(), "x", CATALOG, NOW))
        first = make_backup(source.uow_factory, CLOCK)
        copy = open_database(Path(folder) / "b.sqlite")
        restore_backup(copy.uow_factory, parse_backup(first.to_json(), "backup.json", CATALOG, NOW))
        second = make_backup(copy.uow_factory, CLOCK)
        source.close()
        copy.close()
    assert second.data() == first.data()
    assert first.data() == document.data()
    assert [r.note for r in first.ratings] == [r.note for r in document.ratings]
