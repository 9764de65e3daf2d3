"""Schema 1 and schema 2 backups, restored into a real file: a schema 1 document is its
rows of the built-in pack (and no pack choices), and backs up again as schema 2 with the
same rows; a schema 2 document keeps its pack choices in order; `--replace` replaces the
choices with the backup's."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.backup import BackupDocument, parse_backup
from gaptracker.domain.backup_ids import renumbered
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import BUILT_IN_PACK_ID, PackChoice
from gaptracker.services.backup import make_backup, restore_backup
from gaptracker.storage.schema import Database, open_database
from tests.fakes import FixedClock
from tests.strategies import CATALOG, NOW, backups, moments

CLOCK = FixedClock(NOW)
EACH_EXAMPLE_ITS_OWN_DATABASE = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
ROWS = ("ratings", "target_changes", "applicability_marks", "checkins", "goals", "plan_events")

choices = st.lists(
    st.builds(
        PackChoice,
        pack_id=st.just(BUILT_IN_PACK_ID),
        version=st.sampled_from(["2026.11.1", "2026.10.0", "1"]),
        chosen_at=moments(NOW),
    ),
    max_size=4,
)


def schema_1(document: BackupDocument) -> str:
    """The document as gaptracker wrote it before packs: schema 1, no pack fields."""
    raw: dict[str, Any] = json.loads(document.to_json())
    raw["schema_version"] = 1
    del raw["packs"], raw["pack_choices"]
    for name in ROWS:
        raw[name] = [{k: v for k, v in row.items() if k != "pack_id"} for row in raw[name]]
    return json.dumps(raw)


def restored_then_backed_up(
    document: BackupDocument, new_database: Callable[[], Database]
) -> BackupDocument:
    database = new_database()
    restore_backup(database.uow_factory, document)
    return make_backup(database.uow_factory, CLOCK)


@settings(max_examples=30, deadline=None, suppress_health_check=EACH_EXAMPLE_ITS_OWN_DATABASE)
@given(document=backups())
def test_a_schema_1_backup_restores_as_the_same_rows(
    new_database: Callable[[], Database], document: BackupDocument
) -> None:
    read = parse_backup(schema_1(document), "v1.json", CATALOG, NOW)
    assert read == document  # every row of the built-in pack, no choices
    again = restored_then_backed_up(read, new_database)
    assert again.schema_version == 2
    assert again.data() == renumbered(document).data()


@settings(max_examples=30, deadline=None, suppress_health_check=EACH_EXAMPLE_ITS_OWN_DATABASE)
@given(document=backups(), chosen=choices)
def test_a_schema_2_backup_round_trips_with_its_pack_choices(
    new_database: Callable[[], Database], document: BackupDocument, chosen: list[PackChoice]
) -> None:
    document = document.model_copy(update={"pack_choices": tuple(chosen)})
    read = parse_backup(document.to_json(), "v2.json", CATALOG, NOW)
    assert read == document
    first = restored_then_backed_up(read, new_database)
    again = parse_backup(first.to_json(), "b", CATALOG, NOW)
    second = restored_then_backed_up(again, new_database)
    assert first.pack_choices == tuple(chosen)  # in order: the last is the active pack
    assert second.data() == first.data() == renumbered(document).data()


def test_a_schema_1_row_of_another_pack_is_refused() -> None:
    text = json.dumps(
        {
            "format": "gaptracker-backup",
            "schema_version": 1,
            "app_version": "0",
            "created_at": "2026-01-01T00:00:00Z",
            "ratings": [],
            "target_changes": [
                {"role_id": "applied-ai-scientist", "changed_at": "2026-01-01T00:00:00Z"},
                {
                    "role_id": "applied-ai-scientist",
                    "changed_at": "2026-01-01T00:00:00Z",
                    "pack_id": "mine",
                },
            ],
            "applicability_marks": [],
        }
    )
    with pytest.raises(UserInputError, match=r"target_changes\[1\]\.pack_id: a version 1"):
        parse_backup(text, "v1.json", CATALOG, NOW)


@pytest.mark.parametrize("with_choices", [True, False])
def test_replace_puts_the_backups_pack_choices_in_place_of_the_databases(
    tmp_path: Path, with_choices: bool
) -> None:
    database = open_database(tmp_path / "gt.sqlite")
    then = NOW - dt.timedelta(days=1)
    kept = PackChoice(pack_id="mine", version="2", chosen_at=then)
    carried = PackChoice(pack_id=BUILT_IN_PACK_ID, version="2026.11.1", chosen_at=then)
    with database.uow_factory() as uow:
        uow.packs.add(kept)
        uow.commit()
    document = BackupDocument(
        app_version="t",
        created_at=NOW,
        ratings=(),
        target_changes=(),
        applicability_marks=(),
        pack_choices=(carried,) if with_choices else (),
    )
    if with_choices:  # the database holds choices the backup would add to
        with pytest.raises(UserInputError, match="not empty"):
            restore_backup(database.uow_factory, document)
    copy = restore_backup(database.uow_factory, document, replace=True)
    with database.uow_factory(reading=True) as uow:
        assert list(uow.packs.list()) == list(document.pack_choices)
    assert copy is not None and Path(copy).is_file()  # the old choices are in the copy
    database.close()
