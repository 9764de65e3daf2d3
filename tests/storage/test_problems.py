"""Every SQLite failure becomes one line that names what happened: damage with the way
back, a full disk as a full disk (never as "disk I/O error"), anything else as it is."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.exc import OperationalError

from gaptracker.domain.errors import DamagedDatabaseError, StorageError
from gaptracker.storage import problems
from gaptracker.storage.problems import storage_error

DB = Path("/data/gt.sqlite")
CORRUPT, FULL, IOERR, READONLY, NOTADB = 11, 13, 10, 8, 26


def sqlite_error(code: int, message: str = "it failed") -> OperationalError:
    """What SQLAlchemy raises: the driver's error, with SQLite's (extended) code, inside."""
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return OperationalError("SELECT 1", {}, error)


EXTENDED = st.integers(0, 0xFF)  # the extended part of a code: primary | (n << 8)


@given(extended=EXTENDED, primary=st.sampled_from([CORRUPT, NOTADB]))
def test_damage_is_worded_with_the_way_back(extended: int, primary: int) -> None:
    error = storage_error(sqlite_error(primary | extended << 8, "malformed\nsecond"), DB)
    assert isinstance(error, DamagedDatabaseError)
    assert str(error).startswith(f"{DB} is damaged (malformed)")
    assert "gaptracker restore --replace" in str(error) and "gt.sqlite.backup-*" in str(error)
    assert "\n" not in str(error)


@given(extended=EXTENDED, full=st.booleans())
def test_an_io_error_on_a_full_disk_is_a_full_disk(extended: int, full: bool) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(problems, "free_bytes", lambda _: 0 if full else 10**9)
        error = storage_error(sqlite_error(IOERR | extended << 8, "disk I/O error"), DB)
    if full:
        assert str(error) == (
            f"the disk holding {DB} is full: nothing was changed; free some space and try again"
        )
    else:
        assert str(error) == "database error: disk I/O error"
    assert type(error) is StorageError


@given(extended=EXTENDED)
def test_sqlite_full_and_enospc_are_a_full_disk(extended: int) -> None:
    for failure in (sqlite_error(FULL | extended << 8), OSError(errno.ENOSPC, "No space")):
        assert "is full: nothing was changed" in str(storage_error(failure, DB))


def test_a_read_only_refusal_replaces_sqlites_words() -> None:
    assert str(storage_error(sqlite_error(READONLY), DB, "no room")) == "no room"
    assert str(storage_error(sqlite_error(READONLY), DB)) == "database error: it failed"


@given(code=st.integers(0, 0xFFFF).filter(lambda c: c & 0xFF not in (CORRUPT, NOTADB, FULL)))
def test_other_errors_keep_sqlites_words(code: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(problems, "free_bytes", lambda _: 10**9)
        error = storage_error(sqlite_error(code, "database is locked"), DB)
    assert type(error) is StorageError
    assert str(error) == "database error: database is locked"
