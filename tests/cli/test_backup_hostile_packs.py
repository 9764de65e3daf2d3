"""A schema 2 backup whose packs are damaged, edited or hostile is refused with one line,
and nothing changes: no row in the database, no pack (nor a staged leftover) in the
packs folder of the machine it is restored on."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.catalog.loader import MAX_FILE_BYTES
from gaptracker.catalog.packs import PACK_FILES, content_hash
from tests.cli.conftest import Result, Run, refused
from tests.cli.test_pack_backup import rate_under_mine

Doc = dict[str, Any]


@pytest.fixture
def backup(gt: Run, packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Doc:
    """A valid schema 2 backup carrying the pack `mine`; afterwards the commands run on a
    new machine (another user-data folder, no packs) against a new database."""
    rate_under_mine(gt)
    path = tmp_path / "good.json"
    assert gt("backup", str(path)).status == 0
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new-machine"))
    document: Doc = json.loads(path.read_text())
    return document


@pytest.fixture
def restore(gt: Run, tmp_path: Path) -> Callable[[Doc | str], Result]:
    """Restore a document into the new machine's database and check nothing changed when
    it is refused."""
    target = tmp_path / "new.sqlite"
    new_packs = tmp_path / "new-machine" / "gaptracker" / "packs"

    def run(document: Doc | str) -> Result:
        path = tmp_path / "hostile.json"
        path.write_text(document if isinstance(document, str) else json.dumps(document))
        result = gt("--db", str(target), "restore", str(path))
        if result.status != 0:
            refused(result)
            assert not new_packs.exists() or list(new_packs.iterdir()) == []
            history = gt("--db", str(target), "history", "--json")
            assert json.loads(history.out or "[]") == []
        return result

    return run


def rehashed(document: Doc) -> Doc:
    """The document with its pack's content_hash made to match its (edited) files."""
    pack = document["packs"][0]
    if isinstance(pack.get("files"), dict) and set(pack["files"]) == set(PACK_FILES):
        texts = pack["files"]
        if all(isinstance(t, str) for t in texts.values()):
            pack["content_hash"] = content_hash({n: texts[n].encode() for n in PACK_FILES})
    return document


def edit(document: Doc, change: Callable[[Doc], object], rehash: bool = True) -> Doc:
    changed = copy.deepcopy(document)
    change(changed["packs"][0])
    return rehashed(changed) if rehash else changed


MUTATIONS: dict[str, tuple[Callable[[Doc], object], bool, str]] = {
    "hash": (lambda p: p.update(content_hash="0" * 64), False, "does not match its files"),
    "file edited": (
        lambda p: p["files"].update({"skills.toml": p["files"]["skills.toml"] + "\n# x\n"}),
        False,
        "does not match its files",
    ),
    "a file missing": (lambda p: p["files"].pop("tips.toml"), False, "must hold exactly"),
    "a name not a pack file": (
        lambda p: p["files"].update({"../../evil.toml": "x = 1"}),
        False,
        "must hold exactly",
    ),
    "path-like id": (lambda p: p.update(id="../mine"), True, "packs[0].id"),
    "id with a slash": (lambda p: p.update(id="a/b"), True, "packs[0].id"),
    "wrong type: files": (lambda p: p.update(files=["pack.toml"]), False, "packs[0].files"),
    "wrong type: a file": (
        lambda p: p["files"].update({"tips.toml": 7}),
        False,
        "packs[0].files.tips.toml",
    ),
    "wrong type: hash": (lambda p: p.update(content_hash=12), False, "content_hash"),
    "unknown field": (lambda p: p.update(run="rm -rf ~"), False, "packs[0].run"),
    "version not its pack.toml's": (lambda p: p.update(version="9.9"), True, "version"),
    "invalid content": (
        lambda p: p["files"].update({"skills.toml": "skills = 3\n"}),
        True,
        "is not valid",
    ),
    "huge file": (
        lambda p: p["files"].update({"tips.toml": "#" * (MAX_FILE_BYTES + 1)}),
        True,
        "larger than",
    ),
    "manifest of another pack": (
        lambda p: p["files"].update(
            {"pack.toml": p["files"]["pack.toml"].replace('id = "mine"', 'id = "theirs"')}
        ),
        True,
        "is not its folder's name",
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_damaged_or_hostile_pack_is_refused_and_nothing_changes(
    backup: Doc, restore: Callable[[Doc | str], Result], name: str
) -> None:
    change, rehash, said = MUTATIONS[name]
    line = refused(restore(edit(backup, change, rehash)))
    assert said in line, line


@pytest.mark.parametrize(
    "change, said",
    [
        (lambda d: d.update(packs=[]), "the backup carries no pack 'mine'"),
        (lambda d: d.update(packs=d["packs"] * 2), "is carried twice"),
        (lambda d: d["packs"][0].update(id="research-infra"), "ships with gaptracker"),
        (lambda d: d["pack_choices"].append({**d["pack_choices"][0], "pack_id": "zz"}), "'zz'"),
        (lambda d: d.update(pack_choices="mine"), "pack_choices"),
        (lambda d: d.update(schema_version=1), "packs"),  # version 1 has no packs
    ],
)
def test_packs_and_choices_that_do_not_fit_the_rows_are_refused(
    backup: Doc, restore: Callable[[Doc | str], Result], change: Callable[[Doc], object], said: str
) -> None:
    document = copy.deepcopy(backup)
    change(document)
    assert said in refused(restore(document))


def test_the_untouched_backup_restores(backup: Doc, restore: Callable[[Doc | str], Result]) -> None:
    result = restore(backup)  # the fixtures' own check: the mutations above are the cause
    assert result.status == 0, result.err


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(PACK_FILES),
    text=st.text(max_size=300),
    rehash=st.booleans(),
)
def test_any_text_for_a_pack_file_is_refused_cleanly(
    backup: Doc, restore: Callable[[Doc | str], Result], name: str, text: str, rehash: bool
) -> None:
    document = edit(backup, lambda p: p["files"].update({name: text}), rehash)
    refused(restore(document))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(["id", "version", "content_hash", "files"]),
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=60),
        st.lists(st.text(max_size=5), max_size=3),
        st.dictionaries(st.text(max_size=12), st.text(max_size=12), max_size=3),
    ),
)
def test_any_value_of_a_pack_field_is_refused(
    backup: Doc, restore: Callable[[Doc | str], Result], field: str, value: object
) -> None:
    document = edit(backup, lambda p: p.update({field: value}), rehash=False)
    refused(restore(document))
