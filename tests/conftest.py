"""Shared fixtures: the real catalog, a fixed clock, fake and real units of work."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import Catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database, open_database
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)

# No verdict from how long an example took (hypothesis' 200 ms deadline, its "too slow"
# health check): the suite runs on loaded CI machines. Tests may still set their own.
settings.register_profile("any-speed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("any-speed")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="run the durability and concurrency loops many more times",
    )


@pytest.fixture(autouse=True, scope="session")
def _private_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The command line keeps a copy of the catalog in the user's cache folder: point it
    (XDG_CACHE_HOME, inherited by child processes) at a temp folder for the whole run."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = saved


def _set_zone(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()


@pytest.fixture(autouse=True, scope="session")
def _utc_unless_a_test_says_otherwise() -> Iterator[None]:
    """Days are the user's own (`local_day`): the run's local zone is UTC, inherited by
    child processes, so no assertion depends on where the machine is; `local_zone` moves it."""
    if not hasattr(time, "tzset"):  # Windows: the machine's zone stays
        yield
        return
    saved = os.environ.get("TZ")
    _set_zone("UTC")
    yield
    _set_zone(saved)


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """local_zone("Asia/Tokyo"): the process's (and SQLite's) local zone for this test."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local zone can only be moved where time.tzset exists")
    yield _set_zone
    _set_zone("UTC")


@pytest.fixture
def rounds(request: pytest.FixtureRequest) -> Callable[[int, int], int]:
    """rounds(normal, slow): how many times a loop runs (more with --slow)."""
    slow = bool(request.config.getoption("--slow"))
    return lambda normal, long: long if slow else normal


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def fake_tracker(catalog: Catalog, clock: FixedClock) -> Tracker:
    return Tracker(catalog, FakeUnitOfWorkFactory(), clock)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "gt.sqlite"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture
def tracker(catalog: Catalog, database: Database, clock: FixedClock) -> Tracker:
    return Tracker(catalog, database.uow_factory, clock)
