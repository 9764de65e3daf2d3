"""The core must be importable without Textual (harlequin's check, in a clean subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "gaptracker.domain.gap",
        "gaptracker.catalog",
        "gaptracker.services.tracker",
        "gaptracker.reports.markdown",
        "gaptracker.storage.schema",
        "gaptracker.cli",
    ],
)
def test_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("module", ["gaptracker.domain.gap", "gaptracker.services.tracker"])
def test_domain_and_services_do_not_load_sqlalchemy(module: str) -> None:
    code = f"import sys, {module}; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_start_at_the_schema_head_loads_neither_the_orm_nor_alembic(tmp_path: Path) -> None:
    """Storage is SQLAlchemy Core: `sqlalchemy.orm` was about 45 ms of every start."""
    db = tmp_path / "gt.sqlite"
    use = (
        "import sys; from pathlib import Path; from gaptracker.catalog import load_catalog; "
        "from gaptracker.storage.schema import open_database; "
        "from gaptracker.services.tracker import Tracker; import gaptracker.tui.app; "
        f"t = Tracker(load_catalog(), open_database(Path({str(db)!r})).uow_factory); "
        "t.set_target('ai-research-scientist'); t.rate('gpu-cuda-programming', 2); "
        "t.overview(); print(sorted({'sqlalchemy.orm', 'alembic'} & set(sys.modules)))"
    )
    subprocess.run([sys.executable, "-c", use], capture_output=True, check=True)  # migrates
    out = subprocess.run([sys.executable, "-c", use], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_commands_on_a_file_never_load_psycopg(tmp_path: Path) -> None:
    """psycopg is the PostgreSQL extra: a SQLite file's commands (and the CLI module) work
    without it, and do not pay for loading it."""
    db = tmp_path / "gt.sqlite"
    use = (
        "import sys; from gaptracker.cli import main; "
        f"main(['--db', {str(db)!r}, 'rate', 'gpu-cuda-programming', '2']); "
        f"main(['--db', {str(db)!r}, 'status']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg', 'psycopg_binary')))"
    )
    out = subprocess.run([sys.executable, "-c", use], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_commands_other_than_serve_never_load_the_web_extra(tmp_path: Path) -> None:
    """textual-serve and aiohttp are the web extra: only `gaptracker serve` loads them
    (and a refused `serve` does not get as far)."""
    db = tmp_path / "gt.sqlite"
    use = (
        "import sys; from gaptracker.cli import main; import gaptracker.tui.app; "
        f"main(['--db', {str(db)!r}, 'rate', 'gpu-cuda-programming', '2']); "
        f"main(['--db', {str(db)!r}, 'status']); "
        f"main(['--db', {str(db)!r}, 'serve', '--port', '0']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual_serve', 'aiohttp')))"
    )
    out = subprocess.run([sys.executable, "-c", use], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
