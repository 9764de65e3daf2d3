"""The Chromium on the machine, and the one home of the flags it runs with.

`export --format pdf` prints the HTML report with it (headless, `--print-to-pdf`); the
browser tests and bench/serve_startup.py launch the same binary through Playwright with
the same isolating flags. It is found, never downloaded: GAPTRACKER_CHROMIUM names one,
else /usr/bin/chromium, else `chromium`, `chromium-browser`, `google-chrome` on PATH.

A print run is shut off from everything it does not need: a fresh temporary profile, a
minimal environment (not the user's whole one), no background traffic, no extensions and
a host resolver that resolves nothing; the page it opens is a file:// of the report, which
holds no script and loads nothing (reports.html_report). Scripts stay on: with
`--blink-settings=scriptEnabled=false` headless Chromium prints no PDF at all.

This module sits beside files.py, not in reports/: it runs a process, and the reports
stay pure text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from gaptracker.domain.errors import UserInputError

CHROMIUM_VARIABLE = "GAPTRACKER_CHROMIUM"
"""An environment variable naming the Chromium to use (a path, or a name on PATH)."""
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
NAMES_ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = "install Chromium (e.g. 'apt install chromium') or set GAPTRACKER_CHROMIUM"
PRINT_TIMEOUT_S = 120.0
"""A guard against a hung browser only: a report prints in a second or two."""

ISOLATING_FLAGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-service-autorun",
    "--password-store=basic",
    "--use-mock-keychain",
)
"""What every launch shares, printing or driven by Playwright: no first-run work, no
background traffic, nothing from the user's browser setup."""
PRINT_ONLY_FLAGS = (
    "--headless",
    "--no-pdf-header-footer",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can be fetched
)


def find_chromium(environ: Mapping[str, str] | None = None) -> Path | None:
    """The Chromium to run, or None when the machine has none; a GAPTRACKER_CHROMIUM that
    names nothing runnable is one clear error (a typo must not fall back silently)."""
    environ = os.environ if environ is None else environ
    search_path = environ.get("PATH", os.defpath)
    named = environ.get(CHROMIUM_VARIABLE, "").strip()
    if named:
        found = shutil.which(named, path=search_path)
        if found is None:
            raise UserInputError(f"{CHROMIUM_VARIABLE}={named} is not a program that can be run")
        return Path(found)
    if os.access(DEBIAN_CHROMIUM, os.X_OK) and DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    for name in NAMES_ON_PATH:
        found = shutil.which(name, path=search_path)
        if found is not None:
            return Path(found)
    return None


def require_chromium(environ: Mapping[str, str] | None = None) -> Path:
    """`find_chromium`, or the one line that says how to get one."""
    found = find_chromium(environ)
    if found is None:
        raise UserInputError(f"PDF export needs Chromium, and none was found: {INSTALL_HINT}")
    return found


def browser_flags() -> list[str]:
    """The flags of every launch (Playwright's `args=` too). As root, Chromium refuses to
    start without `--no-sandbox` (containers, CI): the page it opens is our own."""
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [*sandbox, *ISOLATING_FLAGS]


def headless_flags(profile: Path) -> list[str]:
    """The flags of a headless print run with its own throwaway profile folder."""
    return [*browser_flags(), *PRINT_ONLY_FLAGS, f"--user-data-dir={profile}"]


def print_to_pdf_argv(chromium: Path, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The whole command line that prints the HTML file `page` to `pdf`."""
    return [str(chromium), *headless_flags(profile), f"--print-to-pdf={pdf}", page.as_uri()]


def minimal_environment(home: Path) -> dict[str, str]:
    """What Chromium needs to start, and nothing of the user's: a PATH for its wrapper
    script, a throwaway HOME and caches, one locale."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "TMPDIR": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
    }


def print_pdf(html: str, chromium: Path, timeout: float = PRINT_TIMEOUT_S) -> bytes:
    """The PDF of the HTML page `html`, printed by `chromium` in a temporary folder that
    is removed afterwards; one clear UserInputError when Chromium fails."""
    with tempfile.TemporaryDirectory(prefix="gaptracker-pdf-") as scratch:
        folder = Path(scratch)
        page, pdf, profile = folder / "report.html", folder / "report.pdf", folder / "profile"
        page.write_text(html, encoding="utf-8")
        profile.mkdir()
        try:
            done = subprocess.run(
                print_to_pdf_argv(chromium, page, pdf, profile),
                env=minimal_environment(folder),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise UserInputError(
                f"{chromium} did not print the report within {timeout:.0f} s"
            ) from None
        except OSError as exc:
            raise UserInputError(f"cannot run {chromium}: {exc.strerror or exc}") from None
        data = pdf.read_bytes() if pdf.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF-"):
            raise UserInputError(
                f"{chromium} could not print the report (exit status {done.returncode}):"
                f" {_last_line(done.stderr)}"
            )
        return data


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    last = next((line for line in reversed(lines) if line), "no message")
    return last[:200]
