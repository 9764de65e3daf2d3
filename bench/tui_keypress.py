"""Key press to updated screen: rating a skill in the gaptracker TUI, against a bare
Textual app's key round trip, in a real pty (120x40).

    .venv/bin/python bench/tui_keypress.py [--runs 4] [--presses 4] [--years 10]

What is measured, per press (one sample each):

  counter      bench/apps/counter.py: write "a" to the pty -> the frame showing
               "count: N" has arrived (Textual's bare key round trip).
  gt-empty     gaptracker on a database with only a target role; on the assess screen
  gt-history   (key a from the dashboard), with the skill table focused: press the new
               level's digit, wait until the rubric marks it "chosen", then write Enter
               (save) -> the frame in which the table's "Now" cell of that skill shows
               the new level has arrived; the intro line's readiness figure ("the
               dashboard figure" on this screen) changes in that same frame, which is
               checked after the screen settles ("figure late" counts misses; on the
               empty database "t" first shows targets, and with them the figure).
               That is the save as the user sees it: the
               app shows the rating at once, commits it in a worker thread and
               reloads the user's standing after that frame ("settled" covers the
               rest). The cursor then moves to the next skill, which the next press
               rates.

Also printed, without target: "settled", Enter -> the last output before 1 s of quiet
(the app may repaint again after the first update, e.g. with a fuller reload); the switch
to the assess screen (key a -> its table is painted); and back to the dashboard after the
saves (key d -> the readiness figure is painted). "chosen lost" counts digits whose
"chosen" mark had disappeared again before Enter (the digit is then pressed again): a
late repaint that drops the user's choice is a bug, and is reported here.

Every gaptracker run starts from a fresh copy of its database (the saves write to it).
Before a digit the screen must have been quiet for 1 s, before any other key for 0.3 s.

Target: Enter -> updated screen <= 8x the bare key round trip (ratio of medians), on the
empty database and on the N-year history alike (the history one is printed last).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import benchutil as bu
import ptyterm

TARGET = 8.0
QUIET = 0.3
READINESS_RE = re.compile(r"readiness (\d+)%")
SETTLED = 1.0


def counter_run(presses: int) -> dict[str, list[float]]:
    with ptyterm.Terminal(bu.app_argv("counter")) as term:
        term.wait_for(ptyterm.contains("count: 0"))
        keys = []
        for n in range(1, presses + 1):
            term.settle(QUIET)
            tk = term.press("a")
            t, _ = term.wait_for(ptyterm.contains(f"count: {n}"), timeout=10, not_before=tk)
            keys.append((t - tk) * 1000)
        return {"key": keys}


def table_rows(lines: list[str]) -> list[tuple[int, str, str]] | None:
    """The assess table as (line index, visible skill name, Now cell), or None if not shown."""
    for y, line in enumerate(lines):
        left = line.split("│")[0]
        if "Now" in left and "Skill" in left and "Tgt" in left:
            now_x, skill_x = left.index("Now"), left.index("Skill")
            rows = []
            for i in range(y + 1, len(lines)):
                cells = lines[i].split("│")[0]
                name = cells[skill_x:now_x].strip()
                if not name:
                    break
                rows.append((i, name, cells[now_x : now_x + 3].strip()))
            return rows or None
    return None


def intro_readiness(lines: list[str]) -> str | None:
    """The readiness figure in the assess screen's intro line ("readiness 62%")."""
    for line in lines[:6]:
        if m := READINESS_RE.search(line):
            return m.group(1)
    return None


def now_cell(name: str, level: str):
    """Predicate: the table row of `name` shows `level` in its Now column; its result is
    the readiness figure of the intro line in that frame ("-" if none is shown)."""

    def check(lines: list[str]) -> str | None:
        rows = table_rows(lines) or []
        if any(n == name and now == level for _, n, now in rows):
            return intro_readiness(lines) or "-"
        return None

    return check


def gaptracker_run(db: Path, presses: int, scratch: Path) -> dict[str, list[float]]:
    copy = bu.scratch_copy(db, scratch)
    with ptyterm.Terminal([*bu.gaptracker_argv(), "--db", str(copy)]) as term:
        _, figure_before = term.wait_for(ptyterm.readiness_figure, timeout=30)
        term.settle(QUIET)
        tk = term.press("a")
        t, rows = term.wait_for(table_rows, timeout=30, not_before=tk)
        term.settle(QUIET)
        if ptyterm.contains("targets hidden")(term.lines()):
            term.press("t")  # a first assessment: show targets, and so the readiness
            term.wait_for(intro_readiness, timeout=10)
        out: dict[str, list[float]] = {
            "assess": [(t - tk) * 1000],
            "key": [],
            "settled": [],
            "dashboard": [],
            "chosen lost": [0],
            "figure late": [0],
        }
        for n in range(presses):
            term.settle(SETTLED, limit=10)
            rows = table_rows(term.lines())
            if rows is None or n >= len(rows):
                raise RuntimeError("assess table not readable:\n" + term.text())
            _, name, now = rows[n]
            level = str((int(now) + 1) % 6) if now.isdigit() else "1"
            for _attempt in range(3):
                tk = term.press(level)
                term.wait_for(ptyterm.contains("chosen"), timeout=10, not_before=tk)
                term.settle(QUIET)
                if ptyterm.contains("chosen")(term.lines()):
                    break
                out["chosen lost"][0] += 1
            tk = term.press("enter")
            try:
                t, figure = term.wait_for(now_cell(name, level), timeout=1.0, not_before=tk)
            except ptyterm.TimeoutError_:  # slow, or not saved: look again in a while
                shot = term.text()
                try:
                    t, figure = term.wait_for(now_cell(name, level), timeout=15, not_before=tk)
                except ptyterm.TimeoutError_:
                    raise RuntimeError(
                        f"{name!r} never showed {level} after Enter; the screen 1 s after"
                        f" Enter:\n{shot}"
                    ) from None
            out["key"].append((t - tk) * 1000)
            term.settle(SETTLED, limit=10)
            out["settled"].append((term.last_chunk - tk) * 1000)
            if figure != (intro_readiness(term.lines()) or "-"):
                out["figure late"][0] += 1  # the measured frame showed a stale readiness
        tk = term.press("d")
        t, figure_after = term.wait_for(ptyterm.readiness_figure, timeout=30, not_before=tk)
        out["dashboard"].append((t - tk) * 1000)
        out["figures"] = [f"{figure_before}%->{figure_after}%"]  # type: ignore[list-item]
        return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=4, help="runs per program (each a fresh process)")
    p.add_argument("--presses", type=int, default=4, help="measured key presses per run")
    p.add_argument("--years", type=float, default=10, help="length of the big history")
    p.add_argument("--fresh", action="store_true", help="regenerate the history databases")
    o = p.parse_args(argv)

    dbs = {
        "gt-empty": bu.history_db(0, fresh=o.fresh),
        "gt-history": bu.history_db(o.years, fresh=o.fresh),
    }
    scratch = Path(tempfile.mkdtemp(prefix="gaptracker-keypress-"))
    labels = ["counter", "gt-empty", "gt-history"]
    bu.header(f"TUI key press to updated screen, 120x40, {o.runs} runs x {o.presses} presses, ABBA")
    for label, db in dbs.items():
        print(f"# {label}: {db}")

    def run(label: str) -> dict[str, list[float]]:
        if label == "counter":
            return counter_run(o.presses)
        return gaptracker_run(dbs[label], o.presses, scratch / label)

    print(bu.ensure_bytecode(), flush=True)
    for label in labels:  # warm-up: page cache
        run(label)
    results: dict[str, dict[str, list]] = {label: {} for label in labels}
    failures = []
    for k, order in enumerate(bu.abba(labels, o.runs)):
        parts = []
        for label in order:
            try:
                r = run(label)
            except Exception as exc:  # one broken run must not lose the others
                failures.append(f"run {k + 1} {label}: {exc}")
                print(f"FAILED run {k + 1} {label}: {exc}", file=sys.stderr, flush=True)
                parts.append(f"{label} FAILED")
                continue
            for metric, values in r.items():
                results[label].setdefault(metric, []).extend(values)
            parts.append(f"{label} " + ",".join(f"{v:.0f}" for v in r["key"]))
            time.sleep(0.2)
        print(f"run {k + 1:2d}: " + "  ".join(parts), flush=True)

    print("\n== key press -> updated screen (ms) ==")
    if failures:
        print(f"{len(failures)} failed run(s), not counted:")
        for failure in failures:
            print("  " + failure.splitlines()[0])
    for label in labels:
        print(f"{label:>10s} key          {bu.summary(results[label]['key'])}")
        for metric, title in (
            ("settled", "settled"),
            ("assess", "a->assess"),
            ("dashboard", "d->dashboard"),
        ):
            if metric in results[label]:
                print(
                    f"{label:>10s} {title:<12s} {bu.summary(results[label][metric])}  (no target)"
                )
        lost = sum(results[label].get("chosen lost", []))
        if lost:
            print(f"{label:>10s} WARNING: a chosen level was lost before Enter {lost} time(s)")
        late = sum(results[label].get("figure late", []))
        if late:
            print(
                f"{label:>10s} WARNING: the readiness figure changed after the measured frame"
                f" {late} time(s)"
            )
        if "figures" in results[label]:
            figures = ", ".join(sorted(set(results[label]["figures"])))
            print(f"{label:>10s} readiness figure: {figures}")
    base = bu.median(results["counter"]["key"])
    empty = bu.median(results["gt-empty"]["key"]) / base
    history = bu.median(results["gt-history"]["key"]) / base
    print(bu.ratio_line("tui-history-key (gt-history save/gt-empty save)", history / empty, None))
    print(bu.ratio_line("tui-rate-key-empty (gt-empty save/counter key)", empty, TARGET))
    print(bu.ratio_line("tui-rate-key (gt-history save/counter key)", history, TARGET))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
