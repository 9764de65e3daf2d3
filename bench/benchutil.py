"""What the benchmarks share: where things are, cached history databases, statistics, output.

Every benchmark measures its baseline in the same run, interleaved (A B B A ...), and
reports medians and the ratio of medians; absolute times on shared machines drift.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
APPS = BENCH / "apps"
PY = sys.executable


def gaptracker_argv() -> list[str]:
    """The installed `gaptracker` entry point beside this Python, else `python -m gaptracker`."""
    script = Path(PY).parent / "gaptracker"
    return [str(script)] if script.exists() else [PY, "-m", "gaptracker"]


def app_argv(name: str) -> list[str]:
    return [PY, str(APPS / f"{name}.py")]


def ensure_bytecode() -> str:
    """Compile gaptracker's modules to .pyc files, as an installed copy has them, and say so.

    pip compiles a package when it installs it, so a user's gaptracker starts from
    bytecode. An editable dev install imports src/, where Python writes .pyc files on
    first import, unless PYTHONDONTWRITEBYTECODE is set (it is on some of these
    machines): then every timed start compiled every module again (about 30 ms of a TUI
    start) while the baselines' libraries came compiled from their wheels.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("gaptracker")
    if spec is None or spec.origin is None:
        return "# bytecode: gaptracker not found"
    folder = Path(spec.origin).parent
    compileall.compile_dir(folder, quiet=1)
    flag = os.environ.get("PYTHONDONTWRITEBYTECODE", "")
    return f"# bytecode: {folder} compiled (PYTHONDONTWRITEBYTECODE={flag!r})"


# -- history databases -------------------------------------------------------------------


def cache_dir() -> Path:
    path = Path(
        os.environ.get("GAPTRACKER_BENCH_CACHE", Path(tempfile.gettempdir()) / "gaptracker-bench")
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def history_db(years: float, seed: int = 0, fresh: bool = False) -> Path:
    """A generated history (see history.py) ending today, cached by everything that shapes it.

    The key covers the generator's source, the catalog version, the schema head and the
    local zone (moments are generated at local noon), so a change to any of them gives a
    new file; `fresh` regenerates anyway.
    """
    import history

    from gaptracker.catalog import load_catalog
    from gaptracker.storage.migrations.revisions import HEAD

    catalog = load_catalog()
    source = (BENCH / "history.py").read_bytes()
    key = hashlib.sha256(
        b"|".join([source, catalog.version.encode(), HEAD.encode(), str(seed).encode(), _zone()])
    ).hexdigest()[:12]
    path = cache_dir() / f"history-{years:g}y-{dt.date.today().isoformat()}-{key}.sqlite"
    if fresh or not path.exists():
        partial = path.with_name(path.name + ".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        summary = history.generate(partial, years, seed=seed, catalog=catalog)
        print(f"# generated {years:g}-year history: {summary.line()}", flush=True)
        os.replace(partial, path)
    return path


def _zone() -> bytes:
    return f"{time.tzname}{time.timezone}{time.altzone}".encode()


def scratch_copy(db: Path, into: Path) -> Path:
    """A throw-away copy of db (benchmarks that write must start each run from the same file)."""
    into.mkdir(parents=True, exist_ok=True)
    target = into / db.name
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(db, target)
    return target


def pack_home(db: Path, into: Path) -> tuple[Path, dict[str, str]]:
    """A copy of `db` on which a user pack (`bench`, a fork of the built-in guide) is
    active, and the environment whose home holds that pack: every subject of a run that
    compares the two starts gets the same environment, so only the pack differs."""
    import subprocess

    home = into / "home"
    env = os.environ | {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    copy = scratch_copy(db, into / "pack")
    for command in (["pack", "init", "bench"], ["--db", str(copy), "pack", "use", "bench"]):
        subprocess.run(
            [*gaptracker_argv(), *command], env=env, check=True, stdout=subprocess.DEVNULL
        )
    return copy, env


# -- order and statistics ----------------------------------------------------------------


def abba(labels: Sequence[str], rounds: int) -> list[list[str]]:
    """Per round the order to run in: forwards on even rounds, backwards on odd ones."""
    return [list(labels) if k % 2 == 0 else list(reversed(labels)) for k in range(rounds)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(values: Sequence[float]) -> str:
    if not values:
        return "n=0"
    return (
        f"n={len(values):3d}  min {min(values):8.1f}  median {median(values):8.1f}"
        f"  max {max(values):8.1f}"
    )


def header(title: str) -> None:
    print(f"== {title} ==", flush=True)


def ratio_line(name: str, value: float, target: float | None) -> str:
    """`RATIO name: value (target <= X) met|MISSED` - what run_all.py collects."""
    if target is None:
        return f"ratio {name}: {value:.2f} (no target)"
    verdict = "met" if value <= target else "MISSED"
    return f"RATIO {name}: {value:.2f} (target <= {target:g}) {verdict}"
