"""What --db may name: a regular file (or none yet), in a folder that exists unless it is
the default location; anything else is refused at once and nothing is made beside it."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.errors import StorageError
from gaptracker.storage.schema import open_database


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "gt.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        yield path


def test_a_fifo_is_refused_at_once_and_nothing_is_made_beside_it(tmp_path: Path) -> None:
    fifo = tmp_path / "gt.sqlite"
    os.mkfifo(fifo)
    for create in (False, True):
        with pytest.raises(StorageError, match=r"is a named pipe \(FIFO\), not a database file"):
            open_database(fifo, create=create)  # on main: blocked forever reading the header
    assert listing(tmp_path) == ["gt.sqlite"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_socket_and_a_link_to_a_fifo_are_refused(tmp_path: Path, unix_socket: Path) -> None:
    with pytest.raises(StorageError, match="is a socket, not a database file"):
        open_database(unix_socket)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "pipe")
    with pytest.raises(StorageError, match="named pipe"):
        open_database(tmp_path / "link")
    assert listing(tmp_path) == ["gt.sock", "link", "pipe"]


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device (the null device) in tmp_path when root may make one, else
    /dev/null itself (where no one else can make files)."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    path = tmp_path / "null"
    os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    return path


def test_a_character_device_is_refused_and_nothing_is_made_beside_it(device: Path) -> None:
    before = set(os.listdir(device.parent))
    with pytest.raises(StorageError, match=f"{device} is a character device"):
        open_database(device)
    assert set(os.listdir(device.parent)) == before  # no null-journal, no null.lock


def test_a_link_to_nothing_is_refused(tmp_path: Path) -> None:
    (tmp_path / "gt.sqlite").symlink_to(tmp_path / "gone.sqlite")
    with pytest.raises(StorageError, match="symbolic link to nothing"):
        open_database(tmp_path / "gt.sqlite")
    assert listing(tmp_path) == ["gt.sqlite"]


def test_a_link_to_a_database_is_followed(tmp_path: Path) -> None:
    open_database(tmp_path / "real.sqlite").close()
    (tmp_path / "gt.sqlite").symlink_to(tmp_path / "real.sqlite")
    open_database(tmp_path / "gt.sqlite").close()


FOLDER_NAMES = st.lists(
    st.text(
        st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12
    ).filter(lambda name: name not in (".", "..")),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(folders=FOLDER_NAMES, create=st.booleans())
def test_an_explicit_path_in_a_missing_folder_makes_nothing(
    tmp_path: Path, folders: list[str], create: bool
) -> None:
    before = listing(tmp_path)
    path = tmp_path.joinpath(*folders, "gt.sqlite")
    with pytest.raises(StorageError, match="does not exist: check the path given with --db"):
        open_database(path, create=create, make_parents=False)
    assert listing(tmp_path) == before


def test_the_default_location_gets_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "share" / "gaptracker" / "gt.sqlite"
    database = open_database(path, make_parents=True)
    database.close()
    assert database.created and path.is_file()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_reading_a_database_that_does_not_exist_makes_nothing(tmp_path: Path) -> None:
    for make_parents in (False, True):
        database = open_database(tmp_path / "gt.sqlite", create=False, make_parents=make_parents)
        with database.uow_factory() as uow:
            assert uow.ratings.list() == [] and uow.targets.list() == []
        assert not database.exists and not database.created
        database.close()
    hidden = open_database(tmp_path / "not" / "yet" / "gt.sqlite", create=False)
    hidden.close()
    assert listing(tmp_path) == []


def test_the_empty_stand_in_refuses_writes_rather_than_drop_them(tmp_path: Path) -> None:
    from gaptracker.domain.models import TargetChange
    from tests.conftest import NOW

    database = open_database(tmp_path / "gt.sqlite", create=False)
    with (
        pytest.raises(StorageError, match="there is no database at"),
        database.uow_factory() as uow,
    ):
        uow.targets.add(TargetChange(role_id="applied-ai-scientist", changed_at=NOW))
        uow.commit()
    database.close()
    assert listing(tmp_path) == []
