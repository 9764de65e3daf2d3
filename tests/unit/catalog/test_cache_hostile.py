"""A cached copy that is not what gaptracker wrote is a miss: never code, never an altered
catalog served, whatever the file holds or is."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.catalog import cache
from gaptracker.catalog.cache import MAX_BYTES, cached_catalog
from gaptracker.catalog.loader import FILES, load_catalog
from gaptracker.domain.models import Catalog
from tests.guards import fails_if_it_blocks
from tests.owners import give_away
from tests.unit.catalog.conftest import Builds


def kept_copy(folder: Path, store: Path, build: Builds) -> Path:
    """The copy a first start keeps in `store`, whatever its name and format."""
    cached_catalog(folder, FILES, store, build)
    (copy,) = store.iterdir()
    return copy


def forged(source: str, body: Any) -> bytes:
    """A copy with valid hashes over `body`: what someone who can write the folder could make."""
    text = json.dumps(body).encode()
    header = {
        "format": cache.FORMAT,
        "version": cache.FORMAT_VERSION,
        "source": source,
        "sha256": hashlib.sha256(text).hexdigest(),
    }
    return json.dumps(header).encode() + b"\n" + text


class Payload:
    """Unpickling this makes a folder: the proof that a pickle runs code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], None], tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_a_crafted_pickle_never_runs(folder: Path, tmp_path: Path, build: Builds) -> None:
    store = tmp_path / "cache"
    copy = kept_copy(folder, store, build)
    marker = tmp_path / "the-payload-ran"
    copy.write_bytes(pickle.dumps(Payload(marker)))
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert not marker.exists()
    assert build.count == 2
    assert copy.read_bytes().startswith(b'{"format": "gaptracker-catalog-cache"')  # rebuilt


def test_an_altered_catalog_is_never_served(folder: Path, tmp_path: Path, build: Builds) -> None:
    store = tmp_path / "cache"
    copy = kept_copy(folder, store, build)
    data = copy.read_bytes()
    name = load_catalog().roles[0].name
    altered = data.replace(json.dumps(name).encode(), b'"Chief Everything Officer"', 1)
    assert altered != data
    copy.write_bytes(altered)
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0, 1, exclude_max=True))
def test_any_truncated_copy_is_a_miss(folder: Path, cut: float) -> None:
    source = cache._source_hash(folder, FILES)
    data = cache.encode(source, load_catalog())
    path = folder / "copy.json"
    path.write_bytes(data[: int(len(data) * cut)])
    assert cache.read_copy(path, source, Catalog) is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_byte_is_a_miss_or_the_same_catalog(folder: Path, data: st.DataObject) -> None:
    source = cache._source_hash(folder, FILES)
    original = cache.encode(source, load_catalog())
    where = data.draw(st.integers(0, len(original) - 1))
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != original[where]))
    path = folder / "copy.json"
    path.write_bytes(original[:where] + bytes([byte]) + original[where + 1 :])
    assert cache.read_copy(path, source, Catalog) in (None, load_catalog())


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = body
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is KeyError:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


@pytest.mark.parametrize(
    "change",
    [
        _set("skills.0.source_line", "12"),  # text where a number belongs
        _set("skills.0.source_line", True),  # a bool is not an int
        _set("skills.0.source_line", 1.5),
        _set("skills.0.name", 7),
        _set("skills.0.category", "favourite"),  # not a category
        _set("skills.0.levels", ["a", "b", "c", "d", "e"]),  # five levels, not six
        _set("skills.0.levels", "abcdef"),
        _set("skills.0.id", None),
        _set("skills.0.id", KeyError),  # a field missing
        _set("skills.0.surprise", "x"),  # a field too many
        _set("roles", {"0": {}}),
        _set("requirements.0.priority", None),
        _set("interview.theme_skill_ids", [[1]]),
        _set("tips.gpu-cuda-programming", ["one", "two"]),
        _set("tips", []),
        _set("version", ["1"]),
    ],
)
def test_wrong_types_are_a_miss_even_with_valid_hashes(
    folder: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    source = cache._source_hash(folder, FILES)
    body = json.loads(load_catalog().model_dump_json())
    change(body)
    path = folder / "copy.json"
    path.write_bytes(forged(source, body))
    assert cache.read_copy(path, source, Catalog) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\n",
        b"not json\n{}",
        b"[]\n[]",
        b'{"format": "gaptracker-catalog-cache"}\n{}',
        b"\xff\xfe\x00garbage",
        b'{"a": ' * 100_000 + b"\n",  # nested too deeply for the parser
        pickle.dumps({"a": "dict, not a catalog"}),
    ],
    ids=["empty", "newline", "not-json", "lists", "no-hashes", "binary", "deep", "pickle"],
)
def test_garbage_is_a_miss(folder: Path, tmp_path: Path, build: Builds, content: bytes) -> None:
    store = tmp_path / "cache"
    kept_copy(folder, store, build).write_bytes(content)
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2


def test_a_copy_made_for_other_files_is_a_miss(folder: Path, build: Builds) -> None:
    source = cache._source_hash(folder, FILES)
    path = folder / "copy.json"
    path.write_bytes(cache.encode("0" * 64, load_catalog()))
    assert cache.read_copy(path, source, Catalog) is None


def test_a_huge_file_is_a_miss_and_never_read(folder: Path) -> None:
    source = cache._source_hash(folder, FILES)
    path = folder / "copy.json"
    good = cache.encode(source, load_catalog())
    with path.open("wb") as handle:
        handle.write(good)
        handle.truncate(MAX_BYTES + 1)  # sparse: a good copy followed by zeros
    assert cache.read_copy(path, source, Catalog) is None
    assert len(good) * 20 < MAX_BYTES  # the shipped catalog's copy is far below the cap


def test_a_symlink_to_elsewhere_is_a_miss_and_stays_untouched(
    folder: Path, tmp_path: Path, build: Builds
) -> None:
    store = tmp_path / "cache"
    copy = kept_copy(folder, store, build)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(copy.read_bytes())  # even a good copy: it is not ours to trust
    copy.unlink()
    copy.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2
    assert copy.is_symlink() and elsewhere.read_bytes() == before


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_in_place_of_the_copy_is_a_miss(
    folder: Path, tmp_path: Path, build: Builds, kind: str
) -> None:
    store = tmp_path / "cache"
    copy = kept_copy(folder, store, build)
    copy.unlink()
    if kind == "folder":
        copy.mkdir()
    else:
        os.mkfifo(copy)  # opening it to read would wait forever for a writer
    with fails_if_it_blocks():
        assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2


def test_a_copy_others_may_write_is_a_miss(folder: Path, tmp_path: Path, build: Builds) -> None:
    store = tmp_path / "cache"
    copy = kept_copy(folder, store, build)
    copy.chmod(0o666)
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2


def test_a_copy_owned_by_someone_else_is_a_miss(
    folder: Path, tmp_path: Path, build: Builds
) -> None:
    store = tmp_path / "cache"
    copy = kept_copy(folder, store, build)
    give_away(copy)
    assert cached_catalog(folder, FILES, store, build) == load_catalog()
    assert build.count == 2
