"""`gaptracker serve`: opening the page to gaptracker's first frame, against a bare
Textual app (apps/hello.py) served the same way (apps/serve_hello.py, the same
TokenServer), in one run, interleaved.

    .venv/bin/python bench/serve_startup.py [--runs N]

Each sample opens a new tab (textual-serve starts a new app process for it) in a context
that already holds the token's cookie, and times, in the page, from navigation start to
the first websocket message whose text holds the subject's marker: "Readiness" (the
dashboard's gauge, on a database with a target role) or "hello". Chromium is Debian's
/usr/bin/chromium driven by Playwright (the dev extra).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import benchutil as bu

from gaptracker.chromium import DEBIAN_CHROMIUM, browser_flags  # the one home of the flags

TARGET = None  # the issue asks for the figure; no target is set yet
# Wraps the page's WebSocket before textual.js runs: the time of the first message that
# holds the marker, in ms since navigation start.
FIRST_FRAME_SCRIPT = """
window.__firstFrame = null;
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", async (event) => {
      if (window.__firstFrame !== null) return;
      let data = event.data;
      if (data instanceof Blob) data = await data.arrayBuffer();
      const text = typeof data === "string" ? data : new TextDecoder().decode(data);
      if (text.includes(window.__marker)) window.__firstFrame = performance.now();
    });
  }
};
"""


@contextmanager
def served(argv: list[str], env: dict[str, str]) -> Iterator[str]:
    server = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().rsplit(" ", 1)[-1].strip()
        assert "?token=" in url, url
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def open_to_first_frame(context: Any, base: str, marker: str) -> float:
    page = context.new_page()
    try:
        page.add_init_script(f"window.__marker = {marker!r};")
        page.goto(base)
        page.wait_for_function("() => window.__firstFrame !== null", timeout=60_000)
        return float(page.evaluate("window.__firstFrame"))
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=10, help="samples per subject")
    o = p.parse_args(argv)
    chromium = DEBIAN_CHROMIUM
    if not chromium.exists():
        print(f"# {chromium} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    print(bu.ensure_bytecode())
    from playwright.sync_api import sync_playwright

    scratch = Path(stack_dir := tempfile.mkdtemp(prefix="gt-serve-bench-"))
    empty = bu.scratch_copy(bu.history_db(0), scratch)  # the app may keep preferences
    env = {**os.environ, "GAPTRACKER_DB": str(empty)}
    gt_port, bare_port = free_port(), free_port()
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = {
            "gt-empty": stack.enter_context(
                served([*bu.gaptracker_argv(), "serve", "--port", str(gt_port)], env)
            ),
            "bare": stack.enter_context(
                served([bu.PY, str(bu.APPS / "serve_hello.py"), str(bare_port)], env)
            ),
        }
        markers = {"gt-empty": "Readiness", "bare": "hello"}
        browser = playwright.chromium.launch(executable_path=str(chromium), args=browser_flags())
        contexts = {}
        for label, url in urls.items():
            context = browser.new_context(viewport={"width": 1200, "height": 800})
            context.add_init_script(FIRST_FRAME_SCRIPT)
            warm = context.new_page()  # trades the token for the cookie; warms the cache
            warm.add_init_script(f"window.__marker = {markers[label]!r};")
            warm.goto(url)
            warm.wait_for_function("() => window.__firstFrame !== null", timeout=60_000)
            warm.close()
            contexts[label] = (context, url.split("?", 1)[0])
        samples: dict[str, list[float]] = {label: [] for label in urls}
        bu.header("open the page -> first frame (ms)")
        for labels in bu.abba(list(urls), o.runs):
            for label in labels:
                context, base = contexts[label]
                ms = open_to_first_frame(context, base, markers[label])
                samples[label].append(ms)
                print(f"{label:>10s} {ms:8.1f}", flush=True)
        browser.close()
    for label, values in samples.items():
        print(f"{label:>10s} {bu.summary(values)}")
    shutil.rmtree(stack_dir, ignore_errors=True)
    ratio = bu.median(samples["gt-empty"]) / bu.median(samples["bare"])
    print(bu.ratio_line("serve first frame gt-empty / bare served", ratio, TARGET))
    return 0


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    sys.exit(main())
