"""Files the user names: written without replacing what is not ours, read without hanging.

`export --output`, `backup PATH` and the terminal app's dialogs write wherever the user
says, and `restore PATH` reads from there. A path can name the live database (under
another spelling, through a symlink or a hard link), a symlink into a synced folder, a
FIFO, a terminal, /dev/null, /dev/stdout, a device or a folder. The rules, in one place:

- The database and its own files (`-wal`, `-shm`, `-journal`, `.lock`, `.backup-*`) are
  never written: compared by identity (device and inode) and by resolved path.
- A regular file (or a new one) is replaced atomically: a temp file beside it, fsync,
  rename; a new file is 0600, an existing one keeps its mode. Through a symlink, the file
  it points to is replaced and the link stays a link.
- FIFOs, terminals, /dev/null and the descriptors /dev/stdout, /dev/stderr, /dev/fd/N are
  written through (no temp file, no rename), so `--output /dev/stdout` works. A FIFO with
  no reader makes the command wait for one, as `cat > fifo` does (the `wait_for_reader`
  switch makes it an error instead, for the terminal app).
- Anything else (a folder, a block device, a socket, another character device) is
  refused; no node that is not a regular file is ever replaced.
- Reading takes regular files only, checked before opening and again on the open file,
  and at most a size limit, so a FIFO or /dev/zero is refused at once.

Every failure is a UserInputError of one line naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.paths import expand_user

DATABASE_SIDECARS = ("-wal", "-shm", "-journal", ".lock")
"""Files SQLite and gaptracker keep beside a database (besides its `.backup-*` copies)."""

_WRITE_FLAGS = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CHUNK = 1 << 20


def write_output(
    path: Path,
    text: str | bytes,
    *,
    protected: Iterable[Path] = (),
    wait_for_reader: bool = True,
    terminal: bool = True,
) -> Path:
    """Write `text` (str as UTF-8, bytes as they are: a PDF) to `path` by the rules above;
    returns the path as expanded.

    `protected`: database files that must never be written, with their sidecars.
    `wait_for_reader`: False refuses a FIFO nobody reads rather than waiting.
    `terminal`: False refuses a terminal (the terminal app is drawing on it).
    """
    path = expand_user(path)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        _refuse_protected(path, protected)
        descriptor = _descriptor_named(path)
        if descriptor is not None:
            _write_descriptor(path, descriptor, data, terminal=terminal)
            return path
        try:
            found = os.stat(path)
        except FileNotFoundError:
            found = None
        if found is None or stat.S_ISREG(found.st_mode):
            _replace_atomically(path, data, found)
        elif stat.S_ISFIFO(found.st_mode):
            _write_fifo(path, data, found, wait_for_reader=wait_for_reader)
        elif _is_null(found):
            _write_through(path, data, found)
        elif _is_terminal(path, found):
            _refuse_terminal(path, terminal)
            _write_through(path, data, found)
        elif stat.S_ISDIR(found.st_mode):
            raise UserInputError(f"{path} is a folder; give a file name")
        else:
            raise UserInputError(
                f"{path} is {_kind(found)}; give a regular file, a FIFO or /dev/stdout"
            )
    except BrokenPipeError:
        raise  # the reader went away, as with stdout: the command line stays quiet
    except OSError as exc:
        raise UserInputError(f"cannot write {path}: {_reason(exc)}") from None
    return path


def refuse_protected(path: Path, protected: Iterable[Path]) -> None:
    """UserInputError when `path` is one of the database's own files (before a dialog asks
    whether to replace it: it never may be)."""
    _refuse_protected(expand_user(path), protected)


def read_regular_file(path: Path, limit: int, what: str = "a file") -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes, or one clear error
    (`what` the file should be, for the message when it is too large)."""
    path = expand_user(path)
    try:
        found = os.stat(path)
        _require_regular(path, found)
        if found.st_size > limit:
            raise _too_large(path, limit, what)
        # O_NONBLOCK: if the file was swapped for a FIFO since the stat, opening it must
        # not wait for a writer; the fstat below then refuses it.
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            opened = os.fstat(fd)
            _require_regular(path, opened)
            if (opened.st_dev, opened.st_ino) != (found.st_dev, found.st_ino):
                raise UserInputError(f"{path} changed while it was opened; try again")
            data = _read_at_most(fd, limit + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise UserInputError(f"cannot read {path}: {_reason(exc)}") from None
    if len(data) > limit:
        raise _too_large(path, limit, what)
    try:
        # utf-8-sig: an editor's leading byte-order mark is not part of the text.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserInputError(f"cannot read {path}: not UTF-8 text") from None


def _refuse_protected(path: Path, protected: Iterable[Path]) -> None:
    real = Path(os.path.realpath(path))
    try:
        found: os.stat_result | None = os.stat(path)
    except OSError:
        found = None
    for database in protected:
        database = expand_user(database)
        # As given and as resolved: SQLite follows a symlinked database to its file for
        # the -wal and -shm, while gaptracker's lock and copies go beside the given name.
        for base in {Path(os.path.abspath(database)), Path(os.path.realpath(database))}:
            copy_name = real.name.startswith(f"{base.name}.backup-")
            if (copy_name and real.parent == Path(os.path.realpath(base.parent))) or any(
                real == Path(os.path.realpath(own)) or _same_node(found, own)
                for own in _database_files(base)
            ):
                raise UserInputError(
                    f"{path} is the database {database} or one of its own files; "
                    "write somewhere else"
                )


def refuse_overwriting_source(output: Path, source: Path, what: str) -> None:
    """One line when `output` names the file being read (`review B --output B`): writing
    there would replace the input with its own answer, and the input is the user's."""
    output, source = expand_user(output), expand_user(source)
    try:
        found: os.stat_result | None = os.stat(output)
    except OSError:
        found = None
    if Path(os.path.realpath(output)) == Path(os.path.realpath(source)) or _same_node(
        found, source
    ):
        raise UserInputError(f"{output} is {what} being read; write somewhere else")


def _database_files(base: Path) -> list[Path]:
    files = [base, *(base.with_name(base.name + suffix) for suffix in DATABASE_SIDECARS)]
    with contextlib.suppress(OSError):
        files += base.parent.glob(f"{glob.escape(base.name)}.backup-*")
    return files


def _same_node(found: os.stat_result | None, other: Path) -> bool:
    if found is None:
        return False
    try:
        theirs = os.stat(other)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (theirs.st_dev, theirs.st_ino)


def _descriptor_named(path: Path) -> int | None:
    """N when `path` names an open descriptor of this process (/dev/stdout, /dev/fd/N,
    /proc/self/fd/N), found by following the path's symlinks one hop at a time."""
    fd_folders = {os.path.realpath("/dev/fd"), os.path.realpath(f"/proc/{os.getpid()}/fd")}
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on symlink hops
        folder, name = os.path.split(current)
        if os.path.realpath(folder) in fd_folders and name.isdigit():
            return int(name)
        if not os.path.islink(current):
            return None
        current = os.path.join(folder, os.readlink(current))
    return None


def _write_descriptor(path: Path, fd: int, data: bytes, *, terminal: bool) -> None:
    """Write to the descriptor itself (not a reopened file): at its offset, appending when
    the shell opened it with `>>`, into the pipe or terminal it is."""
    if os.isatty(fd):
        _refuse_terminal(path, terminal)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            stream.flush()  # what was printed before comes before the report
    _write_all(fd, data)


def _refuse_terminal(path: Path, terminal: bool) -> None:
    if not terminal:
        raise UserInputError(f"{path} is a terminal, where the app is drawing; give a file")


def _write_fifo(path: Path, data: bytes, found: os.stat_result, *, wait_for_reader: bool) -> None:
    try:
        fd = os.open(path, _WRITE_FLAGS | _NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ENXIO:  # ENXIO: nobody has the FIFO open for reading
            raise
        if not wait_for_reader:
            raise UserInputError(
                f"{path} is a FIFO that nothing reads; start the reader first"
            ) from None
        fd = os.open(path, _WRITE_FLAGS)  # waits for a reader, as `cat > fifo` does
    try:
        os.set_blocking(fd, True)
        _require_same(path, fd, found)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_through(path: Path, data: bytes, found: os.stat_result) -> None:
    fd = os.open(path, _WRITE_FLAGS)
    try:
        _require_same(path, fd, found)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _replace_atomically(path: Path, data: bytes, found: os.stat_result | None) -> None:
    """A temp file beside the file (a symlink's target), fsync, rename over it: no reader
    ever sees half a file, and a failure leaves the old file and no temp file."""
    import tempfile

    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    if not target.parent.is_dir():
        raise UserInputError(f"folder {target.parent} does not exist")
    # A short prefix: the temp name must fit where the final name just fits (255 bytes).
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".tmp")
    try:
        try:
            if found is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(found.st_mode))  # a new file stays 0600
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        tmp = ""
        sync_folder(target.parent)
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _is_null(found: os.stat_result) -> bool:
    if not stat.S_ISCHR(found.st_mode):
        return False
    try:
        return os.stat(os.devnull).st_rdev == found.st_rdev
    except OSError:
        return False


def _is_terminal(path: Path, found: os.stat_result) -> bool:
    """A terminal, decided without opening the device (opening some devices acts)."""
    if not stat.S_ISCHR(found.st_mode):
        return False
    for fd in (0, 1, 2):
        try:
            if os.isatty(fd) and os.fstat(fd).st_rdev == found.st_rdev:
                return True
        except OSError:
            continue
    real = os.path.realpath(path)
    return real == "/dev/tty" or real.startswith("/dev/pts/")


def _require_same(path: Path, fd: int, found: os.stat_result) -> None:
    opened = os.fstat(fd)
    if (opened.st_dev, opened.st_ino, opened.st_mode) != (
        found.st_dev,
        found.st_ino,
        found.st_mode,
    ):
        raise UserInputError(f"{path} changed while it was opened; try again")


def _require_regular(path: Path, found: os.stat_result) -> None:
    if stat.S_ISDIR(found.st_mode):
        raise UserInputError(f"{path} is a folder, not a file")
    if not stat.S_ISREG(found.st_mode):
        raise UserInputError(f"{path} is {_kind(found)}, not a regular file")


def _kind(found: os.stat_result) -> str:
    mode = found.st_mode
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _too_large(path: Path, limit: int, what: str) -> UserInputError:
    return UserInputError(f"{path} is larger than {limit // 2**20} MB, the most {what} can be")


def _read_at_most(fd: int, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = os.read(fd, min(_CHUNK, size - len(data)))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:_CHUNK]) :]


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
