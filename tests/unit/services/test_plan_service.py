"""The plan's use cases on the in-memory unit of work."""

from __future__ import annotations

import pytest

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import Status
from gaptracker.services.tracker import Tracker

ROLE = "inference-optimization-engineer"


def test_study_project_practice_and_foundation(fake_tracker: Tracker) -> None:
    plan = fake_tracker.plan
    plan.set_study("model-serving", Status.IN_PROGRESS, "reading the vLLM paper")
    project_id = plan.add_project(
        "KV-cache paging demo",
        "paged attention toy",
        ["inference-optimization", "model-serving"],
        "https://git/x",
    )
    plan.practise("theme:2", 4)
    plan.set_foundation_done(True)
    view = plan.view(ROLE)
    study = next(i for i in view.study if i.skill_id == "model-serving")
    assert (study.status, study.text) == (Status.IN_PROGRESS, "reading the vLLM paper")
    mine = next(p for p in view.projects if p.id == project_id)
    assert mine.user_added and mine.skill_ids == ("inference-optimization", "model-serving")
    assert view.practice[-1].id == "theme:2" and view.practice[-1].confidence == 4
    assert view.phases[0].complete and view.current_phase == 2


def test_bad_plan_input_is_refused(fake_tracker: Tracker) -> None:
    plan = fake_tracker.plan
    with pytest.raises(UserInputError, match="title"):
        plan.add_project(" ", "", ["model-serving"], "")
    with pytest.raises(UserInputError, match="unknown skill"):
        plan.add_project("x", "", ["no-such-skill"], "")
    with pytest.raises(UserInputError, match="unknown practice"):
        plan.practise("theme:9", 3)
    with pytest.raises(UserInputError, match="from 0 to 5"):
        plan.practise("theme:1", 7)
    assert plan.view(ROLE).projects[-1].id == "mini-research-replication"


def test_a_done_project_backs_ratings_of_its_skills(fake_tracker: Tracker) -> None:
    plan = fake_tracker.plan
    fake_tracker.rate("model-serving", 2, note="served a model")
    with pytest.raises(UserInputError, match="done project"):
        plan.attach_project("serving-benchmark-harness")
    plan.set_project("serving-benchmark-harness", Status.DONE, "https://git/bench")
    made = plan.attach_project("serving-benchmark-harness")
    assert [r.skill_id for r in made] == ["model-serving"]
    latest = fake_tracker.ratings("model-serving")[-1]
    assert (latest.level, latest.note) == (2, "served a model")
    assert latest.evidence == "project: Serving benchmark harness (https://git/bench)"
