"""The overview reads a bounded slice of the history; it must show exactly what a read
of the whole history shows. The reference here is the whole-history computation."""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

import pytest

from gaptracker.domain.gap import (
    active_not_applicable,
    earliest_ratings,
    latest_ratings,
)
from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Checkin,
    Goal,
    Rating,
    TargetChange,
)
from gaptracker.domain.progress import goals_progress, latest_checkin, moves_since
from gaptracker.domain.trend import weekly_levels, weekly_readiness
from gaptracker.services.standing import DASHBOARD_WEEKS, TREND_WEEKS
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database
from tests.fakes import FixedClock

ROLE = "inference-optimization-engineer"


def fill(database: Database, catalog: Catalog, today: dt.date, seed: int, years: int) -> None:
    """Weekly check-ins over `years` with backfills, skipped weeks, goals and a late start."""
    rng = random.Random(seed)
    skills = [s.id for s in catalog.skills]
    start = today - dt.timedelta(weeks=52 * years)
    with database.uow_factory() as uow:
        uow.targets.add(TargetChange(role_id=ROLE, changed_at=_at(start)))
        for week in range(52 * years + 1):
            day = start + dt.timedelta(weeks=week, days=rng.randint(0, 3))
            if day > today or rng.random() < 0.3:
                continue
            checkin = uow.checkins.add(Checkin(role_id=ROLE, started_at=_at(day)))
            for skill in rng.sample(skills, rng.randint(1, 8)):
                backfill = rng.random() < 0.1
                uow.ratings.add(
                    Rating(
                        skill_id=skill,
                        level=rng.randint(0, 5),
                        effective_date=day - dt.timedelta(days=40 if backfill else 0),
                        created_at=_at(day, minutes=rng.randint(0, 30)),
                        catalog_version="t",
                        checkin_id=None if backfill else checkin.id,
                    )
                )
            if rng.random() < 0.05:
                uow.goals.add(
                    Goal(
                        skill_id=rng.choice(skills),
                        level=rng.randint(1, 5),
                        due=day + dt.timedelta(days=rng.randint(10, 200)),
                        created_at=_at(day),
                    )
                )
        uow.commit()


def _at(day: dt.date, minutes: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, minutes), tzinfo=dt.UTC)


class WholeHistory(NamedTuple):
    """Everything in the file, read the unbounded way: the reference for the bounded reads."""

    everything: list[Rating]
    current: dict[str, Rating]
    active: dict[str, ApplicabilityMark]
    last: Checkin
    goals: list[Goal]

    @classmethod
    def read(cls, database: Database, today: dt.date) -> WholeHistory:
        with database.uow_factory() as uow:
            everything = sorted(uow.ratings.list(), key=lambda r: r.counted_key(today))
            last = latest_checkin(uow.checkins.list())
            goals = list(uow.goals.list())
            marks = list(uow.marks.list())
        assert last is not None
        return cls(
            everything=everything,
            current=latest_ratings(everything, today),
            active=active_not_applicable(marks, ROLE),
            last=last,
            goals=goals,
        )


@pytest.mark.parametrize(("seed", "years"), [(1, 3), (2, 1), (5, 2)])
def test_bounded_overview_equals_the_whole_history(
    tracker: Tracker, database: Database, catalog: Catalog, clock: FixedClock, seed: int, years: int
) -> None:
    today = clock.today()
    fill(database, catalog, today, seed, years)
    overview = tracker.overview()

    everything, current, active, last, goals = WholeHistory.read(database, today)
    assert overview.last_checkin == last
    assert overview.trend == weekly_readiness(
        catalog, ROLE, everything, active, today, DASHBOARD_WEEKS
    )
    assert len(overview.trend) == DASHBOARD_WEEKS
    year = weekly_readiness(catalog, ROLE, everything, active, today, TREND_WEEKS)
    assert tracker.weekly(weeks=TREND_WEEKS) == year
    assert len(year) == min(TREND_WEEKS, 52 * years + 1)
    assert tracker.weekly()[-TREND_WEEKS:] == year
    assert overview.moves == moves_since(everything, last, today)
    assert overview.goals == goals_progress(
        goals, earliest_ratings(everything, today), current, today
    )
    assert overview.must_weeks == {
        m: weekly_levels(everything, m, today, DASHBOARD_WEEKS) for m in catalog.must_skill_ids
    }
    assert overview.current == current
    assert overview.rating_count == len(everything)
    assert overview.last_rating_on == max(r.effective_date for r in everything)
    if goals:
        assert overview.goals


@pytest.mark.parametrize(("seed", "years"), [(3, 3), (4, 1)])
def test_the_report_reads_boundedly_and_equals_the_whole_history(
    tracker: Tracker, database: Database, catalog: Catalog, clock: FixedClock, seed: int, years: int
) -> None:
    today = clock.today()
    fill(database, catalog, today, seed, years)
    report = tracker.report()

    everything, current, active, last, goals = WholeHistory.read(database, today)
    assert report.trend == weekly_readiness(catalog, ROLE, everything, active, today, TREND_WEEKS)
    assert [(m.skill_id, m.before, m.after) for m in report.moves] == [
        (m.skill_id, m.before, m.after) for m in moves_since(everything, last, today)
    ]
    expected_goals = goals_progress(goals, earliest_ratings(everything, today), current, today)
    assert [(g.skill_id, g.current, g.status) for g in report.goals] == [
        (g.goal.skill_id, g.current, g.status.value) for g in expected_goals
    ]
    assert report.last_rating_on == max(r.effective_date for r in everything)
    assert report.last_checkin_on == last.started_at.date()
    assert {r.skill_id: r.current for r in report.gaps} == {
        req.skill_id: (current[req.skill_id].level if req.skill_id in current else None)
        for req in catalog.requirements_for(ROLE)
    }
