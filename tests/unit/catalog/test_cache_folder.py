"""The cache folder is gaptracker's own: made private when it is the user's, and never
read or written when others could have written to it."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from gaptracker.catalog import cache
from gaptracker.catalog.cache import cached_catalog
from gaptracker.catalog.loader import FILES, load_catalog
from tests.owners import give_away
from tests.unit.catalog.conftest import Builds


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def plant_forgery(store: Path, folder: Path) -> None:
    """A copy with every hash right and one role renamed, where the copy would be."""
    source = cache._source_hash(folder, FILES)
    body = json.loads(load_catalog().model_dump_json())
    body["roles"][0]["name"] = "Planted"
    text = json.dumps(body).encode()
    header = {
        "format": cache.FORMAT,
        "version": cache.FORMAT_VERSION,
        "source": source,
        "sha256": hashlib.sha256(text).hexdigest(),
    }
    copy = store / f"{cache.PREFIX}{source[:24]}{cache.SUFFIX}"
    copy.write_bytes(json.dumps(header).encode() + b"\n" + text)


def test_the_forgery_would_be_read_from_a_private_folder(folder: Path, tmp_path: Path) -> None:
    """The control for the tests below: with hashes right, a private folder is trusted
    (only the user can write there, and they could as well edit the catalog itself)."""
    store = tmp_path / "cache"
    store.mkdir(mode=0o700)
    plant_forgery(store, folder)
    planted = cached_catalog(folder, FILES, store, Builds(folder))
    assert planted.roles[0].name == "Planted"


@pytest.mark.parametrize("start", [0o777, 0o755, 0o1777])
def test_a_cache_folder_of_yours_is_made_private(
    folder: Path, tmp_path: Path, build: Builds, start: int
) -> None:
    store = tmp_path / "cache"
    store.mkdir()
    store.chmod(start)
    cached_catalog(folder, FILES, store, build)
    cached_catalog(folder, FILES, store, build)
    assert mode(store) == 0o700
    assert build.count == 1  # and used


def test_a_cache_folder_of_someone_else_is_neither_read_nor_written(
    folder: Path, tmp_path: Path, build: Builds, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "cache"
    store.mkdir(mode=0o700)
    plant_forgery(store, folder)
    give_away(store)
    before = sorted(p.name for p in store.iterdir())
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2
    assert sorted(p.name for p in store.iterdir()) == before
    assert mode(store) == 0o700  # not ours to change
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"gaptracker: warning: the cache folder {store} is not private")


@pytest.mark.parametrize("above", [0o777, 0o770])
def test_a_cache_folder_under_one_others_can_write_is_not_used(
    folder: Path, tmp_path: Path, build: Builds, capsys: pytest.CaptureFixture[str], above: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(above)
    store = shared / "gaptracker"
    store.mkdir(mode=0o700)
    plant_forgery(store, folder)
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 1 and len(list(store.iterdir())) == 1  # the forgery, untouched
    fresh = shared / "not-made-yet"
    assert cached_catalog(folder, FILES, fresh, build) == load_catalog()
    assert not fresh.exists()  # nothing is made in a folder others can write
    assert f"others can write to {shared}, above it" in capsys.readouterr().err


def test_a_symlinked_cache_folder_is_judged_where_it_leads(
    folder: Path, tmp_path: Path, build: Builds
) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (tmp_path / "to-private").symlink_to(private)
    cached_catalog(folder, FILES, tmp_path / "to-private", build)
    assert build.count == 1 and len(list(private.iterdir())) == 1  # kept where it leads
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "cache").mkdir(mode=0o700)
    (tmp_path / "to-shared").symlink_to(shared / "cache")
    plant_forgery(shared / "cache", folder)
    assert cached_catalog(folder, FILES, tmp_path / "to-shared", build) == load_catalog()
    assert build.count == 2
