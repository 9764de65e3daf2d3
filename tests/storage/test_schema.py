"""Opening the database: migration from empty, backups, refusals that leave the file as it was."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from gaptracker.domain.errors import StorageError
from gaptracker.storage import schema
from gaptracker.storage.db import make_engine
from gaptracker.storage.migrations.revisions import HEAD, KNOWN_REVISIONS
from gaptracker.storage.schema import alembic_config, backup_copy, open_database
from gaptracker.storage.tables import metadata


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_a_new_file_is_created_private_and_at_head(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "gt.sqlite"
    db = open_database(path)
    db.close()
    assert revision_of(path) == HEAD
    assert db.backup_path is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.sqlite_only  # SQLite's own settings and locks
def test_pragmas_are_on(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_known_revisions_match_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    assert script.get_heads() == [HEAD]
    walked = [rev.revision for rev in script.walk_revisions()]
    assert list(reversed(walked)) == list(KNOWN_REVISIONS)


def test_tables_match_the_migrations(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_upgrade_then_downgrade_to_base_and_back(db_path: Path) -> None:
    open_database(db_path).close()
    engine = make_engine(db_path)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")  # type: ignore[arg-type]
    with sqlite3.connect(db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables <= {"alembic_version"}
    engine.dispose()
    open_database(db_path).close()
    assert revision_of(db_path) == HEAD


NEXT_REVISION = """# Test-only revision: adds a column, as a future migration would.
import sqlalchemy as sa
from alembic import op

revision = "t9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ratings") as batch:
        batch.add_column(sa.Column("mood", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ratings") as batch:
        batch.drop_column("mood")
"""


def test_an_older_revision_is_backed_up_then_upgraded_keeping_data(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO ratings (skill_id, level, note, evidence, effective_date, created_at,"
            " catalog_version) VALUES ('gpu-cuda-programming', 2, 'tiled matmul', '',"
            " '2026-01-01', '2026-01-01 00:00:00', 'v')"
        )
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "t9001_test.py").write_text(NEXT_REVISION.format(head=HEAD))
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "t9001"))
    monkeypatch.setattr(schema, "HEAD", "t9001")

    db = open_database(db_path)
    db.close()

    assert revision_of(db_path) == "t9001"
    assert db.backup_path is not None and db.backup_path.parent == db_path.parent
    assert revision_of(db.backup_path) == HEAD
    for path in (db_path, db.backup_path):
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT skill_id, level, note FROM ratings").fetchall() == [
                ("gpu-cuda-programming", 2, "tiled matmul")
            ]
    assert stat.S_IMODE(db.backup_path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 10, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["garbage", "corrupt-after-header"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(StorageError):
        open_database(db_path)
    assert db_path.read_bytes() == content


def test_a_newer_schema_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="newer gaptracker"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with pytest.raises(StorageError, match="not a gaptracker database"):
        open_database(db_path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path)


def test_a_zero_length_file_becomes_a_database(db_path: Path) -> None:
    db_path.touch()
    open_database(db_path).close()
    assert revision_of(db_path) == HEAD


def test_two_copies_in_the_same_second_are_both_kept(db_path: Path) -> None:
    """`restore --replace` twice in one second: the first copy holds the oldest data and
    must not be overwritten by the second."""
    open_database(db_path).close()
    now = dt.datetime(2026, 3, 2, 9, 30)
    first = backup_copy(db_path, now)
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("INSERT INTO target_changes (role_id, changed_at) VALUES ('x', '2026-01-01')")
    second = backup_copy(db_path, now)
    assert first != second
    count = "SELECT count(*) FROM target_changes"
    with closing(sqlite3.connect(first)) as a, closing(sqlite3.connect(second)) as b:
        assert a.execute(count).fetchall() == [(0,)]
        assert b.execute(count).fetchall() == [(1,)]
    for copy in (first, second):
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not list(db_path.parent.glob(".*")), "a temporary copy was left behind"
