"""A pack decides a role's Must skills: the first run's Must pass, the dashboard's Must
panel and the not-applicable rule follow the role's requirements, not only the guide's
external skills (a valid pack that made a topic a Must crashed the dashboard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import Catalog, Priority
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.screens.dashboard import DashboardScreen
from tests.fakes import FixedClock
from tests.tui.conftest import settle
from tests.tui.screen_text import drawn_lines

ROLE = "inference-optimization-engineer"
TOPIC = "inference-optimization"


def pack_catalog(*, topics_are_musts: bool, drop_externals: bool) -> Catalog:
    """The guide changed as a pack may: each role's first topic made a Must, and/or the
    external skills required by no role."""
    base = load_catalog()
    firsts = {(r.id, r.high_leverage_notes[0]) for r in base.roles if r.high_leverage_notes}
    requirements = tuple(
        r.model_copy(update={"priority": Priority.MUST})
        if topics_are_musts and (r.role_id, r.skill_id) in firsts
        else r
        for r in base.requirements
        if not (drop_externals and r.skill_id in base.must_skill_ids)
    )
    return base.model_copy(update={"requirements": requirements})


def app_on(catalog: Catalog, db_path: Path, clock: FixedClock) -> GapTrackerApp:
    return GapTrackerApp(Tracker(catalog, open_database(db_path).uow_factory, clock))


def panel_text(app: GapTrackerApp) -> str:
    return "\n".join(drawn_lines(app.screen.query_one("#must-panel")))


async def first_run_to_the_must_pass(app: GapTrackerApp, pilot) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("enter")  # welcome
    await pilot.pause()
    await pilot.press("enter")  # the first role in the list
    await settle(app, pilot)
    assert isinstance(app.screen, AssessScreen)
    assert app.overview is not None and app.overview.target_role is not None
    return app.overview.target_role.id


@pytest.mark.parametrize("drop_externals", [False, True])
async def test_the_first_run_rates_the_roles_musts_then_shows_them(
    db_path: Path, clock: FixedClock, drop_externals: bool
) -> None:
    catalog = pack_catalog(topics_are_musts=True, drop_externals=drop_externals)
    app = app_on(catalog, db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        role = await first_run_to_the_must_pass(app, pilot)
        musts = catalog.must_skills(role)
        assert isinstance(app.screen, AssessScreen)
        assert [row.skill_id for row in app.screen.rows] == list(musts)
        for _ in musts:
            await pilot.press("2", "enter")
            await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        text = panel_text(app)
        for skill_id in musts:
            assert catalog.skill(skill_id).name in text


async def test_a_role_without_a_must_skill_rates_its_skills_on_the_first_run(
    db_path: Path, clock: FixedClock
) -> None:
    catalog = pack_catalog(topics_are_musts=False, drop_externals=True)
    app = app_on(catalog, db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        role = await first_run_to_the_must_pass(app, pilot)
        assert catalog.must_skills(role) == ()
        assert isinstance(app.screen, AssessScreen)
        required = {r.skill_id for r in catalog.requirements_for(role)}
        assert app.screen.rows and {row.skill_id for row in app.screen.rows} == required
        await pilot.press("2", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.overview is not None and app.overview.analysis is not None
        assert app.overview.analysis.must_rows == ()
        assert "Traceback" not in panel_text(app)


def test_a_must_of_the_role_cannot_be_set_aside_and_an_external_it_lacks_is_not_required(
    db_path: Path, clock: FixedClock
) -> None:
    catalog = pack_catalog(topics_are_musts=True, drop_externals=True)
    tracker = Tracker(catalog, open_database(db_path).uow_factory, clock)
    tracker.set_target(ROLE)
    assert TOPIC in catalog.must_skills(ROLE)
    with pytest.raises(UserInputError, match="is a Must skill for Inference Optimization"):
        tracker.mark_not_applicable(TOPIC, "not my area")
    with pytest.raises(UserInputError, match="does not require"):
        tracker.mark_not_applicable("cpp-cuda-systems-profiling", "not my area")
