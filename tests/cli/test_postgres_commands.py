"""The commands against a PostgreSQL server (`--db postgresql+psycopg://...`): the same
results as on a file, and every error a user can cause is one line, exit 2, nothing changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.cli.conftest import Result, Run, in_process
from tests.pg_server import PASSWORD_LOGIN, SUPERUSER, PgServer, as_login

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_group_url(pg_database_maker: Callable[..., str]) -> str:
    """A new group database on the test server (`group init` done), without rows."""
    return pg_database_maker(current=True)


@pytest.fixture
def pg_gt(pg_group_url: str, capsys: pytest.CaptureFixture[str]) -> Run:
    """gt(...) against a new group database on the test server."""
    return in_process(pg_group_url, capsys)


@pytest.fixture
def pg_empty_gt(pg_url: str, capsys: pytest.CaptureFixture[str]) -> Run:
    """gt(...) against a new, empty database on the test server (no group yet)."""
    return in_process(pg_url, capsys)


def tables_of(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_target_rate_gap_status_backup_and_restore_on_the_server(
    pg_gt: Run,
    gt: Run,
    pg_database_maker: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """The same commands on the server and on a file say the same things."""
    note = "tiled matmul\x00 \\0 ✓"  # U+0000 and a backslash-zero, kept apart
    for run in (pg_gt, gt):
        assert run("target", "inference-optimization-engineer").status == 0
        assert run("rate", "gpu-cuda-programming", "2", "--note", note).status == 0
        assert run("rate", "docker-and-kubernetes", "3").status == 0
    gap, file_gap = pg_gt("gap", "--json"), gt("gap", "--json")
    assert gap.status == 0, gap.err
    assert json.loads(gap.out) == json.loads(file_gap.out)
    assert "gpu-cuda-programming" in gap.out
    status = pg_gt("status")
    assert status.status == 0 and status.out == gt("status").out
    backup_file = tmp_path / "backup.json"
    assert pg_gt("backup", str(backup_file)).status == 0
    backup = json.loads(backup_file.read_text())
    assert [r["note"] for r in backup["ratings"]] == [note, ""]  # exactly

    other = in_process(pg_database_maker(current=True), capsys)
    restored = other("restore", str(backup_file))
    assert restored.status == 0, restored.err
    again = tmp_path / "again.json"
    assert other("backup", str(again)).status == 0
    copy = json.loads(again.read_text())
    for rows in ("ratings", "target_changes", "checkins", "pack_choices"):
        assert copy[rows] == backup[rows]
    # The id sequence moved past the restored rows: the next rating gets the next id.
    assert other("rate", "gpu-cuda-programming", "3").status == 0
    assert other("backup", str(tmp_path / "third.json")).status == 0
    third = json.loads((tmp_path / "third.json").read_text())
    assert [r["id"] for r in third["ratings"]] == [1, 2, 3]


def test_restore_replace_on_the_server_keeps_what_it_erased_as_a_backup(
    pg_gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file to copy on a server: the rows it erases are written, before the erase,
    as a backup in the user-data folder, which restores them again."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    pg_gt("rate", "gpu-cuda-programming", "2")
    backup_file = tmp_path / "backup.json"
    assert pg_gt("backup", str(backup_file)).status == 0
    pg_gt("rate", "gpu-cuda-programming", "4", "--note", "after the backup")
    restored = pg_gt("restore", "--replace", str(backup_file))
    assert restored.status == 0, restored.err
    (kept,) = (tmp_path / "data-home" / "gaptracker" / "server-copies").iterdir()
    assert f"your previous rows were kept as a backup in {kept}" in restored.err
    assert [r["level"] for r in json.loads(kept.read_text())["ratings"]] == [2, 4]
    assert kept.stat().st_mode & 0o077 == 0 and kept.parent.stat().st_mode & 0o077 == 0
    after = tmp_path / "after.json"
    assert pg_gt("backup", str(after)).status == 0
    assert [r["level"] for r in json.loads(after.read_text())["ratings"]] == [2]
    assert pg_gt("restore", "--replace", str(kept)).status == 0
    assert pg_gt("backup", str(after)).status == 0
    assert [r["note"] for r in json.loads(after.read_text())["ratings"]] == ["", "after the backup"]


def test_a_read_on_an_empty_server_database_creates_no_schema(
    pg_empty_gt: Run, pg_url: str
) -> None:
    result = pg_empty_gt("status")
    assert result.status == 0, result.err
    assert tables_of(pg_url) == set()


def test_a_write_on_a_database_without_a_group_is_refused_saying_who_makes_it(
    pg_empty_gt: Run, pg_url: str
) -> None:
    """A member's client never makes or migrates the schema: only `group init` does."""
    result = pg_empty_gt("target", "ai-research-scientist")
    one_line_exit_2(result)
    assert "no gaptracker group" in result.err and "group init" in result.err
    assert tables_of(pg_url) == set()


def test_two_group_inits_at_once_make_the_schema_once(pg_url: str) -> None:
    """The advisory lock: both succeed, the second finding nothing left to do, and the
    schema is there once, at the head. The superuser that made it may not then use it
    as a member: no policy would keep the members' rows apart for it."""
    env = {**os.environ, "GAPTRACKER_DB": pg_url}
    command = [sys.executable, "-m", "gaptracker", "group", "init"]
    first, second = (
        subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)
    )
    errors = [proc.communicate(timeout=120)[1] for proc in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], errors
    target = subprocess.run(
        [sys.executable, "-m", "gaptracker", "target", "ai-research-scientist"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert target.returncode == 2 and target.stderr.count("\n") == 1, target.stderr
    assert "superuser or has BYPASSRLS" in target.stderr
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        targets = connection.execute(text("SELECT count(*) FROM target_changes")).scalar()
        members = connection.execute(text("SELECT login FROM members")).scalars().all()
    engine.dispose()
    assert versions == [("0008",)] and targets == 0 and members == ["gaptracker"]


def one_line_exit_2(result: Result) -> None:
    assert result.status == 2, result
    assert result.out == "" and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("command", [("status",), ("rate", "gpu-cuda-programming", "2")])
def test_a_server_that_is_down_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    url = f"postgresql+psycopg://nobody@/gt?host={tmp_path}"  # no server listens there
    result = in_process(url, capsys)(*command)
    one_line_exit_2(result)
    assert "cannot use postgresql+psycopg://" in result.err


def test_no_such_database_is_one_line(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    result = in_process(pg_server.url("no_such_database"), capsys)(
        "rate", "gpu-cuda-programming", "2"
    )
    one_line_exit_2(result)
    assert 'database "no_such_database" does not exist' in result.err


def test_an_unknown_login_is_one_line(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.url("postgres").replace("gaptracker@", "intruder@")
    result = in_process(url, capsys)("status")
    one_line_exit_2(result)
    assert 'role "intruder" does not exist' in result.err


@pytest.mark.parametrize(
    ("password", "said"),
    [("wrong", "password authentication failed"), (None, "no password supplied")],
)
def test_a_wrong_or_missing_password_is_one_line_and_changes_nothing(
    pg_group_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    password: str | None,
    said: str,
) -> None:
    """The password comes from libpq alone (here PGPASSWORD; ~/.pgpass is empty)."""
    admin = as_login(pg_group_url, SUPERUSER)
    _execute(admin, f"CREATE ROLE {PASSWORD_LOGIN} LOGIN PASSWORD 'right'")
    try:
        monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
        if password is None:
            monkeypatch.delenv("PGPASSWORD", raising=False)
        else:
            monkeypatch.setenv("PGPASSWORD", password)
        url = as_login(pg_group_url, PASSWORD_LOGIN)
        before = tables_of(pg_group_url)
        for command in (("status",), ("rate", "gpu-cuda-programming", "2")):
            result = in_process(url, capsys)(*command)
            one_line_exit_2(result)
            assert said in result.err and "right" not in result.err
        assert tables_of(pg_group_url) == before
        monkeypatch.setenv("PGPASSWORD", "right")  # the same login, let in, is not a member
        refused = in_process(url, capsys)("status")
        one_line_exit_2(refused)
        assert "not a member" in refused.err
    finally:
        _execute(admin, f"DROP ROLE {PASSWORD_LOGIN}")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://host/db", "unsupported database URL scheme 'mysql'"),
        ("postgresql://host/db", "unsupported database URL scheme 'postgresql'"),
        ("sqlite:///x.sqlite", "unsupported database URL scheme 'sqlite'"),
        ("postgresql+psycopg://me:secret@host/db", "holds a password"),
        ("postgresql+psycopg://host/", "names no database"),
        ("post\x1b[31mgres://h/d", "is not a database URL"),
    ],
)
def test_a_bad_url_is_one_line_and_touches_nothing(
    url: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = in_process(url, capsys)("rate", "gpu-cuda-programming", "2")
    one_line_exit_2(result)
    assert said in result.err
    assert "secret" not in result.err and "\x1b" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_without_psycopg_a_server_url_says_how_to_install_it(pg_url: str) -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None; from gaptracker.cli import main; "
        f"sys.exit(main(['--db', {pg_url!r}, 'rate', 'gpu-cuda-programming', '2']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert 'pip install "gaptracker[postgres]"' in done.stderr
    assert tables_of(pg_url) == set()


def _execute(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize(
    ("statements", "said"),
    [
        (
            [
                "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('9999')",
            ],
            "was made by a newer gaptracker (schema 9999)",
        ),
        (["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], "is not a gaptracker database"),
    ],
)
def test_a_schema_not_ours_or_newer_is_refused_untouched(
    pg_empty_gt: Run, pg_url: str, statements: list[str], said: str
) -> None:
    _execute(pg_url, *statements)
    before = tables_of(pg_url)
    result = pg_empty_gt("rate", "gpu-cuda-programming", "2")
    one_line_exit_2(result)
    assert said in result.err
    assert tables_of(pg_url) == before


def test_check_on_a_server_says_it_reads_files_only(pg_empty_gt: Run, pg_url: str) -> None:
    result = pg_empty_gt("check")
    one_line_exit_2(result)
    assert "check reads a SQLite file" in result.err
    assert tables_of(pg_url) == set()


def test_the_app_on_a_database_without_a_group_stops_before_it_starts(
    pg_empty_gt: Run, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It could save nothing there: one line saying who makes the group, no screen."""
    import gaptracker.cli.common as common

    monkeypatch.setattr(common, "require_terminal", lambda: None)  # as in a terminal
    monkeypatch.setattr(common, "launch_tui", lambda *a, **k: pytest.fail("the app started"))
    result = pg_empty_gt("tui")
    one_line_exit_2(result)
    assert "no gaptracker group" in result.err
    assert tables_of(pg_url) == set()
