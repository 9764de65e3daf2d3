"""Cold start of the command line: `gaptracker status` and `gaptracker gap --json`, against
the import floor `python -c "import sqlalchemy.orm, pydantic"`, interleaved.

    .venv/bin/python bench/cli_startup.py [--runs 15] [--years 10]

Each sample is one new process, timed from spawn to exit (output to /dev/null), on a
database with only a target role ("empty") and on a generated N-year history. The
databases are at the schema head, so no migration runs. Before the timed runs, one run of
each command with `python -X importtime` shows whether Textual or Alembic were imported
(neither should be) and the heaviest top-level imports.

Target: status / floor <= 1.3 (ratio of medians), on the empty database and on the history
(printed last: the empty one, the figure a shell prompt pays on every new user's machine).
`gap --json` is printed without target. `status` with a user pack active (a fork of the
built-in guide, read from its checked copy: catalog/pack_cache.py) against `status` on the
built-in pack, the same empty database otherwise: <= 1.05.

Every gaptracker subject runs with one temporary home (data, cache, config), which holds
that pack; so the figures do not depend on what the machine's own home holds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchutil as bu

TARGET = 1.3
PACK_TARGET = 1.05
WATCH = ("textual", "alembic", "sqlalchemy", "pydantic", "rich", "gaptracker")


ENV: dict[str, str] | None = None
"""The environment of every subject: the run's temporary home (main sets it)."""


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENV
    )
    ms = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed ({done.returncode}): {done.stderr.decode()}")
    return ms


def python_argv(argv: list[str], *flags: str) -> list[str]:
    """argv (the entry-point script or `python -m gaptracker`) run by our Python with flags."""
    if argv[0] == bu.PY:
        return [bu.PY, *flags, *argv[1:]]
    return [bu.PY, *flags, *argv]


def import_profile(argv: list[str]) -> tuple[dict[str, float], list[tuple[float, str]]]:
    """(ms spent in each watched package's own modules, heaviest direct imports) of one run."""
    done = subprocess.run(
        python_argv(argv, "-X", "importtime"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
        env=ENV,
    )
    packages: dict[str, float] = {}
    top: list[tuple[float, str]] = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        own, cumulative = int(m.group(1)) / 1000, int(m.group(2)) / 1000
        depth, name = len(m.group(3)), m.group(4)
        if depth == 1:  # imported by the program itself, not by another module
            top.append((cumulative, name))
        root = name.split(".")[0].removesuffix("_core")  # pydantic_core counts as pydantic
        if root in WATCH:
            packages[root] = packages.get(root, 0.0) + own
    return packages, sorted(top, reverse=True)[:6]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=15, help="runs per command")
    p.add_argument("--years", type=float, default=10, help="length of the big history")
    p.add_argument("--fresh", action="store_true", help="regenerate the history databases")
    o = p.parse_args(argv)

    global ENV
    empty, big = bu.history_db(0, fresh=o.fresh), bu.history_db(o.years, fresh=o.fresh)
    scratch = Path(tempfile.mkdtemp(prefix="gaptracker-bench-"))
    on_pack, ENV = bu.pack_home(empty, scratch)
    gt = bu.gaptracker_argv()
    commands = {
        "floor": [bu.PY, "-c", "import sqlalchemy.orm, pydantic"],
        "status-empty": [*gt, "--db", str(empty), "status"],
        "status-pack": [*gt, "--db", str(on_pack), "status"],
        "status-history": [*gt, "--db", str(big), "status"],
        "gap-json-empty": [*gt, "--db", str(empty), "gap", "--json"],
        "gap-json-history": [*gt, "--db", str(big), "gap", "--json"],
    }
    bu.header(f"CLI cold start, {o.runs} runs each, ABBA")
    print(f"# empty: {empty}\n# history ({o.years:g} years): {big}")
    for label, cmd in commands.items():
        if label == "floor":
            continue
        packages, top = import_profile(cmd)
        loaded = "  ".join(
            f"{k}={f'{packages[k]:.0f}ms' if k in packages else 'no'}" for k in WATCH
        )
        print(f"# imports {label}: {loaded}")
        print("#   heaviest: " + ", ".join(f"{name} {ms:.0f}ms" for ms, name in top))
    print(bu.ensure_bytecode(), flush=True)
    for cmd in commands.values():  # warm-up
        timed(cmd)

    times: dict[str, list[float]] = {label: [] for label in commands}
    for k, order in enumerate(bu.abba(list(commands), o.runs)):
        parts = []
        for label in order:
            ms = timed(commands[label])
            times[label].append(ms)
            parts.append(f"{label} {ms:6.0f}")
        print(f"run {k + 1:2d}: " + "  ".join(parts), flush=True)

    print("\n== cold start, spawn to exit (ms) ==")
    for label in commands:
        print(f"{label:>16s}  {bu.summary(times[label])}")
    med = {label: bu.median(v) for label, v in times.items()}
    floor = med["floor"]
    print(bu.ratio_line("cli-gap-json (empty/floor)", med["gap-json-empty"] / floor, None))
    print(
        bu.ratio_line("cli-gap-json-history (history/floor)", med["gap-json-history"] / floor, None)
    )
    print(
        bu.ratio_line("cli-status-history (history/floor)", med["status-history"] / floor, TARGET)
    )
    print(
        bu.ratio_line(
            "cli-status-user-pack (pack/built-in)",
            med["status-pack"] / med["status-empty"],
            PACK_TARGET,
        )
    )
    print(bu.ratio_line("cli-status (empty/floor)", med["status-empty"] / floor, TARGET))
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
