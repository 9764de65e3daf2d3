"""One entry point for every export format, shared by the CLI and the TUI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from gaptracker.domain.report import GapReport
from gaptracker.reports.csv_report import render_csv
from gaptracker.reports.html_report import render_html
from gaptracker.reports.json_report import render_json
from gaptracker.reports.markdown import render_markdown

RENDERERS: dict[str, Callable[[GapReport], str]] = {
    "md": render_markdown,
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}
FORMATS = tuple(RENDERERS)
"""The text formats; `pdf` is the HTML page printed by Chromium (gaptracker.chromium)."""
FORMAT_NAMES = {"md": "Markdown", "json": "JSON", "csv": "CSV", "html": "HTML", "pdf": "PDF"}
"""Every export format the user can choose, by the name a dialog shows."""


def render(report: GapReport, fmt: str) -> str:
    return RENDERERS[fmt](report)


def default_file_name(role_id: str, day: dt.date, fmt: str) -> str:
    """e.g. gap-report-inference-optimization-engineer-2026-03-02.md"""
    return f"gap-report-{role_id}-{day.isoformat()}.{fmt}"
