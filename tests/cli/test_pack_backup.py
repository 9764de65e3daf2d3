"""A user pack's life through the entry point: fork it, rate under it, make version 2
merge two skills and retire one, and restore backups from before the change after it.

Version 2 of `mine` merges TAKEN into KEPT (the latest rating by date counts) and retires
RETIRED (kept in history, out of readiness); a backup made before (schema 2, carrying
mine@1) and one of schema 1 (the built-in pack's rows, as older gaptracker wrote them)
both restore into a fresh database after it and read the same.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, refused

ROLE = "ai-infra-platform-engineer"
KEPT, TAKEN, RETIRED = (
    "docker-and-kubernetes",
    "operational-systems-depth",
    "patience-with-ambiguity",
)
V1, V2 = "2026.11.1", "2026.12.0"
CHANGES = f"""
[[changes]]
from_version = "{V1}"
to_version = "{V2}"
merged = {{ "{KEPT}" = ["{TAKEN}"] }}
retired = ["{RETIRED}"]
"""


def without_skills(text: str, table: str, key: str, gone: set[str]) -> str:
    """The TOML text with the `[[table]]` entries whose `key` is one of `gone` left out."""
    head, *entries = text.split(f"[[{table}]]\n")
    kept = [e for e in entries if not any(f'{key} = "{g}"\n' in e for g in gone)]
    assert len(entries) - len(kept) >= len(gone)
    return head + "".join(f"[[{table}]]\n{e}" for e in kept)


def make_version_2(folder: Path) -> None:
    """Edit the pack's files as a user would: two skills become one, one is retired."""
    gone = {TAKEN, RETIRED}
    for name, table, key in [
        ("skills.toml", "skills", "id"),
        ("requirements.toml", "requirements", "skill"),
        ("tips.toml", "tips", "skill"),
    ]:
        path = folder / name
        path.write_text(without_skills(path.read_text(), table, key, gone))
    for name in ("pack.toml", "guide.toml"):
        path = folder / name
        text = path.read_text()
        assert f'version = "{V1}"' in text
        path.write_text(text.replace(f'version = "{V1}"', f'version = "{V2}"'))
    with (folder / "pack.toml").open("a") as manifest:
        manifest.write(CHANGES)


def current_levels(gt: Run) -> dict[str, int | None]:
    result = gt("gap", "--json")
    assert result.status == 0, result.err
    report = json.loads(result.out)
    return {row["skill_id"]: row["current"] for row in report["must_skills"] + report["gaps"]}


def history(gt: Run) -> list[tuple[str, int, str, str]]:
    result = gt("history", "--json")
    assert result.status == 0, result.err
    return [
        (r["skill_id"], r["level"], r["effective_date"], r["pack_id"])
        for r in json.loads(result.out)
    ]


def rate_under_mine(gt: Run) -> None:
    assert gt("pack", "init", "mine").status == 0
    assert gt("pack", "use", "mine").status == 0
    assert gt("target", ROLE).status == 0
    for skill, level, day in [
        (KEPT, 2, "2026-03-01"),
        (TAKEN, 4, "2026-03-20"),  # the latest of the two merged skills: it counts
        (KEPT, 1, "2026-03-10"),
        (RETIRED, 3, "2026-03-05"),
    ]:
        assert gt("rate", skill, str(level), "--at", day).status == 0


def test_merged_and_retired_skills_read_through_version_2(gt: Run, packs: Path) -> None:
    rate_under_mine(gt)
    saved = history(gt)
    before = current_levels(gt)
    assert (before[KEPT], before[TAKEN], before[RETIRED]) == (1, 4, 3)

    make_version_2(packs / "mine")
    validated = gt("pack", "validate", "mine")
    assert validated.status == 0, validated.out + validated.err
    used = gt("pack", "use", "mine")
    assert used.status == 0, used.err
    assert f"mine@{V2}" in used.out

    after = current_levels(gt)
    assert after[KEPT] == 4  # TAKEN's rating of 2026-03-20 is the latest by date
    assert TAKEN not in after and RETIRED not in after  # merged away; out of readiness
    assert history(gt) == saved  # every rating as saved, the retired one too
    assert (RETIRED, 3, "2026-03-05", "mine") in saved
    status = gt("status", "--json")
    assert json.loads(status.out)["last_rating_on"] == "2026-03-20"


def test_a_backup_from_before_the_change_restores_after_it(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    rate_under_mine(gt)
    backup = tmp_path / "before.json"
    assert gt("backup", str(backup)).status == 0
    document = json.loads(backup.read_text())
    assert document["schema_version"] == 2
    [carried] = document["packs"]
    assert (carried["id"], carried["version"]) == ("mine", V1)
    assert [c["pack_id"] for c in document["pack_choices"]] == ["mine"]

    make_version_2(packs / "mine")
    assert gt("pack", "use", "mine").status == 0
    expected = current_levels(gt)
    saved = history(gt)

    fresh = tmp_path / "fresh.sqlite"
    again = _on(gt, fresh)
    restored = again("restore", str(backup))
    assert restored.status == 0, restored.err
    assert "installing" not in restored.err  # mine@2 is there and leads from mine@1
    assert again("pack", "use", "mine").status == 0
    assert current_levels(again) == expected
    assert history(again) == saved
    assert (packs / "mine" / "pack.toml").read_text().count("[[changes]]") == 1  # kept


def test_a_schema_1_backup_of_the_built_in_pack_resolves_under_version_2(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    assert gt("target", ROLE).status == 0
    assert gt("rate", KEPT, "1", "--at", "2026-02-01").status == 0  # built-in pack
    assert gt("rate", TAKEN, "3", "--at", "2026-02-02").status == 0
    assert gt("rate", RETIRED, "2", "--at", "2026-02-03").status == 0
    v2_backup = tmp_path / "v2.json"
    assert gt("backup", str(v2_backup)).status == 0
    v1 = schema_1(json.loads(v2_backup.read_text()))
    v1_backup = tmp_path / "v1.json"
    v1_backup.write_text(json.dumps(v1))

    assert gt("pack", "init", "mine").status == 0
    make_version_2(packs / "mine")
    fresh = _on(gt, tmp_path / "fresh.sqlite")
    restored = fresh("restore", str(v1_backup))
    assert restored.status == 0, restored.err
    assert fresh("pack", "use", "mine").status == 0
    levels = current_levels(fresh)
    assert levels[KEPT] == 3 and TAKEN not in levels and RETIRED not in levels
    assert [h[0] for h in history(fresh)] == [KEPT, TAKEN, RETIRED]


def schema_1(document: dict[str, Any]) -> dict[str, Any]:
    """The document as gaptracker wrote it before packs: no packs, no choices, no pack_id."""
    v1 = {k: v for k, v in document.items() if k not in ("packs", "pack_choices")}
    v1["schema_version"] = 1
    for field in ("ratings", "target_changes", "applicability_marks", "checkins", "goals"):
        v1[field] = [{k: v for k, v in row.items() if k != "pack_id"} for row in v1[field]]
    v1["plan_events"] = [
        {k: v for k, v in row.items() if k != "pack_id"} for row in v1["plan_events"]
    ]
    return v1


def _on(gt: Run, db: Path) -> Run:
    """`gt` against another database file (the packs folder stays the same)."""

    def run(*args: str) -> Any:
        return gt("--db", str(db), *args)

    return run


def test_a_backup_made_after_the_change_restores_on_a_new_machine(
    gt: Run, packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate_under_mine(gt)
    assert gt("not-applicable", RETIRED, "--reason", "solo work").status == 0
    make_version_2(packs / "mine")
    assert gt("pack", "use", "mine").status == 0
    expected, saved = current_levels(gt), history(gt)
    backup = tmp_path / "after.json"
    assert gt("backup", str(backup)).status == 0  # rows of mine@1 name skills now gone
    assert json.loads(backup.read_text())["packs"][0]["version"] == V2

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new-machine"))
    fresh = _on(gt, tmp_path / "new.sqlite")
    restored = fresh("restore", str(backup))
    assert restored.status == 0, restored.err
    assert (current_levels(fresh), history(fresh)) == (expected, saved)


def test_a_pack_edited_in_place_is_not_replaced_by_a_restore(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    rate_under_mine(gt)
    backup = tmp_path / "b.json"
    assert gt("backup", str(backup)).status == 0
    skills = packs / "mine" / "skills.toml"
    edited = skills.read_text().replace("Docker and Kubernetes", "Containers", 1)
    skills.write_text(edited)
    line = refused(_on(gt, tmp_path / "fresh.sqlite")("restore", str(backup)))
    assert "'mine'" in line and "differs from the backup's" in line
    assert skills.read_text() == edited
    assert not (tmp_path / "fresh.sqlite").exists() or _rows(tmp_path / "fresh.sqlite") == 0
    assert sorted(p.name for p in packs.iterdir()) == ["mine"]  # no staged leftovers


def _rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        tables = ("ratings", "target_changes", "pack_choices")
        return sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_restore_installs_a_missing_pack_and_keeps_every_row(
    gt: Run, packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate_under_mine(gt)
    backup = tmp_path / "b.json"
    assert gt("backup", str(backup)).status == 0
    original = json.loads(backup.read_text())
    files = {p.name: p.read_bytes() for p in (packs / "mine").iterdir()}

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new-machine"))
    new_packs = tmp_path / "new-machine" / "gaptracker" / "packs"
    fresh = _on(gt, tmp_path / "new.sqlite")
    restored = fresh("restore", str(backup))
    assert restored.status == 0, restored.err
    assert "installing the packs mine" in restored.err
    assert {p.name: p.read_bytes() for p in (new_packs / "mine").iterdir()} == files
    assert fresh("pack", "validate", "mine").status == 0
    again = tmp_path / "again.json"
    assert fresh("backup", str(again)).status == 0
    assert _data(json.loads(again.read_text())) == _data(original)
    assert re.search(r"mine@2026\.11\.1", fresh("status").out)  # the choice came back


def _data(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in ("created_at", "app_version")}


def test_a_failed_commit_leaves_no_pack_installed(
    gt: Run, packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate_under_mine(gt)
    backup = tmp_path / "b.json"
    assert gt("backup", str(backup)).status == 0
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new-machine"))
    new_packs = tmp_path / "new-machine" / "gaptracker" / "packs"

    from gaptracker.domain.errors import UserInputError
    from gaptracker.storage.unit_of_work import SqlUnitOfWork

    def failing_commit(self: SqlUnitOfWork) -> None:
        assert (new_packs / "mine").is_dir()  # installed just before the commit
        raise UserInputError("the disk is full")

    monkeypatch.setattr(SqlUnitOfWork, "commit", failing_commit)
    fresh = tmp_path / "new.sqlite"
    assert refused(_on(gt, fresh)("restore", str(backup))).endswith("the disk is full")
    monkeypatch.undo()
    assert list(new_packs.iterdir()) == []
    assert not fresh.exists() or _rows(fresh) == 0
