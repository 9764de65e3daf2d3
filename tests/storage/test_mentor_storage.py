"""Mentor reviews in the real SQLite file: the migration, the repositories, all or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import MentorLevel, ReviewRequest
from gaptracker.domain.models import Catalog
from gaptracker.domain.review_files import build_review
from gaptracker.services.mentor import import_review, mentors_now, share
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database, open_database
from tests.fakes import FixedClock
from tests.storage.test_migrations import NO_MEMBER, add_checkin_with_a_rating, make_file_at, rows

ROLE = "inference-optimization-engineer"


def test_a_0006_file_keeps_every_row_and_gains_empty_review_tables(tmp_path: Path) -> None:
    path = tmp_path / "v6.sqlite"
    make_file_at(path, "0006")
    with sqlite3.connect(path) as conn:
        add_checkin_with_a_rating(conn)
    before = [rows(path, f"SELECT * FROM {t}") for t in ("checkins", "ratings")]
    db = open_database(path)
    db.close()
    after = [rows(path, f"SELECT * FROM {t}") for t in ("checkins", "ratings")]
    assert after == [[(*row, NO_MEMBER) for row in table] for table in before]  # 0008's
    assert rows(path, "SELECT count(*) FROM review_bundles") == [(0,)]
    assert rows(path, "SELECT count(*) FROM mentor_ratings") == [(0,)]
    assert db.backup_path is not None  # copied before the migration, as every one is
    assert rows(db.backup_path, "SELECT version_num FROM alembic_version") == [("0006",)]


def shared(tracker: Tracker, catalog: Catalog) -> ReviewRequest:
    return share(catalog, tracker.uow_factory, tracker.clock, ROLE, "Ada", lambda r: None)


def test_share_records_the_bundle_and_a_review_of_it_imports(
    tracker: Tracker, catalog: Catalog, database: Database, clock: FixedClock
) -> None:
    tracker.rate("reproducibility-discipline", 2)
    request = shared(tracker, catalog)
    levels = [MentorLevel(skill_id="reproducibility-discipline", level=4, note="ok ✓")]
    review = build_review(request, "Grace", levels, clock.now(), clock.today())
    done = import_review(catalog, database.uow_factory, clock, review, "r.json")
    assert (done.count, done.already) == (1, False)
    with database.uow_factory(reading=True) as uow:
        (row,) = uow.mentor_ratings.list()
        latest = mentors_now(uow)
    assert (row.mentor, row.level, row.note, row.bundle_id) == ("Grace", 4, "ok ✓", request.id)
    assert latest == {"Grace": {"reproducibility-discipline": row}}
    again = import_review(catalog, database.uow_factory, clock, review, "r.json")
    assert again.already
    with database.uow_factory(reading=True) as uow:
        assert len(uow.mentor_ratings.list()) == 1


def test_a_failed_file_write_records_no_bundle(
    tracker: Tracker, catalog: Catalog, database: Database
) -> None:
    def fail(request: object) -> None:
        raise UserInputError("cannot write b.json: disk full")

    with pytest.raises(UserInputError):
        share(catalog, database.uow_factory, tracker.clock, ROLE, "Ada", fail)
    with database.uow_factory(reading=True) as uow:
        assert uow.bundles.list() == []


def test_the_table_refuses_a_level_out_of_range(database: Database) -> None:
    with database.engine.begin() as conn, pytest.raises(Exception, match=r"(?i)check constraint"):
        conn.exec_driver_sql(
            "INSERT INTO review_bundles (id, content_hash, role_id, skill_ids, created_at,"
            " pack_id) VALUES ('b', 'h', 'r', 's', '2026-01-01', 'research-infra')"
        )
        conn.exec_driver_sql(
            "INSERT INTO mentor_ratings (review_id, bundle_id, mentor, reviewed_on, skill_id,"
            " level, note, imported_at, pack_id) VALUES ('r', 'b', 'm', '2026-01-01', 's', 6,"
            " '', '2026-01-01', 'research-infra')"
        )
