"""Where a CLI command's cold start goes: imports, catalog, database, the query, shutdown.

    .venv/bin/python bench/profile_cli.py [--years 0] [--runs 8] -- status
    .venv/bin/python bench/profile_cli.py --years 10 -- gap --json

Not a benchmark (no baseline, no ratio): a diagnosis aid for cli_startup.py. The command
runs in a new process under a small wrapper that imports the stack gaptracker uses
(sqlalchemy Core, pydantic; the benchmark's floor also loads sqlalchemy.orm, which
gaptracker does not), then gaptracker's layers one by one, timestamping each (so each line is
gaptracker's extra), wraps `load_catalog`, `open_database` and the `Tracker` method the
command calls (status, report, ...), and times the interpreter's shutdown from the moment
`main()` returned to the moment the process was reaped. Medians over the runs; the first
run is a warm-up. The wrapper only wraps functions that exist, so it survives renames.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time

import benchutil as bu

WRAPPER = r"""
import functools, importlib, json, sys, time
marks = [("wrapper runs", time.monotonic())]
def mark(name):
    marks.append((name, time.monotonic()))
import sqlalchemy, pydantic
mark("import sqlalchemy, pydantic (stack)")
for module in ("gaptracker.cli", "gaptracker.config", "gaptracker.catalog",
               "gaptracker.storage.schema", "gaptracker.services.tracker"):
    try:
        importlib.import_module(module)
        mark("import " + module)
    except ImportError:
        pass
def wrap(owner, name, label):
    original = getattr(owner, name, None)
    if original is None:
        return
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        mark("-> " + label)
        try:
            return original(*args, **kwargs)
        finally:
            mark(label)
    setattr(owner, name, wrapper)
catalog = sys.modules.get("gaptracker.catalog")
schema = sys.modules.get("gaptracker.storage.schema")
tracker = sys.modules.get("gaptracker.services.tracker")
if catalog: wrap(catalog, "load_catalog", "load_catalog()")
if schema: wrap(schema, "open_database", "open_database()")
if tracker:
    for method in ("status", "report", "gap", "overview", "weekly", "ratings", "role_fit"):
        wrap(tracker.Tracker, method, f"Tracker.{method}()")
code = sys.modules["gaptracker.cli"].main(sys.argv[1:])
mark("-> main() returned")
sys.stdout.flush()
sys.stderr.write("\nPHASES " + json.dumps(marks) + "\n")
sys.exit(code)
"""


def one_run(argv: list[str]) -> list[tuple[str, float]]:
    start = time.monotonic()
    done = subprocess.run(
        [bu.PY, "-c", WRAPPER, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    end = time.monotonic()
    line = next(x for x in done.stderr.splitlines() if x.startswith("PHASES "))
    marks = json.loads(line.removeprefix("PHASES "))
    phases = [("spawn -> wrapper runs", marks[0][1] - start)]
    phases += [(name, now - before) for (_, before), (name, now) in itertools.pairwise(marks)]
    phases += [("interpreter shutdown (-> reaped)", end - marks[-1][1]), ("TOTAL", end - start)]
    return [(name, seconds * 1000) for name, seconds in phases]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--years", type=float, default=0, help="history length (0: target role only)")
    p.add_argument("--runs", type=int, default=8)
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- the gaptracker command")
    o = p.parse_args(argv)
    command = o.command[1:] if o.command[:1] == ["--"] else o.command
    command = command or ["status"]
    cli_argv = ["--db", str(bu.history_db(o.years)), *command]
    one_run(cli_argv)  # warm-up
    runs = [one_run(cli_argv) for _ in range(o.runs)]
    title = f"gaptracker {' '.join(command)}: phases, {o.years:g}-year history"
    bu.header(f"{title}, median of {o.runs} runs (ms)")
    for i, (name, _) in enumerate(runs[0]):
        if all(len(r) == len(runs[0]) for r in runs):
            print(f"{name:>40s}  {statistics.median(r[i][1] for r in runs):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
