"""A user pack's checked catalog, kept as the built-in one is (catalog/cache.py).

Checking a pack (catalog/packs.check_pack: every file, every rule, the changes, the skills
of the pack it was forked from) costs about 35 ms of every start on it, while the built-in
pack starts from its cached copy in under 7. So a pack that checked out is kept the same
way: JSON, verified before it is read, in gaptracker's private cache folder, one copy per
pack id. The copy's source hash covers the pack's files, its folder's name (which the
manifest must repeat) and the code that checks; the copy itself holds a hash of the files
of the pack it was forked from (the check compares their skills), compared once the copy
names that pack, which saves parsing the manifest first. Any change to one of them is a
miss, and the pack is checked again in full, so a pack that became invalid is never
read from a copy made when it was valid.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from gaptracker.catalog.cache import _source_hash, cached_model
from gaptracker.catalog.loader import FILES, PACK_FILES, catalog_dir, read_catalog_file
from gaptracker.domain.errors import CatalogError
from gaptracker.domain.models import BUILT_IN_PACK_ID, Catalog, Frozen
from gaptracker.domain.packs import PackManifest, is_pack_id


class CheckedPack(Frozen):
    """A pack that passed check_pack: what starting on it needs, and what it was checked
    against besides its own files."""

    manifest: PackManifest
    catalog: Catalog
    origin: str
    """The hash of the `forked_from` pack's files when it was checked (`origin_hash`)."""


def cached_pack(pack_id: str, packs_dir: Path, cache_dir: Path) -> tuple[PackManifest, Catalog]:
    """The manifest and catalog of the valid pack `pack_id` under `packs_dir`, from its
    checked copy when one verifies; else checked in full (load_pack: UserInputError
    naming its first problem) and kept."""
    folder = packs_dir / pack_id

    def check() -> CheckedPack:
        from gaptracker.catalog.packs import load_pack

        manifest, catalog = load_pack(pack_id, packs_dir)
        return CheckedPack(manifest=manifest, catalog=catalog, origin=origin_hash(manifest, folder))

    def unchanged_origin(copy: CheckedPack) -> bool:
        return copy.origin == origin_hash(copy.manifest, folder)

    try:
        if not is_pack_id(pack_id):
            raise CatalogError("not a pack id")  # load_pack says what is wrong
        source = _source_hash(folder, PACK_FILES, (("pack id", pack_id.encode()),))
    except (OSError, CatalogError):
        checked = check()  # a file is unreadable: the check says which
    else:
        prefix = f"pack.{pack_id}."
        checked = cached_model(CheckedPack, prefix, source, cache_dir, check, unchanged_origin)
    return checked.manifest, checked.catalog


def origin_hash(manifest: PackManifest, folder: Path) -> str:
    """A hash of the files of the pack `manifest` was forked from, as far as they are at
    hand (a pack appearing beside it, or going, is a change too); "" when it names none."""
    origin = (
        origin_folder(manifest.forked_from, manifest.id, folder) if manifest.forked_from else None
    )
    if origin is None:
        return ""
    digest = hashlib.sha256()
    for name in FILES:
        try:
            data = b"present\0" + read_catalog_file(origin / name)
        except (OSError, CatalogError):
            data = b"absent"
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def origin_folder(forked_from: str, pack_id: str, folder: Path) -> Path | None:
    """Where the pack that `forked_from` (`id@version`) names would be: the built-in
    pack's folder, or a folder beside this pack's; None for itself or a non-id."""
    origin_id = forked_from.partition("@")[0]
    if origin_id == pack_id or not is_pack_id(origin_id):
        return None
    return catalog_dir() if origin_id == BUILT_IN_PACK_ID else folder.parent / origin_id
