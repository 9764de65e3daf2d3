"""A member's own views on a group's PostgreSQL database: as quick as on their own file,
and the same whatever the group's size.

    .venv/bin/python bench/group_scale.py [--runs 10] [--sizes 50,500] [--years 2]

A throwaway server (tests/pg_server.py) holds one group database per size. In each, the
member `alice` (a login of her own, held to the row-level security policies) has a
generated history of `--years` of weekly check-ins (bench/history.py, every skill rated
each week, restored through `gaptracker restore`), and every other member a copy of it
under their own name: 500 members x 2 years is about 1.5 million ratings.

Subjects, interleaved (A B C ... then backwards):

  file        alice's same history in a SQLite file (the baseline)
  group-N     alice on the group of N members

For `gaptracker status` (spawn to exit) and the TUI's first frame showing the dashboard's
readiness figure (80x24 pty, as tui_startup.py). Ratios: group-500 / file (the server
costs what a file does), group-500 / group-50 (a member's views do not grow with the
group). And a mentor of 30 mentees (each with the same two years): from `m` on their
dashboard to the Mentees screen listing them, on each group size (informational ratio:
against the mentor's own first frame; and group-500 / group-50).

Needs the PostgreSQL server binaries and psycopg; as root it runs the server as
`postgres` through runuser, as the tests do.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchutil as bu
import ptyterm

sys.path.insert(0, str(bu.BENCH.parent))  # tests/pg_server.py: the tests' throwaway server

from tests.pg_server import (
    SUPERUSER,
    PgServer,
    missing_prerequisite,
    remove_server,
    server_binaries,
    start_server,
)

TARGET_FILE = 1.5
"""A member's command on the server, against the same rows in a file: a connection to a
server and its round trips cost something a file does not, but not half again."""
TARGET_SIZE = 1.1
"""500 members against 50: a member's views read the member's own rows only."""
ROLE = "inference-optimization-engineer"
MENTEES = 30
REVIEWS = ("review_bundles", "mentor_ratings")
"""Not copied: a bundle's id is one per database, and the history has none anyway."""


def run(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def make_group(server: PgServer, size: int, history_file: Path, env: dict[str, str]) -> str:
    """A group of `size` members on the server; alice's URL. alice's history comes in
    through `restore` as herself; the others' rows are copies of hers (the superuser
    passes every policy), each under their own name."""
    import psycopg

    database = f"bench_group_{size}"
    alice = f"{database}_alice"
    mona = f"{database}_mona"
    with psycopg.connect(server.conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    owner_url = server.url(database)
    alice_url = owner_url.replace(f"{SUPERUSER}@", f"{alice}@")
    gt = bu.gaptracker_argv()
    run([*gt, "--db", owner_url, "group", "init"], env)
    run([*gt, "--db", owner_url, "group", "add-member", alice], env)
    run([*gt, "--db", owner_url, "group", "add-member", mona, "--name", "Mona"], env)
    run([*gt, "--db", owner_url.replace(f"{SUPERUSER}@", f"{mona}@"), "target", ROLE], env)
    backup = history_file.with_suffix(".json")
    if not backup.exists():
        run([*gt, "--db", str(history_file), "backup", str(backup)], env)
    run([*gt, "--db", alice_url, "restore", str(backup)], env)
    with psycopg.connect(server.conninfo(database), autocommit=True) as admin:
        from gaptracker.storage.tables import USER_DATA_TABLES

        for table in (t.name for t in USER_DATA_TABLES if t.name not in REVIEWS):
            columns = [
                name
                for (name,) in admin.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_name = %s AND column_name NOT IN ('id', 'member')"
                    " ORDER BY ordinal_position",
                    (table,),
                )
            ]
            listed = ", ".join(columns)
            picked = ", ".join("NULL" if c == "checkin_id" else f"t.{c}" for c in columns)
            admin.execute(
                f"INSERT INTO {table} ({listed}, member) SELECT {picked}, 'member-' || i"
                f" FROM {table} t, generate_series(2, %s) i WHERE t.member = %s",
                (size, alice),
            )
        admin.execute(
            "INSERT INTO members (login, name, added_at) SELECT 'member-' || i, 'Member ' || i,"
            " now() FROM generate_series(2, %s) i",
            (size,),
        )
        admin.execute(
            "INSERT INTO mentorships (mentor, mentee, added_at) SELECT %s, 'member-' || i,"
            " now() FROM generate_series(2, %s) i",
            (mona, MENTEES + 1),
        )
        admin.execute("ANALYZE")
        ratings = admin.execute("SELECT count(*) FROM ratings").fetchone()
    print(f"# group of {size}: {ratings[0] if ratings else 0} ratings in all", flush=True)
    return alice_url


def mentor_url(alice_url: str) -> str:
    return alice_url.replace("_alice@", "_mona@")


def mentees_ms(argv: list[str], env: dict[str, str]) -> float:
    """From `m` on the mentor's dashboard to the frame listing the mentees."""
    extra = {k: v for k, v in env.items() if os.environ.get(k) != v}
    with ptyterm.Terminal(argv, cols=80, rows=24, env=extra) as term:
        term.wait_for(ptyterm.readiness_figure, timeout=60)
        term.settle()
        pressed = term.press("m")
        t, _ = term.wait_for(ptyterm.contains("(member-10)"), timeout=120, not_before=pressed)
        return (t - pressed) * 1000


def status_ms(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run(argv, env)
    return (time.perf_counter() - start) * 1000


def frame_ms(argv: list[str], env: dict[str, str]) -> float:
    extra = {k: v for k, v in env.items() if os.environ.get(k) != v}  # TERM is the pty's
    with ptyterm.Terminal(argv, cols=80, rows=24, env=extra) as term:
        t, _ = term.wait_for(ptyterm.readiness_figure, timeout=60)
        return (t - term.t0) * 1000


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--sizes", default="50,500")
    p.add_argument("--years", type=float, default=2)
    o = p.parse_args(argv)
    sizes = [int(s) for s in o.sizes.split(",")]

    reason = missing_prerequisite()
    binaries = server_binaries()
    if reason or binaries is None:
        print(f"# skipped: {reason or 'no PostgreSQL server binaries'}")
        return 0
    history_file = bu.history_db(o.years)
    home = Path(tempfile.mkdtemp(prefix="gt-bench-group-"))
    env = os.environ | {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    server = start_server(binaries)
    try:
        gt = bu.gaptracker_argv()
        urls = {f"group-{n}": make_group(server, n, history_file, env) for n in sizes}
        copy = bu.scratch_copy(history_file, home / "file")
        places = {"file": str(copy), **urls}
        bu.header(f"a member's views, {o.runs} runs each, ABBA, {o.years:g} years of history")
        print(bu.ensure_bytecode(), flush=True)
        measures = {"status": status_ms, "first frame": frame_ms}
        results: dict[str, dict[str, list[float]]] = {}
        for measure, timer in measures.items():
            times: dict[str, list[float]] = {label: [] for label in places}
            command = ["status"] if measure == "status" else []
            for place in places.values():  # warm-up
                timer([*gt, "--db", place, *command], env)
            for order in bu.abba(list(places), o.runs):
                for label in order:
                    times[label].append(timer([*gt, "--db", places[label], *command], env))
            results[measure] = times
            for label, values in times.items():
                print(f"{measure:12s} {label:12s} {bu.summary(values)}", flush=True)
        mentors = {f"mentees-{n}": mentor_url(urls[f"group-{n}"]) for n in sizes}
        for place in mentors.values():  # warm-up
            mentees_ms([*gt, "--db", place], env)
        screen: dict[str, list[float]] = {label: [] for label in mentors}
        own: dict[str, list[float]] = {label: [] for label in mentors}
        for order in bu.abba(list(mentors), o.runs):
            for label in order:
                screen[label].append(mentees_ms([*gt, "--db", mentors[label]], env))
                own[label].append(frame_ms([*gt, "--db", mentors[label]], env))
        for label in mentors:
            print(f"{'mentees':12s} {label:12s} {bu.summary(screen[label])}", flush=True)
            print(f"{'own frame':12s} {label:12s} {bu.summary(own[label])}", flush=True)
        largest, smallest = f"group-{max(sizes)}", f"group-{min(sizes)}"
        big, small = f"mentees-{max(sizes)}", f"mentees-{min(sizes)}"
        print(
            bu.ratio_line(
                f"mentees_screen_{MENTEES}_vs_own_first_frame",
                bu.median(screen[big]) / bu.median(own[big]),
                None,
            )
        )
        print(
            bu.ratio_line(
                f"mentees_screen_{big}_vs_{small}",
                bu.median(screen[big]) / bu.median(screen[small]),
                TARGET_SIZE,
            )
        )
        for measure, times in results.items():
            name = measure.replace(" ", "_")
            on_server = bu.median(times[largest]) / bu.median(times["file"])
            growth = bu.median(times[largest]) / bu.median(times[smallest])
            print(bu.ratio_line(f"group_{name}_{largest}_vs_file", on_server, TARGET_FILE))
            print(bu.ratio_line(f"group_{name}_{largest}_vs_{smallest}", growth, TARGET_SIZE))
    finally:
        remove_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
