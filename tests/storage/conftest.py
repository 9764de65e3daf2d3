"""The storage tests run on both dialects: each test that uses `database` (or `tracker`,
or `new_database`) runs once on a SQLite file and once on a fresh PostgreSQL database
(marked `postgres`), unless it is marked `sqlite_only` (it reads the file itself)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gaptracker.storage.schema import Database, open_database

DIALECTS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "storage_dialect" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        params: list[object] = ["sqlite"]
    else:
        params = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
    metafunc.parametrize("storage_dialect", params, indirect=True)


@pytest.fixture
def storage_dialect(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_database(
    storage_dialect: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Database]]:
    """new_database(): another empty, current database of the test's dialect (a new file,
    or a new database on the test server); only the last two stay open (a property test
    makes some for each example), and those are closed after the test."""
    opened: list[Database] = []

    def make() -> Database:
        if storage_dialect == "sqlite":
            database = open_database(tmp_path / f"db{len(opened)}.sqlite")
        else:
            from gaptracker.storage.server import open_server_database

            make_url = request.getfixturevalue("pg_database_maker")
            database = open_server_database(make_url(current=True))
        for old in opened[:-1]:
            old.close()
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def database(
    storage_dialect: str, db_path: Path, request: pytest.FixtureRequest
) -> Iterator[Database]:
    if storage_dialect == "sqlite":
        db = open_database(db_path)
    else:
        from gaptracker.storage.server import open_server_database

        db = open_server_database(request.getfixturevalue("pg_database_maker")(current=True))
    yield db
    db.close()
