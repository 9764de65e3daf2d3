"""The catalog of the active pack, for every command and the TUI.

The built-in pack stays on load_catalog's cached path, so starting on it costs what it
did before packs existed. A user pack is checked in full (catalog.packs) when it is new or
changed, and read from its checked copy otherwise (catalog.pack_cache); one
that became invalid or was deleted is said in one line and the built-in pack is read
instead: the user's data is never the reason a command cannot start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gaptracker.domain.active_pack import ActivePack
from gaptracker.domain.errors import CatalogError, UserInputError
from gaptracker.domain.models import BUILT_IN_PACK_ID, Catalog

if TYPE_CHECKING:  # the pack machinery loads only when a user pack is active
    from gaptracker.domain.packs import PackManifest

MAX_ANCESTORS = 64
"""A `forked_from` chain is followed this far (a cycle of hand-edited manifests ends)."""


@dataclass(frozen=True)
class ActiveCatalog:
    catalog: Catalog
    pack: ActivePack
    warning: str | None = None
    """Why the chosen pack is not the one read (it became invalid or was deleted)."""


def built_in(cache_dir: Path | None) -> ActiveCatalog:
    from gaptracker.catalog.loader import load_catalog

    catalog = load_catalog(cache_dir=cache_dir)
    return ActiveCatalog(catalog, ActivePack(version=catalog.version))


def active_catalog(chosen: str | None, packs_dir: Path, cache_dir: Path | None) -> ActiveCatalog:
    """The catalog of the pack `chosen` (None: never chosen, the built-in one)."""
    if chosen is None or chosen == BUILT_IN_PACK_ID:
        return built_in(cache_dir)
    try:
        manifest, catalog = _load(chosen, packs_dir, cache_dir)
    except (UserInputError, CatalogError, OSError) as exc:
        fallback = built_in(cache_dir)
        warning = (
            f"the active pack {chosen!r} cannot be read ({exc}); showing the built-in"
            f" pack {BUILT_IN_PACK_ID} until you run 'gaptracker pack use'"
        )
        return ActiveCatalog(fallback.catalog, fallback.pack, warning)
    return ActiveCatalog(catalog, pack_of(manifest, packs_dir))


def _load(pack_id: str, packs_dir: Path, cache_dir: Path | None) -> tuple[PackManifest, Catalog]:
    """A user pack, checked in full, or from its checked copy where there is a cache."""
    if cache_dir is None:
        from gaptracker.catalog.packs import load_pack

        return load_pack(pack_id, packs_dir)
    from gaptracker.catalog.pack_cache import cached_pack

    return cached_pack(pack_id, packs_dir, cache_dir)


def pack_of(manifest: PackManifest, packs_dir: Path) -> ActivePack:
    """How `manifest`'s pack reads ratings: its changes, and the packs it descends from."""
    return ActivePack(
        id=manifest.id,
        version=manifest.version,
        steps=manifest.changes,
        lineage=frozenset(lineage(manifest, packs_dir)),
    )


def lineage(manifest: PackManifest, packs_dir: Path) -> list[str]:
    """The pack's id, then each pack it was forked from, as far as their manifests are at
    hand (the built-in pack ends every chain it reaches)."""
    ids = [manifest.id]
    current: PackManifest | None = manifest
    while current is not None and current.forked_from and len(ids) < MAX_ANCESTORS:
        origin = current.forked_from.partition("@")[0]
        if origin in ids:
            break
        ids.append(origin)
        current = None if origin == BUILT_IN_PACK_ID else _manifest_at(packs_dir / origin)
    return ids


def _manifest_at(folder: Path) -> PackManifest | None:
    import tomllib

    from pydantic import ValidationError

    from gaptracker.catalog.loader import read_catalog_file
    from gaptracker.domain.packs import PackManifest

    try:
        data = tomllib.loads(read_catalog_file(folder / "pack.toml").decode())
        return PackManifest.model_validate(data)
    except (CatalogError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError):
        return None
