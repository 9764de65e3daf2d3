"""Wherever `export --output` and `backup PATH` point, the database survives and no node
that is not a regular file is replaced: every kind of target, under many spellings."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.processes import call_in_process, fifo_reader

ROLE = "inference-optimization-engineer"
COPY = "gt.sqlite.backup-20260101T000000"


@dataclass(frozen=True)
class Target:
    name: str
    make: Callable[[Path], Path]  # builds the node in a fresh folder, returns its path
    ok: bool  # whether writing there succeeds
    root_only: bool = False


def _file(folder: Path) -> Path:
    (folder / "old.md").write_text("old report\n")
    return folder / "old.md"


def _symlink(folder: Path) -> Path:
    (folder / "real.md").write_text("old report\n")
    (folder / "link.md").symlink_to("real.md")
    return folder / "link.md"


def _dangling(folder: Path) -> Path:
    (folder / "link.md").symlink_to("not-yet.md")
    return folder / "link.md"


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo")
    return folder / "fifo"


def _socket(folder: Path) -> Path:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock"))
    return folder / "sock"


def _device(kind: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        # Major 240: reserved for local/experimental use, no driver behind it here, so
        # even a wrong open could do nothing.
        os.mknod(folder / "dev", kind | 0o600, os.makedev(240, 0))
        return folder / "dev"

    return make


def _beside_db(name: str) -> Callable[[Path], Path]:
    return lambda folder: folder.parent / name


def _link_to_db(name: str, hard: bool = False) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        alias = folder / "alias"
        if hard:
            os.link(folder.parent / name, alias)
        else:
            alias.symlink_to(Path("..") / name)
        return alias

    return make


TARGETS = [
    Target("a new file", lambda folder: folder / "new.md", ok=True),
    Target("a regular file", _file, ok=True),
    Target("a symlink to a file", _symlink, ok=True),
    Target("a dangling symlink", _dangling, ok=True),
    Target("a FIFO with a reader", _fifo, ok=True),
    Target("/dev/null", lambda folder: Path(os.devnull), ok=True),
    Target("a folder", lambda folder: folder, ok=False),
    Target("a socket", _socket, ok=False),
    Target("a block device", _device(stat.S_IFBLK), ok=False, root_only=True),
    Target("a character device", _device(stat.S_IFCHR), ok=False, root_only=True),
    *(
        Target(f"the database's {name}", _beside_db(name), ok=False)
        for name in ("gt.sqlite", "gt.sqlite-wal", "gt.sqlite-shm", "gt.sqlite-journal")
    ),
    Target("the migration lock", _beside_db("gt.sqlite.lock"), ok=False),
    Target("a safety copy", _beside_db(COPY), ok=False),
    Target("a future safety copy", _beside_db("gt.sqlite.backup-29990101T000000"), ok=False),
    Target("a symlink to the database", _link_to_db("gt.sqlite"), ok=False),
    Target("a hard link to the database", _link_to_db("gt.sqlite", hard=True), ok=False),
    Target("a hard link to a safety copy", _link_to_db(COPY, hard=True), ok=False),
    Target("a dangling symlink to the WAL", _link_to_db("gt.sqlite-wal"), ok=False),
]


def spellings(path: Path, cwd: Path, folder: Path) -> list[str]:
    """The same file, written the ways a user (or a script) might (`cwd` holds `folder`)."""
    relative = os.path.relpath(path, cwd)
    if str(path).startswith("/dev/"):
        return [str(path), "/dev/../dev/" + path.name, "//dev//" + path.name]
    return [
        str(path),
        relative,
        "./" + relative,
        os.path.join(folder.name, "..", relative),
        relative.replace("/", "//") if "/" in relative else f".//{relative}",
        os.path.join(str(path.parent), ".", path.name),
    ]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A database with a rating, its lock and a safety copy; cases go in subfolders."""
    folder = tmp_path
    db = folder / "gt.sqlite"
    for argv in (["target", ROLE], ["rate", "gpu-cuda-programming", "2", "--note", "n"]):
        assert call(db, folder, argv)[0] == 0
    shutil.copyfile(db, folder / COPY)
    return folder


def call(db: Path, cwd: Path, argv: list[str]) -> tuple[int, str]:
    return call_in_process(db, argv, cwd)


def snapshot(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}


def node_type(path: Path) -> int | None:
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(["export", "backup"]),
    pick=st.integers(0, 5),
    fmt=st.sampled_from(["md", "json", "csv", "html"]),
)
def test_every_target_under_every_spelling(
    home: Path, target: Target, command: str, pick: int, fmt: str
) -> None:
    if target.root_only and os.geteuid() != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs as root: device nodes must be tested there")
        return  # making device nodes needs root
    folder = Path(tempfile.mkdtemp(dir=home, prefix="case-"))
    path = target.make(folder)
    choices = spellings(path, home, folder)
    spelled = choices[pick % len(choices)]
    argv = ["export", "--format", fmt, "--output", spelled] if command == "export" else []
    argv = argv or ["backup", spelled]
    before, kind = snapshot(home), node_type(path)
    with fifo_reader(path) if stat.S_ISFIFO(kind or 0) else contextlib.nullcontext([]) as received:
        status, err = call(home / "gt.sqlite", home, argv)
    assert status == (0 if target.ok else 2), (target.name, spelled, err)
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert snapshot(home) == before  # the database, its lock and its copy: same bytes
    assert node_type(path) == (stat.S_IFREG if kind is None and target.ok else kind)
    assert not list(folder.glob(".*.tmp")) and not list(home.glob(".*.tmp"))
    if not target.ok:
        assert err.startswith("gaptracker: error: ")
        return
    if stat.S_ISFIFO(kind or 0):
        written = received[0]
    elif path == Path(os.devnull):
        return
    else:
        written = Path(os.path.realpath(path)).read_bytes()
    if command == "backup" or fmt == "json":
        assert json.loads(written)["format" if command == "backup" else "role"]
    assert len(written) > 100


def test_a_new_file_is_private_and_an_existing_one_keeps_its_mode(home: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=home, prefix="mode-"))
    shared = folder / "shared.md"
    shared.write_text("old\n")
    shared.chmod(0o644)
    assert call(home / "gt.sqlite", home, ["export", "--output", str(shared)])[0] == 0
    assert call(home / "gt.sqlite", home, ["backup", str(folder / "new.json")])[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert stat.S_IMODE((folder / "new.json").stat().st_mode) == 0o600
