"""Upgrading a file made by an earlier revision keeps every row the user entered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from gaptracker.storage.db import make_engine
from gaptracker.storage.migrations.revisions import HEAD
from gaptracker.storage.schema import alembic_config, open_database

BUILT_IN = "research-infra"
RATING_COLUMNS = "id, skill_id, level, note, evidence, effective_date, created_at, catalog_version"
RATINGS_0001 = [
    (
        "gpu-cuda-programming",
        2,
        "tiled matmul",
        "https://x",
        "2026-01-05",
        "2026-01-05 10:00:00.123456",
        "2026.11.1",
    ),
    ("retired-skill", 4, "from an old catalog", "", "2025-06-01", "2025-06-01 09:00:00", "2025.1"),
]


NO_MEMBER = ""
"""What migration 0008 gives an old row on a file: no group, so nobody's in particular."""


def added_since_0004(table: str) -> tuple[object, ...]:
    """What migrations 0005, 0006 and 0008 add to an old row of `table`: the built-in
    pack, for a rating no rubric digest (NULL: made before digests were kept), and no
    member."""
    return (BUILT_IN, None, NO_MEMBER) if table == "ratings" else (BUILT_IN, NO_MEMBER)


def make_file_at(path: Path, revision: str) -> None:
    engine = make_engine(path)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)  # type: ignore[arg-type]
    engine.dispose()


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query).fetchall()


def test_a_0001_file_upgrades_to_head_with_everything_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_file_at(path, "0001")
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO ratings (skill_id, level, note, evidence, effective_date, created_at,"
            " catalog_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            RATINGS_0001,
        )
        conn.execute(
            "INSERT INTO target_changes (role_id, changed_at) VALUES"
            " ('ai-research-scientist', '2026-01-01 08:00:00')"
        )
        conn.execute(
            "INSERT INTO applicability_marks (role_id, skill_id, not_applicable, reason,"
            " created_at) VALUES ('ai-research-scientist', 'multimodal-ai', 1, 'text only',"
            " '2026-01-02 08:00:00')"
        )
    ratings_before = rows(
        path,
        f"SELECT {RATING_COLUMNS} FROM ratings ORDER BY id",
    )
    others_before = rows(path, "SELECT * FROM target_changes") + rows(
        path, "SELECT * FROM applicability_marks"
    )

    db = open_database(path)
    db.close()

    assert rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    after = rows(
        path,
        f"SELECT {RATING_COLUMNS} FROM ratings ORDER BY id",
    )
    assert after == ratings_before
    assert rows(path, "SELECT checkin_id FROM ratings") == [(None,), (None,)]
    assert rows(path, "SELECT * FROM target_changes") + rows(
        path, "SELECT * FROM applicability_marks"
    ) == [(*row, BUILT_IN, NO_MEMBER) for row in others_before]
    assert db.backup_path is not None
    assert rows(db.backup_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert rows(db.backup_path, "SELECT count(*) FROM ratings") == [(2,)]


def add_checkin_with_a_rating(conn: sqlite3.Connection) -> None:
    """A check-in and a rating made in it, as any revision since 0002 stores them."""
    conn.execute(
        "INSERT INTO checkins (id, role_id, started_at) VALUES"
        " (1, 'ai-research-scientist', '2026-02-01 08:00:00')"
    )
    conn.execute(
        "INSERT INTO ratings (skill_id, level, note, evidence, effective_date, created_at,"
        " catalog_version, checkin_id) VALUES ('experiment-rigor', 3, 'n', '', '2026-02-01',"
        " '2026-02-01 08:01:00', '2026.11.1', 1)"
    )


def test_a_0002_file_with_checkins_and_goals_upgrades_to_head(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    make_file_at(path, "0002")
    with sqlite3.connect(path) as conn:
        add_checkin_with_a_rating(conn)
        conn.execute(
            "INSERT INTO goals (skill_id, level, due, created_at) VALUES"
            " ('experiment-rigor', 4, '2026-06-01', '2026-02-01 08:02:00')"
        )
    tables = ("checkins", "ratings", "goals")
    before = [rows(path, f"SELECT * FROM {t}") for t in tables]
    open_database(path).close()
    after = [rows(path, f"SELECT * FROM {t}") for t in tables]
    assert after == [
        [(*row, *added_since_0004(name)) for row in table]
        for name, table in zip(tables, before, strict=True)
    ]
    assert rows(path, "SELECT count(*) FROM plan_events") == [(0,)]


def test_a_0004_file_keeps_every_row_as_the_built_in_pack_and_is_copied_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v4.sqlite"
    make_file_at(path, "0004")
    with sqlite3.connect(path) as conn:
        add_checkin_with_a_rating(conn)
        conn.execute(
            "INSERT INTO plan_events (kind, item_id, status, text, title, description,"
            " skill_ids, created_at) VALUES ('study', 'x', 'todo', '', '', '', '',"
            " '2026-02-01 08:03:00')"
        )
    tables = ("checkins", "ratings", "plan_events")
    before = [rows(path, f"SELECT * FROM {t}") for t in tables]
    db = open_database(path)
    db.close()
    for table, kept in zip(tables, before, strict=True):
        assert rows(path, f"SELECT * FROM {table}") == [
            (*row, *added_since_0004(table)) for row in kept
        ]
    assert rows(path, "SELECT count(*) FROM pack_choices") == [(0,)]
    assert db.backup_path is not None
    assert rows(db.backup_path, "SELECT version_num FROM alembic_version") == [("0004",)]
    assert [rows(db.backup_path, f"SELECT * FROM {t}") for t in tables] == before


def test_a_0005_file_keeps_every_row_and_its_ratings_get_no_rubric_digest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v5.sqlite"
    make_file_at(path, "0005")
    with sqlite3.connect(path) as conn:
        add_checkin_with_a_rating(conn)
        conn.executemany(
            "INSERT INTO ratings (skill_id, level, note, evidence, effective_date, created_at,"
            " catalog_version, pack_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (*rating, pack)
                for rating, pack in zip(RATINGS_0001, [BUILT_IN, "my-fork"], strict=True)
            ],
        )
        conn.execute(
            "INSERT INTO pack_choices (pack_id, version, chosen_at) VALUES"
            " ('my-fork', '1', '2026-02-02 08:00:00')"
        )
    tables = ("checkins", "ratings", "pack_choices")
    before = [rows(path, f"SELECT * FROM {t} ORDER BY id") for t in tables]
    db = open_database(path)
    db.close()
    assert rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    ratings_after = rows(path, "SELECT * FROM ratings ORDER BY id")
    assert ratings_after == [(*row, None, NO_MEMBER) for row in before[1]]
    assert len(ratings_after) == 3
    assert [rows(path, f"SELECT * FROM {t} ORDER BY id") for t in tables[::2]] == [
        [(*row, NO_MEMBER) for row in table] for table in before[::2]
    ]
    assert db.backup_path is not None
    assert rows(db.backup_path, "SELECT version_num FROM alembic_version") == [("0005",)]
    assert [rows(db.backup_path, f"SELECT * FROM {t} ORDER BY id") for t in tables] == before
