"""The receiver's end of each TCP connection: aiohttp's protocol, with our answers to what arrives before a
request exists, and the connection's phase reported to the :class:`~app.server.connections.ConnectionTable`.

Why a :class:`aiohttp.web.RequestHandler` subclass: aiohttp's HTTP parser rejects a malformed request (a bad
request line, header or chunk) before any middleware runs, and answers with a text page that quotes the
offending bytes back to the sender (and logs them with a traceback). ``handle_error`` is where aiohttp
builds that answer; ours answers with the documented JSON body instead — the Cloud PBX's
``{"error": "Invalid parameters"}`` on the webhooks, a sentence on the desktop API — and logs one line
with no request bytes in it. The receiver's listener makes these handlers itself (:mod:`app.server.server`),
as ``web.Server`` would, so no aiohttp internals are patched.

Which shape to answer in is read from the first bytes of the request (``POST /api/…``): a parser error has
no parsed path.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import BadStatusLine, LineTooLong, PayloadEncodingError

from app.server import replies
from app.server.connections import ConnectionTable
from app.server.desktop_api import answers

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

API_PREFIX = b"/api/"
# What a connection refused at the limit reads (before any request of it is parsed: the path is unknown).
_REFUSAL_BODY = b'{"error":"unavailable","message":"The receiver is at its connection limit; try again shortly."}'
REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
    b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(_REFUSAL_BODY), _REFUSAL_BODY)
)


def why_malformed(exc: BaseException | None) -> str:
    """A sentence saying what is wrong, from the kind of parser error only: its message quotes the request."""
    if isinstance(exc, BadStatusLine):
        return "The request line is not valid HTTP/1.1."
    if isinstance(exc, LineTooLong):
        return "A line of the request head is too long."
    if isinstance(exc, PayloadEncodingError):
        return "The body's framing (its chunked encoding or length) is not valid."
    return "The request head is not valid HTTP/1.1 (a malformed header, conflicting framing, or too many headers)."


class EdgeHandler(web.RequestHandler):
    """One connection: aiohttp's request handling, our parser-error answers, our phase bookkeeping."""

    def __init__(self, manager: web.Server, table: ConnectionTable, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._table = table
        self._fresh = True  # no byte of the next request seen yet
        self._api = False  # the request being read is for the desktop API

    def describe(self) -> str:
        peer = self.peername
        return str(peer[0]) if isinstance(peer, tuple) else "an unknown address"

    # -- the connection's life ---------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        if not self._table.opened(self):
            self.refuse()

    def data_received(self, data: bytes) -> None:
        if self._fresh and data:
            self._fresh = False
            target = data.split(b" ", 2)
            self._api = len(target) > 1 and target[1].startswith(API_PREFIX)
            self._table.receiving(self)
        super().data_received(data)

    def connection_lost(self, exc: BaseException | None) -> None:
        self._table.closed(self)
        super().connection_lost(exc)

    def refuse(self) -> None:
        """Answer 503 and close (every slot is busy with a request)."""
        if self.transport is not None:
            self.transport.write(REFUSAL)
        self.force_close()

    def request_started(self) -> None:
        self._table.started(self)

    def request_finished(self, _task: object = None) -> None:
        self._fresh = True
        self._table.finished(self)

    # -- what aiohttp answers by itself --------------------------------------------------------------------
    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """The answer to a request aiohttp could not parse (400), or to an error that escaped every
        middleware (500; our middlewares catch them, so this is a backstop). Always closes the connection."""
        if request.writer.output_size > 0:  # aiohttp's own rule: part of an answer is out, the connection is lost
            raise ConnectionError("an answer was partly sent; no error answer can follow")
        if status >= 500:
            log.error("bug while answering a request from %s", self.describe(), exc_info=exc)
            sentence = "The receiver failed to answer (a bug: its log says more)."
            response = answers.error(status, sentence) if self._api else replies.error(status, "Internal error")
        else:
            sentence = why_malformed(exc)
            log.info("refused a malformed request from %s: %s", self.describe(), sentence)
            response = answers.error(status, sentence) if self._api else replies.refused(status)
        response.force_close()
        return response


@web.middleware
async def track_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Tell the connection table a request runs, and, once its answer is written (the request's task is done),
    that the connection waits again. Outermost middleware of the receiver's application."""
    protocol = request.protocol
    task = asyncio.current_task()
    if isinstance(protocol, EdgeHandler) and task is not None:
        protocol.request_started()
        task.add_done_callback(protocol.request_finished)
    return await handler(request)
