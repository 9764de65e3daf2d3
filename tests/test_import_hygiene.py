"""The core must be importable without Textual (harlequin's check, in a clean subprocess)."""

from __future__ import annotations

import subprocess
import sys

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
