"""A mentor's review of a seeded user, imported as `import-review` does (shared by the
side-by-side Pilot tests and the snapshots)."""

from __future__ import annotations

from gaptracker.domain.mentor import MentorLevel
from gaptracker.domain.review_files import build_review
from gaptracker.services.mentor import import_review, share
from gaptracker.services.tracker import Tracker

REVIEWED = {
    "gpu-cuda-programming": (3, "the tiled matmul is solid; try a fused kernel"),
    "cpp-cuda-systems-profiling": (1, "read nsys output with me first"),
    "reproducibility-discipline": (4, ""),
}
"""Skill -> (the mentor's level, note)."""


def review_by(
    tracker: Tracker, mentor: str = "Grace", reviewed: dict[str, tuple[int, str]] | None = None
) -> None:
    """`share`, the mentor's `review` and `import-review`, through the services."""
    role = tracker.target_role_id()
    assert role is not None
    request = share(
        tracker.catalog, tracker.uow_factory, tracker.clock, role, "Ada", lambda r: None
    )
    levels = [
        MentorLevel(skill_id=skill, level=level, note=note)
        for skill, (level, note) in (reviewed or REVIEWED).items()
    ]
    review = build_review(request, mentor, levels, tracker.clock.now(), tracker.clock.today())
    import_review(tracker.catalog, tracker.uow_factory, tracker.clock, review, "review.json")
