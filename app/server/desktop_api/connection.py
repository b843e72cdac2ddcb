"""One desktop's stream: its bounded queue of changes and the task that writes them to its socket.

Why a queue per connection drained by its own task: the feed hands a change to 500 connections in a few
microseconds each and never waits for a slow one; a desktop that cannot keep up (its queue over
``QUEUE_LIMIT``, or its socket's send buffer over ``BUFFER_LIMIT``) is closed with 4008 and resumes from the
store like any reconnect, instead of holding memory for it or slowing anyone else.

Why a live change is written straight to an idle connection's socket: waking 500 writer tasks to write one
frame each costs ~20 µs a task — 10 ms a change at 500 desktops, the whole latency budget (bench/hub.py).
When a connection has caught up and nothing is queued, :meth:`Connection.offer` writes the change's
pre-built frame to the transport at once (a buffered, non-blocking write); only a connection still sending
its backlog, or with changes queued, goes through its task, which keeps the order on the wire.

The order on the wire is the protocol's: ``hello``, the backlog after the desktop's number, ``caught_up``,
then live changes. The connection is registered with the feed *before* the backlog is read, so nothing
committed meanwhile is lost; a live change already covered by the backlog (its number at most the last
one examined) is skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Sequence

from aiohttp import WSMsgType, web

from app.core.users import HubUser
from app.server.desktop_api.answers import dumps
from app.server.desktop_api.items import Item, message, visible
from app.server.desktop_api.pacing import Pacer
from app.services.change_feed import ChangeReader

log = logging.getLogger(__name__)

QUEUE_LIMIT = 1_000
BUFFER_LIMIT = 1 << 20  # bytes unsent in a socket's buffer before its desktop counts as too slow
PAGE = 200  # changes read from the store at once (a page is read in one go: keep it short)
CLOSE_REVOKED = 4001
CLOSE_TOO_SLOW = 4008
CLOSE_GOING_AWAY = 1001
CLOSE_INTERNAL_ERROR = 1011


class Connection:
    def __init__(
        self,
        ws: web.WebSocketResponse,
        user: HubUser,
        token: str,
        *,
        limit: int = QUEUE_LIMIT,
        transport: asyncio.Transport | None = None,
    ) -> None:
        self.ws = ws
        self.user = user
        self.token = token
        self.limit = limit
        self.examined = 0  # every change numbered up to this was sent or judged invisible to this user
        self.close_code: int | None = None
        self._pending: deque[Item] = deque()
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None
        self._idle = False  # caught up, nothing queued, the task waiting: a live change may be written now
        self._transport = transport

    # -- the feed's side (synchronous, never waits) ---------------------------------------------------
    def offer(self, item: Item) -> None:
        """Queue a change this user may see; a full queue closes the connection with 4008."""
        if self.close_code is not None:
            return
        if self._idle and self._transport is not None and item.frame:
            self._write_now(item)
            return
        if len(self._pending) >= self.limit:
            log.warning("stream of %s: over %d changes behind; closed (4008), it resumes", self.user.login, self.limit)
            self.close(CLOSE_TOO_SLOW, "too slow: resume after your last seq")
            return
        self._pending.append(item)
        self._wake.set()

    def _write_now(self, item: Item) -> None:
        """The fast path: the frame to the socket's buffer now (the order holds: nothing is queued)."""
        transport = self._transport
        assert transport is not None
        if item.seq <= self.examined:
            return
        if transport.is_closing():
            return
        if transport.get_write_buffer_size() > BUFFER_LIMIT:
            log.warning("stream of %s: %d bytes unsent; closed (4008), it resumes", self.user.login, BUFFER_LIMIT)
            self.close(CLOSE_TOO_SLOW, "too slow: resume after your last seq")
            return
        transport.write(item.frame)
        self.examined = item.seq

    def close(self, code: int, reason: str) -> None:
        """Close now, whatever the writer is doing (a revoked user must not get one more change)."""
        if self.close_code is not None:
            return
        self.close_code = code
        self._idle = False
        self._pending.clear()
        self._closer = asyncio.get_running_loop().create_task(self._close(code, reason))

    # -- the connection's own task ---------------------------------------------------------------------
    def start(
        self, hello: dict[str, object], backlog: Sequence[Item] | None, after: int, examined: int, reader: ChangeReader
    ) -> None:
        """Start writing: ``backlog`` from the feed's memory when it covers ``after``, else from the store."""
        self._writer = asyncio.get_running_loop().create_task(
            self._write(hello, backlog, after, examined, reader), name=f"stream-{self.user.login}"
        )

    async def finished(self) -> None:
        """Stop writing and wait for the close under way (the socket is done)."""
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
        if self._closer is not None:
            await asyncio.gather(self._closer, return_exceptions=True)

    async def _write(
        self, hello: dict[str, object], backlog: Sequence[Item] | None, after: int, examined: int, reader: ChangeReader
    ) -> None:
        try:
            await self._send_json(hello)
            if backlog is not None:
                for item in backlog:
                    await self._send(item.data)
                self.examined = examined
            else:
                await self._backlog_from_store(reader, after)
            await self._send_json({"type": "caught_up", "seq": self.examined})
            while self.close_code is None:
                self._idle = not self._pending
                await self._wake.wait()
                self._idle = False
                self._wake.clear()
                while self._pending and self.close_code is None:
                    item = self._pending.popleft()
                    if item.seq > self.examined:
                        await self._send(item.data)
                        self.examined = item.seq
        except (ConnectionError, RuntimeError) as exc:  # the peer went away mid-write
            log.debug("stream of %s: write failed: %s", self.user.login, exc)
        except Exception:  # a bug or a store failure: close, so the desktop notices and resumes
            log.exception("stream of %s failed; closed (1011), it resumes", self.user.login)
            self.close(CLOSE_INTERNAL_ERROR, "the hub failed: resume after your last seq")

    async def _backlog_from_store(self, reader: ChangeReader, after: int) -> None:
        examined, pacer = after, Pacer()  # a page of changes this user may not see sends nothing: yield anyway
        while self.close_code is None:
            newest = reader.last_seq()  # everything numbered up to here is committed: a short page covers it
            page = reader.after(examined, PAGE)
            for change in page:
                if visible(self.user, change, reader):
                    await self._send_json(message(change))
                examined = change.seq
                await pacer.step()
            if len(page) < PAGE:
                examined = max(examined, newest)
                break
            await pacer.pause()
        self.examined = examined

    async def _send_json(self, data: dict[str, object]) -> None:
        await self._send(dumps(data).encode())

    async def _send(self, data: bytes) -> None:
        await self.ws.send_frame(data, WSMsgType.TEXT)

    async def _close(self, code: int, reason: str) -> None:
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.ws.close(code=code, message=reason.encode())
