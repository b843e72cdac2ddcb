"""Long reads of the change sequence share the event loop: they yield to it every few milliseconds.

Why: the hub answers webhooks, heartbeats and every desktop on one loop. Reading tens of thousands of
changes for a user who sees few of them (an agent's resume, a page of ``/changes``, the feed's catch-up
after a sync batch) is seconds of work that sends little; done in one go, it stalls everything else (4.3 s
measured for 60,000 stored calls). A :class:`Pacer` yields after every page read and whenever the work
since the last yield took ``SLICE_S``, so a webhook waits at most a slice or so per step of its handling.
"""

from __future__ import annotations

import asyncio
import time

SLICE_S = 0.01


class Pacer:
    def __init__(self, slice_s: float = SLICE_S) -> None:
        self.slice_s = slice_s
        self._since = time.monotonic()

    async def step(self) -> None:
        """One unit of work done: yield if this slice is used up."""
        if time.monotonic() - self._since >= self.slice_s:
            await self.pause()

    async def pause(self) -> None:
        """Yield now (after a page: its read alone may have used the slice)."""
        await asyncio.sleep(0)
        self._since = time.monotonic()
