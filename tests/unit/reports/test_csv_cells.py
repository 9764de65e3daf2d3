"""No CSV cell is longer than a spreadsheet cell holds (32,767 characters), however
escapes lengthen the text, and a cut never splits an escape."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.text import MAX_TEXT_LENGTH, visible
from gaptracker.reports.csv_report import render_csv
from gaptracker.reports.safe_text import CSV_CELL_CHARACTERS, KEPT, csv_cell
from gaptracker.services.tracker import Tracker


def test_a_note_of_bells_is_clipped_to_one_spreadsheet_cell(fake_tracker: Tracker) -> None:
    fake_tracker.set_target("inference-optimization-engineer")
    bells = "\x07" * MAX_TEXT_LENGTH  # shown as 40,000 characters of `\x07`
    fake_tracker.rate("gpu-cuda-programming", 2, note=bells, evidence="=" + bells[1:])
    rows = list(csv.reader(io.StringIO(render_csv(fake_tracker.report()))))
    assert max(len(cell) for row in rows for cell in row) <= CSV_CELL_CHARACTERS
    row = dict(zip(rows[0], next(r for r in rows if r[0] == "gpu-cuda-programming"), strict=True))
    note, evidence = row["note"], row["evidence"]
    # On main: a 40,000-character cell. Here: as many whole escapes as fit, then "…".
    assert note == "\\x07" * ((CSV_CELL_CHARACTERS - 1) // 4) + "…"
    assert evidence.startswith("'=\\x07") and len(evidence) <= CSV_CELL_CHARACTERS


@given(
    chunk=st.text(st.sampled_from("a\x1b\u202e\U0010ffff\n=é"), min_size=1, max_size=30),
    length=st.integers(8_000, 40_000),
)
def test_a_cell_is_the_visible_text_or_a_clean_cut_of_it(chunk: str, length: int) -> None:
    text = (chunk * (length // len(chunk) + 1))[:length]  # older data may be longer
    cell = csv_cell(text)
    assert isinstance(cell, str) and len(cell) <= CSV_CELL_CHARACTERS
    shown = ("'" if text.startswith("=") else "") + visible(text, keep=KEPT)
    if len(shown) <= CSV_CELL_CHARACTERS:
        assert cell == shown
    else:
        kept = cell.removesuffix("…")
        assert cell.endswith("…") and shown.startswith(kept)
        assert len(kept) > CSV_CELL_CHARACTERS - 12  # cut at most one escape short
        whole = "'" if text.startswith("=") else ""
        for char in text:  # the cut falls between two characters' escapes, never inside
            if len(whole) >= len(kept):
                break
            whole += visible(char, keep=KEPT)
        assert whole == kept
