"""A command that made a new database and then failed removes it again, but only what it
made, only while the file holds nothing of the user's, and never while it is in use."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from gaptracker.domain.models import TargetChange
from gaptracker.storage.schema import open_database
from tests.conftest import NOW


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_empty_database_is_removed_with_what_was_made_beside_it(db_path: Path) -> None:
    (db_path.parent / "gt.sqlite.lock").touch()  # there before (another start): kept
    database = open_database(db_path)
    assert database.created
    with database.uow_factory(reading=True) as uow:
        uow.targets.list()  # the -wal and -shm exist now
    assert database.discard_if_unused()
    assert listing(db_path.parent) == ["gt.sqlite.lock"]


def test_a_new_database_holding_a_row_is_kept(db_path: Path) -> None:
    database = open_database(db_path)
    with database.uow_factory() as uow:
        uow.targets.add(TargetChange(role_id="applied-ai-scientist", changed_at=NOW))
        uow.commit()
    assert not database.discard_if_unused()
    assert "gt.sqlite" in listing(db_path.parent)


def test_a_database_this_run_did_not_make_is_kept(db_path: Path) -> None:
    open_database(db_path).close()
    database = open_database(db_path)
    assert not database.created and not database.discard_if_unused()
    assert "gt.sqlite" in listing(db_path.parent)


def test_a_new_database_another_process_has_open_is_kept(db_path: Path) -> None:
    database = open_database(db_path)
    with closing(sqlite3.connect(db_path)) as other:
        other.execute("SELECT count(*) FROM ratings").fetchall()
        assert not database.discard_if_unused()
    assert "gt.sqlite" in listing(db_path.parent)
