"""Hostile and long notes through every command that shows them: nothing raw on the
terminal, tables that stay narrow, the exact text in the database and in `--json`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import html5lib
from hypothesis import HealthCheck, given, settings

from gaptracker.domain.text import MAX_TEXT_LENGTH
from tests.cli.conftest import Run
from tests.hostile import hostile_text, raw_unsafe

ROLE = "inference-optimization-engineer"
SKILL = "gpu-cuda-programming"


def stored(db: Path, column: str, table: str = "ratings") -> str:
    with sqlite3.connect(db) as conn:
        (value,) = conn.execute(f"SELECT {column} FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
    return str(value)


def test_every_output_shows_hostile_text_safely_and_stores_it_exactly(
    gt: Run, db_path: Path, tmp_path: Path
) -> None:
    assert gt("target", ROLE).status == 0

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(note=hostile_text, evidence=hostile_text, reason=hostile_text)
    def check(note: str, evidence: str, reason: str) -> None:
        # `--note=TEXT`: a text starting with "-" must not read as an option
        rated = gt("rate", SKILL, "3", f"--note={note}", f"--evidence={evidence}")
        assert rated.status == 0, rated.err
        marked = gt("not-applicable", "model-serving", f"--reason=r{reason}")
        assert marked.status == 0, marked.err
        assert (stored(db_path, "note"), stored(db_path, "evidence")) == (note, evidence)
        assert stored(db_path, "reason", "applicability_marks") == "r" + reason
        for command in (
            ("history",),
            ("history", SKILL),
            ("gap",),
            ("plan",),
            ("skills", "--role", ROLE),
            ("goals",),
            ("export", "--format", "md"),
        ):
            result = gt(*command)
            assert result.status == 0, (command, result.err)
            assert raw_unsafe(result.out, allowed="\n") == [], command
        assert raw_unsafe(marked.out, allowed="\n") == []
        assert raw_unsafe(gt("export", "--format", "csv").out, allowed="\n\t") == []
        page = tmp_path / "report.html"
        assert gt("export", "--format", "html", "--output", str(page)).status == 0
        parser = html5lib.HTMLParser()
        parser.parse(page.read_text(encoding="utf-8"))
        assert parser.errors == []
        history = gt("history", SKILL, "--json").out
        gap = gt("gap", "--json").out
        for serialized in (history, gap):
            assert raw_unsafe(serialized, allowed="\n") == []
        assert (json.loads(history)[-1]["note"], json.loads(history)[-1]["evidence"]) == (
            note,
            evidence,
        )
        row = next(g for g in json.loads(gap)["gaps"] if g["skill_id"] == SKILL)
        assert (row["note"], row["evidence"]) == (note, evidence)

    check()


def test_surrounding_spaces_and_newlines_are_stored_exactly(gt: Run, db_path: Path) -> None:
    gt("target", ROLE)
    assert gt("rate", SKILL, "2", "--note", "  padded \n", "--evidence", "\tlink ").status == 0
    assert (stored(db_path, "note"), stored(db_path, "evidence")) == ("  padded \n", "\tlink ")
    assert gt("not-applicable", "model-serving", "--reason", " other team ").status == 0
    assert stored(db_path, "reason", "applicability_marks") == " other team "
    assert json.loads(gt("history", "--json").out)[-1]["note"] == "  padded \n"


def test_the_longest_note_is_clipped_in_tables_and_whole_in_json(gt: Run) -> None:
    gt("target", ROLE)
    long_note = ("profiled " * 1200)[:MAX_TEXT_LENGTH]
    for skill in (SKILL, "cpp-cuda-systems-profiling", "reproducibility-discipline"):
        gt("rate", skill, "2", "--note", "short")
    gt("rate", SKILL, "3", "--note", long_note, "--evidence", long_note)
    for command in (("history",), ("gap",)):
        out = gt(*command).out
        assert max(len(line) for line in out.splitlines()) < 200, command
        assert len(out) < 6_000, command
        assert "profiled profiled" in out and "…" in out
    history = json.loads(gt("history", "--json").out)
    assert history[-1]["note"] == long_note and history[-1]["evidence"] == long_note


def test_csv_export_neutralises_formulas_from_the_command_line(gt: Run, tmp_path: Path) -> None:
    gt("target", ROLE)
    gt("rate", SKILL, "3", "--note", '=HYPERLINK("http://x","y")', "--evidence", "@SUM(A1)")
    assert gt("not-applicable", "model-serving", "--reason=-2+3").status == 0
    rows = list(csv.DictReader(io.StringIO(gt("export", "--format", "csv").out)))
    gpu = next(r for r in rows if r["skill_id"] == SKILL)
    assert (gpu["note"], gpu["evidence"]) == ('\'=HYPERLINK("http://x","y")', "'@SUM(A1)")
    assert rows[-1]["note"] == "'-2+3"
    assert (gpu["current"], gpu["target"]) == ("3", "2")
