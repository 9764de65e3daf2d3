"""Time to first meaningful frame of the gaptracker TUI, in a real pty, against baselines.

    .venv/bin/python bench/tui_startup.py [--runs 12] [--years 10]

Five programs run interleaved (A B C D E, then E D C B A, ...), each in a fresh pseudo-terminal
of 120x40, from spawn to the arrival of the output that completes the first frame showing:

  bare         bench/apps/hello.py: a bare Textual app (one Static)         -> "hello"
  floor        bench/apps/stack_floor.py: the same + sqlalchemy.orm, pydantic -> "hello"
  floor+models bench/apps/stack_floor_models.py: the floor + a pydantic BaseModel -> "hello"
               (informational: `import pydantic` is lazy, a model is not)
  gt-empty     gaptracker on a database with only a target role chosen      -> the dashboard's
  gt-history   gaptracker on a generated N-year history (history.py)          readiness figure

"The readiness figure" means the big Digits number followed by "%" is on screen (decoded
from its 3x3 glyphs), i.e. the dashboard with real data, not merely a first paint.

Targets: gt-empty / floor <= 1.25 (first meaningful frame), and gt-history / gt-empty
<= 1.05 (start-up does not grow with history).
"""

from __future__ import annotations

import argparse
import sys
import time

import benchutil as bu
import ptyterm

TARGET_FLOOR = 1.25
TARGET_HISTORY = 1.05


def first_frame(
    argv: list[str], pred: ptyterm.Predicate, cols: int, rows: int
) -> tuple[float, object]:
    """(ms from spawn to the first complete frame matching pred, pred's result)."""
    with ptyterm.Terminal(argv, cols=cols, rows=rows) as term:
        t, result = term.wait_for(pred, timeout=30)
        return (t - term.t0) * 1000, result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=12, help="measured runs per program")
    p.add_argument("--years", type=float, default=10, help="length of the big history")
    p.add_argument("--cols", type=int, default=120)
    p.add_argument("--rows", type=int, default=40)
    p.add_argument("--gap", type=float, default=0.2, help="pause between runs (s)")
    p.add_argument("--fresh", action="store_true", help="regenerate the history databases")
    o = p.parse_args(argv)

    empty = bu.history_db(0, fresh=o.fresh)
    big = bu.history_db(o.years, fresh=o.fresh)
    gt = bu.gaptracker_argv()
    hello = ptyterm.contains("hello")
    subjects = {
        "bare": (bu.app_argv("hello"), hello),
        "floor": (bu.app_argv("stack_floor"), hello),
        "floor+models": (bu.app_argv("stack_floor_models"), hello),
        "gt-empty": ([*gt, "--db", str(empty)], ptyterm.readiness_figure),
        "gt-history": ([*gt, "--db", str(big)], ptyterm.readiness_figure),
    }
    bu.header(f"TUI first meaningful frame, {o.cols}x{o.rows}, {o.runs} runs each, ABBA")
    print(f"# gt-empty: {empty}\n# gt-history ({o.years:g} years): {big}", flush=True)
    print(bu.ensure_bytecode(), flush=True)
    for cmd, pred in subjects.values():  # warm-up: page cache
        first_frame(cmd, pred, o.cols, o.rows)
        time.sleep(o.gap)

    times: dict[str, list[float]] = {label: [] for label in subjects}
    seen: dict[str, set[str]] = {label: set() for label in subjects}
    failures = []
    for k, order in enumerate(bu.abba(list(subjects), o.runs)):
        parts = []
        for label in order:
            cmd, pred = subjects[label]
            try:
                ms, result = first_frame(cmd, pred, o.cols, o.rows)
            except ptyterm.TimeoutError_ as exc:  # one broken run must not lose the others
                failures.append(f"run {k + 1} {label}")
                print(f"FAILED run {k + 1} {label}: {exc}", file=sys.stderr, flush=True)
                parts.append(f"{label} FAILED")
                continue
            times[label].append(ms)
            seen[label].add(str(result) if result is not True else "hello")
            parts.append(f"{label} {ms:7.1f}")
            time.sleep(o.gap)
        print(f"run {k + 1:2d}: " + "  ".join(parts), flush=True)

    print("\n== first meaningful frame (ms) ==")
    if failures:
        print(f"{len(failures)} failed run(s), not counted: {', '.join(failures)}")
    for label in subjects:
        what = "hello" if not label.startswith("gt-") else "readiness figure "
        if label.startswith("gt-"):
            what += "/".join(f"{s}%" for s in sorted(seen[label]))
        print(f"{label:>12s}  {bu.summary(times[label])}  ({what})")
    med = {label: bu.median(v) for label, v in times.items()}
    print(bu.ratio_line("floor/bare", med["floor"] / med["bare"], None))
    print(bu.ratio_line("gt-empty/bare", med["gt-empty"] / med["bare"], None))
    print(bu.ratio_line("gt-history/floor", med["gt-history"] / med["floor"], None))
    print(bu.ratio_line("floor+models/floor", med["floor+models"] / med["floor"], None))
    print(bu.ratio_line("gt-empty/floor+models", med["gt-empty"] / med["floor+models"], None))
    print(
        bu.ratio_line(
            "tui-history (gt-history/gt-empty)", med["gt-history"] / med["gt-empty"], TARGET_HISTORY
        )
    )
    print(
        bu.ratio_line(
            "tui-first-frame (gt-empty/floor)", med["gt-empty"] / med["floor"], TARGET_FLOOR
        )
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
