"""Rubric drift end to end: rate under the built-in pack, fork it, change one level
descriptor of one skill, use the fork: `gap --json` and every export flag that skill only,
until it is rated again. A fork that only renames a skill flags nothing."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

from gaptracker.domain.rubric import RUBRIC_CHANGED
from tests.cli.conftest import Run
from tests.cli.test_pack_versions import CHANGE, NEW, OLD, renamed_fork

ROLE = "inference-optimization-engineer"
EDITED = "gpu-cuda-programming"
RATED = {EDITED: "2", "reproducibility-discipline": "3", OLD: "1"}


def rate_all(gt: Run) -> None:
    assert gt("target", ROLE).status == 0
    for skill_id, level in RATED.items():
        assert gt("rate", skill_id, level, "--at", "2026-01-05").status == 0, skill_id


def edit_one_descriptor(gt: Run, packs: Path) -> None:
    """`pack init mine`, then level 2 of EDITED reads otherwise in its skills.toml."""
    assert gt("pack", "init", "mine").status == 0
    skills_file = packs / "mine" / "skills.toml"
    text = skills_file.read_text(encoding="utf-8")
    skills = tomllib.loads(text)["skills"]
    descriptor = next(s for s in skills if s["id"] == EDITED)["levels"][2]
    assert text.count(f'"{descriptor}"') == 1
    skills_file.write_text(
        text.replace(f'"{descriptor}"', f'"{descriptor}, and tunes its tile sizes"'),
        encoding="utf-8",
    )
    assert gt("pack", "validate", "mine").status == 0


def flagged_in_json(gt: Run, *command: str) -> dict[str, bool]:
    result = gt(*command)
    assert result.status == 0, result.err
    report: dict[str, Any] = json.loads(result.out)
    assert report["schema_version"] == 2
    return {row["skill_id"]: row["rubric_changed"] for row in report["gaps"]}


def flagged_in_csv(gt: Run) -> dict[str, str]:
    result = gt("export", "--format", "csv")
    assert result.status == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    return {row["skill_id"]: row["rubric_changed"] for row in rows}


def only(skill_id: str | None, flags: dict[str, Any], yes: object = True) -> None:
    assert {s for s, flag in flags.items() if flag == yes} == ({skill_id} if skill_id else set())


def test_a_changed_descriptor_flags_that_skill_everywhere_until_it_is_rated_again(
    gt: Run, packs: Path, tmp_path: Path
) -> None:
    rate_all(gt)
    only(None, flagged_in_json(gt, "gap", "--json"))
    edit_one_descriptor(gt, packs)
    assert gt("pack", "use", "mine").status == 0

    only(EDITED, flagged_in_json(gt, "gap", "--json"))
    only(EDITED, flagged_in_json(gt, "export", "--format", "json"))
    only(EDITED, flagged_in_csv(gt), yes="yes")
    markdown = gt("export", "--format", "md").out
    assert f"\\* {RUBRIC_CHANGED} GPU" in markdown
    assert markdown.count(RUBRIC_CHANGED) == 1  # under the gap table (not a Must skill)
    (row,) = [line for line in markdown.splitlines() if line.startswith("| GPU")]
    assert "| 2\\* |" in row
    page = tmp_path / "report.html"
    assert gt("export", "--format", "html", "--output", str(page)).status == 0
    html = page.read_text(encoding="utf-8")
    assert html.count(f'<p class="rubric-changed">* {RUBRIC_CHANGED} GPU') == 1
    text = gt("gap").out
    assert f"* {RUBRIC_CHANGED} GPU" in text

    assert gt("rate", EDITED, "3", "--note", "read the new rubric").status == 0
    only(None, flagged_in_json(gt, "gap", "--json"))
    only(None, flagged_in_csv(gt), yes="yes")
    assert RUBRIC_CHANGED not in gt("export", "--format", "md").out

    # Back on the built-in pack the fork's rating does not count (packs are never mixed):
    # the rating made under it shows, against the rubric it was made against.
    assert gt("pack", "use", "research-infra").status == 0
    only(None, flagged_in_json(gt, "gap", "--json"))
    (row,) = [r for r in json.loads(gt("gap", "--json").out)["gaps"] if r["skill_id"] == EDITED]
    assert row["current"] == 2


def test_a_skill_only_renamed_is_not_flagged(gt: Run, packs: Path) -> None:
    rate_all(gt)
    folder = renamed_fork(gt, packs)
    with (folder / "pack.toml").open("a") as manifest:
        manifest.write(CHANGE)
    assert gt("pack", "use", "mine").status == 0
    report = json.loads(gt("gap", "--json").out)
    (row,) = [r for r in report["gaps"] if r["skill_id"] == NEW]
    assert (row["current"], row["rubric_changed"]) == (1, False)  # rated, read through
    only(None, flagged_in_json(gt, "gap", "--json"))


def test_ratings_made_before_digests_were_kept_are_never_flagged(
    gt: Run, packs: Path, db_path: Path
) -> None:
    rate_all(gt)
    with sqlite3.connect(db_path) as conn:  # as migration 0006 leaves the older rows
        conn.execute("UPDATE ratings SET rubric_digest = NULL")
    edit_one_descriptor(gt, packs)
    assert gt("pack", "use", "mine").status == 0
    only(None, flagged_in_json(gt, "gap", "--json"))
    only(None, flagged_in_csv(gt), yes="yes")
