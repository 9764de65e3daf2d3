"""Where a rating save's time goes in the TUI, from the Enter key to the updated screen.

    .venv/bin/python bench/profile_save.py [--years 10] [--presses 3] [--cprofile]

Not a benchmark (no baseline, no ratio): a diagnosis aid for tui_keypress.py. It drives
gaptracker exactly as tui_keypress.py does (assess screen, a digit, Enter, until the Now
cell shows the new level), under a wrapper that timestamps, on the shared monotonic clock:
the save action (which already shows the rating: with_rating() and the assess screen's
update), Tracker.record (the commit, in a worker), Tracker.overview (the reload after the
frame), the app's _written (the reloaded overview applied), and each frame Textual writes
to the terminal. With --cprofile, the time from the save action to the first frame
written after it is profiled over all presses and the top functions are printed. Wrapped
names that no longer exist are skipped.
"""

from __future__ import annotations

import argparse
import json
import pstats
import sys
import tempfile
from pathlib import Path

import benchutil as bu
import ptyterm
import tui_keypress

WRAPPER = r"""
import functools, json, os, sys, time
import gaptracker.cli
marks = []
profile = None
if os.environ.get("GT_CPROFILE"):
    import cProfile
    profile = cProfile.Profile()
state = {"on": False, "applied": False}
def mark(name):
    marks.append((name, time.monotonic()))
    if profile is None:
        return
    if name == "save action" and not state["on"]:
        profile.enable(); state.update(on=True, applied=False)
    elif name == "save action done":
        state["applied"] = True
    elif name == "frame written" and state["on"] and state["applied"]:
        profile.disable(); state["on"] = False
def wrap(module, owner, name, label):
    try:
        target = getattr(__import__(module, fromlist=[owner]), owner)
        original = getattr(target, name)
    except (ImportError, AttributeError):
        return
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        mark(label)
        try:
            return original(*args, **kwargs)
        finally:
            mark(label + " done")
    setattr(target, name, wrapper)
wrap("gaptracker.tui.screens.assess", "AssessScreen", "action_save", "save action")
wrap("gaptracker.tui.app", "GapTrackerApp", "save_rating", "save_rating (shown)")
wrap("gaptracker.services.tracker", "Tracker", "record", "Tracker.record (commit)")
wrap("gaptracker.services.tracker", "Tracker", "overview", "Tracker.overview (reload)")
wrap("gaptracker.tui.app", "GapTrackerApp", "_written", "_written (reload applied)")
import textual.drivers.linux_driver as linux_driver
write = linux_driver.LinuxDriver.write
def write_and_mark(self, data):
    if "\x1b[?2026l" in data:
        mark("frame written")
    return write(self, data)
linux_driver.LinuxDriver.write = write_and_mark
def dump():
    with open(os.environ["GT_PHASES"], "w") as f:
        json.dump(marks, f)
    if profile is not None:
        profile.dump_stats(os.environ["GT_CPROFILE"])
import atexit; atexit.register(dump)
gaptracker.cli.main(sys.argv[1:])
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--years", type=float, default=10, help="history length (0: target role only)")
    p.add_argument("--presses", type=int, default=3)
    p.add_argument("--cprofile", action="store_true")
    p.add_argument("--top", type=int, default=40)
    o = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="gaptracker-save-"))
    copy = bu.scratch_copy(bu.history_db(o.years), tmp)
    env = {"GT_PHASES": str(tmp / "phases.json")}
    if o.cprofile:
        env["GT_CPROFILE"] = str(tmp / "save.prof")
    enters = []
    with ptyterm.Terminal([bu.PY, "-c", WRAPPER, "--db", str(copy)], env=env) as term:
        term.wait_for(ptyterm.readiness_figure, timeout=60)
        term.settle(0.3)
        key = term.press("a")
        term.wait_for(tui_keypress.table_rows, timeout=30, not_before=key)
        for n in range(o.presses):
            term.settle(0.3)
            rows = tui_keypress.table_rows(term.lines()) or []
            _, name, now = rows[n]
            level = str((int(now) + 1) % 6) if now.isdigit() else "1"
            term.press(level)
            term.wait_for(ptyterm.contains("chosen"), timeout=10)
            term.settle(0.3)
            enter = term.press("enter")
            seen, _ = term.wait_for(
                tui_keypress.now_cell(name, level), timeout=30, not_before=enter
            )
            enters.append((enter, seen))
    marks = json.loads((tmp / "phases.json").read_text())
    bu.header(f"rating saves on a {o.years:g}-year history: ms after the Enter key was written")
    for enter, seen in enters:
        print(f"-- Now cell seen at {(seen - enter) * 1000:.1f} ms")
        for name, t in marks:
            if enter - 0.001 <= t <= seen + 0.002:
                print(f"   {(t - enter) * 1000:8.1f}  {name}")
    if o.cprofile:
        title = f"save action -> first frame after the save action, {o.presses} presses"
        print(f"\n== cProfile: {title} ==")
        pstats.Stats(str(tmp / "save.prof")).sort_stats("cumulative").print_stats(o.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
