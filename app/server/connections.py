"""The receiver's connections: how many it holds, what each is doing, and which to let go first.

Why: a connection that never finishes a request costs a file descriptor and a slot, and aiohttp gives it
75 s (its keep-alive time-out) or, for headers trickled a byte at a time, forever. 1,100 such sockets once
took the receiver down for everyone. So each connection is in one of three phases:

- **head**: opened, or bytes arrived after an idle spell, and no complete request head yet. It gets
  ``head_timeout`` (10 s; a real client sends its head in milliseconds) from that moment, however slowly
  it trickles.
- **idle**: between keep-alive requests, nothing sent. It gets ``idle_timeout`` (30 s; longer than the
  5–15 s most clients keep an idle connection, so the client closes first and no request races our close).
- **busy**: a request is being handled, from its complete head to its last byte out. Its body has its own
  time-out (``app.server.bodies``); a desktop's stream is busy for as long as it is open.

At ``max_connections`` a new connection is still taken: the oldest connection in the head phase is closed
for it, else the oldest idle one; only when every connection is busy is the new one refused (503). So a
flood of idle sockets cannot lock the PBX out: its push is the newest connection, and the first to send.

One timer, set for the earliest deadline only: an idle receiver does not wake up.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)
_EARLY_S = 0.001  # asyncio may run a timer a clock tick early; that is not "too early" to close


@dataclass(frozen=True, slots=True)
class EdgePolicy:
    max_connections: int
    head_timeout: float = 10.0
    idle_timeout: float = 30.0


class Link(Protocol):
    """What the table needs of a connection (the receiver's :class:`~app.server.edge.EdgeHandler`)."""

    def force_close(self) -> None: ...

    def refuse(self) -> None: ...

    def describe(self) -> str: ...


class ConnectionTable:
    def __init__(self, policy: EdgePolicy, loop: asyncio.AbstractEventLoop) -> None:
        self.policy = policy
        self._loop = loop
        self._head: dict[Link, float] = {}  # since when, oldest first (insertion order = time order)
        self._idle: dict[Link, float] = {}
        self._busy: set[Link] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._closed = False

    def __len__(self) -> int:
        return len(self._head) + len(self._idle) + len(self._busy)

    @property
    def phases(self) -> dict[str, int]:
        """How many connections are in each phase (for tests and diagnostics)."""
        return {"head": len(self._head), "idle": len(self._idle), "busy": len(self._busy)}

    # -- what the connections report --------------------------------------------------------------------
    def opened(self, link: Link) -> bool:
        """A new connection; False when it must be refused (every slot busy)."""
        if len(self) >= self.policy.max_connections and not self._make_room():
            log.warning("refused a connection from %s: all %d connections are busy", link.describe(), len(self._busy))
            return False
        self._head[link] = self._loop.time()
        self._arm()
        return True

    def receiving(self, link: Link) -> None:
        """Bytes arrived on a connection that was idle: a request head is on its way."""
        if self._idle.pop(link, None) is not None:
            self._head[link] = self._loop.time()
            self._arm()

    def started(self, link: Link) -> None:
        """The connection's request head is complete and its handler runs."""
        self._head.pop(link, None)
        self._idle.pop(link, None)
        self._busy.add(link)

    def finished(self, link: Link) -> None:
        """The answer is written; the connection waits for the next request."""
        if link in self._busy:
            self._busy.discard(link)
            self._idle[link] = self._loop.time()
            self._arm()

    def closed(self, link: Link) -> None:
        self._head.pop(link, None)
        self._idle.pop(link, None)
        self._busy.discard(link)

    def close(self) -> None:
        """Stop the timer (the server is stopping; its connections are closed by aiohttp)."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # -- letting go --------------------------------------------------------------------------------------
    def _make_room(self) -> bool:
        for phase in (self._head, self._idle):
            if phase:
                oldest = next(iter(phase))
                del phase[oldest]
                log.warning(
                    "connection limit (%d) reached: closed the oldest waiting connection, from %s",
                    self.policy.max_connections,
                    oldest.describe(),
                )
                oldest.force_close()
                return True
        return False

    def _arm(self) -> None:
        if self._timer is None and not self._closed:
            deadline = self._next_deadline()
            if deadline is not None:
                self._timer = self._loop.call_at(deadline, self._expire)

    def _next_deadline(self) -> float | None:
        deadlines = [since + self.policy.head_timeout for since in _first(self._head)]
        deadlines += [since + self.policy.idle_timeout for since in _first(self._idle)]
        return min(deadlines, default=None)

    def _expire(self) -> None:
        self._timer = None
        now = self._loop.time()
        for phase, timeout, why in (
            (self._head, self.policy.head_timeout, "no complete request within %.0f s"),
            (self._idle, self.policy.idle_timeout, ""),
        ):
            while phase:
                link, since = next(iter(phase.items()))
                if now - since < timeout - _EARLY_S:
                    break
                del phase[link]
                if why:
                    log.info("closed a connection from %s: " + why, link.describe(), timeout)
                link.force_close()
        self._arm()


def _first(phase: dict[Link, float]) -> list[float]:
    return [next(iter(phase.values()))] if phase else []
