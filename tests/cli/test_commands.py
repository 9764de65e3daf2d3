"""The commands of the core issue, end to end through the entry point with a temp DB."""

from __future__ import annotations

import json
from pathlib import Path

from markdown_it import MarkdownIt

from tests.cli.conftest import Run

ROLE = "inference-optimization-engineer"


def test_roles_lists_all_six_and_marks_the_target(gt: Run) -> None:
    result = gt("roles")
    assert result.status == 0
    assert result.out.count("\n") >= 8
    assert "No target role yet" in result.out
    gt("target", ROLE)
    lines = gt("roles").out.splitlines()
    assert any(line.startswith("*") and ROLE in line for line in lines)
    data = json.loads(gt("roles", "--json").out)
    assert [r["is_target"] for r in data].count(True) == 1
    assert {r["id"] for r in data} >= {ROLE, "ai-compiler-kernel-engineer"}


def test_the_tour_from_the_readme(gt: Run) -> None:
    assert gt("target", ROLE).out.strip() == "Target role: Inference Optimization Engineer"
    rated = gt("rate", "gpu-cuda-programming", "2", "--note", "wrote a tiled matmul")
    assert rated.status == 0 and "Rated" in rated.out
    gap = gt("gap")
    assert gap.status == 0
    assert gap.out.startswith("Inference Optimization Engineer (target)")
    assert "Must skills below target: C++, CUDA, and systems profiling; " in gap.out
    row = next(line for line in gap.out.splitlines() if line.startswith("gpu-cuda-programming"))
    assert row.split()[1:5] == ["could", "2", "2", "0"]
    history = gt("history")
    assert "wrote a tiled matmul" in history.out and "gpu-cuda-programming" in history.out
    md = gt("export", "--format", "md")
    assert md.status == 0
    tokens = MarkdownIt("gfm-like").parse(md.out)
    assert sum(1 for t in tokens if t.type == "table_open") >= 3
    assert "wrote a tiled matmul" in md.out


def test_status_line_and_json(gt: Run) -> None:
    assert "no target role" in gt("status").out
    gt("target", ROLE)
    gt("rate", "cpp-cuda-systems-profiling", "4")
    line = gt("status").out.strip()
    assert line.startswith("Inference Optimization Engineer | readiness")
    assert "Must 1/3 met" in line and "last rating today" in line
    data = json.loads(gt("status", "--json").out)
    assert data["role_id"] == ROLE and data["must_met"] == 1 and data["days_since_last_rating"] == 0


def test_gap_json_and_export_json_match_the_published_schema(gt: Run, tmp_path: Path) -> None:
    import jsonschema

    gt("target", ROLE)
    gt("rate", "reproducibility-discipline", "3", "--evidence", "ablation log")
    schema = json.loads(gt("export", "--schema").out)
    for document in (gt("gap", "--json").out, gt("export", "--format", "json").out):
        data = json.loads(document)
        jsonschema.validate(data, schema)
        assert data["schema_version"] == 2
        repro = next(g for g in data["gaps"] if g["skill_id"] == "reproducibility-discipline")
        assert (repro["current"], repro["target"], repro["evidence"]) == (3, 4, "ablation log")


def test_export_to_a_file_and_to_a_missing_folder(gt: Run, tmp_path: Path) -> None:
    gt("target", ROLE)
    out = tmp_path / "report.md"
    assert gt("export", "--output", str(out)).status == 0
    assert out.read_text(encoding="utf-8").startswith(
        "# Gap report: Inference Optimization Engineer"
    )
    bad = gt("export", "--output", str(tmp_path / "nope" / "r.md"))
    assert bad.status == 2 and "does not exist" in bad.err
    assert not (tmp_path / "nope").exists()


def test_skills_lists_all_or_a_roles_requirements(gt: Run) -> None:
    every = json.loads(gt("skills", "--json").out)
    assert len(every) == 28
    role = json.loads(gt("skills", "--role", ROLE, "--json").out)
    assert {s["priority"] for s in role} <= {"must", "should", "could"}
    assert all(len(s["levels"]) == 6 for s in role)


def test_backfill_and_not_applicable(gt: Run) -> None:
    gt("target", ROLE)
    assert gt("rate", "model-serving", "1", "--at", "2026-01-05").status == 0
    assert (
        json.loads(gt("history", "model-serving", "--json").out)[0]["effective_date"]
        == "2026-01-05"
    )
    assert gt("not-applicable", "model-serving", "--reason", "platform team owns it").status == 0
    assert "Not applicable:" in gt("gap").out
    assert gt("not-applicable", "model-serving", "--undo").status == 0
    assert "Not applicable:" not in gt("gap").out


def test_undo_of_a_skill_that_is_not_marked_exits_2_and_changes_nothing(
    gt: Run, db_path: Path
) -> None:
    gt("target", ROLE)
    before = db_path.read_bytes()
    result = gt("not-applicable", "model-serving", "--undo")
    assert result.status == 2
    assert result.err == (
        "gaptracker: error: model-serving is not marked not applicable for"
        " Inference Optimization Engineer\n"
    )
    assert db_path.read_bytes() == before
