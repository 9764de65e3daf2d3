"""Random arguments, notes, dates and levels at the CLI: exit 0 or 2, never a traceback,
and the data either holds the valid rating exactly as entered or is unchanged. Invalid
UTF-8 goes in as a shell passes it: bytes in the argv of a real process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.safety.processes import call_in_process

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
        "gt.sqlite",  # outputs onto the database itself, special files, too long a name
        "gt.sqlite-wal",
        "/dev/null",
        "x" * 256,
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)
SHORT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
UNDECODABLE = st.builds(
    lambda before, surrogate, after: before + surrogate + after,
    SHORT,
    st.integers(0xD800, 0xDFFF).map(chr),
    SHORT,
)
"""Text holding a surrogate: what Python makes of bytes that are not UTF-8."""


def call(db: Path, argv: list[str]) -> tuple[int, str]:
    return call_in_process(db, argv)


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
        assert db.read_bytes().startswith(b"SQLite format 3\x00"), argv  # never replaced


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    level=st.one_of(st.integers(-3, 8).map(str), TEXT),
    note=st.one_of(TEXT, UNDECODABLE),
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
            assert (skill, value, saved_note) == ("gpu-cuda-programming", int(level), note)
        else:
            assert stored == []
            assert len(err.strip().splitlines()) == 1


def not_utf8(data: bytes) -> bool:
    """Bytes a shell can pass (no NUL) that are not UTF-8."""
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    option=st.sampled_from(["--note", "--evidence", "--reason"]),
    text=st.binary(min_size=1, max_size=12).filter(not_utf8).map(lambda b: b"caf" + b),
)
def test_invalid_utf8_from_a_shell_is_refused_by_name_and_writes_nothing(
    option: str, text: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "gt.sqlite"
        call(db, ["target", "inference-optimization-engineer"])
        before = db.read_bytes()
        if option == "--reason":
            command = [b"not-applicable", b"model-serving"]
        else:
            command = [b"rate", b"gpu-cuda-programming", b"3"]
        proc = subprocess.run(
            [sys.executable, "-m", "gaptracker", "--db", str(db), *command, option.encode(), text],
            capture_output=True,
            timeout=60,
            cwd=folder,
        )
        lines = proc.stderr.decode("utf-8", "replace").splitlines()
        assert proc.returncode == 2, lines
        assert len(lines) == 1 and lines[0].startswith(f"gaptracker: error: {option} "), lines
        assert "not valid UTF-8" in lines[0] and proc.stdout == b""
        assert db.read_bytes() == before
