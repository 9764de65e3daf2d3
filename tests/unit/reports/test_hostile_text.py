"""Hostile notes, evidence, reasons and plan text through every report format: nothing
raw in what a terminal or browser shows, no formula in the CSV, the exact text in JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

import html5lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import Status
from gaptracker.reports.csv_report import render_csv
from gaptracker.reports.gap_text import render_gap_text
from gaptracker.reports.html_report import render_html
from gaptracker.reports.json_report import render_json
from gaptracker.reports.markdown import render_markdown
from gaptracker.reports.plan_text import render_plan_text
from gaptracker.services.tracker import Tracker
from tests.fakes import FakeUnitOfWorkFactory, FixedClock
from tests.hostile import FORMULA_PREFIXES, formula_text, hostile_text, raw_unsafe, read_escapes

CATALOG = load_catalog()
ROLE = "inference-optimization-engineer"
NS = {"h": "http://www.w3.org/1999/xhtml"}
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Entered:
    note: str
    evidence: str
    reason: str
    study: str
    title: str
    link: str


entered = st.builds(
    Entered,
    note=hostile_text,
    evidence=hostile_text,
    reason=hostile_text.map(lambda t: "x" + t),  # a reason cannot be blank
    study=hostile_text,
    title=hostile_text.map(lambda t: "t" + t),  # nor a title
    link=hostile_text,
)
PLAIN = Entered("x", "x", "x", "x", "t", "x")


def outputs(text: Entered) -> dict[str, str]:
    tracker = Tracker(
        CATALOG, FakeUnitOfWorkFactory(), FixedClock(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    )
    tracker.set_target(ROLE)
    tracker.rate("gpu-cuda-programming", 3, note=text.note, evidence=text.evidence)
    tracker.mark_not_applicable("model-serving", text.reason)
    tracker.plan.set_study("inference-optimization", Status.DONE, text.study)
    tracker.plan.add_project(text.title, text.note, ["gpu-cuda-programming"], text.link)
    report = tracker.report()
    return {
        "md": render_markdown(report),
        "html": render_html(report),
        "csv": render_csv(report),
        "json": render_json(report),
        "gap": render_gap_text(report),
        "plan": render_plan_text(tracker.plan.view(ROLE), CATALOG),
    }


BASELINE = outputs(PLAIN)


@EXAMPLES
@given(entered)
def test_terminal_and_markdown_outputs_show_nothing_raw_and_keep_their_lines(
    text: Entered,
) -> None:
    out = outputs(text)
    for fmt in ("md", "gap", "plan"):
        assert raw_unsafe(out[fmt], allowed="\n") == [], fmt
        # One line per row whatever the text holds: the layout is the plain one's.
        assert out[fmt].count("\n") == BASELINE[fmt].count("\n"), fmt


@EXAMPLES
@given(entered)
def test_html_stays_valid_and_shows_the_note_with_escapes(text: Entered) -> None:
    page = outputs(text)["html"]
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
    doc = parser.parse(page)
    assert parser.errors == []
    assert raw_unsafe(page, allowed="\n\t") == []
    rows = [
        ["".join(td.itertext()) for td in tr.findall("h:td", NS)]
        for tr in doc.iter()
        if tr.tag.endswith("}tr")
    ]
    skill = next(
        b
        for b in doc.iter(f"{{{NS['h']}}}tbody")
        if "".join(b.find("h:tr/h:td", NS).itertext()) == "GPU and CUDA programming"  # type: ignore[union-attr]
    )  # the gap table: one tbody per skill, its note and evidence on the row under it
    shown = {
        span.get("class"): "".join(span.itertext()) for span in skill.iter(f"{{{NS['h']}}}span")
    }
    assert [read_escapes(shown.get(c, "")) for c in ("note", "evidence")] == [
        text.note,
        text.evidence,
    ]
    reasons = [r[1] for r in rows if r[:1] == ["Model serving"] and len(r) == 2]
    assert [read_escapes(c) for c in reasons] == [text.reason]


def spreadsheet_sees(cell: str, entered: str) -> None:
    """The cell reads back as the text, behind a `'` exactly when it would be a formula."""
    if entered.startswith(tuple(FORMULA_PREFIXES)):
        assert cell.startswith("'") and read_escapes(cell[1:]) == entered
    else:
        assert read_escapes(cell) == entered


@EXAMPLES
@given(entered, formula_text, formula_text)
def test_csv_cells_are_never_formulas_and_read_back_as_entered(
    text: Entered, note: str, evidence: str
) -> None:
    for case in (
        text,
        Entered(note, evidence, "x", "", "t", ""),
        Entered(note, "", note + "x", "", "t", ""),
    ):
        data = outputs(case)["csv"]
        assert raw_unsafe(data, allowed="\n\t") == []
        rows = list(csv.DictReader(io.StringIO(data)))
        for row in rows:
            for value in row.values():
                assert not value.startswith(tuple(FORMULA_PREFIXES)) or value.lstrip("-").isdigit()
        gpu = next(r for r in rows if r["skill_id"] == "gpu-cuda-programming")
        spreadsheet_sees(gpu["note"], case.note)
        spreadsheet_sees(gpu["evidence"], case.evidence)
        spreadsheet_sees(rows[-1]["note"], case.reason)  # the not-applicable row
        assert gpu["current"] == "3" and gpu["weighted_gap"] == "0"  # numbers untouched


@EXAMPLES
@given(entered)
def test_json_holds_the_exact_text_and_shows_nothing_raw(text: Entered) -> None:
    serialized = outputs(text)["json"]
    assert raw_unsafe(serialized, allowed="\n") == []
    data = json.loads(serialized)
    gpu = next(g for g in data["gaps"] if g["skill_id"] == "gpu-cuda-programming")
    assert (gpu["note"], gpu["evidence"]) == (text.note, text.evidence)
    assert data["not_applicable"][0]["reason"] == text.reason
    study = next(s for s in data["study"] if s["skill_id"] == "inference-optimization")
    assert study["text"] == text.study
    assert [(p["title"], p["link"]) for p in data["projects"] if p["user_added"]] == [
        (text.title, text.link)
    ]


def test_formula_payloads_from_the_issue_are_neutralised() -> None:
    payloads = [
        '=HYPERLINK("http://x","y")',
        "=cmd|' /C calc'!A0",
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ]
    for payload in payloads:
        rows = list(
            csv.DictReader(io.StringIO(outputs(Entered(payload, payload, "x", "", "t", ""))["csv"]))
        )
        gpu = next(r for r in rows if r["skill_id"] == "gpu-cuda-programming")
        assert gpu["note"][0] == "'" and gpu["evidence"][0] == "'", payload
