"""A test of something that must not block (a FIFO opened for reading) fails instead of
hanging the run if it does block: a guard, not a time limit on the behaviour."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

GUARD_SECONDS = 120


@contextmanager
def fails_if_it_blocks() -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def blocked(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"blocked for {GUARD_SECONDS} s: it must not wait at all")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
