"""Load data/*.toml into a validated, cross-checked Catalog.

A malformed or inconsistent catalog fails here, at load, with one CatalogError naming the
file and the field, so nothing downstream has to guard against a bad catalog (the rules
are in catalog/rules.py, shared with `pack validate`, which reports all of them). So does one
that cannot be read at all (missing, not UTF-8, a folder, a FIFO, a broken symlink,
unreadable): the message names the file.
"""

from __future__ import annotations

import os
import stat
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gaptracker.domain.errors import CatalogError
from gaptracker.domain.models import Catalog

if TYPE_CHECKING:
    from gaptracker.catalog.rules import Findings

FILES = ("guide.toml", "roles.toml", "skills.toml", "requirements.toml", "tips.toml")
MANIFEST = "pack.toml"
PACK_FILES = (MANIFEST, *FILES)
"""Every file of a skill pack, its manifest first; a pack holds these and nothing else is read."""
MAX_FILE_BYTES = 5 * 2**20
"""The largest catalog file read: the shipped skills.toml is about 23 KB, so this is room
for a guide a hundred times larger, and a huge or endless file cannot fill the memory."""


def catalog_dir() -> Path:
    """The folder of the catalog files: inside the installed package, else the repo's data/.

    A wheel ships data/ as gaptracker/data; an editable install runs from the source tree,
    where data/ sits at the repo root.
    """
    packaged = Path(str(resources.files("gaptracker"))) / "data"
    if (packaged / FILES[0]).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


@cache
def load_catalog(directory: Path | None = None, cache_dir: Path | None = None) -> Catalog:
    """Read and validate the catalog; cached, since the files do not change while running.

    With a `cache_dir` (the command line passes gaptracker's own cache folder, which is
    made 0700), a checked copy kept there from an earlier run is used when it verifies
    against the files (catalog/cache.py).
    """
    folder = directory or catalog_dir()
    if cache_dir is not None:
        from gaptracker.catalog.cache import cached_catalog

        return cached_catalog(folder, FILES, cache_dir, lambda: _load(folder))
    return _load(folder)


def _load(folder: Path) -> Catalog:
    # The rules are imported only when the catalog is built, not when its cached copy is used.
    from gaptracker.catalog.rules import Findings, build_catalog

    findings = Findings(fail_fast=True)
    catalog = build_catalog(parse_files(folder, FILES, findings), findings)
    assert catalog is not None  # fail_fast: any problem has raised
    return catalog


def parse_files(
    folder: Path, names: tuple[str, ...], findings: Findings
) -> dict[str, dict[str, Any]]:
    """Each readable file's parsed TOML, by name; what cannot be read is a finding."""
    parsed: dict[str, dict[str, Any]] = {}
    for name in names:
        try:
            parsed[name] = parse_toml(folder / name)
        except CatalogError as exc:
            findings.error(name, "", _without_path(str(exc), folder / name), error_text=str(exc))
    return parsed


def _without_path(message: str, path: Path) -> str:
    """A read error as a problem line, which starts with the file's name already."""
    if message == f"catalog file missing: {path}":
        return "missing"
    for prefix in (f"catalog file {path} ", f"catalog file {path.name} "):
        if message.startswith(prefix):
            return message.removeprefix(prefix)
    return message.replace(f"catalog file {path}", "the file")


def parse_toml(path: Path) -> dict[str, Any]:
    """One catalog file's TOML, or one CatalogError naming it."""
    import tomllib  # only when the catalog is built, not when its cached copy is used

    data = read_catalog_file(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            f"catalog file {path} is not UTF-8 text (byte {data[exc.start]:#04x} at offset "
            f"{exc.start})"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog file {path.name} is not valid TOML: {exc}") from None
    except RecursionError:
        raise CatalogError(f"catalog file {path.name} is nested too deeply") from None


def read_catalog_file(path: Path) -> bytes:
    """The bytes of one catalog file, or one CatalogError naming it (missing, a broken
    symlink, a folder, a FIFO or device, unreadable); never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if path.is_symlink():
            raise CatalogError(f"catalog file {path} is a broken symlink") from None
        raise CatalogError(f"catalog file missing: {path}") from None
    except IsADirectoryError:  # Windows; elsewhere a folder opens and fstat says so below
        raise CatalogError(f"catalog file {path} is a folder, not a file") from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog file {path}: {_reason(exc)}") from None
    try:
        kind = stat.S_IFMT(os.fstat(fd).st_mode)
        if kind == stat.S_IFDIR:
            raise CatalogError(f"catalog file {path} is a folder, not a file")
        if kind != stat.S_IFREG:
            raise CatalogError(f"catalog file {path} is not a regular file")
        data = read_all(fd, MAX_FILE_BYTES)
    except OSError as exc:
        raise CatalogError(f"cannot read catalog file {path}: {_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise CatalogError(
            f"catalog file {path} is larger than {MAX_FILE_BYTES // 2**20} MB; not read"
        )
    return data


def read_all(fd: int, limit: int | None = None) -> bytes:
    """Everything left in the open file `fd`; with a `limit`, it stops once more than that
    was read, so that a caller can tell a file that is too long without reading it all."""
    chunks, size = [], 0
    while limit is None or size <= limit:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()
