"""A fork that changes its skills: ids never change silently (`pack validate`), the changes
travel with the pack (init --from, export/import), and `pack diff` names them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gaptracker.catalog.packs import load_pack
from tests.cli.conftest import PROBLEM_LINE, Run, refused

OLD, NEW = "model-serving", "model-serving-and-ops"
CHANGE = f"""
[[changes]]
from_version = "2026.11.1"
to_version = "2026.12.0"
renamed = {{ "{OLD}" = "{NEW}" }}
"""


def renamed_fork(gt: Run, packs: Path, name: str = "mine") -> Path:
    """A fork of the built-in pack whose version 2026.12.0 calls `OLD` `NEW`."""
    assert gt("pack", "init", name).status == 0
    folder = packs / name
    for file in folder.glob("*.toml"):
        text = file.read_text()
        text = text.replace(f'"{OLD}"', f'"{NEW}"').replace(f"[{OLD}]", f"[{NEW}]")
        file.write_text(text.replace('version = "2026.11.1"', 'version = "2026.12.0"'))
    return folder


def test_a_skill_renamed_without_saying_so_is_refused(gt: Run, packs: Path) -> None:
    renamed_fork(gt, packs)
    result = gt("pack", "validate", "mine")
    refused(result)
    assert result.out.splitlines() == [
        f"pack.toml:changes: skill '{OLD}' of research-infra@2026.11.1 is gone without a"
        " renamed, merged or retired entry"
    ]


def test_a_rename_said_in_the_manifest_validates_and_the_diff_names_it(
    gt: Run,
    packs: Path,
) -> None:
    folder = renamed_fork(gt, packs)
    with (folder / "pack.toml").open("a") as manifest:
        manifest.write(CHANGE)
    assert gt("pack", "validate", "mine").status == 0
    diff = gt("pack", "diff", "research-infra", "mine")
    assert diff.status == 0, diff.err
    assert diff.out.splitlines() == [
        "research-infra@2026.11.1 -> mine@2026.12.0",
        f"renamed: {OLD} -> {NEW}",
    ]
    as_json = json.loads(gt("pack", "diff", "research-infra", "mine", "--json").out)
    assert (as_json["from"], as_json["to"], as_json["renamed"]) == (
        "research-infra@2026.11.1",
        "mine@2026.12.0",
        [[OLD, NEW]],
    )
    unrelated = gt("pack", "diff", "mine", "research-infra").out.splitlines()
    assert f"skill added: {OLD}" in unrelated and f"skill removed: {NEW}" in unrelated


def test_the_changes_travel_with_a_fork_and_a_shared_file(
    gt: Run,
    packs: Path,
    tmp_path: Path,
) -> None:
    folder = renamed_fork(gt, packs)
    with (folder / "pack.toml").open("a") as manifest:
        manifest.write(CHANGE)
    assert gt("pack", "init", "grandchild", "--from", "mine").status == 0
    shared = tmp_path / "mine.json"
    assert gt("pack", "export", "mine", "--output", str(shared)).status == 0
    (folder.parent / "mine").rename(folder.parent / "old-mine")
    assert gt("pack", "import", str(shared)).status == 0
    for name in ("grandchild", "mine"):
        manifest, _ = load_pack(name, packs)
        assert [dict(c.renamed) for c in manifest.changes] == [{OLD: NEW}]
        assert gt("pack", "validate", name).status == 0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (f'renamed = {{ "{OLD}" = "no-such-skill" }}', "'no-such-skill' is not a skill"),
        ('retired = ["gpu-cuda-programming"]', "is still a skill"),
        (f'renamed = {{ "{OLD}" = "{NEW}" }}\nretired = ["{OLD}"]', "named twice"),
        (
            f'renamed = {{ "{OLD}" = "{NEW}" }}\n[changes.levels]\n"{NEW}" = [0, 2, 1, 3, 4, 5]',
            "may not read lower",
        ),
        ('renamed = { "Bad Id" = "x" }', ""),
    ],
)
def test_a_wrong_change_entry_is_one_problem_line(
    gt: Run,
    packs: Path,
    entry: str,
    message: str,
) -> None:
    folder = renamed_fork(gt, packs)
    text = f'\n[[changes]]\nfrom_version = "2026.11.1"\nto_version = "2026.12.0"\n{entry}\n'
    with (folder / "pack.toml").open("a") as manifest:
        manifest.write(text)
    result = gt("pack", "validate", "mine")
    refused(result)
    lines = result.out.splitlines()
    assert lines and all(re.match(PROBLEM_LINE, line) for line in lines), lines
    assert any(line.startswith("pack.toml:") and message in line for line in lines), lines


def test_diff_of_unknown_packs_is_one_line(gt: Run, packs: Path) -> None:
    line = refused(gt("pack", "diff", "research-infra", "nope"))
    assert "no pack named 'nope'" in line
