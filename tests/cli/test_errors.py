"""Every error a user can cause: exit 2, one line on stderr, no traceback, nothing written."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from gaptracker.storage.schema import open_database
from tests.cli.conftest import Run


def ratings_in(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM ratings").fetchone()[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("target", "inference-optimisation-engineer"),
            "did you mean 'inference-optimization-engineer'",
        ),
        (("rate", "gpu-cuda", "2"), "unknown skill 'gpu-cuda'"),
        (("rate", "gpu-cuda-programming", "6"), "level must be one digit from 0 to 5"),
        (("rate", "gpu-cuda-programming", "-1"), "level must be one digit from 0 to 5"),
        (("rate", "gpu-cuda-programming", "2.5"), "one digit"),
        (("rate", "gpu-cuda-programming", "2", "--at", "2026-02-30"), "bad date"),
        (("rate", "gpu-cuda-programming", "2", "--at", "yesterday"), "bad date"),
        (("rate", "gpu-cuda-programming", "2", "--at", "2999-01-01"), "in the future"),
        (("gap",), "no target role"),
        (("gap", "--role", "ceo"), "unknown role 'ceo'"),
        (("history", "nope"), "unknown skill 'nope'"),
        (("not-applicable", "model-serving", "--reason", "x"), "no target role"),
        (("export", "--format", "docx"), "invalid choice"),
        (("frobnicate",), "invalid choice"),
        (("backup", "~0"), "cannot expand ~0"),  # no such user: found by the fuzz test
        (("restore", "~0/backup.json"), "cannot expand ~0"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    gt: Run, db_path: Path, args: tuple[str, ...], message: str
) -> None:
    open_database(db_path).close()  # a database, so "nothing written" can be checked
    result = gt(*args)
    assert result.status == 2
    assert message in result.err
    assert result.err.startswith("gaptracker: error: ")
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1  # the hint, if any, in the same line
    assert ratings_in(db_path) == 0


def test_db_path_that_is_a_folder(tmp_path: Path, gt_process: Run) -> None:
    result = gt_process("status", env={"GAPTRACKER_DB": str(tmp_path)})
    assert result.status == 2
    assert result.err.strip() == f"gaptracker: error: {tmp_path} is a folder, not a database file"


def test_db_that_is_not_sqlite_is_refused_untouched(db_path: Path, gt_process: Run) -> None:
    db_path.write_text("hello, not a database\n")
    result = gt_process("rate", "gpu-cuda-programming", "2")
    assert result.status == 2 and "not a SQLite database" in result.err
    assert "Traceback" not in result.err
    assert db_path.read_text() == "hello, not a database\n"


def test_the_real_entry_point_end_to_end(gt_process: Run, db_path: Path) -> None:
    assert gt_process("target", "ai-compiler-kernel-engineer").status == 0
    assert gt_process("rate", "gpu-cuda-programming", "3", "--note", "tiled matmul").status == 0
    status = gt_process("status")
    assert status.status == 0 and status.out.startswith("AI Compiler / Kernel Engineer")
    assert ratings_in(db_path) == 1


def test_status_loads_only_what_it_shows(gt_process: Run, db_path: Path) -> None:
    import subprocess
    import sys

    gt_process("target", "ai-research-scientist")  # create and migrate
    code = (
        "import sys; from gaptracker.cli import main; main(['--db', sys.argv[1], 'status']);"
        "print(*(m in sys.modules for m in ('textual', 'alembic', 'pydantic_settings',"
        " 'gaptracker.services.tracker', 'gaptracker.domain.report', 'tomllib')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True
    ).stdout
    # The status line loads neither the TUI, migrations, the Tracker and its report, nor
    # the TOML parser (the catalog comes from its cached copy after the first run).
    assert out.strip().splitlines()[-1] == "False False False False False False"


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5"])
def test_bad_stale_days_setting_is_one_line_exit_2(gt_process: Run, value: str) -> None:
    result = gt_process("status", env={"GAPTRACKER_STALE_DAYS": value})
    assert result.status == 2
    assert result.err.strip() == (
        "gaptracker: error: GAPTRACKER_STALE_DAYS must be a whole number of days, "
        f"1 or more; got {value!r}"
    )


def test_the_catalog_copy_goes_to_the_users_cache_folder(gt_process: Run, tmp_path: Path) -> None:
    cache = tmp_path / "xdg-cache"
    for _ in range(2):  # the second run reads the copy the first one kept
        result = gt_process("roles", env={"XDG_CACHE_HOME": str(cache)})
        assert result.status == 0 and "inference-optimization-engineer" in result.out
    assert [p.name.startswith("catalog-") for p in (cache / "gaptracker").iterdir()] == [True]


@pytest.mark.parametrize("damage", ["not utf-8", "a folder"])
def test_a_damaged_catalog_file_is_one_line_naming_it(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    from gaptracker.catalog import loader

    data = tmp_path / "data"
    shutil.copytree(loader.catalog_dir(), data)
    skills = data / "skills.toml"
    if damage == "not utf-8":
        skills.write_bytes(b'x = "caf\xe9"\n')
        expected = f"catalog file {skills} is not UTF-8 text (byte 0xe9 at offset 8)"
    else:
        skills.unlink()
        skills.mkdir()
        expected = f"catalog file {skills} is a folder, not a file"
    monkeypatch.setattr(loader, "catalog_dir", lambda: data)
    loader.load_catalog.cache_clear()
    try:
        result = gt("roles")
    finally:
        loader.load_catalog.cache_clear()
    assert (result.status, result.err) == (1, f"gaptracker: error: {expected}\n")
