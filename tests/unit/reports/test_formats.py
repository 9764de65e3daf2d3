"""Each export format, read back with a real parser; escaping; byte-for-byte determinism."""

from __future__ import annotations

import csv
import html
import io
import json

import html5lib
import jsonschema
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from gaptracker.domain.report import GapReport
from gaptracker.reports.csv_report import COLUMNS, render_csv
from gaptracker.reports.html_report import render_html
from gaptracker.reports.json_report import render_json, report_schema
from gaptracker.reports.markdown import render_markdown
from gaptracker.reports.render import FORMATS, render
from gaptracker.reports.safe_text import html_text
from tests.unit.reports.conftest import HOSTILE

NS = {"h": "http://www.w3.org/1999/xhtml"}
LINK_SCHEMES = [
    "http://",
    "HTTPS://",
    "https://x.test/",
    "javascript:",
    "JaVaScRiPt://",
    "data:text/html,",
    "file:///",
    "mailto:",
    "vbscript:",
    "http:/",
    "https://[",
    'https://x" onmouseover="',
    "https://\u202ex.test",
]


def test_markdown_tables_render_and_hold_the_notes(report: GapReport) -> None:
    text = render_markdown(report)
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Gap report: Inference Optimization Engineer"
    for section in (
        "Must skills",
        "Since the last check-in",
        "Weekly readiness",
        "Goals",
        "Plan and next steps",
        "Role fit",
        "Not applicable",
    ):
        assert any(h.startswith(section) for h in headings), section
    assert sum(1 for t in tokens if t.type == "table_open") >= 5
    html = md.render(text)
    assert "<script>" not in html  # the hostile note is text, not markup
    assert "&lt;script&gt;" in html
    gap_table = html.split("Gaps, largest weighted gap first")[1].split("</table>")[0]
    gpu_row = next(r for r in gap_table.split("<tr>") if "GPU and CUDA programming" in r)
    assert gpu_row.count("<td") == 8  # the pipe in the note did not split the row
    assert "Last check-in 2026-03-02: 1 skill(s) moved." in text
    assert "| C++, CUDA, and systems profiling | 2 -> 3 | up |" in text
    assert "| Distributed-compute literacy | 0 | 3 | 2026-04-11 | at risk |" in text


def test_json_validates_against_the_published_schema(report: GapReport) -> None:
    data = json.loads(render_json(report))
    jsonschema.validate(data, json.loads(report_schema()))
    assert data["schema_version"] == 2
    gpu = next(g for g in data["gaps"] if g["skill_id"] == "gpu-cuda-programming")
    assert gpu["note"] == HOSTILE
    assert [n["skill_id"] for n in data["not_applicable"]] == ["model-serving"]
    assert len(data["trend"]) == 4 and data["trend"][-1]["readiness"] == data["readiness"]
    assert data["moves"] == [
        {
            "skill_id": "cpp-cuda-systems-profiling",
            "name": "C++, CUDA, and systems profiling",
            "before": 2,
            "after": 3,
            "kind": "up",
        }
    ]
    assert data["goals"][0]["status"] == "at risk"


def test_csv_has_one_row_per_skill_of_the_role(report: GapReport) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == len(report.gaps) + len(report.not_applicable)
    gpu = next(r for r in rows if r["skill_id"] == "gpu-cuda-programming")
    # Newline and quotes survive the round trip; BEL is shown as an escape, never raw.
    assert gpu["note"] == HOSTILE.replace("\x07", "\\x07")
    assert (gpu["current"], gpu["target"], gpu["status"]) == ("3", "2", "met")
    unrated = next(r for r in rows if r["skill_id"] == "distributed-compute-literacy")
    assert (unrated["current"], unrated["status"]) == ("", "unrated")
    assert rows[-1]["status"] == "not applicable"


def test_html_is_self_contained_escaped_and_has_three_charts(report: GapReport) -> None:
    page = render_html(report)
    doc = html5lib.parse(page, namespaceHTMLElements=True)
    assert doc.findall(".//h:script", NS) == []
    assert doc.findall(".//h:link", NS) == [] and doc.findall(".//h:img", NS) == []
    for loader in ("src=", "url(", "@import"):  # nothing is fetched from anywhere
        assert loader not in page
    links = doc.findall(".//h:a", NS)  # a link fetches nothing until the reader follows it
    assert page.count("href=") == len(links) > 0
    assert all(a.get("href", "").startswith(("http://", "https://")) for a in links)
    assert all(a.get("rel") == "noopener noreferrer" for a in links)
    svgs = doc.findall(".//{http://www.w3.org/2000/svg}svg")
    labels = [s.get("aria-label") for s in svgs]
    assert labels == [
        "Radar chart of current against target levels",
        "Weighted gap per skill",
        "Readiness per week",
    ]
    notes = [
        "".join(span.itertext())
        for span in doc.iter(f"{{{NS['h']}}}span")
        if span.get("class") == "note"
    ]  # each skill's note is on the row under its figures
    assert HOSTILE.replace("\x07", "\\x07") in notes
    assert "<script>alert" not in page
    assert "serving <b>is</b>" not in page


def test_same_data_gives_the_same_bytes(report: GapReport) -> None:
    for fmt in FORMATS:
        assert render(report, fmt) == render(report, fmt)
    later = report.model_copy(update={"generated_on": report.generated_on.replace(year=2030)})
    for fmt in FORMATS:
        before, after = render(report, fmt).splitlines(), render(later, fmt).splitlines()
        assert len(before) == len(after)
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) <= 2, fmt  # the "generated" line (and the HTML title); none in CSV
        assert all("2030-03-02" in b for _, b in changed)


def test_empty_sections_say_so(fake_tracker) -> None:  # type: ignore[no-untyped-def]
    fake_tracker.set_target("ai-research-scientist")
    report = fake_tracker.report()
    for fmt in ("md", "html"):
        text = render(report, fmt)
        for line in (
            "No ratings yet, so no trend.",
            "No skill is marked not applicable",
            "No check-in recorded yet.",
            "No goals set.",
        ):
            assert line in text, (fmt, line)


@given(st.text(max_size=60), st.sampled_from(LINK_SCHEMES), st.text(max_size=30))
def test_only_web_addresses_become_links(before: str, scheme: str, rest: str) -> None:
    """Whatever surrounds it and however it is spelled, only an http(s) address with a
    host is a link; `javascript:`, `data:`, `file:` and the rest stay escaped text."""
    from gaptracker.reports.safe_text import html_text_with_links

    text = f"{before}{scheme}{rest}"
    shown = html_text_with_links(text)
    doc = html5lib.parse(f"<p>{shown}</p>", namespaceHTMLElements=True)
    assert doc.findall(".//h:script", NS) == []
    for link in doc.findall(".//h:a", NS):
        href = link.get("href", "")
        assert href.lower().startswith(("http://", "https://")), href
        assert "".join(link.itertext()) == href
    assert "".join(doc.find(".//h:p", NS).itertext()) == html.unescape(html_text(text))


def test_an_address_at_the_end_of_a_sentence_leaves_its_full_stop_outside() -> None:
    from gaptracker.reports.safe_text import html_text_with_links

    shown = html_text_with_links("see https://x.test/a?b=1&c=2. JAVASCRIPT:alert(1)")
    assert shown == (
        'see <a href="https://x.test/a?b=1&amp;c=2" rel="noopener noreferrer">'
        "https://x.test/a?b=1&amp;c=2</a>. JAVASCRIPT:alert(1)"
    )
