"""Shared fixtures: the real catalog, a fixed clock, fake and real units of work."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import Catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database, open_database
from tests.fakes import FakeUnitOfWorkFactory, FixedClock
from tests.pg_group import Group, make_group
from tests.pg_server import (
    MEMBER,
    PgServer,
    missing_prerequisite,
    remove_server,
    server_binaries,
    start_server,
)

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)

# No property test may depend on the machine's speed: no per-example deadline and no
# "too slow" health check (a loaded CI machine runs examples many times slower). Under CI
# the examples are derived from each test's name, so a run is repeatable.
hypothesis_settings.register_profile(
    "gaptracker",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
hypothesis_settings.load_profile("gaptracker")


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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server for the run (tests/pg_server.py); skipped when no
    server binaries are installed, except under CI=true, where that fails the run."""
    reason = missing_prerequisite()
    bin_dir = server_binaries()
    if reason is not None or bin_dir is None:
        reason = reason or "no PostgreSQL server binaries found"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI=true needs them (.ci/run installs them)")
        pytest.skip(reason)
    pytest.importorskip("psycopg", reason='psycopg is missing: pip install ".[postgres]"')
    server = start_server(bin_dir)
    yield server
    remove_server(server)


_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_current_template(pg_server: PgServer) -> str:
    """A database on the test server at the schema's head, copied by `pg_database_maker`
    (CREATE DATABASE ... TEMPLATE costs far less than migrating each new one)."""
    import psycopg

    from gaptracker.storage.group import add_member, init_group
    from gaptracker.storage.server import open_server_database

    name = "gt_current_template"
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.execute(f'CREATE ROLE "{MEMBER}" LOGIN')
    init_group(pg_server.url(name))  # its engine is disposed: a template has no users
    database = open_server_database(pg_server.url(name), bypassing=True)
    try:
        add_member(database, MEMBER)  # as `group add-member` does, printing nothing
    finally:
        database.close()
    return name


@pytest.fixture
def pg_database_maker(
    pg_server: PgServer, request: pytest.FixtureRequest
) -> Iterator[Callable[..., str]]:
    """pg_database_maker(current=False): the URL of a new database on the test server,
    empty (the superuser's URL), or (current) a group at the schema's head, made by the
    superuser, with its member's URL (tests/pg_server.MEMBER, a plain login whom the
    policies hold); every one made is dropped after the test."""
    import psycopg

    made: list[str] = []

    def make(current: bool = False) -> str:
        name = f"gt_{os.getpid()}_{next(_database_numbers)}"
        template = request.getfixturevalue("pg_current_template") if current else "template1"
        with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        made.append(name)
        return pg_server.url(name, MEMBER) if current else pg_server.url(name)

    yield make
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
        for name in made:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def pg_group(pg_server: PgServer) -> Iterator[Group]:
    """A group on the test server (tests/pg_group.py): its owner has run `group init`,
    added alice, bob and mona as members, and made mona alice's mentor."""
    import psycopg

    from gaptracker.cli import main

    group = make_group(pg_server, f"gt_group_{os.getpid()}_{next(_database_numbers)}")
    owner = ["--db", group.url(group.owner), "group"]
    for command in (
        ["init"],
        ["add-member", group.alice, "--name", "Alice"],
        ["add-member", group.bob, "--name", "Bob"],
        ["add-member", group.mona, "--name", "Mona"],
        ["add-mentor", group.mona, group.alice],
    ):
        assert main([*owner, *command]) == 0, command
    yield group
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{group.database}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_database_maker: Callable[..., str]) -> str:
    """The URL of a new, empty database on the test server, dropped after the test."""
    return pg_database_maker()
