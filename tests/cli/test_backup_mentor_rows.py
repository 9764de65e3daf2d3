"""A backup's bundles and mentor levels hold to the rules every other row of a backup
holds to: a time without a zone, out of range or in the future, a pack the backup does
not carry, an unknown role or skill, a skill twice, a review day before its bundle or
after its import: refused in one line naming the field, and nothing restored (before,
some of these reached the database and failed there as "database error: ...", others
were stored)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, refused
from tests.cli.test_mentor_reviews import SKILL, bundle, review  # noqa: F401 (a fixture)

Edit = Callable[[dict[str, Any]], object]


def bundle_field(name: str, value: object) -> Edit:
    return lambda d: d["review_bundles"][0].__setitem__(name, value)


def mentor_field(name: str, value: object) -> Edit:
    return lambda d: d["mentor_ratings"][0].__setitem__(name, value)


EDITS: dict[str, tuple[Edit, str]] = {
    "bundle time without a zone": (
        bundle_field("created_at", "2026-01-05T10:00:00"),
        "review_bundles[0].created_at: 2026-01-05T10:00:00 has no time zone",
    ),
    "bundle time in the future": (
        bundle_field("created_at", "9999-12-31T23:59:59Z"),
        "review_bundles[0].created_at: 9999-12-31T23:59:59+00:00 is in the future",
    ),
    "bundle time before any": (
        bundle_field("created_at", "1900-01-01T00:00:00Z"),
        "review_bundles[0].created_at: 1900-01-01T00:00:00+00:00 is before",
    ),
    "bundle of no pack": (
        bundle_field("pack_id", "no-such-pack"),
        "review_bundles[0].pack_id: the backup carries no pack 'no-such-pack'",
    ),
    "bundle of no role": (
        bundle_field("role_id", "no-such-role"),
        "review_bundles[0].role_id: unknown role 'no-such-role'",
    ),
    "bundle skill twice": (
        bundle_field("skill_ids", [SKILL, SKILL]),
        "review_bundles[0].skill_ids: a skill appears twice",
    ),
    "bundle of no skill": (
        bundle_field("skill_ids", [SKILL, "no-such-skill"]),
        "review_bundles[0].skill_ids: unknown skill 'no-such-skill'",
    ),
    "import time without a zone": (
        mentor_field("imported_at", "2026-01-05T10:00:00"),
        "mentor_ratings[0].imported_at: 2026-01-05T10:00:00 has no time zone",
    ),
    "import time in the future": (
        mentor_field("imported_at", "9999-12-31T23:59:59Z"),
        "mentor_ratings[0].imported_at: 9999-12-31T23:59:59+00:00 is in the future",
    ),
    "level of no pack": (
        mentor_field("pack_id", "no-such-pack"),
        "mentor_ratings[0].pack_id: the backup carries no pack 'no-such-pack'",
    ),
    "level of no skill": (
        mentor_field("skill_id", "no-such-skill"),
        "mentor_ratings[0].skill_id: unknown skill 'no-such-skill'",
    ),
    "a review rates a skill twice": (
        lambda d: d["mentor_ratings"].append({**d["mentor_ratings"][0], "id": 2}),
        f"mentor_ratings[1]: review {{}} rates {SKILL!r} twice",
    ),
    "review before its bundle": (
        mentor_field("reviewed_on", "2001-01-01"),
        "mentor_ratings[0].reviewed_on: 2001-01-01 is before its bundle",
    ),
    "review after its import": (
        mentor_field("reviewed_on", "9999-12-31"),
        "mentor_ratings[0].reviewed_on: 9999-12-31 is after the day it was imported",
    ),
}


@pytest.fixture
def backup(gt: Run, bundle: Path, tmp_path: Path) -> dict[str, Any]:  # noqa: F811
    out = tmp_path / "r.json"
    assert review(gt, bundle, out, f"{SKILL}=4").status == 0
    assert gt("import-review", str(out)).status == 0
    path = tmp_path / "backup.json"
    assert gt("backup", str(path)).status == 0
    return dict(json.loads(path.read_text()))


@pytest.mark.parametrize("edit, message", EDITS.values(), ids=EDITS.keys())
def test_a_bad_mentor_row_in_a_backup_is_refused_and_nothing_restored(
    gt: Run, backup: dict[str, Any], tmp_path: Path, db_path: Path, edit: Edit, message: str
) -> None:
    edit(backup)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(backup))
    db_path.unlink()
    line = refused(gt("restore", str(path)))
    assert message.format(backup["mentor_ratings"][0]["review_id"]) in line
    assert not db_path.exists()  # a first start that fails leaves nothing


def test_the_unedited_backup_restores(
    gt: Run, backup: dict[str, Any], tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "same.json"
    path.write_text(json.dumps(backup))
    db_path.unlink()
    assert gt("restore", str(path)).status == 0
