"""A small pseudo-terminal driver for the TUI benchmarks: stdlib + pyte.

It runs one command in a real pty of a given size, emulates the screen with pyte, and
reports *when* the screen first satisfied a condition. The design follows
../shared/tools/tuibench.py (ideas adapted, code written for this bench):

* t0 is taken just before the child is spawned (time.monotonic).
* A reader thread only reads the pty, timestamps each chunk, answers terminal queries
  and queues the chunk. pyte is slow (about 1 MB/s), so parsing in the read loop would
  delay the timestamps and throttle the child; decoupled, a match is attributed to the
  arrival time of the chunk that completed the frame, however far behind the parser is.
* Frames: Textual uses synchronized output (CSI ?2026h ... CSI ?2026l) when the terminal
  says it supports it, and we say so; the screen is inspected only at the end of a frame,
  as a real terminal shows it.
* Terminal queries (DA1/DA2, DECRQM, XTVERSION, colour and size queries, the kitty
  keyboard query) are answered at once; DSR cursor reports are answered by pyte in
  stream order.
* The child runs in its own session with the pty as its controlling terminal, and is
  only ever signalled through its own process group.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import inspect
import os
import queue
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Sequence

import pyte

KEYS = {
    "enter": b"\r",
    "tab": b"\t",
    "escape": b"\x1b",
    "space": b" ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "ctrl+q": b"\x11",
    "ctrl+c": b"\x03",
}

BSU = b"\x1b[?2026h"
ESU = b"\x1b[?2026l"
SYNC_RE = re.compile(re.escape(BSU) + b"|" + re.escape(ESU))
SYNC_TIMEOUT = 1.0
"""Inspect the screen anyway if a synchronized update lasts longer (terminals do too)."""

QUERY_RE = re.compile(
    rb"\x1b\[(?P<da1>0?)c"
    rb"|\x1b\[>0?c"
    rb"|\x1b\[\?(?P<decrqm>\d+)\$p"
    rb"|\x1b\[>0?q"
    rb"|\x1b\](?P<osc>1[012]|4;\d+);\?(?P<ost>\x07|\x1b\\)"
    rb"|\x1b\[\?u"
    rb"|\x1b\[(?P<winops>1[4689])t"
)
QUERY_TAIL = 64


def key_bytes(key: str) -> bytes:
    """'enter', 'ctrl+q', ... or a literal key ('a', '3')."""
    return KEYS.get(key.lower(), key.encode())


class _Responder:
    """Answers terminal queries seen in the output (a window keeps split queries whole)."""

    def __init__(self, write: Callable[[bytes], None], cols: int, rows: int) -> None:
        self.write, self.cols, self.rows = write, cols, rows
        self.tail = b""

    def feed(self, data: bytes) -> None:
        buf = self.tail + data
        start = len(self.tail)
        if b"\x1b" in buf:
            for m in QUERY_RE.finditer(buf):
                if m.end() > start:
                    reply = self._reply(m)
                    if reply:
                        self.write(reply)
        self.tail = buf[-QUERY_TAIL:]

    def _reply(self, m: re.Match[bytes]) -> bytes:
        q = m.group(0)
        if m.group("decrqm") is not None:
            mode = int(m.group("decrqm"))
            # 2026 (synchronized output): "supported, currently reset"; others unknown.
            return b"\x1b[?%d;%d$y" % (mode, 2 if mode == 2026 else 0)
        if m.group("osc") is not None:
            return b"\x1b]" + m.group("osc") + b";rgb:1212/1212/1212" + m.group("ost")
        if m.group("winops") is not None:
            op = m.group("winops")
            if op in (b"18", b"19"):
                return b"\x1b[8;%d;%dt" % (self.rows, self.cols)
            if op == b"14":
                return b"\x1b[4;%d;%dt" % (self.rows * 20, self.cols * 10)
            return b"\x1b[6;20;10t" if op == b"16" else b""
        if m.group("da1") is not None:
            return b"\x1b[?62;22c"
        if q.startswith(b"\x1b[>") and q.endswith(b"c"):
            return b"\x1b[>1;10;0c"
        if q.endswith(b"q"):
            return b"\x1bP>|ptyterm(1.0)\x1b\\"
        return b""  # kitty keyboard query: stay silent (a legacy terminal)


def _drop_private(fn: Callable[..., object]) -> Callable[..., object]:
    def wrapper(self: object, *args: object, **kwargs: object) -> object:
        return fn(self, *args)

    wrapper.__name__ = fn.__name__
    return wrapper


class _Screen(pyte.Screen):  # type: ignore[misc]
    """pyte.Screen plus the alternate screen, in-order DSR answers, tolerant handlers."""

    _ALT = (47, 1047, 1049)

    def __init__(self, cols: int, rows: int, reply: Callable[[bytes], None]) -> None:
        self._reply = reply
        self._saved_main: tuple[dict[int, dict[int, object]], int, int] | None = None
        super().__init__(cols, rows)

    def write_process_input(self, data: str) -> None:
        self._reply(data.encode())

    def report_device_attributes(self, *args: object, **kwargs: object) -> None:
        pass  # answered by _Responder (pyte cannot tell DA1 from DA2)

    def select_graphic_rendition(self, *attrs: int, private: bool = False) -> None:
        if not private:
            super().select_graphic_rendition(*attrs)

    def set_mode(self, *modes: int, **kwargs: object) -> None:
        alt = kwargs.get("private") and any(m in self._ALT for m in modes)
        if alt and self._saved_main is None:
            lines = {y: dict(line) for y, line in self.buffer.items()}
            self._saved_main = (lines, self.cursor.x, self.cursor.y)
            self.erase_in_display(2)
        super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes: int, **kwargs: object) -> None:
        alt = kwargs.get("private") and any(m in self._ALT for m in modes)
        if alt and self._saved_main is not None:
            lines, x, y = self._saved_main
            self._saved_main = None
            self.buffer.clear()
            for row, chars in lines.items():
                self.buffer[row].update(chars)
            self.cursor.x, self.cursor.y = x, y
            self.dirty.update(range(self.lines))
        super().reset_mode(*modes, **kwargs)


# pyte passes private=True to CSI handlers after "CSI ?"; most do not accept it.
for _name in set(pyte.Stream.csi.values()):
    if _name in _Screen.__dict__:
        continue
    _fn = getattr(pyte.Screen, _name)
    if not any(
        p.kind == p.VAR_KEYWORD or p.name == "private"
        for p in inspect.signature(_fn).parameters.values()
    ):
        setattr(_Screen, _name, _drop_private(_fn))


class _Stream(pyte.Stream):  # type: ignore[misc]
    """Incremental UTF-8, and drops sequences pyte would draw as text (CSI <=>, DCS, APC)."""

    _BAD = re.compile(r"\x1b\[[<=>][0-?]*[ -/]*[@-~]|\x1b[P_^X][^\x1b\x07]*(?:\x1b\\|\x07)")
    _PARTIAL = re.compile(r"\x1b(?:\[(?:[<=>][0-?]*[ -/]*)?|[P_^X][^\x1b\x07]*\x1b?)?\Z")

    def __init__(self, screen: _Screen) -> None:
        super().__init__(screen)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    def feed_bytes(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        m = self._PARTIAL.search(text, max(0, len(text) - 4096))
        if m:
            self._pending, text = text[m.start() :], text[: m.start()]
        if "\x1b" in text:
            text = self._BAD.sub("", text)
        with contextlib.suppress(Exception):  # an odd sequence must not end the run
            self.feed(text)


Predicate = Callable[[list[str]], object]
"""Called with the screen's lines at the end of each complete frame; truthy = matched."""


class TimeoutError_(Exception):
    """The screen never matched in time (the message holds the last screen)."""


class Terminal:
    """One process in one pty. Use as a context manager; close() ends it."""

    def __init__(
        self,
        argv: Sequence[str],
        cols: int = 120,
        rows: int = 40,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        self.argv, self.cols, self.rows = list(argv), cols, rows
        self.extra_env, self.cwd = env or {}, cwd
        self.q: queue.Queue[tuple[float, bytes | None]] = queue.Queue()
        self.stop = threading.Event()
        self.exited = threading.Event()
        self.in_sync = False
        self.sync_start = 0.0
        self.sync_tail = b""
        self.last_chunk = 0.0
        self.eof = False
        self.cpu_ms: float | None = None
        self.t0 = 0.0

    def __enter__(self) -> Terminal:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- process ---------------------------------------------------------------------
    def start(self) -> float:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("COLUMNS", "LINES", "NO_COLOR", "TERM_PROGRAM")
            and not k.startswith("TEXTUAL")
        }
        env.update(TERM="xterm-256color", COLORTERM="truecolor", **self.extra_env)
        self.screen = _Screen(self.cols, self.rows, self.write)
        self.stream = _Stream(self.screen)
        self.responder = _Responder(self.write, self.cols, self.rows)

        def controlling_tty() -> None:  # in the child, after setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.t0 = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                cwd=self.cwd,
                start_new_session=True,
                preexec_fn=controlling_tty,
                close_fds=True,
            )
        finally:
            os.close(slave)
        self.reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self.reader.start()
        threading.Thread(target=self._wait, name="child-wait", daemon=True).start()
        return self.t0

    def _read(self) -> None:
        fd = self.master
        while not self.stop.is_set():
            try:
                ready, _, _ = select.select([fd], [], [], 0.05)
            except (OSError, ValueError):
                break
            if not ready:
                continue
            try:
                data = os.read(fd, 1 << 16)
            except OSError:  # EIO once the child side is closed: end of output
                data = b""
            t = time.monotonic()
            if not data:
                self.q.put((t, None))
                return
            self.responder.feed(data)
            self.q.put((t, data))

    def _wait(self) -> None:
        try:
            _, status, usage = os.wait4(self.proc.pid, 0)
            self.cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
            self.proc.returncode = os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            pass
        self.exited.set()

    def write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, data)

    def press(self, key: str) -> float:
        """Send a key; returns the time it was written (time.monotonic)."""
        t = time.monotonic()
        self.write(key_bytes(key))
        return t

    def close(self, quit_key: str | None = "ctrl+q", grace: float = 3.0) -> None:
        if getattr(self, "proc", None) is None:
            return
        if not self.exited.is_set() and quit_key:
            self.write(key_bytes(quit_key))
            self._drain_until(self.exited, grace)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.exited.is_set():
                break
            self._killpg(sig)
            self._drain_until(self.exited, 1.5)
        self._killpg(signal.SIGKILL, only_if_alive=True)  # leftover grandchildren
        self.exited.wait(1.0)
        self.stop.set()
        self.reader.join(timeout=2.0)
        with contextlib.suppress(OSError):
            os.close(self.master)

    def _drain_until(self, event: threading.Event, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not event.is_set() and time.monotonic() < end:
            with contextlib.suppress(queue.Empty):
                self.q.get(timeout=0.02)  # keep the pty drained so the child never blocks

    def _killpg(self, sig: int, only_if_alive: bool = False) -> None:
        try:
            if only_if_alive:
                os.killpg(self.proc.pid, 0)
            os.killpg(self.proc.pid, sig)  # the child's own group only
        except (ProcessLookupError, PermissionError):
            pass

    # -- screen ------------------------------------------------------------------------
    def lines(self) -> list[str]:
        buf, cols = self.screen.buffer, self.cols
        return ["".join(buf[y][x].data for x in range(cols)) for y in range(self.rows)]

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines()).rstrip()

    def _ingest(self, t: float, data: bytes, pred: Predicate | None) -> object:
        """Feed one chunk; the predicate's truthy result if a complete frame in it matched."""
        buf = self.sync_tail + data
        off = len(self.sync_tail)
        cuts = [(m.end() - off, m.group(0) == BSU) for m in SYNC_RE.finditer(buf) if m.end() > off]
        self.sync_tail = buf[-(len(BSU) - 1) :]
        result: object = None
        pos = 0
        for cut, begins in [*cuts, (len(data), None)]:
            if cut > pos:
                self.stream.feed_bytes(data[pos:cut])
                pos = cut
            if begins is None:
                check = not self.in_sync
            elif begins:
                check = not self.in_sync
                self.in_sync, self.sync_start = True, t
            else:
                check, self.in_sync = True, False
            if self.in_sync and t - self.sync_start > SYNC_TIMEOUT:
                check = True
            if check and pred is not None and not result and self.screen.dirty:
                result = pred(self.lines())
            if check:
                self.screen.dirty.clear()
        return result

    def wait_for(
        self, pred: Predicate, timeout: float = 20.0, not_before: float = 0.0
    ) -> tuple[float, object]:
        """Process output until a complete frame satisfies pred; (chunk time, pred result)."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if now >= deadline or self.eof:
                why = "the app exited" if self.eof else f"{timeout:.0f} s passed"
                raise TimeoutError_(f"{why} before the screen matched:\n{self.text()}")
            try:
                t, data = self.q.get(timeout=min(0.05, deadline - now))
            except queue.Empty:
                continue
            if data is None:
                self.eof = True
                continue
            self.last_chunk = t
            result = self._ingest(t, data, pred)
            if result and t >= not_before:
                return t, result

    def settle(self, quiet: float = 0.3, limit: float = 3.0) -> bool:
        """Wait until no output came for `quiet` seconds (at most `limit`)."""
        end = time.monotonic() + limit
        while True:
            now = time.monotonic()
            if self.q.empty() and now - (self.last_chunk or now) >= quiet:
                return True
            if now >= end:
                return False
            try:
                t, data = self.q.get(timeout=0.01)
            except queue.Empty:
                continue
            if data is None:
                self.eof = True
                return False
            self.last_chunk = t
            self._ingest(t, data, None)


# -- what the benchmarks look for ------------------------------------------------------


def contains(text: str) -> Predicate:
    return lambda lines: any(text in line for line in lines)


def _glyph_table() -> dict[tuple[str, str, str], str]:
    """Textual's Digits 3x3 glyphs for 0-9 (both weights), read from Textual itself."""
    from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD

    table = {}
    for font in (DIGITS3X3, DIGITS3X3_BOLD):
        for char in "0123456789":
            i = DIGITS.index(char) * 3
            table[tuple(font[i + k].ljust(3) for k in range(3))] = char
    return table


_GLYPHS: dict[tuple[str, str, str], str] | None = None


def big_percentages(lines: list[str]) -> list[str]:
    """Every number drawn with Textual's Digits widget followed by '%' (e.g. ['26'])."""
    global _GLYPHS
    if _GLYPHS is None:
        _GLYPHS = _glyph_table()
    found = []
    for y in range(2, len(lines)):
        bottom = lines[y]
        x = bottom.find("%")
        while x >= 0:
            digits = ""
            left = x - 3
            while left >= 0:
                key = tuple(lines[y - 2 + k][left : left + 3] for k in range(3))
                char = _GLYPHS.get(key)  # type: ignore[arg-type]
                if char is None:
                    break
                digits = char + digits
                left -= 3
            if digits:
                found.append(digits)
            x = bottom.find("%", x + 1)
    return found


def readiness_figure(lines: list[str]) -> str | None:
    """The dashboard's big readiness figure (the first Digits percentage on screen)."""
    figures = big_percentages(lines)
    return figures[0] if figures else None


if __name__ == "__main__":  # a quick look: python bench/ptyterm.py -- CMD ... (prints screen)
    argv = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else sys.argv[1:]
    with Terminal(argv) as term:
        with contextlib.suppress(TimeoutError_):
            term.wait_for(lambda lines: readiness_figure(lines), timeout=10)
        term.settle()
        print(term.text())
        print("readiness figure:", readiness_figure(term.lines()))
