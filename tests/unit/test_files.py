"""The files module's switches and limits, called directly: what the terminal app asks
for (no waiting on a FIFO, not its own terminal) and how much `restore` reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gaptracker.domain.errors import UserInputError
from gaptracker.files import read_regular_file, write_output


def test_a_fifo_nothing_reads_is_an_error_when_asked_not_to_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(UserInputError, match="is a FIFO that nothing reads"):
        write_output(fifo, "report", wait_for_reader=False)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert list(tmp_path.iterdir()) == [fifo]


def test_a_terminal_is_written_through_or_refused(tmp_path: Path) -> None:
    main_end, terminal_end = os.openpty()
    try:
        terminal = Path(os.ttyname(terminal_end))
        write_output(terminal, "hello\n")
        assert os.read(main_end, 100).replace(b"\r\n", b"\n") == b"hello\n"
        with pytest.raises(UserInputError, match="terminal"):
            write_output(terminal, "hello\n", terminal=False)
        assert stat.S_ISCHR(os.stat(terminal).st_mode)
    finally:
        os.close(main_end)
        os.close(terminal_end)


def test_the_protected_database_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "data" / "gt.sqlite"
    db.parent.mkdir()
    db.write_bytes(b"SQLite format 3\x00")
    (tmp_path / "alias").symlink_to(db.parent)  # the folder, spelled through a symlink
    for spelled in (db, tmp_path / "alias" / "gt.sqlite", tmp_path / "alias" / "gt.sqlite-shm"):
        with pytest.raises(UserInputError, match="is the database"):
            write_output(spelled, "report", protected=[tmp_path / "alias" / "gt.sqlite"])
    assert db.read_bytes() == b"SQLite format 3\x00"
    assert sorted(p.name for p in db.parent.iterdir()) == ["gt.sqlite"]


def test_read_takes_at_most_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == "x" * 100
    with pytest.raises(UserInputError, match="larger than"):
        read_regular_file(path, 99, "a backup")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_read_stops_at_the_limit_where_the_size_lies() -> None:
    # /proc files say they are empty (st_size 0) and yet hold text: the read itself stops.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(UserInputError, match="larger than"):
        read_regular_file(status, 10)


def test_read_of_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b'{"note": "caf\xe9"}')
    with pytest.raises(UserInputError, match="not UTF-8 text"):
        read_regular_file(path, 1000)
