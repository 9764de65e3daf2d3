"""Reports as a mentor receives them, for the layout tests: a typical one, and one with
every skill rated with a long evidence address and a note (the page-count worst case the
issue names), built through the real services on any tracker."""

from __future__ import annotations

import datetime as dt

from gaptracker.services.tracker import Tracker

ROLE = "inference-optimization-engineer"
LONG_URL = (
    "https://github.com/someone/inference-experiments/blob/0123456789abcdef0123456789abcdef"
    "01234567/benchmarks/results/2026-02/llama-8b-int4-batched-latency-report.md"
)
"""An evidence address of about 150 characters, as a permalink to a file in a repository is."""
LONG_WORD = "profiling_" * 30
"""A note of one unbroken 300-character word: it must wrap, not widen the page."""


def typical(tracker: Tracker) -> None:
    """A target role, ten skills rated over five weeks with short notes, a check-in, two
    goals and a project under way."""
    today = tracker.clock.today()
    tracker.set_target(ROLE)
    skills = [r.skill_id for r in tracker.catalog.requirements_for(ROLE)][:10]
    for weeks_ago in (5, 3, 1):
        for index, skill in enumerate(skills):
            tracker.rate(
                skill,
                min(5, 1 + index % 3 + (5 - weeks_ago) // 2),
                note="read the chapter, did the exercises",
                evidence="https://example.org/notes" if index % 2 else "",
                effective_date=today - dt.timedelta(weeks=weeks_ago),
            )
    walk = tracker.checkin.walk()
    tracker.checkin.record(walk, skills[0], 4, note="nsys traces of the decode loop")
    tracker.set_goal(skills[1], 4, today + dt.timedelta(days=40))
    tracker.set_goal(skills[2], 3, today + dt.timedelta(days=60))


def every_skill_with_long_evidence(tracker: Tracker) -> None:
    """All 16 skills of the role rated, each with a ~150-character evidence address and a
    note, over four weeks; one note is a single unbroken word."""
    today = tracker.clock.today()
    tracker.set_target(ROLE)
    skills = [r.skill_id for r in tracker.catalog.requirements_for(ROLE)]
    for weeks_ago in (4, 2, 0):
        for index, skill in enumerate(skills):
            note = (
                LONG_WORD
                if index == 5
                else "Measured it twice on the A100 box; the write-up says what changed and why"
            )
            tracker.rate(
                skill,
                min(5, 1 + (index + 2 - weeks_ago // 2) % 5),
                note=note,
                evidence=f"{LONG_URL}?skill={skill}",
                effective_date=today - dt.timedelta(weeks=weeks_ago),
            )
    tracker.set_goal(skills[0], 4, today + dt.timedelta(days=30))
