"""Adding packs to the user's packs/ folder: a fork (`pack init`) or a shared file (`import`).

A pack is installed whole or not at all: its files are written into a temp folder inside
packs/ (named `.pack-*`, never listed), fsynced, checked by every rule, and only then
renamed to packs/ID, so a kill or a full disk leaves no half pack under a pack's name.
packs/ is private (0700), as the database's folder is. A shared pack file is JSON read
with `json.loads` (data, never code), capped in size, its content hash checked, and its
files checked as any pack's are before anything is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

from gaptracker.catalog.loader import MAX_FILE_BYTES
from gaptracker.catalog.packs import (
    MANIFEST,
    PACK_FILES,
    TEMP_PREFIX,
    PackCheck,
    check_pack,
    content_hash,
    find_pack,
    pack_bytes,
)
from gaptracker.domain.errors import CatalogError, UserInputError
from gaptracker.domain.packs import BUILT_IN_PACK_ID, PackManifest, is_pack_id
from gaptracker.domain.text import counted
from gaptracker.files import sync_folder

EXPORT_FORMAT = "gaptracker-pack"
EXPORT_VERSION = 1
MAX_EXPORT_BYTES = 2 * len(PACK_FILES) * MAX_FILE_BYTES
"""The largest pack file `import` reads: every file at its cap, escaped as JSON."""


def manifest_toml(manifest: PackManifest) -> bytes:
    """pack.toml's text: TOML basic strings are JSON strings (the manifest's texts hold no
    control characters, and json.dumps escapes quotes and backslashes as TOML does)."""
    lines = ["# A gaptracker skill pack's manifest; `gaptracker pack schema` describes it."]
    for key, value in manifest.model_dump(exclude_none=True, exclude_defaults=True).items():
        lines.append(f"{key} = {_toml_value(value)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _toml_value(value: object) -> str:
    """One line of TOML for the manifest's values: strings, numbers, and the lists and
    inline tables of `changes` (keys quoted, so any id is a valid key)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool | int):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (
            f"{json.dumps(str(k), ensure_ascii=False)} = {_toml_value(v)}" for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _refuse_new_id(pack_id: str, packs_dir: Path) -> None:
    if not is_pack_id(pack_id):
        raise UserInputError(
            f"{pack_id!r} is not a pack id: 2-40 of a-z, 0-9 and single '-' between them, starting"
            " with a letter"
        )
    if pack_id == BUILT_IN_PACK_ID:
        raise UserInputError(f"{pack_id!r} is the built-in pack's id; choose another")
    if os.path.lexists(packs_dir / pack_id):
        raise UserInputError(f"a pack {pack_id!r} exists already at {packs_dir / pack_id}")


def _valid_pack(
    spec: str, packs_dir: Path, *, ids_only: bool = False
) -> tuple[PackCheck, PackManifest]:
    """The check of the pack `spec` names and its manifest; UserInputError if it has
    problems."""
    folder, expected = find_pack(spec, packs_dir, ids_only=ids_only)
    check = check_pack(folder, expected_id=expected)
    if check.errors or check.manifest is None:
        problems = counted(len(check.errors), "problem")
        raise UserInputError(f"pack {spec!r} has {problems}; see 'gaptracker pack validate {spec}'")
    return check, check.manifest


def init_pack(name: str, source: str | None, packs_dir: Path) -> Path:
    """Fork the pack `source` (default: the built-in one) as packs/NAME; its path."""
    _refuse_new_id(name, packs_dir)
    check, parent = _valid_pack(source or BUILT_IN_PACK_ID, packs_dir, ids_only=True)
    try:
        files = pack_bytes(check.folder)
    except CatalogError as exc:  # changed since it was checked
        raise UserInputError(str(exc)) from None
    manifest = PackManifest(
        id=name,
        name=parent.name,
        version=parent.version,
        forked_from=parent.ref,
        license=parent.license,
        source=parent.source,
        changes=parent.changes,
    )
    files[MANIFEST] = manifest_toml(manifest)
    return _install(files, name, packs_dir)


def export_document(spec: str, packs_dir: Path) -> str:
    """One JSON document holding a valid pack: its manifest, every file's text, the hash."""
    check, manifest = _valid_pack(spec, packs_dir)
    folder = check.folder
    try:
        files = pack_bytes(folder)
    except CatalogError as exc:
        raise UserInputError(str(exc)) from None
    document = {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "manifest": manifest.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
        "sha256": content_hash(files),
        "files": {name: files[name].decode("utf-8") for name in PACK_FILES},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def import_document(text: str, where: str, packs_dir: Path) -> PackManifest:
    """Install the pack in an exported document (all checks first); its manifest."""
    files = _files_of(text, where)
    staged, lock = stage_files(files, packs_dir)
    try:
        check = check_pack(staged)
        if check.errors or check.manifest is None:
            first = check.errors[0].line() if check.errors else "no manifest"
            raise UserInputError(
                f"{where} is not a valid pack ({counted(len(check.errors), 'problem')}): {first}"
            )
        _refuse_new_id(check.manifest.id, packs_dir)
        install_staged(staged, packs_dir / check.manifest.id)
        return check.manifest
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    finally:
        os.close(lock)


def _files_of(text: str, where: str) -> dict[str, bytes]:
    def refuse(reason: str) -> UserInputError:
        return UserInputError(f"{where} is not a gaptracker pack file: {reason}")

    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise refuse("not JSON") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise refuse(f'no "format": {EXPORT_FORMAT!r}')
    version = document.get("format_version")
    if type(version) is not int or version != EXPORT_VERSION:  # not true, not 1.0
        raise refuse(f"format_version is not {EXPORT_VERSION} (made by a newer gaptracker?)")
    if set(document) != {"format", "format_version", "manifest", "sha256", "files"}:
        raise refuse("unexpected or missing fields")
    texts = document["files"]
    if not isinstance(texts, dict) or set(texts) != set(PACK_FILES):
        raise refuse(f"'files' must hold exactly {', '.join(PACK_FILES)}")
    files: dict[str, bytes] = {}
    for name in PACK_FILES:
        value = texts[name]
        if not isinstance(value, str):
            raise refuse(f"files.{name} is not text")
        try:
            files[name] = value.encode("utf-8")
        except UnicodeEncodeError:
            raise refuse(f"files.{name} is not UTF-8 text") from None
        if len(files[name]) > MAX_FILE_BYTES:
            raise refuse(f"files.{name} is larger than {MAX_FILE_BYTES // 2**20} MB")
    if document["sha256"] != content_hash(files):
        raise refuse("its sha256 does not match its files (damaged or edited)")
    if not _same_manifest(document["manifest"], files[MANIFEST]):
        raise refuse("'manifest' is not the one in files.pack.toml")
    return files


def _same_manifest(declared: object, manifest_file: bytes) -> bool:
    import tomllib

    from pydantic import ValidationError

    try:
        parsed: Mapping[str, Any] = tomllib.loads(manifest_file.decode("utf-8"))
        return PackManifest.model_validate(declared) == PackManifest.model_validate(parsed)
    except (ValueError, RecursionError, ValidationError):
        return False  # validation says what is wrong with it


def _private_packs_dir(packs_dir: Path) -> None:
    from gaptracker.private_folders import make_private, warn_if_exposed

    try:
        packs_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise UserInputError(
            f"cannot make the packs folder {packs_dir}: {(exc.strerror or str(exc)).lower()}"
        ) from None
    make_private(packs_dir.parent)
    make_private(packs_dir)
    warn_if_exposed(packs_dir, "the packs folder")


def stage_files(files: Mapping[str, bytes], packs_dir: Path) -> tuple[Path, int]:
    """A temp folder inside packs/ holding `files`, synced to disk, and the descriptor
    that holds its lock until the caller closes it (so no other process takes it for
    the leftover of a killed one). Init, import and restore all stage through here."""
    _private_packs_dir(packs_dir)
    remove_leftover_stages(packs_dir)
    staged = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=packs_dir))
    lock = _lock(staged)
    try:
        for name in PACK_FILES:
            fd = os.open(staged / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                view = memoryview(files[name])
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
        sync_folder(staged)
    except OSError as exc:
        shutil.rmtree(staged, ignore_errors=True)
        os.close(lock)
        raise UserInputError(
            f"cannot write the pack in {packs_dir}: {(exc.strerror or str(exc)).lower()}"
        ) from None
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        os.close(lock)
        raise
    return staged, lock


def _lock(folder: Path) -> int:
    fd = os.open(folder, os.O_RDONLY)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def remove_leftover_stages(packs_dir: Path) -> list[Path]:
    """Remove the `.pack-*` folders a killed init or import left (no process holds their
    lock); returns them. Without flock (Windows) they are kept rather than guessed at."""
    if fcntl is None:
        return []
    removed = []
    for folder in packs_dir.glob(f"{TEMP_PREFIX}*"):
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue  # not a folder of ours (a symlink, a file): never touched
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # being built right now
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(fd)
    return removed


def _install(files: Mapping[str, bytes], pack_id: str, packs_dir: Path) -> Path:
    staged, lock = stage_files(files, packs_dir)
    try:
        check = check_pack(staged)
        if check.errors:  # a fork of a valid pack is valid: this is a guard, not a path
            raise UserInputError(f"the new pack is not valid: {check.errors[0].line()}")
        target = packs_dir / pack_id
        install_staged(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    finally:
        os.close(lock)
    return target


def install_staged(staged: Path, target: Path) -> None:
    """Rename the staged folder to `target` (never over anything there), and sync."""
    if os.path.lexists(target):  # rename would replace an empty folder: never replace
        raise UserInputError(f"a pack {target.name!r} exists already at {target}")
    try:
        os.rename(staged, target)
    except OSError as exc:
        raise UserInputError(
            f"cannot install the pack at {target}: {(exc.strerror or str(exc)).lower()}"
        ) from None
    sync_folder(target.parent)
