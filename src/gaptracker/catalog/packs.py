"""Skill packs as data: find them, check them, load them, hash them.

A pack is a folder holding the catalog files (loader.FILES) and a manifest, pack.toml
(domain.packs.PackManifest). The shipped guide in data/ is the built-in pack; the user's
own live in the `packs/` folder of gaptracker's user-data folder, one folder per pack id.
Nothing in a pack is ever run: its files are read as bytes (capped, regular files only,
never blocking on a FIFO), parsed as TOML and checked by the same rules as the shipped
catalog (catalog/rules.py), all of them at once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gaptracker.catalog.loader import FILES, catalog_dir, parse_files
from gaptracker.catalog.loader import MANIFEST as MANIFEST
from gaptracker.catalog.loader import PACK_FILES as PACK_FILES
from gaptracker.catalog.pack_cache import origin_folder
from gaptracker.catalog.rules import Findings, Problem, build_catalog, report_invalid
from gaptracker.domain.errors import CatalogError, UserInputError
from gaptracker.domain.models import Catalog
from gaptracker.domain.packs import BUILT_IN_PACK_ID, PackManifest, is_pack_id
from gaptracker.domain.skill_changes import check_steps, unaccounted

TEMP_PREFIX = ".pack-"
"""Folders being built inside packs/ (init, import) start so: never listed, never a pack."""


@dataclass(frozen=True)
class PackCheck:
    """A pack folder as checked: its manifest and catalog when they built, every problem."""

    folder: Path
    manifest: PackManifest | None
    catalog: Catalog | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.warning)


def built_in_folder() -> Path:
    """The built-in pack: the shipped catalog folder."""
    return catalog_dir()


def check_pack(folder: Path, expected_id: str | None = None) -> PackCheck:
    """Every problem of the pack in `folder` (and warnings); `expected_id`: the id its
    folder under packs/ gives it, which the manifest must repeat."""
    findings = Findings(fail_fast=False)
    reason = _not_a_folder(folder)
    if reason is not None:
        findings.error(folder.name or str(folder), "", reason)
        return PackCheck(folder, None, None, tuple(findings.problems))
    raw = parse_files(folder, PACK_FILES, findings)
    declared = raw.pop(MANIFEST, None)
    manifest = _manifest(declared, findings)
    catalog = build_catalog(raw, findings)
    version = declared.get("version") if declared is not None else None
    guide_version = raw.get("guide.toml", {}).get("version")
    if isinstance(version, str) and isinstance(guide_version, str) and version != guide_version:
        findings.error(MANIFEST, "version", f"{version!r} is not guide.toml's {guide_version!r}")
    if manifest is not None and expected_id is not None and manifest.id != expected_id:
        findings.error(MANIFEST, "id", f"{manifest.id!r} is not its folder's name")
    if manifest is not None and catalog is not None:
        _check_changes(manifest, catalog, folder, findings)
    if findings.errors:
        catalog = None
    return PackCheck(folder, manifest, catalog, tuple(findings.problems))


def _check_changes(
    manifest: PackManifest, catalog: Catalog, folder: Path, findings: Findings
) -> None:
    """Ids never change silently: the changes chain up to this version and name only real
    skills, and every skill of the pack it was forked from (when that is at hand: the
    built-in pack, or a pack beside this one) is still here or accounted for."""
    now = [s.id for s in catalog.skills]
    for where, message in check_steps(manifest.changes, manifest.version, {}, now):
        findings.error(MANIFEST, where, message)
    origin = _origin_skills(manifest, folder)
    if origin is None:
        return
    for skill_id in unaccounted(origin, now, manifest.changes):
        findings.error(
            MANIFEST,
            "changes",
            f"skill '{skill_id}' of {manifest.forked_from} is gone without a renamed,"
            " merged or retired entry",
        )


def _origin_skills(manifest: PackManifest, folder: Path) -> list[str] | None:
    """The skill ids of the pack and version `forked_from` names, if that is at hand."""
    if manifest.forked_from is None:
        return None
    where = origin_folder(manifest.forked_from, manifest.id, folder)
    if where is None:
        return None
    try:
        raw = parse_files(where, FILES, Findings(fail_fast=False))
        origin = build_catalog(raw, Findings(fail_fast=False))
    except (OSError, CatalogError):
        return None
    if origin is None or origin.version != manifest.forked_from.partition("@")[2]:
        return None
    return [s.id for s in origin.skills]


def _manifest(data: Mapping[str, Any] | None, findings: Findings) -> PackManifest | None:
    if data is None:
        return None  # unreadable: already said
    try:
        return PackManifest.model_validate(data)
    except ValidationError as exc:
        report_invalid(MANIFEST, "", exc, findings)
        return None


def _not_a_folder(folder: Path) -> str | None:
    try:
        info = os.stat(folder)
    except OSError as exc:
        return f"cannot open the pack folder {folder}: {(exc.strerror or str(exc)).lower()}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    return None


def pack_bytes(folder: Path) -> dict[str, bytes]:
    """The bytes of every file of a pack, by name (CatalogError if one cannot be read)."""
    from gaptracker.catalog.loader import read_catalog_file

    return {name: read_catalog_file(folder / name) for name in PACK_FILES}


def content_hash(files: Mapping[str, bytes]) -> str:
    """sha256 over every pack file's name and bytes, in PACK_FILES order: the same content
    gives the same hash wherever it is kept."""
    digest = hashlib.sha256()
    for name in PACK_FILES:
        data = files[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class PackEntry:
    """One pack as `pack list` shows it."""

    id: str
    path: Path
    built_in: bool
    check: PackCheck

    @property
    def valid(self) -> bool:
        return not self.check.errors


def list_packs(packs_dir: Path) -> list[PackEntry]:
    """The built-in pack, then every folder under `packs_dir` by name, valid or not."""
    entries = [PackEntry(BUILT_IN_PACK_ID, built_in_folder(), True, check_pack(built_in_folder()))]
    try:
        names = sorted(os.listdir(packs_dir))
    except FileNotFoundError:
        return entries
    except OSError as exc:
        raise UserInputError(
            f"cannot read the packs folder {packs_dir}: {(exc.strerror or str(exc)).lower()}"
        ) from None
    for name in names:
        path = packs_dir / name
        if name.startswith(".") or _is_regular_file(path):
            continue  # a pack being built, or a stray file: not a pack
        entries.append(PackEntry(name, path, False, check_pack(path, expected_id=name)))
    return entries


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def find_pack(spec: str, packs_dir: Path, *, ids_only: bool = False) -> tuple[Path, str | None]:
    """The folder `spec` names, and the id its place gives it (None for a plain path): the
    built-in pack's id, a pack under `packs_dir`, else (unless `ids_only`) a folder path."""
    if spec == BUILT_IN_PACK_ID:
        return built_in_folder(), None
    if is_pack_id(spec) and os.path.lexists(packs_dir / spec):
        return packs_dir / spec, spec
    if not ids_only and (os.sep in spec or spec in (".", "..") or os.path.lexists(spec)):
        path = Path(spec).expanduser()
        if os.path.lexists(path):
            return path, None
    where = "" if ids_only else " and no folder"
    raise UserInputError(f"no pack named {spec!r}{where} (see 'gaptracker pack list')")


def load_pack(
    spec: str, packs_dir: Path, *, ids_only: bool = False
) -> tuple[PackManifest, Catalog]:
    """The manifest and catalog of a valid pack; UserInputError naming its first problem.
    `ids_only`: as find_pack (a pack id, never a folder path)."""
    folder, expected = find_pack(spec, packs_dir, ids_only=ids_only)
    check = check_pack(folder, expected_id=expected)
    if check.errors or check.manifest is None or check.catalog is None:
        first = check.errors[0].line() if check.errors else "no manifest"
        raise UserInputError(f"pack {spec!r} is not valid: {first}")
    return check.manifest, check.catalog
