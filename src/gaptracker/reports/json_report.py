"""The gap report as versioned JSON, and its JSON Schema."""

from __future__ import annotations

import json

from gaptracker.domain.report import GapReport
from gaptracker.domain.text import json_safe


def render_json(report: GapReport) -> str:
    """The exact text of every note; C1, DEL and bidi characters as \\uXXXX escapes."""
    return json_safe(report.model_dump_json(indent=2)) + "\n"


def report_schema() -> str:
    """The schema of what render_json writes (its serialization: exact figures leave as
    rounded-down numbers)."""
    schema = GapReport.model_json_schema(mode="serialization")
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
