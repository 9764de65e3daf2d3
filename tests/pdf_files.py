"""PDFs in tests: their page count, and a stand-in Chromium for the fast tests.

The count reads the page objects of the file (Chromium's Skia writes them as plain
dictionaries, `/Type /Page`), and agrees with poppler's `pdfinfo` where that is installed
(tests/unit/test_chromium.py checks it on a real print).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(data: bytes) -> int:
    """How many pages the PDF `data` has."""
    return len(PAGE_OBJECT.findall(data))


def pdfinfo_pages(path: Path) -> int | None:
    """poppler's own count, or None without poppler-utils."""
    if shutil.which("pdfinfo") is None:
        return None
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


FAKE = '''#!{python}
"""A stand-in Chromium: records how it was run, prints a one-page "PDF" or fails."""
import json, os, sys
from pathlib import Path
record = {{"argv": sys.argv[1:], "env": dict(os.environ)}}
Path({log!r}).write_text(json.dumps(record))
if {fail!r}:
    sys.stderr.write("first line\\n[1202:ERROR] the GPU process crashed\\n")
    sys.exit(3)
out = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--print-to-pdf="))
Path(out).write_bytes(b"%PDF-1.4\\n1 0 obj <</Type /Page>> endobj\\n%%EOF\\n")
'''


def fake_chromium(folder: Path, *, fail: bool = False) -> tuple[Path, Path]:
    """(the stand-in's path, the JSON file where it records its argv and environment)."""
    folder.mkdir(parents=True, exist_ok=True)
    program, log = folder / "chromium", folder / "run.json"
    program.write_text(FAKE.format(python=sys.executable, log=str(log), fail=fail))
    program.chmod(0o755)
    return program, log


def recorded_run(log: Path) -> dict[str, object]:
    return dict(json.loads(log.read_text()))
