"""``GET /api/v1/stream?after=N``: the WebSocket each desktop keeps open to the hub.

The handler only upgrades, hands the connection to the feed (which sends ``hello``, the backlog,
``caught_up`` and then live changes from the connection's own task) and reads until the socket closes:
the desktops send nothing, but reading answers pings and notices a close. Heartbeats: a ping every 4 s,
so a dead peer is noticed within ~10 s on either side.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from app.server.desktop_api.connection import Connection
from app.server.desktop_api.params import int_param
from app.server.desktop_api.state import TOKEN, USER, api

HEARTBEAT_S = 4.0
MAX_INCOMING = 4 * 1024  # desktops send nothing; a big message is not one of ours


async def stream(request: web.Request) -> web.WebSocketResponse:
    after = int_param(request, "after", 0)
    feed = api(request).feed
    ws = web.WebSocketResponse(heartbeat=HEARTBEAT_S, compress=False, max_msg_size=MAX_INCOMING)
    await ws.prepare(request)
    transport = request.transport if isinstance(request.transport, asyncio.Transport) else None
    connection = Connection(ws, request[USER], request[TOKEN], transport=transport)
    feed.attach(connection, after)
    try:
        async for _ in ws:
            pass
    finally:
        feed.detach(connection)
        await connection.finished()
    return ws
