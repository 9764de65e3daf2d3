"""The catalog's cached copy: used when it verifies, rebuilt when anything is off."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from gaptracker.catalog import cache
from gaptracker.catalog.cache import cached_catalog
from gaptracker.catalog.loader import FILES, load_catalog
from gaptracker.domain.models import Catalog
from tests.unit.catalog.conftest import Builds


def the_copy(folder: Path) -> Path:
    (copy,) = folder.iterdir()
    return copy


def test_the_second_start_uses_the_copy(folder: Path, tmp_path: Path, build: Builds) -> None:
    store = tmp_path / "cache"
    first = cached_catalog(folder, FILES, store, build)
    second = cached_catalog(folder, FILES, store, build)
    assert build.count == 1
    assert second == first == load_catalog()
    assert the_copy(store).name.startswith("catalog-") and the_copy(store).suffix == ".json"
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    assert stat.S_IMODE(the_copy(store).stat().st_mode) == 0o600


def test_the_copy_is_plain_json_of_the_catalog(folder: Path, tmp_path: Path, build: Builds) -> None:
    store = tmp_path / "cache"
    cached_catalog(folder, FILES, store, build)
    header, body = the_copy(store).read_bytes().split(b"\n", 1)
    assert json.loads(header)["format"] == "gaptracker-catalog-cache"
    assert json.loads(body) == json.loads(load_catalog().model_dump_json())


def test_the_copy_rebuilds_exactly_the_validated_catalog(folder: Path) -> None:
    """Every field type of the catalog's models is one the reader knows, or it would miss
    on every start and nobody would notice but the clock."""
    catalog = load_catalog()
    source = cache._source_hash(folder, FILES)
    path = folder / "copy.json"
    path.write_bytes(cache.encode(source, catalog))
    again = cache.read_copy(path, source, Catalog)
    assert again == catalog
    assert again is not None and again.model_dump() == catalog.model_dump()
    assert [type(s.levels) for s in again.skills] == [tuple] * len(catalog.skills)


def test_an_edited_catalog_misses_and_replaces_the_old_copy(
    folder: Path, tmp_path: Path, build: Builds
) -> None:
    store = tmp_path / "cache"
    cached_catalog(folder, FILES, store, build)
    old = the_copy(store).name
    guide = folder / "guide.toml"
    guide.write_text(guide.read_text().replace('title = "', 'title = "Edited: ', 1))
    edited = cached_catalog(folder, FILES, store, build)
    assert build.count == 2
    assert edited.title.startswith("Edited: ")
    assert the_copy(store).name != old


def test_a_pickle_left_by_an_older_version_is_removed(
    folder: Path, tmp_path: Path, build: Builds
) -> None:
    store = tmp_path / "cache"
    store.mkdir(mode=0o700)
    (store / "catalog-0123456789abcdef01234567.pickle").write_bytes(b"\x80\x05old")
    cached_catalog(folder, FILES, store, build)
    assert the_copy(store).suffix == ".json"


def test_a_cache_folder_that_cannot_be_written_still_loads(
    folder: Path, tmp_path: Path, build: Builds
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert cached_catalog(folder, FILES, blocked / "cache", build) == load_catalog()
    assert cached_catalog(folder, FILES, blocked / "cache", build) == load_catalog()
    assert build.count == 2
