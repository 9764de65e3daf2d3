"""Files that hold a person's self-assessment are readable by that person only, and
folders that others can write to are not used without a word."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.owners import OTHER_UID, give_away
from tests.safety.processes import run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backup_and_exports_are_private(tmp_path: Path) -> None:
    # Folders are made only for the default location (XDG_DATA_HOME/gaptracker here).
    env = {k: v for k, v in os.environ.items() if k != "GAPTRACKER_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path)
    folder = tmp_path / "gaptracker"
    db = folder / "gaptracker.sqlite"
    first = [sys.executable, "-m", "gaptracker", "target", "applied-ai-scientist"]
    assert subprocess.run(first, env=env, capture_output=True, timeout=120).returncode == 0
    assert run(db, "rate", "llm-evaluation-deep-dive", "3", "--note", "private").returncode == 0
    backup = tmp_path / "backup.json"
    report = tmp_path / "report.html"
    assert run(db, "backup", str(backup)).returncode == 0
    assert run(db, "export", "--format", "html", "--output", str(report)).returncode == 0
    assert mode(folder) == 0o700
    for path in (db, backup, report, *folder.glob("gaptracker.sqlite-*")):
        assert mode(path) == 0o600, path


def run_default(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """gaptracker with no --db and no GAPTRACKER_DB: the platform's folders, moved by `env`."""
    environment = {k: v for k, v in os.environ.items() if k != "GAPTRACKER_DB"}
    return subprocess.run(
        [sys.executable, "-m", "gaptracker", *args],
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


linux_only = pytest.mark.skipif(
    sys.platform != "linux", reason="XDG_DATA_HOME moves the data folder on Linux only"
)


@linux_only
@pytest.mark.parametrize("start", [0o755, 0o777])
def test_existing_own_folders_are_made_private(tmp_path: Path, start: int) -> None:
    """The data and cache folders named after gaptracker are its own, even when something
    else made them first: they are tightened to 0700, without a word."""
    data, cache = tmp_path / "xdg-data" / "gaptracker", tmp_path / "xdg-cache" / "gaptracker"
    for folder in (data, cache):
        folder.mkdir(parents=True)
        folder.chmod(start)
    env = {"XDG_DATA_HOME": str(data.parent), "XDG_CACHE_HOME": str(cache.parent)}
    done = run_default(env, "target", "applied-ai-scientist")
    created = f"Created a new database at {data / 'gaptracker.sqlite'}\n"
    assert (done.returncode, done.stderr) == (0, created)
    assert (data / "gaptracker.sqlite").is_file()
    assert mode(data) == mode(cache) == 0o700


@linux_only
def test_an_own_data_folder_owned_by_someone_else_is_left_with_a_warning(tmp_path: Path) -> None:
    data = tmp_path / "xdg-data" / "gaptracker"
    data.mkdir(parents=True)
    data.chmod(0o755)
    give_away(data)
    done = run_default({"XDG_DATA_HOME": str(data.parent)}, "roles")
    assert done.returncode == 0
    assert done.stderr == (
        f"gaptracker: warning: the database folder {data} is not private: "
        f"it belongs to uid {OTHER_UID}, not to you\n"
    )
    assert mode(data) == 0o755


@pytest.mark.parametrize("given", ["--db", "GAPTRACKER_DB"])
def test_a_chosen_folder_others_can_write_is_kept_with_one_warning(
    tmp_path: Path, given: str
) -> None:
    """A folder the user chose is theirs to set: gaptracker says what it risks, once, and
    carries on; it does not chmod it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    db = shared / "gt.sqlite"
    if given == "--db":
        done = run_default({}, "--db", str(db), "target", "applied-ai-scientist")
    else:
        done = run_default({"GAPTRACKER_DB": str(db)}, "target", "applied-ai-scientist")
    assert done.returncode == 0
    assert done.stderr == (
        f"gaptracker: warning: the database folder {shared} is not private: "
        f"others can write to it (mode 0777)\nCreated a new database at {db}\n"
    )
    assert mode(shared) == 0o777 and mode(db) == 0o600


def test_a_chosen_folder_of_someone_else_gets_a_warning(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    give_away(theirs)
    done = run(theirs / "gt.sqlite", "roles")
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"gaptracker: warning: the database folder {theirs} is not private: "
        f"it belongs to uid {OTHER_UID}, not to you"
    ]


def test_a_private_chosen_folder_gets_no_warning(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o755)  # others may list it, not write to it: the files are 0600
    done = run(mine / "gt.sqlite", "roles")
    assert (done.returncode, done.stderr) == (0, "")
    assert mode(mine) == 0o755
