"""A member's everyday use of a group's server, each on their own rows: the terminal app's
first run, `pack use`, and a mentor's review exchanged as files (`share`, `review`,
`import-review`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database
from gaptracker.storage.server import open_server_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.dashboard import DashboardScreen
from tests.cli.conftest import in_process
from tests.fakes import FixedClock
from tests.pg_group import Group
from tests.tui.conftest import settle

pytestmark = pytest.mark.postgres

ROLE = "inference-optimization-engineer"
SKILL = "reproducibility-discipline"


@pytest.fixture
def alice_database(pg_group: Group) -> Iterator[Database]:
    database = open_server_database(pg_group.url(pg_group.alice))
    yield database
    database.close()


async def test_a_members_first_run_in_the_app_lands_on_their_own_rows(
    pg_group: Group,
    alice_database: Database,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tracker = Tracker(load_catalog(), alice_database.uow_factory, clock)
    app = GapTrackerApp(tracker, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # welcome
        await pilot.pause()
        await pilot.press("enter")  # the first role
        await settle(app, pilot)
        for level in ("2", "3", "1"):  # the Must pass
            await pilot.press(level, "enter")
            await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.overview is not None and app.overview.rating_count == 3
    alice = json.loads(in_process(pg_group.url(pg_group.alice), capsys)("history", "--json").out)
    assert [r["level"] for r in alice] == [2, 3, 1]
    bob = in_process(pg_group.url(pg_group.bob), capsys)("history", "--json")
    assert bob.status == 0 and json.loads(bob.out) == []


def test_each_member_has_their_own_active_pack(
    pg_group: Group,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    alice, bob = (in_process(pg_group.url(who), capsys) for who in (pg_group.alice, pg_group.bob))
    for member in (alice, bob):
        assert member("target", ROLE).status == 0
    assert alice("pack", "init", "mine").status == 0  # a fork of the built-in guide
    used = alice("pack", "use", "mine")
    assert used.status == 0, used.err
    assert json.loads(alice("status", "--json").out)["pack"].startswith("mine@")
    assert json.loads(bob("status", "--json").out)["pack"].startswith("research-infra@")


def test_a_review_exchanged_as_files_lands_in_the_mentees_rows_only(
    pg_group: Group, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    g = pg_group
    alice, mona, bob = (in_process(g.url(who), capsys) for who in (g.alice, g.mona, g.bob))
    assert alice("target", ROLE).status == 0
    assert alice("rate", SKILL, "2", "--note", "mine").status == 0
    bundle, review = tmp_path / "bundle.json", tmp_path / "review.json"
    shared = alice("share", "--as", "Alice", "--output", str(bundle))
    assert shared.status == 0, shared.err
    made = mona(
        "review", str(bundle), "--as", "Mona", "--output", str(review), f"--rate={SKILL}=4:solid"
    )
    assert made.status == 0, made.err
    done = alice("import-review", str(review))
    assert done.status == 0 and "Imported 1 level from Mona" in done.err, done.err
    history = json.loads(alice("history", SKILL, "--json").out)
    assert [h.get("mentor") for h in history] == [None, "Mona"]
    # Only alice's own rows hold it: bob cannot import it, and sees no review.
    stolen = bob("import-review", str(review))
    assert stolen.status == 2 and stolen.err.count("\n") == 1
    assert json.loads(bob("history", SKILL, "--json").out) == []
