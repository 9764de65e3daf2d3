"""Every new rating keeps the digest of its skill's rubric as the active catalog reads it;
a rubric edited since flags the rating until the user rates it again (by any path that
chooses a level against the rubric in view)."""

from __future__ import annotations

from gaptracker.domain.models import Catalog, Status
from gaptracker.domain.overview import with_rating
from gaptracker.domain.rubric import rubric_digest
from gaptracker.services.tracker import Tracker
from tests.fakes import FixedClock

ROLE = "inference-optimization-engineer"
SKILL = "cpp-cuda-systems-profiling"


def edited(catalog: Catalog, skill_id: str) -> Catalog:
    """The catalog with level 3 of `skill_id` reworded (a pack edited since)."""
    skills = []
    for skill in catalog.skills:
        if skill.id == skill_id:
            levels = (*skill.levels[:3], skill.levels[3] + " (reworded)", *skill.levels[4:])
            skill = skill.model_copy(update={"levels": levels})
        skills.append(skill)
    return catalog.model_copy(update={"skills": tuple(skills)})


def on_edited(tracker: Tracker, clock: FixedClock, skill_id: str = SKILL) -> Tracker:
    """The same data read under the edited catalog."""
    return Tracker(edited(tracker.catalog, skill_id), tracker.uow_factory, clock)


def flagged(tracker: Tracker) -> set[str]:
    return {r.skill_id for r in tracker.gap(ROLE).rows if r.rubric_changed}


def test_a_rating_keeps_the_digest_of_the_rubric_it_was_made_against(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    rating = fake_tracker.rate(SKILL, 2)
    assert rating.rubric_digest == rubric_digest(fake_tracker.catalog.skill(SKILL))
    later = on_edited(fake_tracker, clock)
    again = later.rate(SKILL, 2)
    assert again.rubric_digest == rubric_digest(later.catalog.skill(SKILL))
    assert again.rubric_digest != rating.rubric_digest


def test_an_edited_rubric_flags_its_skill_until_it_is_rated_again(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate(SKILL, 2)
    fake_tracker.rate("gpu-cuda-programming", 3)
    assert flagged(fake_tracker) == set()
    later = on_edited(fake_tracker, clock)
    assert flagged(later) == {SKILL}
    overview = later.overview()
    assert overview.rubric_changed == {SKILL}
    assert overview.analysis is not None
    assert {r.skill_id for r in overview.analysis.rows if r.rubric_changed} == {SKILL}
    assert {r.skill_id for r in later.report(ROLE).gaps if r.rubric_changed} == {SKILL}
    # What the TUI shows at once, before the save commits, is already cleared.
    shown = with_rating(overview, later.catalog, later.new_rating(SKILL, 2))
    assert shown.rubric_changed == frozenset()
    assert shown.analysis is not None and not any(r.rubric_changed for r in shown.analysis.rows)
    later.rate(SKILL, 2)
    assert flagged(later) == set()


def test_a_checkin_answer_keep_or_change_clears_the_flag(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate(SKILL, 2)
    fake_tracker.rate("reproducibility-discipline", 3)
    later = on_edited(on_edited(fake_tracker, clock), clock, "reproducibility-discipline")
    assert flagged(later) == {SKILL, "reproducibility-discipline"}
    walk = later.checkin.walk()
    walk = later.checkin.record(walk, SKILL, None)  # kept, with the new rubric in view
    assert flagged(later) == {"reproducibility-discipline"}
    later.checkin.record(walk, "reproducibility-discipline", 4, note="new rubric")
    assert flagged(later) == set()
    assert {r.rubric_digest for r in later.ratings() if r.checkin_id is not None} == {
        rubric_digest(later.catalog.skill(s)) for s in (SKILL, "reproducibility-discipline")
    }


def test_a_project_attached_keeps_the_digest_of_the_rating_it_copies(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    """Attaching copies the level without a look at the rubric: the flag stays."""
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("model-serving", 2)
    later = on_edited(fake_tracker, clock, "model-serving")
    later.plan.set_project("serving-benchmark-harness", Status.DONE, "https://git/bench")
    (made,) = [r for r in later.plan.attach_project("serving-benchmark-harness")]
    assert made.rubric_digest == rubric_digest(fake_tracker.catalog.skill("model-serving"))
    assert "model-serving" in flagged(later)
