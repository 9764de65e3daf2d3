"""Waiting for an app's workers in tests, whatever order they finish or give way in."""

from __future__ import annotations

import asyncio

from textual.app import App


async def workers_done(app: App[object]) -> None:
    """Return once no worker of `app` is running, including those started meanwhile.

    `App.workers.wait_for_complete()` raises when a worker it waits for was cancelled,
    which an exclusive worker is whenever a newer one replaces it (a reload after a second
    write): how the workers overlap depends on the machine's speed, so the tests must not.
    """
    while True:
        running = [worker for worker in app.workers if not worker.is_finished]
        if not running:
            return
        await asyncio.gather(*(worker.wait() for worker in running), return_exceptions=True)
