"""The CSV export with mentor reviews: per mentor three columns beside the user's own
(`mentor_level (NAME)`, `difference (NAME)`, `mentor_note (NAME)`), then one row per
mentor with the calibration summary (status `calibration`). Without reviews the CSV is
exactly as before, so scripts reading it see no change.
"""

from __future__ import annotations

import csv
import io

from gaptracker.domain.report import GapReport
from gaptracker.reports.safe_text import csv_cell
from gaptracker.reports.second_opinion import calibration_text, difference_text


def mentor_columns(plain: str, report: GapReport) -> str:
    """`plain` (the CSV without reviews) with each mentor's columns and summary row."""
    rows = list(csv.reader(io.StringIO(plain)))
    header, body = rows[0], rows[1:]
    reviews = report.mentor_reviews
    for review in reviews:
        header += [f"mentor_level ({review.mentor})", f"difference ({review.mentor})"]
        header.append(f"mentor_note ({review.mentor})")
    by_skill = [{r.skill_id: r for r in review.rows} for review in reviews]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_cell(value) for value in header)
    for row in body:  # cells already made safe by the plain renderer
        extra: list[object] = []
        for rows_of in by_skill:
            found = rows_of.get(row[0])
            if found is None or found.mentor is None:
                extra += ["", "", ""]
            else:
                extra += [found.mentor, difference_text(found), csv_cell(found.mentor_note)]
        writer.writerow([*row, *extra])
    width = len(header)
    status = header.index("status")
    note = header.index("note")
    for review in reviews:
        summary: list[object] = [""] * width
        summary[1] = csv_cell(f"calibration ({review.mentor})")
        summary[status] = "calibration"
        summary[note] = csv_cell(calibration_text(review.calibration))
        writer.writerow(summary)
    return out.getvalue()
