"""`export --format pdf`: the report printed by Chromium, written by write_output's rules.

The fast tests use a stand-in Chromium (tests/pdf_files.py), named by GAPTRACKER_CHROMIUM;
the last ones print with the real /usr/bin/chromium (marker `browser`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gaptracker import chromium
from tests.cli.conftest import Run, refused
from tests.pdf_files import fake_chromium, page_count, pdfinfo_pages
from tests.web.browser import require_system_chromium

ROLE = "inference-optimization-engineer"


def seed(gt: Run) -> None:
    assert gt("target", ROLE).status == 0
    assert (
        gt("rate", "gpu-cuda-programming", "2", "--evidence", "https://example.org/x").status == 0
    )


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stand-in's record of its run (absent until it runs)."""
    program, log = fake_chromium(tmp_path / "fake")
    monkeypatch.setenv("GAPTRACKER_CHROMIUM", str(program))
    return log


def test_writes_the_printed_pdf_as_a_new_private_file(gt: Run, tmp_path: Path, fake: Path) -> None:
    seed(gt)
    out = tmp_path / "report.pdf"
    result = gt("export", "--format", "pdf", "--output", str(out))
    assert result.status == 0, result.err
    assert result.out == "" and result.err == f"Wrote {out}\n"
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o777 == 0o600
    assert fake.exists() and not list(tmp_path.glob(".*.tmp"))


def test_needs_an_output_file(gt: Run, fake: Path) -> None:
    seed(gt)
    assert "needs --output" in refused(gt("export", "--format", "pdf"))
    assert not fake.exists()  # refused before anything was printed


def test_refuses_the_database_and_a_link_to_it_before_printing(
    gt: Run, db_path: Path, tmp_path: Path, fake: Path
) -> None:
    seed(gt)
    before = db_path.read_bytes()
    link = tmp_path / "innocent.pdf"
    link.symlink_to(db_path)
    for target in (db_path, link, Path(f"{db_path}-wal")):
        assert "is the database" in refused(
            gt("export", "--format", "pdf", "--output", str(target))
        )
    assert not fake.exists() and db_path.read_bytes() == before and link.is_symlink()


def test_refuses_a_folder_and_writes_nothing(gt: Run, tmp_path: Path, fake: Path) -> None:
    seed(gt)
    folder = tmp_path / "reports"
    folder.mkdir()
    assert "is a folder" in refused(gt("export", "--format", "pdf", "--output", str(folder)))
    assert list(folder.iterdir()) == []


def test_through_a_symlink_replaces_its_target_and_keeps_the_link(
    gt: Run, tmp_path: Path, fake: Path
) -> None:
    seed(gt)
    target = tmp_path / "shared" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "report.pdf"
    link.symlink_to(target)
    assert gt("export", "--format", "pdf", "--output", str(link)).status == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"%PDF-")


def test_without_chromium_one_line_exit_2_and_no_file(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(gt)
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("GAPTRACKER_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "report.pdf"
    line = refused(gt("export", "--format", "pdf", "--output", str(out)))
    assert "needs Chromium" in line and "apt install chromium" in line
    assert not out.exists()


def test_a_failing_chromium_leaves_the_old_file(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(gt)
    program, _ = fake_chromium(tmp_path / "failing", fail=True)
    monkeypatch.setenv("GAPTRACKER_CHROMIUM", str(program))
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the old report")
    assert "could not print" in refused(gt("export", "--format", "pdf", "--output", str(out)))
    assert out.read_bytes() == b"the old report" and not list(tmp_path.glob(".*.tmp"))


def test_dev_stdout_into_a_pipe_carries_the_bytes(db_path: Path, tmp_path: Path) -> None:
    program, _ = fake_chromium(tmp_path / "fake")
    env = {**os.environ, "GAPTRACKER_DB": str(db_path), "GAPTRACKER_CHROMIUM": str(program)}
    gt = [sys.executable, "-m", "gaptracker"]
    subprocess.run([*gt, "target", ROLE], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [*gt, "export", "--format", "pdf", "--output", "/dev/stdout"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and done.stdout.endswith(b"%%EOF\n")


@pytest.mark.browser
@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_the_real_chromium_prints_the_report(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paper: str, size: tuple[int, int]
) -> None:
    monkeypatch.setenv("GAPTRACKER_CHROMIUM", str(require_system_chromium()))
    seed(gt)
    out = tmp_path / "report.pdf"
    result = gt("export", "--format", "pdf", "--paper", paper, "--output", str(out))
    assert result.status == 0, result.err
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert 1 <= page_count(data) <= 3
    assert pdfinfo_pages(out) in (None, page_count(data))
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {size}


def test_paper_is_only_for_pdf(gt: Run) -> None:
    seed(gt)
    assert "--paper is for --format pdf" in refused(gt("export", "--paper", "letter"))
    assert gt("export", "--format", "pdf", "--paper", "a5").status == 2  # argparse's choices
