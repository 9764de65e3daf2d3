"""`gaptracker pack ...` end to end: list, init, validate, schema, export and import.

Bad input is one line on stderr, exit 2, and the packs folder exactly as it was."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gaptracker.catalog.loader import load_catalog
from gaptracker.catalog.pack_files import pack_schema
from gaptracker.catalog.packs import PACK_FILES, load_pack
from tests.cli.conftest import PROBLEM_LINE, Run, refused
from tests.pack_strategies import Mutation, mutated_packs


def tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def test_init_then_validate_gives_the_built_in_content_under_a_new_id(gt: Run, packs: Path) -> None:
    result = gt("pack", "init", "my-guide")
    assert result.status == 0, result.err
    assert result.out.strip() == str(packs / "my-guide")
    validated = gt("pack", "validate", "my-guide")
    assert validated.status == 0, validated.out
    assert validated.out.strip() == "pack my-guide@2026.11.1: valid (0 warnings)"
    manifest, catalog = load_pack("my-guide", packs)
    assert catalog == load_catalog()
    assert (manifest.id, manifest.forked_from) == ("my-guide", "research-infra@2026.11.1")
    assert stat.S_IMODE(packs.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (packs / "my-guide").iterdir())
    assert sorted(p.name for p in packs.iterdir()) == ["my-guide"]  # no temp folder left


def test_init_from_a_user_pack(gt: Run, packs: Path) -> None:
    assert gt("pack", "init", "first").status == 0
    assert gt("pack", "init", "second", "--from", "first").status == 0
    manifest, _ = load_pack("second", packs)
    assert manifest.forked_from == "first@2026.11.1"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("pack", "init", "Mine"), "is not a pack id"),
        (("pack", "init", "m"), "is not a pack id"),
        (("pack", "init", "../escape"), "is not a pack id"),
        (("pack", "init", "a" * 41), "is not a pack id"),
        (("pack", "init", "research-infra"), "built-in"),
        (("pack", "init", "existing"), "exists already"),
        (("pack", "init", "new-one", "--from", "nope"), "no pack named 'nope'"),
        (("pack", "init", "new-one", "--from", "/tmp"), "no pack named '/tmp'"),
        (("pack", "validate", "nope"), "no pack named 'nope'"),
        (("pack", "export", "nope", "--output", "x.json"), "no pack named 'nope'"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    gt: Run, packs: Path, argv: tuple[str, ...], fragment: str, tmp_path: Path
) -> None:
    assert gt("pack", "init", "existing").status == 0
    before = tree(tmp_path)
    line = refused(gt(*argv))
    assert fragment in line
    assert tree(tmp_path) == before


def test_list_shows_every_pack_and_marks_invalid_ones(gt: Run, packs: Path) -> None:
    assert gt("pack", "init", "good").status == 0
    (packs / "broken").mkdir()
    (packs / "broken" / "skills.toml").write_bytes(b"\xff")
    os.mkfifo(packs / "a-fifo")
    (packs / ".pack-left-by-a-kill").mkdir()  # a pack being built when the process died
    result = gt("pack", "list")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert "research-infra" in lines[2] and "built-in" in lines[2] and " ok " in lines[2]
    shown = {line.split()[0]: line for line in lines[3:]}
    assert sorted(shown) == ["a-fifo", "broken", "good"]
    assert " ok " in shown["good"] and "yours" in shown["good"]
    assert "invalid (6 problems)" in shown["broken"]  # five missing files, one not UTF-8
    assert "invalid (1 problem)" in shown["a-fifo"]
    rows = json.loads(gt("pack", "list", "--json").out)
    assert [(r["id"], r["built_in"], r["valid"]) for r in rows] == [
        ("research-infra", True, True),
        ("a-fifo", False, False),
        ("broken", False, False),
        ("good", False, True),
    ]
    assert rows[0]["version"] == "2026.11.1" and rows[3]["path"] == str(packs / "good")


def test_list_without_a_packs_folder(gt: Run, packs: Path) -> None:
    rows = json.loads(gt("pack", "list", "--json").out)
    assert [r["id"] for r in rows] == ["research-infra"]
    assert not packs.exists()  # listing makes nothing


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutated_packs())
def test_validate_a_broken_pack_by_path(gt: Run, packs: Path, mutation: Mutation) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = mutation.write(Path(tmp) / "pack")
        result = gt("pack", "validate", str(folder))
    line = refused(result)
    assert re.search(r"has \d+ problems? and", line), line
    lines = result.out.splitlines()
    assert lines and all(re.match(PROBLEM_LINE, x) for x in lines), lines
    assert any(x.startswith(mutation.file) and mutation.expected in x for x in lines)


def test_schema_is_the_models_schema(gt: Run) -> None:
    result = gt("pack", "schema")
    assert result.status == 0
    schema = json.loads(result.out)
    assert tuple(schema) == PACK_FILES
    assert schema == json.loads(json.dumps(pack_schema()))


def test_export_then_import_round_trip(gt: Run, packs: Path, tmp_path: Path) -> None:
    assert gt("pack", "init", "shared").status == 0
    original = tree(packs / "shared")
    exported = tmp_path / "shared.json"
    assert gt("pack", "export", "shared", "--output", str(exported)).status == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["manifest"]["id"] == "shared" and len(document["sha256"]) == 64
    assert "exists already" in refused(gt("pack", "import", str(exported)))
    for path in (packs / "shared").iterdir():
        path.unlink()
    (packs / "shared").rmdir()
    result = gt("pack", "import", str(exported))
    assert result.status == 0, result.err
    assert result.out.strip() == str(packs / "shared")
    assert tree(packs / "shared") == original
    assert gt("pack", "validate", "shared").status == 0


def test_the_built_in_pack_exports_but_its_id_is_not_imported(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "built-in.json"
    assert gt("pack", "export", "research-infra", "--output", str(exported)).status == 0
    assert "built-in" in refused(gt("pack", "import", str(exported)))
    assert tree(packs) == {}


def _exported(gt: Run, tmp_path: Path) -> dict[str, object]:
    exported = tmp_path / "e.json"
    assert gt("pack", "export", "research-infra", "--output", str(exported)).status == 0
    document: dict[str, object] = json.loads(exported.read_text(encoding="utf-8"))
    return document


def _rehash(document: dict[str, object]) -> None:
    from gaptracker.catalog.packs import content_hash

    files = document["files"]
    assert isinstance(files, dict)
    document["sha256"] = content_hash({k: v.encode() for k, v in files.items()})


@pytest.mark.parametrize(
    "kind", ["not json", "deep", "edited", "invalid content", "manifest differs", "fifo", "huge"]
)
def test_a_bad_pack_file_installs_nothing(gt: Run, packs: Path, tmp_path: Path, kind: str) -> None:
    document = _exported(gt, tmp_path)
    files = document["files"]
    assert isinstance(files, dict)
    files["pack.toml"] = files["pack.toml"].replace('"research-infra"', '"other"')
    document["manifest"] = {**document["manifest"], "id": "other"}  # type: ignore[dict-item]
    _rehash(document)
    path = tmp_path / "in.json"
    text = json.dumps(document)
    if kind == "not json":
        text = "{not json"
    elif kind == "deep":
        text = "[" * 200_000
    elif kind == "edited":
        text = json.dumps({**document, "files": {**files, "roles.toml": files["roles.toml"] + "#"}})
    elif kind == "invalid content":
        files["roles.toml"] = files["roles.toml"].replace("layer = 3", "layer = 0")
        _rehash(document)
        text = json.dumps(document)
    elif kind == "manifest differs":
        text = json.dumps({**document, "manifest": {**document["manifest"], "name": "x"}})  # type: ignore[dict-item]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(200 * 2**20)
    else:
        path.write_text(text, encoding="utf-8")
    before = tree(packs)
    line = refused(gt("pack", "import", str(path)))
    assert str(path) in line
    assert tree(packs) == before
    if kind == "invalid content":
        assert "roles.toml:roles[0].layer" in line
    # the same document, unbroken, installs
    document["files"] = {
        **files,
        "roles.toml": files["roles.toml"].replace("layer = 0", "layer = 3"),
    }
    _rehash(document)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    assert gt("pack", "import", str(good)).status == 0
    assert sorted(p.name for p in packs.iterdir()) == ["other"]


def test_an_interrupted_install_leaves_no_pack(
    gt: Run, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_rename = os.rename

    def dies(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # as if the user pressed ctrl+c just before the rename

    monkeypatch.setattr(os, "rename", dies)
    assert gt("pack", "init", "half").status == 130
    monkeypatch.setattr(os, "rename", real_rename)
    assert list(packs.iterdir()) == []
    assert gt("pack", "init", "half").status == 0


def test_a_kills_leftover_is_cleaned_by_the_next_install_and_a_busy_one_is_not(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    import fcntl

    assert gt("pack", "init", "first").status == 0
    dead, busy = packs / ".pack-killed", packs / ".pack-being-built"
    for folder in (dead, busy):
        folder.mkdir()
        (folder / "skills.toml").write_text("half")
    elsewhere = tmp_path / "not-ours"
    elsewhere.mkdir()
    (packs / ".pack-link").symlink_to(elsewhere)
    fd = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as the process building it holds it
        assert gt("pack", "init", "second").status == 0
        assert not dead.exists()
        assert (busy / "skills.toml").read_text() == "half"
    finally:
        os.close(fd)
    assert elsewhere.is_dir() and (packs / ".pack-link").is_symlink()
    assert sorted(p.name for p in packs.iterdir() if not p.name.startswith(".")) == [
        "first",
        "second",
    ]
