"""Where the TUI's start-up time goes: a phase breakdown, and optionally a cProfile.

    .venv/bin/python bench/profile_tui.py [--years 10] [--runs 5] [--cprofile]

Not a benchmark (no baseline, no ratio): a diagnosis aid for tui_startup.py. It runs
gaptracker in the same pty as the benchmark, under a small wrapper that timestamps these
points on the shared monotonic clock, without changing gaptracker's code:

  spawn -> wrapper runs     interpreter start-up
  import textual.app        Textual itself (the bare app pays this too)
  import sqlalchemy, pydantic   the rest of the stack gaptracker uses (the benchmark's
                                floor also loads sqlalchemy.orm; gaptracker does not)
  import gaptracker.cli     the command line package
  -> load_catalog()         command dispatch + gaptracker.tui.app and its screens/widgets
  load_catalog()            reading and validating the shipped catalog
  open_database()           checking the schema, making the engine
  -> App.run()              building the Tracker and the App
  -> Tracker.overview()     Textual start-up until the app's on_load (before any screen)
  Tracker.overview()        reading and analysing the user's history
  -> first frame            compose, CSS, layout, render, write (seen by the pty reader)

With --cprofile, one more run is profiled whole (the app quits as soon as the frame is
seen) and the functions with the largest cumulative time are printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pstats
import statistics
import sys
import tempfile
from pathlib import Path

import benchutil as bu
import ptyterm

WRAPPER = r"""
import json, os, sys, time
marks = [("wrapper runs", time.monotonic())]
def mark(name):
    marks.append((name, time.monotonic()))
import textual.app; mark("import textual.app")
import sqlalchemy, pydantic; mark("import sqlalchemy, pydantic")
import gaptracker.cli; mark("import gaptracker.cli")

def wrap(owner, name, before, after):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        mark(before)
        try:
            return original(*args, **kwargs)
        finally:
            mark(after)
    setattr(owner, name, wrapper)

import gaptracker.catalog, gaptracker.storage.schema, gaptracker.services.tracker as tracker
wrap(gaptracker.catalog, "load_catalog", "-> load_catalog()", "load_catalog()")
wrap(gaptracker.storage.schema, "open_database", "-> open_database()", "open_database()")
wrap(tracker.Tracker, "overview", "-> Tracker.overview()", "Tracker.overview()")
run = textual.app.App.run
def app_run(self, *args, **kwargs):
    mark("-> App.run()")
    return run(self, *args, **kwargs)
textual.app.App.run = app_run

def dump():
    with open(os.environ["GT_PHASES"], "w") as f:
        json.dump(marks, f)
import atexit; atexit.register(dump)
argv = sys.argv[1:]
if os.environ.get("GT_CPROFILE"):
    import cProfile
    profile = cProfile.Profile()
    try:
        profile.runcall(gaptracker.cli.main, argv)
    finally:
        profile.dump_stats(os.environ["GT_CPROFILE"])
else:
    gaptracker.cli.main(argv)
"""


def one_run(db: Path, out: Path, cprofile: Path | None = None) -> list[tuple[str, float]]:
    env = {"GT_PHASES": str(out)}
    if cprofile is not None:
        env["GT_CPROFILE"] = str(cprofile)
    argv = [bu.PY, "-c", WRAPPER, "--db", str(db)]
    with ptyterm.Terminal(argv, env=env) as term:
        t, _ = term.wait_for(ptyterm.readiness_figure, timeout=60)
        t0 = term.t0
    marks = json.loads(out.read_text())
    phases = [("spawn -> wrapper runs", (marks[0][1] - t0) * 1000)]
    for (_, previous), (name, now) in itertools.pairwise(marks):
        phases.append((name, (now - previous) * 1000))
    phases.append(("-> first frame", (t - marks[-1][1]) * 1000))
    phases.append(("TOTAL spawn -> first frame", (t - t0) * 1000))
    return phases


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--years", type=float, default=0, help="history length (0: target role only)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cprofile", action="store_true", help="also print a cProfile of one run")
    p.add_argument("--top", type=int, default=40, help="cProfile lines to print")
    o = p.parse_args(argv)
    db = bu.history_db(o.years)
    tmp = Path(tempfile.mkdtemp(prefix="gaptracker-profile-"))
    one_run(db, tmp / "warm.json")  # warm-up
    runs = [one_run(db, tmp / f"run{i}.json") for i in range(o.runs)]
    bu.header(
        f"gaptracker TUI start-up phases, {o.years:g}-year history, median of {o.runs} runs (ms)"
    )
    for i, (name, _) in enumerate(runs[0]):
        values = [r[i][1] for r in runs]
        print(f"{name:>36s}  {statistics.median(values):7.1f}")
    if o.cprofile:
        stats_file = tmp / "startup.prof"
        one_run(db, tmp / "prof.json", stats_file)
        print(f"\n== cProfile of one start-up (whole process until quit; {stats_file}) ==")
        stats = pstats.Stats(str(stats_file))
        stats.sort_stats("cumulative").print_stats(o.top)
    os.environ.pop("GT_PHASES", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
