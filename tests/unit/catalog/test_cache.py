"""The catalog's cached copy: used when it matches, rebuilt when anything is off."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from gaptracker.catalog.cache import cached_catalog
from gaptracker.catalog.loader import FILES, catalog_dir, load_catalog
from gaptracker.domain.models import Catalog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    copy.mkdir()
    for name in FILES:
        shutil.copy(catalog_dir() / name, copy / name)
    return copy


class Builds:
    """The real build, counted."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def __call__(self) -> Catalog:
        self.count += 1
        return load_catalog.__wrapped__(self.folder)


def test_the_second_start_uses_the_copy(folder: Path, tmp_path: Path) -> None:
    cache, build = tmp_path / "cache", Builds(folder)
    first = cached_catalog(folder, FILES, cache, build)
    second = cached_catalog(folder, FILES, cache, build)
    assert build.count == 1
    assert second == first == load_catalog()
    assert [p.name for p in cache.iterdir()] == [next(cache.glob("catalog-*.pickle")).name]
    assert cache.stat().st_mode & 0o777 == 0o700


def test_an_edited_catalog_misses_and_replaces_the_old_copy(folder: Path, tmp_path: Path) -> None:
    cache, build = tmp_path / "cache", Builds(folder)
    cached_catalog(folder, FILES, cache, build)
    old = {p.name for p in cache.iterdir()}
    guide = folder / "guide.toml"
    guide.write_text(guide.read_text().replace('title = "', 'title = "Edited: ', 1))
    edited = cached_catalog(folder, FILES, cache, build)
    assert build.count == 2
    assert edited.title.startswith("Edited: ")
    assert {p.name for p in cache.iterdir()}.isdisjoint(old)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps({"a": "dict, not a catalog"}), b"\x80\x05garbage"],
)
def test_a_bad_copy_is_a_miss_not_an_error(folder: Path, tmp_path: Path, content: bytes) -> None:
    cache, build = tmp_path / "cache", Builds(folder)
    cached_catalog(folder, FILES, cache, build)
    copy = next(cache.glob("catalog-*.pickle"))
    copy.write_bytes(content)
    assert cached_catalog(folder, FILES, cache, build) == load_catalog()
    assert build.count == 2
    assert isinstance(pickle.loads(copy.read_bytes()), Catalog)  # rebuilt and kept again


def test_a_cache_folder_that_cannot_be_written_still_loads(folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    build = Builds(folder)
    assert cached_catalog(folder, FILES, blocked / "cache", build) == load_catalog()
    assert cached_catalog(folder, FILES, blocked / "cache", build) == load_catalog()
    assert build.count == 2
