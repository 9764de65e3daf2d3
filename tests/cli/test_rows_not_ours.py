"""A row that is not as gaptracker writes it (a file edited by hand; on a server, a row
another login wrote with psql) is one line naming it, exit status 2, never a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run

PLANTED = {
    "target_changes": "UPDATE target_changes SET role_id = 'No Such Role!'",
    "mentor_ratings": (
        "INSERT INTO mentor_ratings (review_id, bundle_id, mentor, reviewed_on, skill_id, level,"
        " note, imported_at, pack_id) VALUES ('r1', 'nothex', 'Otto', '2026-01-01',"
        " 'gpu-cuda-programming', 5, '', '2026-01-01 00:00:00', 'research-infra')"
    ),
}


@pytest.mark.parametrize("table", PLANTED)
def test_a_row_not_written_by_gaptracker_is_one_line(gt: Run, db_path: Path, table: str) -> None:
    assert gt("target", "inference-optimization-engineer").status == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute(PLANTED[table])
    for command in (("gap",), ("export", "--format", "json"), ("backup", "/dev/null")):
        result = gt(*command)
        assert result.status == 2, result
        (line,) = result.err.splitlines()
        assert f"{table} row" in line and "is not as gaptracker writes it" in line, line
