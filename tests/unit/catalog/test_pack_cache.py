"""A user pack starts from its checked copy, and only while everything its check read is
as it was: its own files, its folder's name, the files of the pack it was forked from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.catalog import cache, packs
from gaptracker.catalog.active import active_catalog
from gaptracker.catalog.loader import PACK_FILES
from gaptracker.catalog.pack_cache import CheckedPack, cached_pack
from gaptracker.catalog.pack_store import init_pack
from gaptracker.domain.errors import UserInputError


class CountedChecks:
    """load_pack, counted: a count that grows means the copy missed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = packs.load_pack

        def counted(spec: str, packs_dir: Path) -> object:
            self.count += 1
            return real(spec, packs_dir)

        monkeypatch.setattr(packs, "load_pack", counted)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> CountedChecks:
    return CountedChecks(monkeypatch)


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    init_pack("mine", None, folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_second_start_reads_the_checked_copy(
    packs_dir: Path, store: Path, checks: CountedChecks
) -> None:
    first = cached_pack("mine", packs_dir, store)
    again = cached_pack("mine", packs_dir, store)
    assert checks.count == 1
    assert again == first
    assert again == packs.load_pack("mine", packs_dir)


@pytest.mark.parametrize("name", PACK_FILES)
def test_any_change_to_a_pack_file_is_checked_again(
    packs_dir: Path, store: Path, checks: CountedChecks, name: str
) -> None:
    cached_pack("mine", packs_dir, store)
    with (packs_dir / "mine" / name).open("a") as handle:
        handle.write("\n# edited\n")
    cached_pack("mine", packs_dir, store)
    assert checks.count == 2


def test_a_pack_made_invalid_is_never_read_from_its_old_copy(packs_dir: Path, store: Path) -> None:
    valid = active_catalog("mine", packs_dir, store)
    assert valid.warning is None and valid.pack.id == "mine"
    edit(packs_dir / "mine" / "skills.toml", 'id = "gpu-cuda-programming"', 'id = "Not A Slug"')
    with pytest.raises(UserInputError, match="not valid"):
        cached_pack("mine", packs_dir, store)
    fallen_back = active_catalog("mine", packs_dir, store)
    assert fallen_back.pack.id == "research-infra"
    assert fallen_back.warning is not None and "cannot be read" in fallen_back.warning


def test_the_same_files_under_another_folder_name_are_checked_as_that_pack(
    packs_dir: Path, store: Path
) -> None:
    """The manifest must repeat its folder's name: a copy made under one name does not
    vouch for a folder of another."""
    cached_pack("mine", packs_dir, store)
    (packs_dir / "mine").rename(packs_dir / "other")
    with pytest.raises(UserInputError, match="its folder's name"):
        cached_pack("other", packs_dir, store)


def test_a_change_to_the_pack_it_was_forked_from_is_checked_again(
    packs_dir: Path, store: Path, checks: CountedChecks
) -> None:
    """A fork of a pack beside it is checked against that pack's skills: when the origin
    changes, so may the fork's validity."""
    init_pack("child", "mine", packs_dir)
    cached_pack("child", packs_dir, store)
    cached_pack("child", packs_dir, store)
    assert checks.count == 1
    with (packs_dir / "mine" / "tips.toml").open("a") as handle:
        handle.write("\n# edited\n")
    cached_pack("child", packs_dir, store)
    assert checks.count == 2
    (packs_dir / "mine").rename(packs_dir / "gone")  # the origin is no longer at hand
    cached_pack("child", packs_dir, store)
    assert checks.count == 3


def test_packs_and_the_built_in_catalog_keep_their_own_copies(
    packs_dir: Path, store: Path, checks: CountedChecks
) -> None:
    init_pack("second", None, packs_dir)
    for _ in range(2):
        active_catalog("research-infra", packs_dir, store)
        cached_pack("mine", packs_dir, store)
        cached_pack("second", packs_dir, store)
    assert checks.count == 2
    kinds = sorted(
        p.name.rsplit(".", 2)[0] if p.name.startswith("pack.") else "catalog"
        for p in store.iterdir()
    )
    assert kinds == ["catalog", "pack.mine", "pack.second"]


def test_a_copy_under_a_folder_others_can_write_is_not_read(
    packs_dir: Path, tmp_path: Path, checks: CountedChecks
) -> None:
    """The same rule as for the built-in catalog's copy (test_cache_folder): a copy that
    others could have planted is never read."""
    shared = tmp_path / "shared"
    shared.mkdir()
    store = shared / "gaptracker"
    store.mkdir(mode=0o700)
    cached_pack("mine", packs_dir, store)
    shared.chmod(0o777)
    cached_pack("mine", packs_dir, store)
    cached_pack("mine", packs_dir, store)
    assert checks.count == 3


def _copy_of(store: Path) -> tuple[Path, dict[str, str], dict[str, object]]:
    (path,) = store.glob("pack.mine.*.json")
    header, _, body = path.read_bytes().partition(b"\n")
    return path, json.loads(header), json.loads(body)


def _write(path: Path, meta: dict[str, str], body: object) -> None:
    text = json.dumps(body).encode()
    meta = meta | {"sha256": hashlib.sha256(text).hexdigest()}
    path.write_bytes(json.dumps(meta).encode() + b"\n" + text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    where=st.sampled_from(["manifest", "catalog", "origin", "extra"]),
    value=json_values,
)
def test_a_well_hashed_copy_of_the_wrong_shape_is_a_miss(
    packs_dir: Path, store: Path, where: str, value: object
) -> None:
    """Whoever edits the copy and fixes its hash still gets nothing but a miss (or, for
    a value of the right type, exactly that value: the folder is the user's own)."""
    cached_pack("mine", packs_dir, store)
    path, meta, body = _copy_of(store)
    assert isinstance(body, dict)
    body[where] = value
    _write(path, meta, body)
    found = cache.read_copy(path, meta["source"], CheckedPack)
    assert found is None or (isinstance(found, CheckedPack) and where == "origin")
    manifest, catalog = cached_pack("mine", packs_dir, store)
    assert (manifest, catalog) == packs.load_pack("mine", packs_dir)


def test_a_copy_whose_origin_hash_was_changed_is_checked_again(
    packs_dir: Path, store: Path, checks: CountedChecks
) -> None:
    cached_pack("mine", packs_dir, store)
    path, meta, body = _copy_of(store)
    _write(path, meta, body | {"origin": "0" * 64})
    cached_pack("mine", packs_dir, store)
    assert checks.count == 2
