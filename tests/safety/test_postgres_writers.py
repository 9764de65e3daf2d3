"""Writers on a PostgreSQL server: two and eight at once lose and duplicate nothing, and a
client killed with SIGKILL in the middle of its write leaves every committed rating and
none of its own unfinished one.

The kill point is not a moment in time: the test holds a table lock that blocks the
child's INSERT, waits until the server shows that backend waiting on it (so the child is
inside its transaction, its write started), kills the child, then lets the lock go.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Connection, create_engine, text

from tests.pg_server import SUPERUSER, as_login

pytestmark = pytest.mark.postgres

SKILL = "experiment-rigor"
LOOP = """
import sys
from gaptracker.cli import main
url, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
failed = 0
for i in range(count):
    status = main(["--db", url, "rate", "experiment-rigor", str(i % 6), "--note", f"{who}-{i}"])
    if status == 0:
        print(f"COMMITTED {who}-{i}", flush=True)
    failed += status != 0
sys.exit(1 if failed else 0)
"""
WAIT_LIMIT_SECONDS = 120
"""A ceiling on waiting for a condition the server reports, never a kill moment."""


def start_loop(url: str, who: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", LOOP, url, who, str(count)],
        env={**os.environ, "GAPTRACKER_DB": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def server(pg_database_maker: Callable[..., str]) -> Iterator[tuple[str, Connection]]:
    """(URL of a database at the schema's head with a target set, a checker connection)."""
    from gaptracker.cli import main

    url = pg_database_maker(current=True)
    assert main(["--db", url, "target", "ai-research-scientist"]) == 0
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        yield url, connection
    engine.dispose()


def rows(connection: Connection) -> list[tuple[int, str]]:
    return [
        (row.id, row.note)
        for row in connection.execute(text("SELECT id, note FROM ratings ORDER BY id"))
    ]


def wait_until(condition: Callable[[], object]) -> object:
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)  # polling the server's own report, not a window for the test
    raise AssertionError("the server never reported the awaited state")


@pytest.mark.parametrize("writers", [2, 8])
def test_concurrent_writers_keep_every_confirmed_rating_once(
    server: tuple[str, Connection], writers: int, rounds: Callable[[int, int], int]
) -> None:
    url, connection = server
    count = rounds(20 if writers == 2 else 6, 150 if writers == 2 else 40)
    names = [f"w{n}" for n in range(writers)]
    loops = [start_loop(url, who, count) for who in names]
    confirmed: set[str] = set()
    for loop in loops:
        out, err = loop.communicate(timeout=600)
        assert loop.returncode == 0, err
        assert "Traceback" not in err
        confirmed |= {line.split(" ", 1)[1] for line in out.splitlines() if "COMMITTED" in line}
    kept = rows(connection)
    notes = [note for _, note in kept]
    assert confirmed == {f"{who}-{i}" for who in names for i in range(count)}
    assert sorted(notes) == sorted(confirmed)  # nothing lost, nothing twice
    assert len({id_ for id_, _ in kept}) == len(kept)


def test_a_client_killed_mid_write_leaves_its_write_out_and_every_commit_in(
    server: tuple[str, Connection], pg_database_maker: Callable[..., str]
) -> None:
    url, checker = server
    locker_engine = create_engine(as_login(url, SUPERUSER))  # a member may lock no table
    committed: list[str] = []
    try:
        for round_, before_kill in enumerate((1, 3, 2)):
            child = start_loop(url, f"k{round_}", before_kill + 5)
            assert child.stdout is not None
            seen = 0
            while seen < before_kill:  # the child says so after each commit
                line = child.stdout.readline()
                assert line, child.stderr and child.stderr.read()
                if line.startswith("COMMITTED "):
                    committed.append(line.split(" ", 1)[1].strip())
                    seen += 1
            with locker_engine.connect() as locker:
                locker.execute(text("LOCK TABLE ratings IN EXCLUSIVE MODE"))  # reads pass
                backend = wait_until(
                    lambda: checker.execute(
                        text(
                            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            " AND query ILIKE 'INSERT INTO ratings%'"
                        )
                    ).scalar()
                )
                child.send_signal(signal.SIGKILL)
                child.wait(timeout=60)
                child.communicate(timeout=60)
                locker.rollback()  # the lock goes; the orphaned INSERT runs, then aborts
            gone = text("SELECT 1 FROM pg_stat_activity WHERE pid = :pid")
            wait_until(lambda: not checker.execute(gone, {"pid": backend}).scalar())  # noqa: B023
            kept = rows(checker)
            assert [note for _, note in kept] == committed  # in order, the killed one absent
            assert len({id_ for id_, _ in kept}) == len(kept)
    finally:
        locker_engine.dispose()
    from gaptracker.cli import main

    assert main(["--db", url, "rate", SKILL, "4", "--note", "after"]) == 0
    assert [note for _, note in rows(checker)] == [*committed, "after"]


PROJECT = """
import sys
from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.server import open_server_database
database = open_server_database(sys.argv[1])
tracker = Tracker(load_catalog(), database.uow_factory)
print(tracker.plan.add_project(sys.argv[2], "", ["experiment-rigor"], ""), flush=True)
"""


def test_two_clients_adding_a_project_at_once_get_different_numbers(
    server: tuple[str, Connection],
) -> None:
    """The next project number is read, then written: both clients are let go at once,
    from behind the write lock the test holds, and must still not take the same number."""
    from gaptracker.storage.unit_of_work import WRITE_LOCK

    url, checker = server
    locker_engine = create_engine(url)
    try:
        with locker_engine.connect() as locker:
            locker.execute(WRITE_LOCK)  # the same login's row
            children = [
                subprocess.Popen(
                    [sys.executable, "-c", PROJECT, url, f"project {n}"],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for n in range(2)
            ]
            wait_until(
                lambda: checker.execute(
                    text(
                        "SELECT count(*) = 2 FROM pg_stat_activity"
                        " WHERE wait_event_type = 'Lock'"  # on the write lock's row
                    )
                ).scalar()
            )
            locker.rollback()
        made = []
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            made.append(out.strip())
    finally:
        locker_engine.dispose()
    assert len(set(made)) == 2, made
    stored = checker.execute(text("SELECT item_id FROM plan_events")).scalars().all()
    assert sorted(stored) == sorted(made)
