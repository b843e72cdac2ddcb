"""A desktop's connection to its team hub: the stream kept open, every change stored in the local cache and
then announced on the local :class:`CallHub` — so cards, the history and alerts work as they do with
webhooks, unchanged.

How it resumes: each connection asks for the changes after the last number the cache *stored* (the number is
written in the same transaction as the rows), so a drop, a sleep or a restarted hub loses nothing and
repeats nothing (the cache ignores a change it already has). The backlog is stored in batches of up to
:data:`BATCH` changes, one transaction each; once caught up, each change is stored as it comes.

Whose copy: the hello names the hub (``hub_id``) and the user. A copy of another hub (a replaced database
numbers from 1 again), of another user (a shared computer re-joined), or ahead of the hub's latest number
is forgotten and fetched again from 0 (:meth:`HubCache.meet`).

A change it cannot read (a status value from a newer hub): skipped, logged once, and the stored number
held before it for the rest of the connection — the changes after it are still stored and shown (rows are
idempotent), but the next connection asks after the held number, so the skipped change is asked for again
(and read, once this desktop is upgraded) instead of being passed by. Why not keep a list of the skipped
numbers to ask for later: the protocol can only ask "after N", so asking again *is* holding N; the cost is
that each reconnect re-sends what came after it, until the upgrade.

How it reconnects: exponential back-off with jitter — 0.5 s doubling to 30 s, each pause stretched or
shrunk by up to half — so a hub restarted under a hundred desktops is not hit in step. A dead connection is
noticed by the WebSocket heartbeat (a ping every 4 s; a missed pong closes it) within 10 s. A refused token
(:class:`AuthError`) stops the link for good: retrying cannot help, the user needs a new invite.

What the tray reads: :attr:`HubLink.connected`, :attr:`since`, :attr:`last_error`, and :meth:`listen` for
every change of those.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.core.errors import AuthError, Problem, RateLimited
from app.core.hub_wire import CALL_CHANGES
from app.core.models import Contact, Note, utcnow
from app.core.views import CallChange, ContactChange, NoteChange
from app.providers.hub.client import CaughtUp, Changed, Hello, HubMe, StreamMessage, Undecodable
from app.services.hub import CallHub, CallUpdate
from app.services.hub import Change as Word
from app.store.hub_cache import HubCache

log = logging.getLogger(__name__)

BATCH = 500  # backlog changes per transaction
QUIET_BACKLOG = 50  # from this many calls in one backlog batch, ended ones are announced as one HISTORY_CHANGED


class HubStream(Protocol):
    """What the link needs of :class:`app.providers.hub.HubClient` (a fake in tests may stand in)."""

    def stream(self, after: int) -> AsyncIterator[StreamMessage]: ...

    async def post_note(self, note: Note) -> NoteChange: ...

    async def post_contact(self, contact: Contact) -> ContactChange: ...


@dataclass(frozen=True, slots=True)
class LinkBackoff:
    """0.5 s doubling to 30 s, each pause within ±``jitter`` of it."""

    base_s: float = 0.5
    max_s: float = 30.0
    jitter: float = 0.5

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        pause = min(self.max_s, self.base_s * 2 ** max(0, failures - 1))
        return pause * (1 + self.jitter * (2 * (rng or random).random() - 1))


class HubLink:
    """Keeps this desktop connected to its hub and its cache up to date (see the module docstring)."""

    def __init__(
        self,
        client: HubStream,
        cache: HubCache,
        hub: CallHub,
        *,
        backoff: LinkBackoff = LinkBackoff(),
        rng: random.Random | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.client = client
        self.cache = cache
        self.hub = hub
        self.backoff = backoff
        self._rng = rng or random.Random()
        self._sleep = sleep
        self.connected = False
        self.since: datetime | None = None  # when the current connection (or the current outage) began
        self.last_error: Problem | None = None
        self.stopped = False  # True once a refused token stopped the link for good
        self.me: HubMe | None = None
        self.caught_up = asyncio.Event()  # set once the first backlog is stored
        self.connections = 0  # how many times the stream opened (tests, diagnostics)
        self._listeners: list[Callable[[HubLink], None]] = []
        self._task: asyncio.Task[None] | None = None
        self._hold: int | None = None  # this connection stores no number past this (a change it cannot read)
        self._told: set[int] = set()  # the unreadable changes already logged

    # -- the tray's view -------------------------------------------------------------------------------
    def listen(self, listener: Callable[[HubLink], None]) -> Callable[[], None]:
        """Call ``listener(link)`` whenever ``connected``, ``since`` or ``last_error`` change; returns the way
        to stop."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _changed(self) -> None:
        for listener in list(self._listeners):
            try:
                listener(self)
            except Exception:
                log.exception("hub link listener %r failed", listener)

    def _set(self, *, connected: bool, error: Problem | None) -> None:
        if connected != self.connected or self.since is None:
            self.since = utcnow()
        self.connected, self.last_error = connected, error
        self._changed()

    # -- running ---------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self.run(), name="hub-link")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        if self.connected:
            self._set(connected=False, error=self.last_error)

    async def run(self) -> None:
        """Connect, store, reconnect — until cancelled or the token is refused."""
        failures = 0
        while True:
            try:
                await self._session()
            except asyncio.CancelledError:
                raise
            except _Refetch:
                continue  # the copy was forgotten: reconnect at once, from 0
            except AuthError as problem:
                log.warning("hub: %s", problem.user_text())
                self.stopped = True
                self._set(connected=False, error=problem)
                return
            except Problem as problem:
                error: Problem = problem
            except Exception as exc:  # a bug in a listener or the cache must not end the link for good
                log.exception("hub link failed")
                error = Problem(f"The hub link failed: {exc!r}")
            if self._stored_any or self._lasted():
                failures = 0
            failures += 1
            pause = self.backoff.delay(failures, self._rng)
            if isinstance(error, RateLimited) and error.retry_after:
                pause = max(pause, error.retry_after)
            log.info("hub: %s; reconnecting in %.1f s", error.message, pause)
            self._set(connected=False, error=error)
            await self._sleep(pause)

    async def _session(self) -> None:
        """One connection: hello, the backlog in batches, caught_up, then live changes."""
        self._stored_any = False
        self._opened_at: float | None = None
        after = self.cache.last_seq()
        pending: list[Changed] = []
        live = False
        self._hold = None
        seen = after  # the number of the last change received
        stream = self.client.stream(after)
        try:
            async for message in stream:
                if isinstance(message, Hello):
                    self.connections += 1
                    self._opened_at = asyncio.get_running_loop().time()
                    self.me = message.me
                    reason = self.cache.meet(message.hub_id, message.me.login, message.seq)
                    if reason:
                        log.warning("hub: %s: forgot this computer's copy, fetching everything again", reason)
                        self.hub.publish(CallUpdate(Word.HISTORY_CHANGED, count=0))
                        if after:  # this stream starts after the forgotten number: ask again from 0
                            raise _Refetch
                    self._set(connected=True, error=None)
                elif isinstance(message, CaughtUp):
                    self._store(pending, backlog=True, seq=message.seq)
                    pending = []
                    live = True
                    self.caught_up.set()
                elif isinstance(message, Undecodable):
                    if self._hold is None:
                        self._hold = seen  # store up to the change before it, never past it
                    if message.seq not in self._told:
                        self._told.add(message.seq)
                        log.warning(
                            "hub: cannot read change %d (%s); it will be asked for again (is Ringdesk up to date?)",
                            message.seq,
                            message.reason,
                        )
                elif live:
                    seen = max(seen, message.change.seq)
                    self._store([message], backlog=False)
                else:
                    seen = max(seen, message.change.seq)
                    pending.append(message)
                    if len(pending) >= BATCH:
                        self._store(pending, backlog=True)
                        pending = []
        finally:
            if pending:  # what arrived before a drop is valid: keep it (its numbers are in order)
                self._store(pending, backlog=True)
            await _aclose(stream)

    def _store(self, messages: list[Changed], *, backlog: bool, seq: int | None = None) -> None:
        words = {id(m.change): m.what for m in messages}
        applied = self.cache.apply([m.change for m in messages], seq=seq, ceiling=self._hold)
        if applied:
            self._stored_any = True
        calls = [c for c in applied if isinstance(c, CallChange)]
        quiet = backlog and len(calls) >= QUIET_BACKLOG
        skipped = 0
        for change in calls:
            if quiet and not change.call.status.is_live:
                skipped += 1
                continue
            self.hub.publish(CallUpdate(word_of(words.get(id(change), "")), change.call, seq=change.seq))
        if skipped:
            self.hub.publish(CallUpdate(Word.HISTORY_CHANGED, count=skipped))

    # -- writing through the hub -----------------------------------------------------------------------
    async def post_note(self, note: Note) -> Note:
        """Store ``note`` on the hub (every desktop gets it) and in the cache at once; the stored note."""
        change = await self.client.post_note(note)
        self.cache.apply([change], advance=False)  # changes before it may still be on their way
        return change.note

    async def post_contact(self, contact: Contact) -> Contact:
        """Store ``contact`` on the hub and in the cache at once; the stored contact."""
        change = await self.client.post_contact(contact)
        self.cache.apply([change], advance=False)
        return change.contact

    def _lasted(self, seconds: float = 10.0) -> bool:
        """Whether the last connection stayed up for a while (then the back-off starts again from 0.5 s)."""
        opened = self._opened_at
        return opened is not None and asyncio.get_running_loop().time() - opened >= seconds

    _stored_any = False
    _opened_at: float | None = None


class _Refetch(Exception):
    """The hello showed the cache to be another hub's or another user's (or ahead of the hub): it was
    forgotten, and the stream must start again from 0."""


def word_of(what: str) -> Word:
    """The hub's ``change`` field as the local hub's change word (``updated`` when absent or unknown)."""
    return Word(what) if what in CALL_CHANGES else Word.UPDATED


async def _aclose(stream: AsyncIterator[StreamMessage]) -> None:
    close = getattr(stream, "aclose", None)
    if close is not None:
        try:
            await close()
        except Exception:  # closing a broken connection may fail again; the error that ended it is reported
            log.debug("hub: closing the stream failed", exc_info=True)
