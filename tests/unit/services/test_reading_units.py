"""Every use case that only reads opens its unit of work for reading (no write lock, so
it never waits for another process's write); every write keeps the lock it needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import Status
from gaptracker.services.backup import make_backup
from gaptracker.services.tracker import Tracker
from tests.conftest import NOW
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

ROLE = "inference-optimization-engineer"
Use = Callable[[Tracker], object]

READS: dict[str, Use] = {
    "target_role_id": lambda t: t.target_role_id(),
    "ratings": lambda t: t.ratings(),
    "ratings of a skill": lambda t: t.ratings("gpu-cuda-programming"),
    "current": lambda t: t.current(),
    "gap": lambda t: t.gap(),
    "role_fit": lambda t: t.role_fit(),
    "status": lambda t: t.status(),
    "overview": lambda t: t.overview(),
    "rhythm": lambda t: t.rhythm(),
    "checkins": lambda t: t.checkins(),
    "goals": lambda t: t.goals(),
    "weekly": lambda t: t.weekly(),
    "report": lambda t: t.report(),
    "plan view": lambda t: t.plan.view(ROLE),
    "checkin walk": lambda t: t.checkin.walk(),
    "backup": lambda t: make_backup(t.uow_factory, t.clock),
}
WRITES: dict[str, Use] = {
    "set_target": lambda t: t.set_target("applied-ai-scientist"),
    "rate": lambda t: t.rate("model-serving", 2),
    "mark_not_applicable": lambda t: t.mark_not_applicable("model-serving", "not mine"),
    "set_goal": lambda t: t.set_goal("model-serving", 3, dt.date(2026, 6, 1)),
    "study": lambda t: t.plan.set_study("model-serving", Status.DONE, "read it"),
    "project": lambda t: t.plan.add_project("mine", "", ["model-serving"], ""),
    "practise": lambda t: t.plan.practise("theme:1", 3),
    "checkin": lambda t: t.checkin.record(t.checkin.walk(), "gpu-cuda-programming", 3),
}


@pytest.fixture
def tracker() -> tuple[Tracker, FakeUnitOfWorkFactory]:
    factory = FakeUnitOfWorkFactory()
    tracker = Tracker(load_catalog(), factory, FixedClock(NOW))
    tracker.set_target(ROLE)
    tracker.rate("gpu-cuda-programming", 2)
    tracker.set_goal("gpu-cuda-programming", 4, dt.date(2026, 9, 1))
    factory.opened.clear()
    return tracker, factory


@pytest.mark.parametrize("use", READS.values(), ids=READS.keys())
def test_a_read_opens_only_reading_units(
    tracker: tuple[Tracker, FakeUnitOfWorkFactory], use: Use
) -> None:
    service, factory = tracker
    use(service)
    assert factory.opened and all(factory.opened), factory.opened


@pytest.mark.parametrize("use", WRITES.values(), ids=WRITES.keys())
def test_a_write_commits_through_a_unit_that_may_write(
    tracker: tuple[Tracker, FakeUnitOfWorkFactory], use: Use
) -> None:
    service, factory = tracker
    use(service)  # a reading unit would refuse the commit (RuntimeError)
    assert False in factory.opened
