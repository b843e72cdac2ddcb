"""Group commit: pushes that arrive together are stored in one transaction, then all answered.

Why: every accepted push must be on disk before its 200 (``synchronous=FULL``), and a disk flush costs
~1.5 ms here — ten times everything else a push needs (measured: 1,580 µs per event committed alone,
125 µs per event committed in eights). So the commit waits until the queue stops growing for a couple of
event-loop turns (microseconds, no timer): a push alone is committed almost at once; pushes that arrived
while the previous flush ran (their handlers need a few turns to read their bodies) share the next one.

No push is answered before the transaction holding it has committed; if it fails, every push
in it gets the error (the providers retry) and nothing of it is kept. A bug with one event (anything
but a storage error) sends the batch through one event at a time, so only that push fails.

**Another process's write lock is waited for on a timer, never on the loop.** The loop's connection does not
wait for the lock (:class:`StoreBusy` at once, see ``app.store.db``): the batch is tried again every
:data:`RETRY_S` while the loop answers everything else (``contact``, ``/healthz``, the desktop API), and a
push still not stored :data:`DEADLINE_S` after it arrived is answered 503, which the providers retry.
Before, ``BEGIN`` waited out SQLite's 5 s ``busy_timeout`` on the loop, and every request waited with it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.core.callstate import IngestResult
from app.core.errors import StorageError
from app.core.models import CallEvent
from app.services.calls import CallTracker, StoreBusy

MAX_BATCH = 500  # bounds one transaction (and the loop's pause) under a flood
SETTLE_TURNS = 2  # loop turns without a new push before committing
MAX_TURNS = 16  # never wait longer than this many turns
RETRY_S = 0.05  # while another process holds the write lock, try again this often
DEADLINE_S = 1.0  # a push not stored this long after it arrived gets 503 (the PBX waits ~1.2 s for contact)


@dataclass(slots=True)
class _Waiting:
    event: CallEvent
    future: asyncio.Future[IngestResult]
    arrived: float  # loop time


class GroupCommit:
    def __init__(self, tracker: CallTracker, *, retry_s: float = RETRY_S, deadline_s: float = DEADLINE_S) -> None:
        self.tracker = tracker
        self.retry_s = retry_s
        self.deadline_s = deadline_s
        self._pending: list[_Waiting] = []
        self._scheduled = False  # a commit (or a retry) is on its way and will take what is pending
        self._seen = 0
        self._quiet = 0
        self._turns = 0

    async def record(self, event: CallEvent) -> IngestResult:
        """Store ``event`` durably (with whatever else is waiting) and return its result once committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[IngestResult] = loop.create_future()
        self._pending.append(_Waiting(event, future, loop.time()))
        if not self._scheduled:
            self._scheduled = True
            self._seen = self._quiet = self._turns = 0
            loop.call_soon(self._wait_for_more)
        return await future

    def _wait_for_more(self) -> None:
        """One loop turn later: commit once no push joined for ``SETTLE_TURNS`` turns (or the batch is full)."""
        self._turns += 1
        grown = len(self._pending) > self._seen
        self._seen = len(self._pending)
        self._quiet = 0 if grown else self._quiet + 1
        if self._quiet < SETTLE_TURNS and self._turns < MAX_TURNS and self._seen < MAX_BATCH:
            asyncio.get_running_loop().call_soon(self._wait_for_more)
            return
        self._flush()

    def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
        try:
            results = self.tracker.record_each([waiting.event for waiting in batch])
        except StoreBusy as exc:  # another process holds the lock: try again soon, the loop stays free
            self._retry_later(batch, exc, loop)
            return
        except StorageError as exc:  # the disk failed: every push of the batch learns it
            self._next(loop)
            for waiting in batch:
                _settle(waiting.future, exc)
            return
        except Exception:  # a bug with one event must not sink the others: store them one by one
            self._next(loop)
            for waiting in batch:
                try:
                    _settle(waiting.future, self.tracker.record(waiting.event))
                except Exception as exc:
                    _settle(waiting.future, exc)
            return
        self._next(loop)
        for waiting, result in zip(batch, results, strict=True):
            _settle(waiting.future, result)

    def _next(self, loop: asyncio.AbstractEventLoop) -> None:
        """After a batch: gather the next one if pushes are waiting."""
        self._scheduled = bool(self._pending)
        if self._pending:
            self._seen = self._quiet = self._turns = 0
            loop.call_soon(self._wait_for_more)

    def _retry_later(self, batch: list[_Waiting], busy: StoreBusy, loop: asyncio.AbstractEventLoop) -> None:
        """Answer 503 to the pushes past their deadline; keep the rest, in their order, for a retry."""
        now = loop.time()
        waiting_now, self._pending = batch + self._pending, []
        for waiting in waiting_now:
            if now - waiting.arrived < self.deadline_s:
                self._pending.append(waiting)
            else:
                _settle(waiting.future, busy)
        if self._pending:
            self._scheduled = True
            loop.call_later(self.retry_s, self._flush)
        else:
            self._scheduled = False


def _settle(future: asyncio.Future[IngestResult], outcome: IngestResult | BaseException) -> None:
    """Resolve a waiting push; a client that went away finds its event stored all the same."""
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
