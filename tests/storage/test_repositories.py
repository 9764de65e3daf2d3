"""Round trips through the real SQLite file, and append-only history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.domain.errors import StorageError
from gaptracker.domain.models import Rating
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database, open_database
from tests.fakes import FixedClock


def test_rating_round_trip_keeps_every_field(tracker: Tracker, database: Database) -> None:
    saved = tracker.rate(
        "gpu-cuda-programming", 2, note="wrote a tiled matmul ✓", evidence="https://x/y"
    )
    with database.uow_factory() as uow:
        (loaded,) = uow.ratings.list()
    assert loaded == saved
    assert loaded.created_at.tzinfo is not None
    assert isinstance(loaded, Rating) and loaded.id == 1


def test_history_survives_reopening_the_file(db_path: Path, clock: FixedClock) -> None:
    first = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    first.set_target("ai-infra-platform-engineer")
    first.rate("docker-and-kubernetes", 3)
    first.mark_not_applicable("cost-optimization", "finance owns it")
    again = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    assert again.target_role_id() == "ai-infra-platform-engineer"
    assert [r.level for r in again.ratings()] == [3]
    assert [n.skill_id for n in again.gap().not_applicable] == ["cost-optimization"]


def test_ratings_are_never_updated_in_place(
    tracker: Tracker, db_path: Path, clock: FixedClock
) -> None:
    tracker.rate("gpu-cuda-programming", 1)
    clock.advance(days=7)
    tracker.rate("gpu-cuda-programming", 3)
    tracker.set_target("ai-research-scientist")
    tracker.set_target("ai-compiler-kernel-engineer")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT level FROM ratings ORDER BY id").fetchall() == [(1,), (3,)]
        roles = conn.execute("SELECT role_id FROM target_changes ORDER BY id").fetchall()
    assert roles == [("ai-research-scientist",), ("ai-compiler-kernel-engineer",)]


def test_ratings_of_retired_skills_stay_in_history(tracker: Tracker, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO ratings (skill_id, level, note, evidence, effective_date, created_at,"
            " catalog_version) VALUES ('old-skill', 4, 'from 2025', '', '2025-06-01',"
            " '2025-06-01 10:00:00', '2025.1')"
        )
    assert [r.skill_id for r in tracker.ratings("old-skill")] == ["old-skill"]
    assert tracker.gap("ai-research-scientist").readiness == 0


def test_the_database_rejects_an_out_of_range_level(database: Database) -> None:
    with pytest.raises(StorageError), database.uow_factory() as uow:
        uow.ratings.add(
            Rating.model_construct(
                skill_id="x",
                level=9,
                note="",
                evidence="",
                effective_date=dt.date(2026, 1, 1),
                created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                catalog_version="v",
            )
        )
        uow.commit()


def test_latest_in_sql_agrees_with_the_domain_rule(database: Database) -> None:
    """The SQL window query and latest_ratings() pick the same rating for every skill."""
    import random

    from gaptracker.domain.gap import latest_ratings

    rng = random.Random(3)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with database.uow_factory() as uow:
        for i in range(300):
            uow.ratings.add(
                Rating(
                    skill_id=rng.choice(["a", "b", "c", "d"]),
                    level=rng.randint(0, 5),
                    effective_date=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 20)),
                    created_at=base + dt.timedelta(minutes=rng.randint(0, 5)),
                    catalog_version="t",
                    note=str(i),
                )
            )
        uow.commit()
    with database.uow_factory() as uow:
        expected = latest_ratings(uow.ratings.list())
        assert {r.skill_id: r for r in uow.ratings.latest()} == expected
        assert uow.ratings.last_effective_date() == max(
            r.effective_date for r in uow.ratings.list()
        )
