"""A database with a corrupted page: found (`gaptracker check`, and a quick check before
writes and after an unclean shutdown), never written to, every damaged read worded as one
line that says how to get back, and `restore --replace` gets back."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from gaptracker.domain.errors import DamagedDatabaseError
from gaptracker.domain.models import Rating, TargetChange
from gaptracker.storage.schema import open_database
from tests.conftest import NOW
from tests.safety.processes import integrity, notes, run

ROLE = "inference-optimization-engineer"
SKILLS = ("gpu-cuda-programming", "model-serving", "reproducibility-discipline")


def history_of(db: Path, count: int) -> None:
    """A target and `count` ratings with notes long enough to fill many pages."""
    database = open_database(db)
    with database.uow_factory() as uow:
        uow.targets.add(TargetChange(role_id=ROLE, changed_at=NOW))
        for i in range(count):
            uow.ratings.add(
                Rating(
                    skill_id=SKILLS[i % 3],
                    level=i % 6,
                    note=f"week {i}: " + "profiled the kernel again " * 4,
                    effective_date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
                    created_at=NOW,
                    catalog_version="test",
                )
            )
        uow.commit()
    database.close()


def damage_a_page(db: Path) -> None:
    """Overwrite a leaf page of the ratings table, in the middle, with random bytes."""
    with closing(sqlite3.connect(db)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'ratings' AND pagetype = 'leaf' ORDER BY pageno"
        ).fetchall()
    assert len(leaves) > 4 and not db.with_name(db.name + "-wal").exists()
    page = leaves[len(leaves) // 2][0]
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(random.Random(page).randbytes(size))


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path]:
    """(a damaged database, a backup of it made before the damage)."""
    db = tmp_path / "gt.sqlite"
    history_of(db, 400)
    backup = tmp_path / "backup.json"
    assert run(db, "backup", str(backup)).returncode == 0
    damage_a_page(db)
    return db, backup


def assert_damage_line(stderr: str, db: Path) -> None:
    assert stderr.startswith(f"gaptracker: error: {db} is damaged ("), stderr
    assert stderr.endswith(
        "; gaptracker will not write to it. To get back, restore your newest backup:"
        " gaptracker restore --replace BACKUP.json, or use a copy beside it"
        " (gt.sqlite.backup-*)\n"
    ), stderr
    assert len(stderr.splitlines()) == 1


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "backup.json"}


def test_check_says_ok_for_a_sound_file(tmp_path: Path) -> None:
    db = tmp_path / "gt.sqlite"
    history_of(db, 50)
    result = run(db, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")


def test_check_finds_the_damage(damaged: tuple[Path, Path]) -> None:
    db, _ = damaged
    before = listing(db.parent)
    result = run(db, "check")
    assert result.returncode == 2 and result.stdout == ""
    assert_damage_line(result.stderr, db)
    assert listing(db.parent) == before


NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()


@pytest.mark.parametrize(
    "write",
    [
        ("rate", "gpu-cuda-programming", "3", "--note", "after the damage"),
        ("target", "applied-ai-scientist"),
        ("goal", "model-serving", "4", "--by", NEXT_YEAR),
    ],
)
def test_a_write_to_a_damaged_file_is_refused_and_changes_nothing(
    damaged: tuple[Path, Path], write: tuple[str, ...]
) -> None:
    db, _ = damaged
    before = listing(db.parent)
    result = run(db, *write)
    assert result.returncode == 2
    assert_damage_line(result.stderr, db)
    assert listing(db.parent) == before  # on main: written, exit 0, without a word


def test_a_read_that_meets_the_damage_says_so_in_the_same_line(
    damaged: tuple[Path, Path],
) -> None:
    db, _ = damaged
    result = run(db, "history")  # reads every rating, so the damaged page too
    assert result.returncode == 2
    assert_damage_line(result.stderr, db)


def test_restore_replace_gets_back_and_keeps_the_damaged_file(
    damaged: tuple[Path, Path],
) -> None:
    db, backup = damaged
    damaged_bytes = db.read_bytes()
    result = run(db, "restore", "--replace", str(backup))
    assert result.returncode == 0, result.stderr
    assert integrity(db) == "ok"
    assert run(db, "check").stdout == "ok\n"
    assert len(notes(db)) == 400
    (copy,) = db.parent.glob("gt.sqlite.backup-*")
    # Nothing lost, not even the damaged file: every page as it was (the header's change
    # counter aside, which the copy sets).
    assert copy.read_bytes()[100:] == damaged_bytes[100:]
    assert f"copied to {copy}" in result.stderr
    assert run(db, "rate", "gpu-cuda-programming", "4").returncode == 0


def test_an_unclean_shutdown_runs_the_quick_check_on_any_open(tmp_path: Path) -> None:
    """A -wal left beside the file (a crash, or another process still running) makes even
    a read open check the file; without one, a read open skips the check."""
    db = tmp_path / "gt.sqlite"
    history_of(db, 400)
    damage_a_page(db)
    database = open_database(db)
    assert database.refusal is None  # no -wal: no check on a read open (it costs)
    database.close()
    with closing(sqlite3.connect(db)) as crashed:
        crashed.execute("PRAGMA journal_mode=WAL")
        crashed.execute("INSERT INTO target_changes (role_id, changed_at) VALUES ('x', 'y')")
        crashed.commit()  # its -wal stays while it is open, as after a kill
        database = open_database(db)
        assert isinstance(database.refusal, DamagedDatabaseError)
        database.close()
