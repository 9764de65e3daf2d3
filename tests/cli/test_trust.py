"""Numbers a user can trust, through the entry point: strict levels and dates, the flat
trend that used to crash every report, skills' own priority, ratings from other zones."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Run

LEVELS_REFUSED = ["0_4", "٣", " +4 ", "+4", "4 ", "04", "", "6", "-0", "4.0", "²", "\uff14"]
DATES_REFUSED = [
    "2026-W01-1",
    "",
    "20260105",
    "2026-1-5",
    "0001-01-01",
    "1999-12-31",
    "\uff12\uff10\uff12\uff16-01-01",  # fullwidth digits
    "2026-01-05T00:00",
    " 2026-01-05",
    "2026-02-30",
]


def count(db: Path) -> int:
    """Ratings in the database (which the setup's `target` made)."""
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM ratings").fetchone()[0])


@pytest.mark.parametrize("level", LEVELS_REFUSED)
def test_a_level_is_exactly_one_ascii_digit(gt: Run, db_path: Path, level: str) -> None:
    gt("target", "ai-infra-platform-engineer")
    result = gt("rate", "gpu-cuda-programming", level)
    assert (result.status, len(result.err.splitlines())) == (2, 1), result.err
    assert count(db_path) == 0


@pytest.mark.parametrize("day", DATES_REFUSED)
def test_a_date_is_exactly_yyyy_mm_dd_from_2000_to_today(gt: Run, db_path: Path, day: str) -> None:
    gt("target", "ai-infra-platform-engineer")
    result = gt("rate", "gpu-cuda-programming", "2", "--at", day)
    assert (result.status, len(result.err.splitlines())) == (2, 1), result.err
    assert count(db_path) == 0


def test_the_bounds_themselves_are_accepted(gt: Run, db_path: Path) -> None:
    assert gt("rate", "gpu-cuda-programming", "0", "--at", "2000-01-01").status == 0
    assert gt("rate", "gpu-cuda-programming", "5", "--at", dt.date.today().isoformat()).status == 0
    weekly = json.loads(
        gt("history", "--weekly", "--role", "ai-infra-platform-engineer", "--json").out
    )
    assert weekly[0]["week_ending"] == "2000-01-02"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(level=st.text(max_size=4))
def test_any_level_text_is_a_digit_or_refused(gt: Run, level: str) -> None:
    result = gt("rate", "gpu-cuda-programming", level, "--note", "x")
    accepted = len(level) == 1 and level in "012345"
    assert result.status == (0 if accepted else 2), (level, result.err)


def test_a_flat_trend_does_not_crash_any_view(gt: Run) -> None:
    """The issue's example: one rating six months ago, then nothing: a flat line."""
    months_ago = (dt.date.today() - dt.timedelta(days=182)).isoformat()
    gt("target", "ai-infra-platform-engineer")
    assert gt("rate", "docker-and-kubernetes", "1", "--at", months_ago).status == 0
    gap = gt("gap", "--json")
    assert gap.status == 0, gap.err
    forecast = json.loads(gap.out)["forecast"]
    assert forecast["status"] == "not_rising" and forecast["date"] is None
    for fmt in ("md", "json", "csv"):
        assert gt("export", "--format", fmt).status == 0
    assert "not rising" in gt("export", "--format", "md").out


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_flat_trends_at_every_level_are_not_rising(gt: Run, value: int) -> None:
    months_ago = (dt.date.today() - dt.timedelta(days=120)).isoformat()
    gt("target", "ai-infra-platform-engineer")
    for skill in ("docker-and-kubernetes", "model-serving", "gpu-cuda-programming"):
        gt("rate", skill, str(value), "--at", months_ago)
    data = json.loads(gt("gap", "--json").out)
    assert data["forecast"]["status"] in ("not_rising", "reached")
    assert data["readiness_80_on"] is None


def test_skills_without_a_role_say_the_external_skills_are_must(gt: Run) -> None:
    skills = {s["id"]: s for s in json.loads(gt("skills", "--json").out)}
    for must in (
        "cpp-cuda-systems-profiling",
        "reproducibility-discipline",
        "distributed-compute-literacy",
    ):
        assert skills[must]["priority"] == "must"
        assert skills[must]["priority_source_line"] in (72, 76, 80)
    assert skills["gpu-cuda-programming"]["priority"] is None
    with_role = json.loads(gt("skills", "--role", "ai-infra-platform-engineer", "--json").out)
    assert all(s["priority"] in ("must", "should", "could") for s in with_role)
    assert "must" in gt("skills").out


def test_a_rating_made_where_it_is_already_tomorrow_never_hides_a_later_one(
    gt: Run, local_zone: Callable[[str], None]
) -> None:
    local_zone("Pacific/Kiritimati")  # UTC+14
    ahead = dt.date.today()
    assert gt("rate", "gpu-cuda-programming", "4", "--at", ahead.isoformat()).status == 0
    local_zone("Etc/GMT+12")  # UTC-12: up to two days earlier
    assert gt("rate", "gpu-cuda-programming", "1").status == 0
    status = json.loads(gt("status", "--json").out)
    assert status["days_since_last_rating"] == 0
    assert status["last_rating_on"] == dt.date.today().isoformat()
    current = {s["id"]: s["current"] for s in json.loads(gt("skills", "--json").out)}
    assert current["gpu-cuda-programming"] == 1
    gt("target", "ai-compiler-kernel-engineer")
    assert gt("history", "--weekly").status == 0
    assert gt("status").out.strip().endswith("last rating today")
