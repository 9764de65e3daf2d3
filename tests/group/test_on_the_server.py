"""Group mode end to end on a real server with real logins (tests/pg_group.py): the
directory is storage.group's, and the database's policies decide what each one sees."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Static

from gaptracker.catalog import load_catalog
from gaptracker.cli import main
from gaptracker.services.tracker import Tracker
from gaptracker.storage.group import directory_for
from gaptracker.storage.schema import Database
from gaptracker.storage.server import open_server_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.messages import WriteRequested
from gaptracker.tui.screens.history import RatedSkills, Timeline
from gaptracker.tui.screens.mentee import MenteeDashboardScreen, MenteeReviewScreen
from gaptracker.tui.screens.mentee_views import MenteeHistoryScreen, MenteePlanScreen
from gaptracker.tui.screens.mentees import MenteesScreen
from tests.cli.conftest import Result
from tests.fakes import FixedClock
from tests.pg_group import Group
from tests.tui.conftest import settle

pytestmark = pytest.mark.postgres

ROLE = "inference-optimization-engineer"


def as_login(group: Group, login: str, capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    try:
        status = main(["--db", group.url(login), *args])
    except SystemExit as exc:
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return Result(status, captured.out, captured.err)


@pytest.fixture
def rated(pg_group: Group, capsys: pytest.CaptureFixture[str]) -> Group:
    g = pg_group
    for login, level in ((g.alice, "3"), (g.bob, "1")):
        assert as_login(g, login, capsys, "target", ROLE).status == 0
        assert as_login(g, login, capsys, "rate", "gpu-cuda-programming", level).status == 0
    return g


def test_the_owner_lists_every_member_and_a_mentor_their_mentees(
    rated: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    g = rated
    owner = as_login(g, g.owner, capsys, "group", "members", "--json")
    assert owner.status == 0, owner.err
    listed = {m["login"]: m for m in json.loads(owner.out)}
    assert set(listed) == {g.owner, g.alice, g.bob, g.mona}
    for login in (g.alice, g.bob):  # each member's figures are their own status's
        status = json.loads(as_login(g, login, capsys, "status", "--json").out)
        assert listed[login]["readiness"] == status["readiness"]
        assert listed[login]["must_met"] == status["must_met"]
    mentor = as_login(g, g.mona, capsys, "group", "members", "--json")
    assert [m["login"] for m in json.loads(mentor.out)] == [g.alice]
    table = as_login(g, g.mona, capsys, "group", "members")
    assert table.status == 0 and g.alice in table.out and g.bob not in table.out


def test_a_member_who_mentors_no_one_cannot_list_the_group(
    rated: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    result = as_login(rated, rated.bob, capsys, "group", "members")
    assert result.status == 2 and result.err.count("\n") == 1
    assert "mentors no one" in result.err


@pytest.fixture
def mona_database(rated: Group) -> Iterator[Database]:
    database = open_server_database(rated.url(rated.mona))
    yield database
    database.close()


async def test_a_mentor_reviews_a_mentee_from_the_app_and_only_reviews_land(
    rated: Group,
    mona_database: Database,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    g = rated
    before = json.loads(as_login(g, g.alice, capsys, "history", "--json").out)
    tracker = Tracker(load_catalog(), mona_database.uow_factory, clock)
    directory = directory_for(mona_database)
    app = GapTrackerApp(tracker, export_dir=tmp_path, directory=directory)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MenteesScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, MenteeDashboardScreen)
        assert view.overview is not None and view.overview.rating_count == 1
        await pilot.press("v")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, MenteeReviewScreen)
        skill = review.request.skills[0].id
        await pilot.press("4", "ctrl+s")
        await settle(app, pilot)
        assert view.is_current
        assert view.overview is not None  # read again after the commit, shown on return
        assert [r.mentor for r in view.overview.mentor_reviews] == [g.mona]
    history = json.loads(as_login(g, g.alice, capsys, "history", skill, "--json").out)
    assert [(h.get("mentor"), h["level"]) for h in history][-1] == (g.mona, 4)
    after = json.loads(as_login(g, g.alice, capsys, "history", "--json").out)
    assert [h for h in after if h.get("mentor") is None] == before  # her own: untouched
    bob = json.loads(as_login(g, g.bob, capsys, "history", skill, "--json").out)
    assert all(h.get("mentor") is None for h in bob)


async def test_a_mentor_reads_a_mentees_history_and_plan_from_the_app_and_writes_nothing(
    rated: Group,
    mona_database: Database,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    g = rated
    monas = "mona's own rating"
    rated_own = as_login(
        g, g.mona, capsys, "rate", "reproducibility-discipline", "5", "--note", monas
    )
    assert rated_own.status == 0, rated_own.err
    history_before = as_login(g, g.alice, capsys, "history", "--json").out
    plan_before = as_login(g, g.alice, capsys, "plan", "--json").out
    catalog = load_catalog()
    tracker = Tracker(catalog, mona_database.uow_factory, clock)
    app = GapTrackerApp(tracker, export_dir=tmp_path, directory=directory_for(mona_database))
    sent: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=sent.append) as pilot:
        for key in ("m", "enter", "h"):
            await settle(app, pilot)
            await pilot.press(key)
        await settle(app, pilot)
        history = app.screen
        assert isinstance(history, MenteeHistoryScreen)
        assert history.title == f"{g.alice}'s history (read-only)"
        skills = history.query_one(RatedSkills)
        assert [skills.cell_row(i)[0] for i in range(skills.row_count)] == [
            catalog.skill("gpu-cuda-programming").name  # alice's; mona's own is not here
        ]
        timeline = history.query_one(Timeline)
        assert [timeline.cell_row(i)[1] for i in range(timeline.row_count)] == ["3"]
        assert monas not in "\n".join(str(w.content) for w in history.query(Static))
        for key in ("g", "enter", "escape", "p", "s", "f", "3", "n", "escape"):
            await pilot.press(key)
            await settle(app, pilot)
            if isinstance(app.screen, MenteePlanScreen):
                plan = app.screen
                assert plan.title == f"{g.alice}'s plan (read-only)"
                assert plan.view is not None and plan.view.role_id == ROLE
        assert isinstance(app.screen, MenteeDashboardScreen)
    assert [m for m in sent if isinstance(m, WriteRequested)] == []
    assert as_login(g, g.alice, capsys, "history", "--json").out == history_before
    assert as_login(g, g.alice, capsys, "plan", "--json").out == plan_before
