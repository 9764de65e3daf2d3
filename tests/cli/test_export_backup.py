"""Export to files and backup/restore through the entry point: atomic, all or nothing."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import html5lib

from tests.cli.conftest import Run

ROLE = "inference-optimization-engineer"


def seed(gt: Run) -> None:
    gt("target", ROLE)
    gt("rate", "gpu-cuda-programming", "2", "--note", "tiled <matmul> | fast")
    gt("rate", "reproducibility-discipline", "3", "--at", "2026-01-05")
    gt("not-applicable", "model-serving", "--reason", "platform team")


def counts(db_path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db_path) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("ratings", "target_changes", "applicability_marks")
        )


def test_every_format_to_a_file(gt: Run, tmp_path: Path) -> None:
    seed(gt)
    for fmt in ("md", "json", "csv", "html"):
        out = tmp_path / f"report.{fmt}"
        result = gt("export", "--format", fmt, "--output", str(out))
        assert result.status == 0, result.err
        assert str(out) in result.err
    assert json.loads((tmp_path / "report.json").read_text())["role"]["id"] == ROLE
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report.csv").read_text())))
    assert any(r["note"] == "tiled <matmul> | fast" for r in rows)
    html5lib.parse((tmp_path / "report.html").read_text())
    assert not list(tmp_path.glob(".*.tmp"))  # no temp file left behind


def test_html_needs_an_output_path(gt: Run) -> None:
    seed(gt)
    result = gt("export", "--format", "html")
    assert result.status == 2 and "needs --output" in result.err and result.out == ""


def test_export_into_a_missing_folder_or_onto_a_folder(gt: Run, tmp_path: Path) -> None:
    seed(gt)
    missing = gt("export", "--format", "csv", "--output", str(tmp_path / "no" / "r.csv"))
    assert missing.status == 2 and "does not exist" in missing.err
    folder = gt("export", "--output", str(tmp_path))
    assert folder.status == 2 and "is a folder" in folder.err
    assert not (tmp_path / "no").exists()
    assert not list(tmp_path.glob("*.md"))


def test_backup_restore_backup_is_lossless(gt: Run, tmp_path: Path) -> None:
    seed(gt)
    first = tmp_path / "first.json"
    assert gt("backup", str(first)).status == 0
    other = tmp_path / "other.sqlite"
    assert gt("--db", str(other), "restore", str(first)).status == 0
    second = tmp_path / "second.json"
    assert gt("--db", str(other), "backup", str(second)).status == 0
    strip = lambda p: {k: v for k, v in json.loads(p.read_text()).items() if k != "created_at"}  # noqa: E731
    assert strip(first) == strip(second)
    assert strip(first)["ratings"][0]["note"] == "tiled <matmul> | fast"
    assert gt("--db", str(other), "gap").out == gt("gap").out


def test_restore_refuses_a_non_empty_database_unless_replace(
    gt: Run, db_path: Path, tmp_path: Path
) -> None:
    seed(gt)
    backup = tmp_path / "b.json"
    gt("backup", str(backup))
    gt("rate", "model-serving", "1")
    before = counts(db_path)
    refused = gt("restore", str(backup))
    assert refused.status == 2 and "--replace" in refused.err
    assert counts(db_path) == before
    replaced = gt("restore", str(backup), "--replace")
    assert replaced.status == 0
    assert counts(db_path) == (2, 1, 1)
    copies = list(tmp_path.glob("gt.sqlite.backup-*"))
    assert len(copies) == 1
    assert counts(copies[0]) == before  # the replaced data is kept in the copy


def test_bad_backup_files_change_nothing(gt: Run, db_path: Path, tmp_path: Path) -> None:
    seed(gt)
    good = tmp_path / "good.json"
    gt("backup", str(good))
    text = good.read_text()
    cases = {
        "garbage.json": "\x00\x01 not json at all",
        "truncated.json": text[: len(text) // 2],
        "wrong-shape.json": json.dumps({"format": "gaptracker-backup", "schema_version": 1}),
        "other-format.json": json.dumps({"hello": "world"}),
        "future.json": text.replace('"schema_version": 2', '"schema_version": 7'),
        "bad-level.json": text.replace('"level": 2', '"level": 9'),
    }
    before = counts(db_path)
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        for extra in ((), ("--replace",)):
            result = gt("restore", str(path), *extra)
            assert result.status == 2, (name, result.err)
            assert len(result.err.strip().splitlines()) == 1
            assert "Traceback" not in result.err
            assert counts(db_path) == before
    assert not list(tmp_path.glob("gt.sqlite.backup-*"))
    missing = gt("restore", str(tmp_path / "nope.json"))
    assert missing.status == 2 and "cannot read" in missing.err
