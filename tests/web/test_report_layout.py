"""The HTML report in the real Chromium: no sideways scrolling at 1200 px (nor on a
narrow screen) whatever the notes hold, every chart label whole and inside its chart, and
the printed PDF on three A4 or Letter pages or fewer. The pages and PDFs are kept in
test-artifacts/browser/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gaptracker.chromium import print_pdf
from gaptracker.domain.text import visible
from gaptracker.reports.html_report import render_html
from gaptracker.reports.safe_text import KEPT
from gaptracker.services.tracker import Tracker
from tests import report_samples
from tests.pdf_files import page_count, pdfinfo_pages
from tests.web.browser import require_system_chromium

pytestmark = pytest.mark.browser

SAMPLES: dict[str, Callable[[Tracker], None]] = {
    "typical": report_samples.typical,
    "long-evidence": report_samples.every_skill_with_long_evidence,
}
MOST_PAGES = 3

LABELS = """svg => [...svg.querySelectorAll("text.label")].map(t => {
  const box = t.getBBox(), view = svg.viewBox.baseVal;
  return {text: t.textContent, inside: box.x >= view.x && box.y >= view.y
    && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height,
    box: [box.x, box.y, box.x + box.width, box.y + box.height]};
})"""


def overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The pairs of labels whose boxes (as the browser lays the text out) intersect."""
    pairs = []
    for i, first in enumerate(labels):
        for second in labels[i + 1 :]:
            a, b = first["box"], second["box"]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                pairs.append((first["text"], second["text"]))
    return pairs


def opened_report(chromium: Any, html: str, width: int, folder: Path) -> Any:
    page_file = folder / "report.html"
    page_file.write_text(html, encoding="utf-8")
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.goto(page_file.as_uri())
    return page


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("width", [1200, 420])
def test_the_page_never_scrolls_sideways(
    chromium: Any, fake_tracker: Tracker, shots: Path, sample: str, width: int
) -> None:
    SAMPLES[sample](fake_tracker)
    fake_tracker.mark_not_applicable("model-serving", "x" * 400)  # one more unbroken cell
    page = opened_report(chromium, render_html(fake_tracker.report()), width, shots)
    page.screenshot(path=str(shots / "page.png"), full_page=True)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    page.close()


def test_every_chart_label_is_whole_and_inside_its_chart(
    chromium: Any, fake_tracker: Tracker, shots: Path
) -> None:
    report_samples.every_skill_with_long_evidence(fake_tracker)
    report = fake_tracker.report()
    page = opened_report(chromium, render_html(report), 1200, shots)
    names = {visible(r.name, keep=KEPT) for r in report.gaps}
    radar = page.locator("svg.radar").evaluate(LABELS)
    bars = page.locator('svg[aria-label="Weighted gap per skill"]').evaluate(LABELS)
    assert {label["text"] for label in radar} == names  # every skill, none cut
    assert {label["text"] for label in bars} == {
        visible(r.name, keep=KEPT) for r in report.gaps if r.gap
    }
    assert [label for label in [*radar, *bars] if not label["inside"]] == []
    assert overlapping(radar) == [] and overlapping(bars) == []
    page.close()


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_report_prints_on_three_pages_or_fewer(
    fake_tracker: Tracker, shots: Path, sample: str
) -> None:
    browser = require_system_chromium()
    SAMPLES[sample](fake_tracker)
    report = fake_tracker.report()
    counts = {}
    for paper in ("a4", "letter", None):  # None: the page size the browser chooses
        pdf = shots / f"report-{paper or 'default'}.pdf"
        pdf.write_bytes(print_pdf(render_html(report, paper=paper), browser))
        counts[paper] = page_count(pdf.read_bytes())
        assert pdfinfo_pages(pdf) in (None, counts[paper])
    assert all(1 <= n <= MOST_PAGES for n in counts.values()), counts
