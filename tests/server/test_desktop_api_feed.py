"""The stream's parts without a network: a connection that cannot keep up is closed with 4008 instead of
holding memory, a live change the backlog already covered is skipped, failed logins refill over time."""

from __future__ import annotations

import asyncio

from aiohttp import WSMsgType

from app.config.settings import Role
from app.core.users import HubUser
from app.server.desktop_api.connection import CLOSE_TOO_SLOW, Connection
from app.server.desktop_api.items import Item
from app.server.desktop_api.ratelimit import FailureLimiter

ANNA = HubUser("anna", Role.AGENT, identities={"office": "anna"})


class StuckSocket:
    """A peer that stopped reading: the first write never completes."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed: int | None = None
        self.gate = asyncio.Event()

    async def send_frame(self, data: bytes, opcode: WSMsgType) -> None:
        self.sent.append(data)
        await self.gate.wait()

    async def close(self, *, code: int, message: bytes = b"") -> bool:
        self.closed = code
        return True


async def test_a_connection_over_its_queue_is_closed_4008_at_once() -> None:
    ws = StuckSocket()
    connection = Connection(ws, ANNA, "token", limit=5)  # type: ignore[arg-type]
    connection.start({"type": "hello"}, [], after=0, examined=0, reader=None)  # type: ignore[arg-type]
    await asyncio.sleep(0.01)  # the writer is stuck on the hello
    for seq in range(1, 6):
        connection.offer(Item(seq, None, b"{}"))
    assert connection.close_code is None
    connection.offer(Item(6, None, b"{}"))
    assert connection.close_code == CLOSE_TOO_SLOW
    await connection.finished()
    assert ws.closed == CLOSE_TOO_SLOW and len(ws.sent) == 1
    connection.offer(Item(7, None, b"{}"))  # a closed connection takes nothing more


async def test_live_changes_already_covered_by_the_backlog_are_skipped() -> None:
    class Socket(StuckSocket):
        async def send_frame(self, data: bytes, opcode: WSMsgType) -> None:
            self.sent.append(data)

    ws = Socket()
    connection = Connection(ws, ANNA, "token")  # type: ignore[arg-type]
    for seq in (3, 4, 5):  # queued while the backlog (up to 4) was being sent
        connection.offer(Item(seq, None, f"{seq}".encode()))
    connection.start({"type": "hello"}, [Item(4, None, b"4")], after=2, examined=4, reader=None)  # type: ignore[arg-type]
    await asyncio.sleep(0.01)
    assert ws.sent[1:] == [b"4", b'{"type":"caught_up","seq":4}', b"5"]
    await connection.finished()


def test_failed_logins_refill_one_every_six_seconds() -> None:
    now = [100.0]
    limiter = FailureLimiter(clock=lambda: now[0])
    for _ in range(10):
        assert limiter.retry_after("198.51.100.7") == 0
        limiter.failed("198.51.100.7")
    assert limiter.retry_after("198.51.100.7") == 6 and limiter.retry_after("198.51.100.8") == 0
    now[0] += 6.0
    assert limiter.retry_after("198.51.100.7") == 0
