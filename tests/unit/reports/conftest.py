"""A report with hostile user text, built through the real services on fakes."""

from __future__ import annotations

import datetime as dt

import pytest

from gaptracker.domain.report import GapReport
from gaptracker.services.tracker import Tracker

HOSTILE = '<script>alert("x")</script> | **bold** [link](http://x) & \x07bell\nnew line, "quoted"'


@pytest.fixture
def report(fake_tracker: Tracker) -> GapReport:
    tracker = fake_tracker
    tracker.set_target("inference-optimization-engineer")
    tracker.rate("gpu-cuda-programming", 3, note=HOSTILE, evidence="https://x.test/?a=1&b=<2>")
    tracker.rate(
        "cpp-cuda-systems-profiling", 2, effective_date=tracker.clock.today() - dt.timedelta(21)
    )
    tracker.rate("reproducibility-discipline", 4)
    tracker.mark_not_applicable("model-serving", "serving <b>is</b> | another team's")
    walk = tracker.checkin.walk()
    walk = tracker.checkin.record(walk, "cpp-cuda-systems-profiling", 3, note="nsys")
    tracker.set_goal("distributed-compute-literacy", 3, tracker.clock.today() + dt.timedelta(40))
    return tracker.report()
