"""A folder is private when only the user can write to it or to any folder on its way."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.private_folders import exposure, make_private, warn_if_exposed
from tests.owners import OTHER_UID, give_away

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX modes only")


def folder(path: Path, mode: int = 0o700) -> Path:
    path.mkdir()
    path.chmod(mode)
    return path


@pytest.fixture
def base(tmp_path: Path) -> Iterator[Path]:
    """A private folder to build in (tmp_path's own folders may be 0755)."""
    here = folder(tmp_path / "base")
    yield here
    for path in (here, *here.rglob("*")):  # let pytest clean up whatever the test chmod-ed
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o700)


@pytest.mark.parametrize("mode", [0o700, 0o755, 0o750, 0o500])
def test_a_folder_only_you_can_write_is_private(base: Path, mode: int) -> None:
    assert exposure(folder(base / "mine", mode)) is None


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o1777, 0o720, 0o702])
def test_a_folder_others_can_write_is_not(base: Path, mode: int) -> None:
    reason = exposure(folder(base / "open", mode))
    assert reason == f"others can write to it (mode {mode:04o})"


@pytest.mark.parametrize(("above", "private"), [(0o777, False), (0o775, False), (0o1777, True)])
def test_a_folder_above_that_others_can_write(base: Path, above: int, private: bool) -> None:
    """Others could rename the folder away and put their own in its place, unless the
    folder above is sticky (as /tmp is)."""
    shared = folder(base / "shared", above)
    mine = folder(shared / "mine")
    assert (exposure(mine) is None) is private
    if not private:
        assert exposure(mine) == f"others can write to {shared}, above it (mode {above:04o})"


settings_for_modes = settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
any_mode = st.integers(0, 0o7777).map(lambda m: m | 0o700)  # the user may always enter


@settings_for_modes
@given(above=any_mode, mode=any_mode)
def test_the_verdict_for_any_modes(base: Path, above: int, mode: int) -> None:
    shared = base / "shared"
    mine = shared / "mine"
    mine.mkdir(parents=True, exist_ok=True)
    mine.chmod(mode)
    shared.chmod(above)
    writable = stat.S_IWGRP | stat.S_IWOTH
    expected = bool(mode & writable) or bool(above & writable and not above & stat.S_ISVTX)
    assert (exposure(mine) is not None) is expected


def test_a_folder_not_made_yet_is_judged_by_what_exists(base: Path) -> None:
    assert exposure(base / "later" / "still-later") is None
    shared = folder(base / "shared", 0o777)
    assert exposure(shared / "later") == f"others can write to {shared}, above it (mode 0777)"


def test_a_symlink_to_a_private_folder_is_private(base: Path) -> None:
    mine = folder(base / "mine")
    (base / "link").symlink_to("mine")
    (base / "absolute").symlink_to(mine)
    (base / "up").symlink_to("mine/../mine")
    assert exposure(base / "link") is exposure(base / "absolute") is exposure(base / "up") is None


def test_a_symlink_to_a_folder_others_can_write_is_not(base: Path) -> None:
    folder(base / "open", 0o777)
    (base / "link").symlink_to("open")
    assert exposure(base / "link") == "others can write to it (mode 0777)"


def test_a_symlink_kept_where_others_can_write_is_not(base: Path) -> None:
    """Whoever can write beside a link can point it elsewhere, wherever it points now."""
    mine = folder(base / "mine")
    shared = folder(base / "shared", 0o777)
    (shared / "link").symlink_to(mine)
    (base / "first").symlink_to(shared / "link")  # a private link to a link in a shared folder
    expected = f"others can write to {shared}, above it (mode 0777)"
    assert exposure(shared / "link") == expected
    assert exposure(base / "first") == expected  # found hop by hop, not only where it ends


def test_a_symlink_loop_is_not_private_and_does_not_hang(base: Path) -> None:
    (base / "a").symlink_to("b")
    (base / "b").symlink_to("a")
    assert "cannot be checked" in str(exposure(base / "a"))


def test_a_file_in_place_of_a_folder_is_not_private(base: Path) -> None:
    (base / "file").write_text("x")
    assert "cannot be checked" in str(exposure(base / "file" / "inside"))


def test_a_folder_owned_by_someone_else_is_not_private(base: Path) -> None:
    theirs = folder(base / "theirs", 0o700)
    give_away(theirs)
    assert exposure(theirs) == f"it belongs to uid {OTHER_UID}, not to you"
    mine = folder(theirs / "mine")
    assert exposure(mine) == f"{theirs}, above it, belongs to uid {OTHER_UID}"


@pytest.mark.parametrize("mode", [0o755, 0o777, 0o2775, 0o700])
def test_make_private_tightens_a_folder_of_yours(base: Path, mode: int) -> None:
    mine = folder(base / "mine", mode)
    make_private(mine)
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700
    assert exposure(mine) is None


def test_make_private_leaves_what_is_not_yours_or_not_there(base: Path) -> None:
    make_private(base / "missing")  # nothing to do, no error
    assert not (base / "missing").exists()
    theirs = folder(base / "theirs", 0o777)
    give_away(theirs)
    make_private(theirs)
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o777


def test_a_warning_is_one_line_once(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = folder(base / "shared", 0o777)
    assert warn_if_exposed(shared, "the test folder") is False
    assert warn_if_exposed(shared, "the test folder") is False
    assert capsys.readouterr().err == (
        f"gaptracker: warning: the test folder {shared} is not private: "
        "others can write to it (mode 0777)\n"
    )
    assert warn_if_exposed(folder(base / "mine"), "the test folder") is True
    assert capsys.readouterr().err == ""
