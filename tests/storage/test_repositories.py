"""Round trips through the real SQLite file, and append-only history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.domain.errors import StorageError
from gaptracker.domain.gap import latest_ratings
from gaptracker.domain.models import Checkin, PlanEvent, PlanKind, Rating, Status
from gaptracker.domain.plan import latest_events
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
    tracker: Tracker, database: Database, clock: FixedClock
) -> None:
    tracker.rate("gpu-cuda-programming", 1)
    clock.advance(days=7)
    tracker.rate("gpu-cuda-programming", 3)
    tracker.set_target("ai-research-scientist")
    tracker.set_target("ai-compiler-kernel-engineer")
    with database.engine.connect() as conn:
        levels = conn.exec_driver_sql("SELECT level FROM ratings ORDER BY id").all()
        roles = conn.exec_driver_sql("SELECT role_id FROM target_changes ORDER BY id").all()
    assert [tuple(row) for row in levels] == [(1,), (3,)]
    assert [tuple(row) for row in roles] == [
        ("ai-research-scientist",),
        ("ai-compiler-kernel-engineer",),
    ]


def test_ratings_of_retired_skills_stay_in_history(tracker: Tracker, database: Database) -> None:
    with database.engine.begin() as conn:
        conn.exec_driver_sql(
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


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_bounded_reads_in_sql_agree_with_the_domain_rules(database: Database, seed: int) -> None:
    """Every one-rating-per-skill query picks what the fakes pick with the domain's
    rules (latest_ratings: effective date, entry time, id), ties and filters included."""
    import random

    from tests.fakes import _Ratings

    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with database.uow_factory() as uow:
        checkins = [
            uow.checkins.add(Checkin(role_id="r", started_at=base + dt.timedelta(minutes=m)))
            for m in (1, 3, 3)
        ]
        for i in range(300):
            uow.ratings.add(
                Rating(
                    skill_id=rng.choice(["a", "b", "c", "d", "e"]),
                    level=rng.randint(0, 5),
                    effective_date=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 20)),
                    created_at=base + dt.timedelta(minutes=rng.randint(0, 5)),
                    catalog_version="t",
                    note=str(i),
                    checkin_id=rng.choice([None, None, *(c.id for c in checkins)]),
                )
            )
        uow.commit()
    with database.uow_factory() as uow:
        sql = uow.ratings
        domain = _Ratings(list(sql.list()))
        assert sql.count() == 300
        # SQL orders by the stored date, then the id: no date counts as today there.
        assert {r.skill_id: r for r in sql.latest()} == latest_ratings(sql.list(), dt.date.max)
        assert _by_skill(sql.earliest()) == _by_skill(domain.earliest())
        for day in (dt.date(2025, 12, 31), dt.date(2026, 1, 7), dt.date(2026, 1, 21)):
            assert _by_skill(sql.latest(effective_by=day)) == _by_skill(
                domain.latest(effective_by=day)
            )
            assert sql.since(day) == domain.since(day)
        for checkin in checkins:
            assert checkin.id is not None
            filters = {"entered_by": checkin.started_at, "outside_checkin": checkin.id}
            assert _by_skill(sql.latest(**filters)) == _by_skill(domain.latest(**filters))
            assert sql.in_checkin(checkin.id) == domain.in_checkin(checkin.id)
        assert uow.checkins.latest() == checkins[2]
        assert sql.last_effective_date() == max(r.effective_date for r in sql.list())


def _by_skill(ratings: Sequence[Rating]) -> dict[str, Rating]:
    found = {r.skill_id: r for r in ratings}
    assert len(found) == len(ratings), "more than one rating for a skill"
    return found


@pytest.mark.parametrize("seed", [5, 17])
def test_latest_plan_events_in_sql_agree_with_the_domain_rule(
    database: Database, seed: int
) -> None:
    """The current state of each plan item, read without its history, is what
    latest_events picks from every event (time, then id), ties included."""
    import random

    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with database.uow_factory() as uow:
        for i in range(200):
            uow.plan.add(
                PlanEvent(
                    kind=rng.choice(list(PlanKind)),
                    item_id=rng.choice(["a", "b", "c", "own-1"]),
                    status=rng.choice(list(Status)),
                    text=str(i),
                    created_at=base + dt.timedelta(minutes=rng.randint(0, 30)),
                )
            )
        uow.commit()
    with database.uow_factory() as uow:
        everything = uow.plan.list()
        latest = uow.plan.latest()
    assert len(everything) == 200
    assert len(latest) == len({(e.kind, e.item_id) for e in everything})
    assert latest_events(latest) == latest_events(everything)


def test_a_value_without_a_column_is_refused_not_dropped(database: Database) -> None:
    """Core inserts ignore unknown keys; a renamed domain field must fail loudly instead
    of losing what the user entered."""
    from gaptracker.storage.repositories import _add
    from gaptracker.storage.tables import target_changes

    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    with database.engine.connect() as connection:
        with pytest.raises(ValueError, match="target_changes has no column for \\['mood'\\]"):
            _add(connection, target_changes, {"role_id": "x", "changed_at": now, "mood": "ok"})
        assert _add(connection, target_changes, {"role_id": "x", "changed_at": now}) == 1
