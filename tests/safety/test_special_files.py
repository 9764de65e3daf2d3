"""Real processes where the identity of stdout matters, and `restore` of what is not a
file: /dev/stdout into a pipe or a file, a FIFO that waits for its reader, FIFOs and
devices refused at once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.safety.processes import env_for, fifo_reader, run

ROLE = "inference-optimization-engineer"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    assert run(db, "rate", "gpu-cuda-programming", "2", "--note", "tiled").returncode == 0
    return db


def gaptracker(db: Path, *args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "gaptracker", *args],
        env=env_for(db),
        stderr=subprocess.PIPE,
        timeout=120,  # a guard against a hang, not a measurement
        **options,
    )


def report(db: Path) -> bytes:
    result = gaptracker(db, "export", "--format", "json", stdout=subprocess.PIPE)
    assert result.returncode == 0
    return result.stdout


def test_dev_stdout_into_a_pipe(db: Path) -> None:
    result = gaptracker(db, "export", "--output", "/dev/stdout", stdout=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"# Gap report: Inference Optimization Engineer")
    assert result.stderr == b"Wrote /dev/stdout\n"


@pytest.mark.parametrize("mode", ["wb", "ab"])
def test_dev_stdout_into_a_file_writes_through_it(db: Path, tmp_path: Path, mode: str) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b"kept\n")
    inode = out.stat().st_ino
    with out.open(mode) as handle:  # the shell's `>` or `>>`
        args = ("export", "--format", "json", "--output", "/dev/stdout")
        assert gaptracker(db, *args, stdout=handle).returncode == 0
    expected = report(db)
    assert out.read_bytes() == (b"kept\n" + expected if mode == "ab" else expected)
    assert out.stat().st_ino == inode  # written into, not replaced by a rename


def test_a_descriptor_the_shell_opened(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    with out.open("wb") as handle:
        fd = handle.fileno()
        result = gaptracker(db, "backup", f"/dev/fd/{fd}", pass_fds=(fd,))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["format"] == "gaptracker-backup"


def test_stdout_appending_to_the_database_is_refused(db: Path) -> None:
    before = db.read_bytes()
    with db.open("ab") as handle:  # gaptracker export --output /dev/stdout >> gt.sqlite
        result = gaptracker(db, "export", "--output", "/dev/stdout", stdout=handle)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and b"database" in result.stderr
    assert db.read_bytes() == before


def test_a_fifo_waits_for_its_reader_like_cat(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # The reader's open waits for the writer; the writer's for the reader, as with `cat`.
    with fifo_reader(fifo) as received:
        writer = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gaptracker",
                "export",
                "--format",
                "json",
                "--output",
                str(fifo),
            ],
            env=env_for(db),
            stderr=subprocess.PIPE,
        )
        _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert received == [report(db)]
    assert fifo.is_fifo()


def _socket(path: Path) -> Path:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return path


def _symlink_to_fifo(path: Path) -> Path:
    os.mkfifo(path.with_name("real-fifo"))
    path.symlink_to("real-fifo")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: os.mkfifo(path) or path, "is a FIFO, not a regular file"),
        (_symlink_to_fifo, "is a FIFO, not a regular file"),
        (lambda path: Path("/dev/zero"), "is a character device, not a regular file"),
        (lambda path: Path(os.devnull), "is a character device, not a regular file"),
        (lambda path: path.mkdir() or path, "is a folder"),
        (_socket, "is a socket, not a regular file"),
        (lambda path: path.with_name("x" * 256), "File name too long"),
    ],
    ids=["fifo", "symlink-to-fifo", "dev-zero", "dev-null", "folder", "socket", "long-name"],
)
def test_restore_refuses_what_is_not_a_file_at_once(
    db: Path,
    tmp_path: Path,
    make,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    source = make(tmp_path / "source")
    before = db.read_bytes()
    result = gaptracker(db, "restore", str(source), "--replace", preexec_fn=_one_gigabyte)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("gt.sqlite.backup-*"))


def test_restore_refuses_a_backup_over_the_size_limit(db: Path, tmp_path: Path) -> None:
    from gaptracker.cli.more_commands import MAX_BACKUP_BYTES

    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BACKUP_BYTES + 1)  # sparse: no disk, no time
    before = db.read_bytes()
    result = gaptracker(db, "restore", str(huge), "--replace", preexec_fn=_one_gigabyte)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err == f"gaptracker: error: {huge} is larger than 100 MB, the most a backup can be\n"
    assert db.read_bytes() == before


def _one_gigabyte() -> None:
    """If a regression made restore read /dev/zero to the end, it fails fast here rather
    than filling the machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
