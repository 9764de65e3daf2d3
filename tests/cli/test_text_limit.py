"""User text has a maximum length (10,000 characters): the command line refuses longer
text with one line naming the option and changes nothing; a restore refuses a backup
holding it, naming the row; exactly the limit is accepted everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gaptracker.domain.text import MAX_TEXT_LENGTH
from tests.cli.conftest import Run
from tests.strategies import NOW

ROLE = "inference-optimization-engineer"
LONGEST = "é" * (MAX_TEXT_LENGTH - 1) + "\U0001f600"  # characters, not bytes, are counted
TOO_LONG = LONGEST + "x"
COMMANDS = {
    "--note": ("rate", "gpu-cuda-programming", "2", "--note"),
    "--evidence": ("rate", "gpu-cuda-programming", "2", "--evidence"),
    "--reason": ("not-applicable", "model-serving", "--reason"),
}


@pytest.mark.parametrize("option", COMMANDS)
def test_text_over_the_limit_is_refused_naming_the_option(
    gt: Run, db_path: Path, option: str
) -> None:
    assert gt("target", ROLE).status == 0
    before = db_path.read_bytes()
    refused = gt(*COMMANDS[option], TOO_LONG)
    assert refused.status == 2
    assert refused.err == (
        f"gaptracker: error: {option} is 10,001 characters long, more than the 10,000"
        " allowed; nothing was saved\n"
    )
    assert db_path.read_bytes() == before
    assert gt(*COMMANDS[option], LONGEST).status == 0


def test_a_backup_with_text_over_the_limit_is_refused_naming_the_row(
    gt: Run, db_path: Path, tmp_path: Path
) -> None:
    rating = {
        "skill_id": "gpu-cuda-programming",
        "level": 2,
        "note": "short",
        "evidence": TOO_LONG,
        "effective_date": "2026-03-01",
        "created_at": NOW.isoformat(),
        "catalog_version": "1",
        "id": 1,
    }
    backup = {
        "format": "gaptracker-backup",
        "schema_version": 1,
        "app_version": "0.1.0",
        "created_at": NOW.isoformat(),
        "ratings": [rating],
        "target_changes": [],
        "applicability_marks": [],
    }
    path = tmp_path / "b.json"
    path.write_text(json.dumps(backup), encoding="utf-8")
    refused = gt("restore", str(path))
    assert refused.status == 2
    assert refused.err == (
        f"gaptracker: error: {path} is not a valid backup: ratings[0].evidence: 10,001"
        " characters, more than the 10,000 allowed\n"
    )
    assert not db_path.exists()
    rating["evidence"] = LONGEST
    path.write_text(json.dumps(backup), encoding="utf-8")
    assert gt("restore", str(path)).status == 0
