"""`check_pack` reports every problem of a pack at once, each naming its file; a valid
pack (random, by the catalog's rules) has none and matches `pack schema`."""

from __future__ import annotations

import re
import tempfile
import tomllib
from pathlib import Path

import jsonschema
from hypothesis import given, settings

from gaptracker.catalog.loader import load_catalog
from gaptracker.catalog.pack_files import pack_schema
from gaptracker.catalog.packs import PACK_FILES, built_in_folder, check_pack
from tests.pack_strategies import Mutation, PackData, mutated_packs, valid_packs

PROBLEM_LINE = re.compile(r"\A(pack|guide|roles|skills|requirements|tips)\.toml(:\S*)?: \S")
SCHEMA = pack_schema()


def _schema_errors(folder: Path) -> list[str]:
    errors = []
    for name in PACK_FILES:
        data = tomllib.loads((folder / name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(SCHEMA[name])
        errors += [f"{name}: {e.message}" for e in validator.iter_errors(data)]
    return errors


def test_the_built_in_pack_is_valid_with_no_warnings() -> None:
    check = check_pack(built_in_folder())
    assert check.problems == ()
    assert check.manifest is not None and check.manifest.id == "research-infra"
    assert check.manifest.version == check.catalog.version if check.catalog else False
    assert check.catalog == load_catalog()


def test_the_built_in_pack_validates_against_the_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA["skills.toml"])
    assert _schema_errors(built_in_folder()) == []


@settings(max_examples=60)
@given(pack=valid_packs())
def test_a_random_valid_pack_has_no_errors_and_matches_the_schema(pack: PackData) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = pack.write(Path(tmp) / "p")
        check = check_pack(folder)
        assert check.errors == (), [p.line() for p in check.errors]
        assert check.catalog is not None
        assert check.catalog == load_catalog.__wrapped__(folder)  # the loader agrees
        assert _schema_errors(folder) == []


@settings(max_examples=120)
@given(mutation=mutated_packs())
def test_one_defect_gives_problems_that_name_the_file(mutation: Mutation) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check = check_pack(mutation.write(Path(tmp) / "p"))
    lines = [p.line() for p in check.errors]
    assert lines, mutation.kind
    assert check.catalog is None
    assert all(PROBLEM_LINE.match(line) and "\n" not in line for line in lines), lines
    assert any(p.file == mutation.file and mutation.expected in p.line() for p in check.errors), (
        mutation.kind,
        lines,
    )


def test_every_problem_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    import shutil

    shutil.copytree(built_in_folder(), folder)
    skills = (folder / "skills.toml").read_text(encoding="utf-8")
    (folder / "skills.toml").write_text(
        skills.replace('id = "continual-learning"', 'id = "advanced-fine-tuning"'),
        encoding="utf-8",
    )
    roles = (folder / "roles.toml").read_text(encoding="utf-8")
    (folder / "roles.toml").write_text(roles.replace("layer = 3", "layer = 0"), encoding="utf-8")
    (folder / "tips.toml").write_bytes(b"\xff")
    (folder / "pack.toml").write_text('id = "X"\nname = "n"\nversion = "1"\n', encoding="utf-8")
    lines = {p.line() for p in check_pack(folder).errors}
    assert "tips.toml: is not UTF-8 text (byte 0xff at offset 0)" in lines
    assert any(line.startswith("skills.toml:skills[") and "duplicate id" in line for line in lines)
    assert any(line.startswith("roles.toml:roles[0].layer: ") for line in lines)
    assert any(line.startswith("pack.toml:id: ") for line in lines)
    assert "pack.toml:version: '1' is not guide.toml's '2026.11.1'" in lines


def test_warnings_do_not_fail(tmp_path: Path) -> None:
    pack = PackData(
        {
            **_minimal(),
        }
    )
    folder = pack.write(tmp_path / "p")
    check = check_pack(folder)
    assert check.errors == ()
    assert [p.line() for p in check.warnings] == [
        "skills.toml:skills[1].id: warning: no role requires 'lonely': it is in no gap and"
        " no readiness",
        "roles.toml:roles[0].high_leverage_notes: warning: role 'r1' has no topics",
    ]


def test_a_role_without_a_must_or_without_any_requirement_is_a_warning(tmp_path: Path) -> None:
    data = _minimal()
    roles = data["roles.toml"]["roles"]
    assert isinstance(roles, list)
    roles.append({**roles[0], "id": "r2"})
    requirements = data["requirements.toml"]["requirements"]
    assert isinstance(requirements, list)
    requirements[0]["priority"] = "should"
    requirements[0]["skill"] = "lonely"
    data["skills.toml"]["skills"][0]["category"] = "common"  # type: ignore[index]
    for key in ("priority", "priority_source_line"):
        del data["skills.toml"]["skills"][0][key]  # type: ignore[index]
    check = check_pack(PackData(data).write(tmp_path / "p"))
    assert check.errors == (), [p.line() for p in check.errors]
    lines = [p.line() for p in check.warnings]
    assert (
        "requirements.toml:requirements: warning: role 'r1' requires no Must skill: its"
        " readiness has no Must part"
    ) in lines
    assert (
        "requirements.toml:requirements: warning: role 'r2' requires no skill: it has no target"
        " to reach and reads as ready at once"
    ) in lines


def test_a_skill_without_tips_is_a_warning_and_the_plan_shows_its_next_level(
    tmp_path: Path,
) -> None:
    data = _minimal()
    data["tips.toml"] = {"tips": [t for t in data["tips.toml"]["tips"] if t["skill"] != "must"]}  # type: ignore[attr-defined]
    check = check_pack(PackData(data).write(tmp_path / "p"))
    assert check.errors == () and check.catalog is not None
    assert (
        "tips.toml:tips: warning: no tips for skill 'must': the plan shows its next level's"
        " descriptor" in [p.line() for p in check.warnings]
    )
    assert check.catalog.next_level_tip("must", 0) == "show level 1: 1"
    assert check.catalog.next_level_tip("must", 5) == "show level 5: 5"
    assert check.catalog.next_level_tip("lonely", 2) == "c"


def _minimal() -> dict[str, dict[str, object]]:
    steps = ["a", "b", "c", "d", "e"]
    levels = ["0", "1", "2", "3", "4", "5"]
    skill = {"name": "S", "description": "d", "source_line": 1, "levels": levels}
    return {
        "pack.toml": {"id": "tiny", "name": "Tiny", "version": "1"},
        "guide.toml": {
            "version": "1",
            "title": "t",
            "summary": "s",
            "tags": [],
            "phases": [{"number": 1, "title": "p", "summary": "s", "source_line": 1}],
            "projects": [
                {
                    "id": "pr",
                    "title": "t",
                    "description": "d",
                    "skills_demonstrated": [],
                    "skill_ids": [],
                    "difficulty": "Hard",
                    "source_line": 1,
                }
            ],
            "interview": {
                "review_skill_ids": [],
                "review_source_line": 1,
                "themes": [],
                "themes_source_line": 1,
                "theme_skill_ids": [],
            },
        },
        "roles.toml": {
            "roles": [
                {
                    "id": "r1",
                    "name": "R",
                    "layer": 1,
                    "best_fit": "b",
                    "differentiates": "d",
                    "high_leverage_notes": [],
                    "notes_why": "w",
                    "source_line": 1,
                    "notes_source_line": 1,
                }
            ]
        },
        "skills.toml": {
            "skills": [
                {
                    **skill,
                    "id": "must",
                    "category": "external",
                    "priority": "must",
                    "priority_source_line": 1,
                },
                {**skill, "id": "lonely", "category": "soft"},
            ]
        },
        "requirements.toml": {
            "requirements": [
                {
                    "skill": "must",
                    "priority": "must",
                    "source_line": 1,
                    "rationale": "r",
                    "targets": {"r1": 3},
                }
            ]
        },
        "tips.toml": {
            "tips": [{"skill": "must", "steps": steps}, {"skill": "lonely", "steps": steps}]
        },
    }
