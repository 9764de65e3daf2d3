"""Random arguments, notes, dates and levels at the CLI: exit 0 or 2, never a traceback,
and the data either holds the valid rating or is unchanged."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gaptracker.cli import main

WORDS = st.sampled_from(
    [
        "rate",
        "target",
        "gap",
        "status",
        "history",
        "export",
        "goal",
        "goals",
        "plan",
        "not-applicable",
        "skills",
        "roles",
        "backup",
        "restore",
        "--json",
        "--role",
        "--note",
        "--evidence",
        "--at",
        "--by",
        "--format",
        "--output",
        "--reason",
        "--undo",
        "gpu-cuda-programming",
        "model-serving",
        "inference-optimization-engineer",
        "md",
        "csv",
        "html",
        "json",
        "3",
        "-1",
        "9",
        "2026-02-30",
        "2026-01-05",
        "",
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)


def call(db: Path, argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    # In the database's temp folder: a random `backup NAME` or `--output NAME` writes there,
    # not into the working tree.
    with (
        contextlib.chdir(db.parent),
        contextlib.redirect_stderr(err),
        contextlib.redirect_stdout(io.StringIO()),
    ):
        try:
            status = main(["--db", str(db), *argv])
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, err.getvalue()


def ratings(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT skill_id, level, note, effective_date FROM ratings").fetchall()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=st.lists(st.one_of(WORDS, TEXT), min_size=1, max_size=8))
def test_random_argument_lists_never_crash(argv: list[str]) -> None:
    # Without a command (or with tui/checkin) the CLI opens the terminal app: not for here.
    assume(argv[0] not in ("tui", "checkin") and not argv[0].startswith("-"))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "gt.sqlite"
        call(db, ["target", "inference-optimization-engineer"])
        status, err = call(db, argv)
        assert status in (0, 2), (argv, status, err)
        assert "Traceback" not in err


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    level=st.one_of(st.integers(-3, 8).map(str), TEXT),
    note=TEXT,
    at=st.one_of(st.none(), st.dates().map(str), TEXT),
)
def test_a_rating_is_either_stored_exactly_or_not_at_all(
    level: str, note: str, at: str | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "gt.sqlite"
        call(db, ["target", "inference-optimization-engineer"])  # an existing database
        argv = ["rate", "gpu-cuda-programming", level, "--note", note]
        if at is not None:
            argv += ["--at", at]
        status, err = call(db, argv)
        assert status in (0, 2) and "Traceback" not in err, err
        stored = ratings(db)
        if status == 0:
            assert len(stored) == 1
            skill, value, saved_note, _ = stored[0]
            assert (skill, value, saved_note) == ("gpu-cuda-programming", int(level), note.strip())
        else:
            assert stored == []
            assert len(err.strip().splitlines()) <= 2
