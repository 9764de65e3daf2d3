"""Every migration runs up and down on both dialects, one revision at a time, and an old
schema upgraded by opening it keeps every row (SQLite's own checks: test_migrations.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, inspect, text

from gaptracker.storage.db import make_engine
from gaptracker.storage.migrations.revisions import HEAD, KNOWN_REVISIONS
from gaptracker.storage.schema import Database, alembic_config, open_database

REVISIONS = sorted(KNOWN_REVISIONS)


@pytest.fixture
def empty(storage_dialect: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A place for a database of the test's dialect, empty: a file's path or a URL."""
    if storage_dialect == "sqlite":
        yield str(db_path)
    else:
        yield request.getfixturevalue("pg_url")


def engine_for(where: str) -> Engine:
    return create_engine(where) if "://" in where else make_engine(Path(where))


def migrate(where: str, revision: str, *, down: bool = False) -> None:
    engine = engine_for(where)
    with engine.begin() as connection:
        step = command.downgrade if down else command.upgrade
        step(alembic_config(connection), revision)  # type: ignore[arg-type]
    engine.dispose()


def state(where: str) -> tuple[set[str], str | None]:
    engine = engine_for(where)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        version = (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if "alembic_version" in tables
            else None
        )
    engine.dispose()
    return tables - {"alembic_version"}, version


def open_any(where: str) -> Database:
    if "://" in where:  # only the group's owner upgrades a server's schema
        from gaptracker.storage.group import init_group
        from gaptracker.storage.server import open_server_database

        init_group(where)  # as the superuser, whose rows the old ones become: it reads
        return open_server_database(where, bypassing=True)  # them back, policies or not
    return open_database(Path(where))


def test_every_revision_goes_up_and_back_down(empty: str) -> None:
    seen: list[set[str]] = [set()]
    for revision in REVISIONS:
        migrate(empty, revision)
        tables, version = state(empty)
        assert version == revision
        assert tables >= seen[-1]
        seen.append(tables)
    assert REVISIONS[-1] == HEAD
    for below, tables in zip(["base", *REVISIONS[:-1]][::-1], seen[:-1][::-1], strict=True):
        migrate(empty, below, down=True)
        assert state(empty) == (tables, None if below == "base" else below)


def test_a_0001_schema_opens_at_the_head_with_its_rows_kept(empty: str) -> None:
    migrate(empty, "0001")
    engine = engine_for(empty)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO ratings (skill_id, level, note, evidence, effective_date,"
                " created_at, catalog_version) VALUES ('gpu-cuda-programming', 2, 'n', '',"
                " '2026-01-05', '2026-01-05 10:00:00', '2026.11.1')"
            )
        )
    engine.dispose()
    database = open_any(empty)
    with database.uow_factory(reading=True) as uow:
        (rating,) = uow.ratings.list()
    database.close()
    assert state(empty)[1] == HEAD
    assert (rating.skill_id, rating.level, rating.note, rating.pack_id) == (
        "gpu-cuda-programming",
        2,
        "n",
        "research-infra",
    )
