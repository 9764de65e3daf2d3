"""`pack use`: the app follows the active pack, and ratings made under the pack it came
from keep counting, read through its changes (issue 17's migration properties, end to
end through the command line with a real pack)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.cli.conftest import Run, refused
from tests.cli.test_pack_versions import CHANGE, NEW, OLD, renamed_fork

ROLE = "inference-optimization-engineer"


def rated(gt: Run) -> None:
    assert gt("target", ROLE).status == 0
    assert gt("rate", OLD, "3", "--at", "2026-01-05", "--note", "canaries").status == 0
    assert gt("rate", "gpu-cuda-programming", "2", "--at", "2026-01-06").status == 0


def gap(gt: Run) -> dict[str, Any]:
    result = gt("gap", "--json")
    assert result.status == 0, result.err
    report: dict[str, Any] = json.loads(result.out)
    return report


def use_renamed_fork(gt: Run, packs: Path) -> Path:
    folder = renamed_fork(gt, packs)
    with (folder / "pack.toml").open("a") as manifest:
        manifest.write(CHANGE)
    return folder


def test_a_rename_keeps_readiness_and_history(gt: Run, packs: Path) -> None:
    rated(gt)
    before = gap(gt)
    use_renamed_fork(gt, packs)
    result = gt("pack", "use", "mine")
    assert result.status == 0, result.err
    assert result.out.splitlines() == [
        "active pack: mine@2026.12.0 (Research And Infrastructure Roles)",
        "research-infra@2026.11.1 -> mine@2026.12.0",
        f"renamed: {OLD} -> {NEW}",
    ]
    after = gap(gt)
    assert (before["pack"], after["pack"]) == ("research-infra", "mine")
    assert after["catalog_version"] == "2026.12.0"
    for figure in ("readiness", "must_readiness", "unrated_count", "ready"):
        assert after[figure] == before[figure], figure
    (row,) = [r for r in after["gaps"] if r["skill_id"] == NEW]
    assert (row["current"], row["note"], len(row["history"])) == (3, "canaries", 1)
    history = gt("history", "--json")
    assert [(r["skill_id"], r["level"]) for r in json.loads(history.out)] == [
        (OLD, 3),
        ("gpu-cuda-programming", 2),
    ]
    status = json.loads(gt("status", "--json").out)
    assert status["pack"] == "mine@2026.12.0"
    assert gt("status").out.rstrip().endswith("| pack mine@2026.12.0")


def test_new_ratings_carry_the_active_pack_and_count(gt: Run, packs: Path) -> None:
    rated(gt)
    use_renamed_fork(gt, packs)
    assert gt("pack", "use", "mine").status == 0
    assert gt("rate", NEW, "4", "--at", "2026-01-07").status == 0
    (row,) = [r for r in gap(gt)["gaps"] if r["skill_id"] == NEW]
    assert [h["level"] for h in row["history"]] == [3, 4]
    assert row["current"] == 4
    # Back on the built-in pack, a rating of a skill it does not have does not count.
    assert gt("pack", "use", "research-infra").status == 0
    (old_row,) = [r for r in gap(gt)["gaps"] if r["skill_id"] == OLD]
    assert old_row["current"] == 3


def test_pack_list_marks_the_active_pack(gt: Run, packs: Path) -> None:
    use_renamed_fork(gt, packs)
    listed = {p["id"]: p["active"] for p in json.loads(gt("pack", "list", "--json").out)}
    assert listed == {"research-infra": True, "mine": False}
    assert gt("pack", "use", "mine").status == 0
    listed = {p["id"]: p["active"] for p in json.loads(gt("pack", "list", "--json").out)}
    assert listed == {"research-infra": False, "mine": True}
    (line,) = [x for x in gt("pack", "list").out.splitlines() if " mine " in x]
    assert line.startswith("*")


def test_an_invalid_or_unknown_pack_changes_nothing(gt: Run, packs: Path, db_path: Path) -> None:
    rated(gt)
    folder = renamed_fork(gt, packs)  # renamed without saying so: invalid
    before = db_path.read_bytes()
    assert "is not valid" in refused(gt("pack", "use", "mine"))
    assert "no pack named 'nope'" in refused(gt("pack", "use", "nope"))
    (folder / "skills.toml").write_text("not = [toml")
    refused(gt("pack", "use", "mine"))
    assert db_path.read_bytes() == before
    assert gap(gt)["pack"] == "research-infra"


def test_a_deleted_active_pack_is_said_once_and_the_built_in_one_read(gt: Run, packs: Path) -> None:
    rated(gt)
    built_in_status = gt("status").out
    folder = use_renamed_fork(gt, packs)
    assert gt("pack", "use", "mine").status == 0
    shutil.rmtree(folder)
    result = gt("status")
    assert result.status == 0
    assert result.out == built_in_status
    (warning,) = result.err.splitlines()
    assert warning.startswith("gaptracker: warning: the active pack 'mine' cannot be read")
    report = gap(gt)
    assert report["pack"] == "research-infra"
    (row,) = [r for r in report["gaps"] if r["skill_id"] == OLD]
    assert row["current"] == 3  # the ratings made under the built-in pack still count


def test_an_active_pack_that_became_invalid_falls_back(gt: Run, packs: Path) -> None:
    rated(gt)
    folder = use_renamed_fork(gt, packs)
    assert gt("pack", "use", "mine").status == 0
    (folder / "roles.toml").write_text("[[roles]]\nid = 3\n")
    result = gt("gap")
    assert result.status == 0
    (warning,) = result.err.splitlines()
    assert "'mine' cannot be read" in warning and "research-infra" in warning


def test_a_pack_without_tips_warns_and_plans_by_the_next_level(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    """Tips are help, not structure: `pack validate` warns for each skill without them,
    and every output that shows a tip shows the next level's descriptor instead."""
    assert gt("pack", "init", "mine").status == 0
    (packs / "mine" / "tips.toml").write_text("tips = []\n")
    checked = gt("pack", "validate", "mine")
    assert checked.status == 0, checked
    assert (
        "tips.toml:tips: warning: no tips for skill 'gpu-cuda-programming': the plan shows its"
        " next level's descriptor"
    ) in (checked.out + checked.err).splitlines()
    assert gt("pack", "use", "mine").status == 0
    assert gt("target", ROLE).status == 0
    assert gt("rate", "gpu-cuda-programming", "1").status == 0
    plan = gt("plan", "--json")
    assert plan.status == 0, plan.err
    steps = json.loads(plan.out)["next_steps"]
    assert steps and all(s["tip"].startswith(f"show level {s['current'] + 1}: ") for s in steps)
    for form in ("md", "json", "csv", "html"):
        output = tmp_path / f"report.{form}"
        exported = gt("export", "--format", form, "--output", str(output))
        assert exported.status == 0, (form, exported.err)
        if form in ("md", "html"):
            assert f"show level {steps[0]['current'] + 1}: " in output.read_text()


def test_pack_use_prints_what_the_tui_diff_screen_shows(gt: Run, packs: Path) -> None:
    """One wording: the TUI's tests check its diff screen against these same lines."""
    from tests.tui.packs import DIFF, make_packs

    make_packs(packs)
    result = gt("pack", "use", "mine")
    assert result.status == 0, result.err
    assert result.out.splitlines() == ["active pack: mine@2026.12.0 (My inference track)", *DIFF]
