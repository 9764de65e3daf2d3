"""goal, goals, history --weekly through the entry point."""

from __future__ import annotations

import datetime as dt
import json

from tests.cli.conftest import Run


def test_goal_and_goals(gt: Run) -> None:
    next_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    assert gt("goal", "gpu-cuda-programming", "3", "--by", next_year).status == 0
    far = gt("goal", "gpu-cuda-programming", "3", "--by", "2999-01-01")
    assert far.status == 2 and "more than 10 years away" in far.err
    data = json.loads(gt("goals", "--json").out)
    assert data[0]["skill_id"] == "gpu-cuda-programming" and data[0]["status"] == "at risk"
    assert "gpu-cuda-programming" in gt("goals").out
    bad = gt("goal", "gpu-cuda-programming", "3", "--by", "soon")
    assert bad.status == 2 and "bad date" in bad.err
    past = gt("goal", "gpu-cuda-programming", "3", "--by", "2001-01-01")
    assert past.status == 2 and "past" in past.err


def test_history_weekly(gt: Run) -> None:
    gt("target", "ai-research-scientist")
    gt("rate", "reproducibility-discipline", "2", "--at", "2026-01-05")
    gt("rate", "reproducibility-discipline", "4", "--at", "2026-01-20")
    weeks = json.loads(gt("history", "--weekly", "--json").out)
    assert weeks[0]["week_ending"] == "2026-01-11"
    assert weeks[0]["must_readiness"] < weeks[2]["must_readiness"]
    table = gt("history", "--weekly", "--role", "applied-ai-scientist").out
    assert table.splitlines()[0].split() == ["WEEK", "ENDING", "READINESS", "MUST"]
    assert gt("history", "x", "--weekly").status == 2
    assert gt("history", "--role", "applied-ai-scientist").status == 2


def test_checkin_needs_a_target(gt: Run) -> None:
    result = gt("checkin")
    assert result.status == 2 and "no target role" in result.err


def test_plan_text_and_json(gt: Run) -> None:
    assert gt("plan").status == 2
    gt("target", "ai-compiler-kernel-engineer")
    text = gt("plan").out
    assert "Phase 1: Foundation: 0%" in text and "<- you are here" in text
    assert "Serving benchmark harness" in text and "Mini research replication" in text
    assert "When do you choose architectural change versus systems optimization?" in text
    data = json.loads(gt("plan", "--json").out)
    assert [p["number"] for p in data["phases"]] == [1, 2, 3, 4]
    assert data["next_steps"][0]["skill_id"] == "cpp-cuda-systems-profiling"
    assert [s["skill_id"] for s in data["study"]] == [
        "gpu-cuda-programming",
        "inference-optimization",
        "distributed-training",
    ]
