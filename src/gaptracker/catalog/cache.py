"""A checked JSON copy of the validated catalog, so a start-up skips parsing TOML and validating.

Building the catalog (parsing five TOML files, building pydantic's validators for the
catalog models and validating, cross-checking) costs about 35 ms of a fresh process, a
large part of what `gaptracker status` may cost in a shell prompt; reading the copy
costs under 2 ms, as reading the pickle it replaces did.

Why this is safe to read, and what each check is for:
- The copy is data, never code: JSON, read with `json.loads`, which can only make dicts,
  lists, strings and numbers (a pickle, which this replaces, runs whatever code its bytes
  name: a crafted file ran code as the user).
- It is read only from a folder that only the user can write (private_folders: owned by
  the user, not writable by group or others, nor any folder above it unless sticky),
  only as a regular file owned by the user, not through a symlink, and up to MAX_BYTES.
- Its first line names what it was built from, `source`: a hash of the shipped catalog
  files' bytes, the code that shapes the catalog (the models, the loader, this module)
  and the versions of gaptracker, pydantic and Python. A copy built from other files or
  by other code misses. The line also carries `sha256`, the hash of the rest of the file:
  a truncated, torn, bit-rotted or hand-edited copy misses.
- Those hashes are an integrity check, not a signature: whoever can write the folder can
  recompute them. But only the user (or root) can write it, and they could as well edit
  the shipped catalog or the code. So a copy that passes is one that gaptracker itself
  built and validated from these very files; it is rebuilt from its JSON without running
  pydantic's validators again, because building them is what costs (about 20 ms of a fresh
  process; the pickle skipped them too). The rebuild still follows the models' declared
  field types (`_rebuild`), so a well-hashed file of the wrong shape (unknown or missing
  fields, a number where text belongs, an unknown enum value) is a miss all the same.
- Anything that does not verify is a miss, never an error: the catalog is validated from
  its files as usual and the copy written again (atomically, 0600), unless the folder is
  not private: then nothing is written there.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
import types
import typing
from collections.abc import Callable
from contextlib import suppress
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from gaptracker import __version__
from gaptracker.catalog.loader import read_all, read_catalog_file
from gaptracker.domain import models
from gaptracker.domain.errors import CatalogError
from gaptracker.private_folders import make_private, warn_if_exposed

PREFIX = "catalog-"
SUFFIX = ".json"
FORMAT = "gaptracker-catalog-cache"
FORMAT_VERSION = 1
Checked = TypeVar("Checked", bound=BaseModel)
"""What a copy holds: a model that was validated before it was kept."""
MAX_BYTES = 4 * 1024 * 1024
"""The shipped catalog's copy is about 70 KB; anything far larger is not one of ours."""


def cached_catalog(
    folder: Path, files: tuple[str, ...], cache_dir: Path, build: Callable[[], models.Catalog]
) -> models.Catalog:
    """The catalog from its cached copy if one verifies against the files, else `build()`
    (and keep the result for next time, where the folder is private)."""
    try:
        source = _source_hash(folder, files)
    except (OSError, CatalogError):
        return build()  # a catalog file is unreadable: building says which, as an error
    return cached_model(models.Catalog, PREFIX, source, cache_dir, build)


def cached_model(
    kind: type[Checked],
    prefix: str,
    source: str,
    cache_dir: Path,
    build: Callable[[], Checked],
    still_true: Callable[[Checked], bool] = lambda copy: True,
) -> Checked:
    """The `kind` kept in `cache_dir` as `prefix<source>.json` if it verifies against
    `source` and `still_true` of it, else `build()` (kept for next time, replacing older
    copies of that prefix).

    `source` is what the copy is built from (`_source_hash`); each prefix names one thing
    cached (the built-in catalog, one user pack), so their copies never evict each other.
    """
    make_private(cache_dir)  # the app's own cache folder: 0700 if it is the user's
    if cache_dir.is_dir() and not _private(cache_dir):
        return build()  # others could have written it: read nothing, write nothing
    path = cache_dir / f"{prefix}{source[:24]}{SUFFIX}"
    found = read_copy(path, source, kind)
    if found is not None and still_true(found):
        return found
    built = build()
    with suppress(OSError):  # a read-only home runs, only slower
        _store(path, prefix, source, built)
    return built


def read_copy(path: Path, source: str, kind: type[Checked]) -> Checked | None:
    """The `kind` in the copy at `path` if it verifies against `source`, else None."""
    try:
        data = _read_own_file(path)
        header, _, body = data.partition(b"\n")
        meta = json.loads(header)
        if (
            not isinstance(meta, dict)
            or meta.get("format") != FORMAT
            or meta.get("version") != FORMAT_VERSION
            or meta.get("source") != source
            or meta.get("sha256") != hashlib.sha256(body).hexdigest()
        ):
            return None
        found = _rebuild(kind, json.loads(body))
    except Exception:  # whatever is wrong with the copy (RecursionError included) is a miss
        return None
    return found if isinstance(found, kind) else None


def encode(source: str, checked: BaseModel) -> bytes:
    """The copy's bytes: a header line naming the source and the body's hash, then the body."""
    body = checked.model_dump_json().encode()
    header = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "source": source,
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    return json.dumps(header).encode() + b"\n" + body


def _source_hash(
    folder: Path, files: tuple[str, ...], extra: tuple[tuple[str, bytes], ...] = ()
) -> str:
    """A hash of what a copy is built from: versions, the code that shapes and checks the
    catalog, the files' names and bytes, and `extra` (what else the check read)."""
    digest = hashlib.sha256()
    versions = (FORMAT, str(FORMAT_VERSION), __version__, pydantic.VERSION, sys.version)
    digest.update("\0".join(versions).encode())
    here = Path(__file__)
    domain = Path(models.__file__)
    for path in (
        domain,
        domain.with_name("packs.py"),
        domain.with_name("skill_changes.py"),
        here.with_name("loader.py"),
        here.with_name("rules.py"),
        here.with_name("packs.py"),
        here,
    ):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in files:
        digest.update(name.encode() + b"\0" + read_catalog_file(folder / name) + b"\0")
    for name, data in extra:
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def _read_own_file(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file of the user's, not a symlink, not huge."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            raise OSError(f"{path} is not a copy of ours")
        if hasattr(os, "geteuid") and (
            info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        ):
            raise OSError(f"{path} is not the user's own file")
        data = read_all(fd, MAX_BYTES)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise OSError(f"{path} grew while being read")
    return data


def _rebuild(annotation: Any, value: Any) -> Any:
    """`value` (parsed JSON) as the type `annotation` declares, built without validators."""
    return _reader(annotation)(value)


@cache
def _reader(annotation: Any) -> Callable[[Any], Any]:
    """A function that builds the type `annotation` declares from parsed JSON, or raises.

    It follows the declared types of the models' fields: a model from an object with
    exactly its fields, a tuple from a list (of the declared length when it has one), a
    dict with str keys, an enum from one of its values, str, int (not bool), `X | None`.
    Anything else raises, and the copy is a miss. The fields' constraints (patterns,
    ranges) were checked when the copy was made and are not checked again. Made once per
    annotation, so reading the copy is a walk over its values and nothing more.
    """
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _reader(args[0])
    if origin in (typing.Union, types.UnionType):
        (kind,) = (option for option in args if option is not type(None))
        read_kind = _reader(kind)
        return lambda value: None if value is None else read_kind(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        read_item = _reader(args[0])
        return lambda value: tuple(map(read_item, _of_type(value, list)))
    if origin is tuple:
        readers = tuple(map(_reader, args))
        return lambda value: tuple(
            read(item) for read, item in zip(readers, _of_type(value, list), strict=True)
        )
    if origin is dict and _unannotated(args[0]) is str:  # JSON keys are always text
        read_value = _reader(args[1])
        return lambda value: {k: read_value(v) for k, v in _of_type(value, dict).items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_reader(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if annotation is str or annotation is int:
        return lambda value: _of_type(value, annotation)
    raise TypeError(f"the cache cannot hold a {annotation!r}")


def _unannotated(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _model_reader(model: type[BaseModel]) -> Callable[[Any], BaseModel]:
    declared: dict[str, Any] = {name: f.annotation for name, f in model.model_fields.items()}
    fields = {name: _reader(annotation) for name, annotation in declared.items()}
    names = fields.keys()

    def read(value: Any) -> BaseModel:
        if _of_type(value, dict).keys() != names:
            raise TypeError(f"not the fields of {model.__name__}")
        return model.model_construct(**{name: fields[name](value[name]) for name in names})

    return read


def _of_type(value: Any, kind: type) -> Any:
    if type(value) is not kind:  # exactly: a bool is not an int here
        raise TypeError(f"{value!r:.40} is not a {kind.__name__}")
    return value


def _store(path: Path, prefix: str, source: str, checked: BaseModel) -> None:
    if not _private(path.parent):
        return  # never write where others could (nor make a folder there)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if _is_other_than_a_file(path):
        return  # nor over a symlink or a folder
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".catalog.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(encode(source, checked))
        os.replace(name, path)  # replaces a name, never writes through a symlink
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    for old in (*path.parent.glob(f"{prefix}*{SUFFIX}"), *path.parent.glob(f"{prefix}*.pickle")):
        if old != path and not _is_other_than_a_file(old):
            old.unlink(missing_ok=True)  # earlier copies, and the pickles of older versions


def _private(folder: Path) -> bool:
    return warn_if_exposed(folder, "the cache folder", "; the catalog is not cached there")


def _is_other_than_a_file(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False
